// SPDX-License-Identifier: Apache-2.0
// The scorecard's drill-down: for every count series, the most recent leads behind its window
// figure — a bounded list per series, mergeable like the counters.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <leadsla/time/instant.hpp>

namespace leadsla::detail {

/// A series by ids: a metric, a detail, a dimension and its value (ids of the scorecard's
/// interners).
struct SeriesId {
    std::uint16_t metric = 0;
    std::uint16_t dimension = 0;
    std::uint32_t detail = 0;
    std::uint32_t key = 0;

    friend bool operator==(const SeriesId&, const SeriesId&) = default;
};

struct SeriesIdHash {
    std::size_t operator()(const SeriesId& k) const noexcept {
        std::uint64_t h = (std::uint64_t{k.metric} << 48) ^ (std::uint64_t{k.dimension} << 40) ^
                          (std::uint64_t{k.detail} << 20) ^ k.key;
        h ^= h >> 31;
        h *= 0x9E3779B97F4A7C15ULL;
        return static_cast<std::size_t>(h ^ (h >> 29));
    }
};

/// One lead behind a count, at the instant of its most recent fact there.
struct LeadSample {
    Instant at;
    std::string lead;

    friend bool operator==(const LeadSample&, const LeadSample&) = default;
};

/// Per series, at most `limit` leads, most recent first (ties: the smaller id first), each lead
/// once. Which leads a list keeps depends only on the facts, not on their order or on how the
/// leads were partitioned: adding and merging keep the `limit` greatest under one total order.
class LeadSamples {
public:
    explicit LeadSamples(std::size_t limit = 0) : limit_(limit) {}

    [[nodiscard]] std::size_t limit() const noexcept { return limit_; }

    void add(const SeriesId& key, Instant at, std::string_view lead);
    /// Adds the other's lists, their ids mapped through `detail_map` and `key_map`.
    void merge(const LeadSamples& other,
               const std::vector<std::uint32_t>& detail_map,
               const std::vector<std::uint32_t>& key_map);

    [[nodiscard]] const std::unordered_map<SeriesId, std::vector<LeadSample>, SeriesIdHash>& lists()
        const noexcept {
        return lists_;
    }

private:
    void insert(std::vector<LeadSample>& list, Instant at, std::string_view lead) const;

    std::size_t limit_;
    std::unordered_map<SeriesId, std::vector<LeadSample>, SeriesIdHash> lists_;
};

}  // namespace leadsla::detail
