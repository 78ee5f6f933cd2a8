// SPDX-License-Identifier: Apache-2.0
// A distribution of values (durations in seconds, or milli-points) that merges by adding
// counts: the same samples give the same distribution whatever their order or partition.
#pragma once

#include <cstdint>
#include <map>

namespace leadsla::detail {

/// Samples counted per bucket. Durations (seconds) are bucketed to the minute below 1 hour,
/// to 5 minutes below 24 hours, to the hour below 30 days and to the day beyond (so a
/// distribution of any number of samples holds at most a few thousand buckets); points are
/// kept exact. A percentile is the upper edge of the bucket that holds the nearest-rank sample
/// (for points: the sample itself).
class Distribution {
public:
    enum class Unit : std::uint8_t { seconds, milli_points };

    void add(Unit unit, std::int64_t value, std::int64_t times = 1);
    void merge(const Distribution& other);

    [[nodiscard]] std::int64_t count() const noexcept { return count_; }
    /// The nearest-rank `percent` percentile (1..100), reported as described above; 0 when
    /// empty.
    [[nodiscard]] std::int64_t percentile(Unit unit, std::int64_t percent) const noexcept;

    /// The bucket of `value` and the value a bucket reports.
    [[nodiscard]] static std::int64_t bucket(Unit unit, std::int64_t value) noexcept;
    [[nodiscard]] static std::int64_t reported(Unit unit, std::int64_t bucket) noexcept;

    friend bool operator==(const Distribution&, const Distribution&) = default;

private:
    std::map<std::int64_t, std::int64_t> buckets_;
    std::int64_t count_ = 0;
};

}  // namespace leadsla::detail
