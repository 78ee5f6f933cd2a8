// SPDX-License-Identifier: Apache-2.0
// The scorecard's insides: what each lead contributes, keyed so that partitions merge by adding.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <leadsla/engine/policy_set.hpp>
#include <leadsla/metrics/review.hpp>
#include <leadsla/metrics/scorecard.hpp>
#include <leadsla/time/business_calendar.hpp>

#include "metrics/distribution.hpp"
#include "metrics/lead_samples.hpp"
#include "metrics/period_grid.hpp"

namespace leadsla::detail {

/// The metrics a scorecard counts (docs/metrics.md defines each). The order is the order of the
/// names in `metric_table`.
enum class Metric : std::uint16_t {
    leads,
    mql_rate,
    lead_to_customer,
    entries,
    velocity_to_mql,
    velocity_to_mql_calendar,
    mql_score,
    mql_grade,
    mql_cycles,
    funnel,
    mql_outcome,
    acceptance_rate,
    rejection_rate,
    rejection_reasons,
    sql_conversion,
    sql_to_opportunity,
    win_rate,
    pipeline,
    deal_size,
    sales_cycle,
    status_update_time,
    cadence_compliance,
    clocks,
    on_time_rate,
    response_time,
    response_buckets,
    breaches,
    stalled,
    recycled,
    open_clocks,
    at_risk_now,
};

struct MetricInfo {
    Metric metric;
    std::string_view name;
    Figure::Kind kind;
};

/// Every metric with its name in reviews and the kind of its figures.
[[nodiscard]] const std::vector<MetricInfo>& metric_table();
[[nodiscard]] const MetricInfo& info(Metric m);

/// The dimensions a lead is broken down by, in `Dimension` order after `all`.
inline constexpr std::size_t dimension_count = 6;
using Profile = std::array<std::string, dimension_count>;  // segment .. grade

/// Where a figure is kept: which grid (the review's periods, or a target's), which period, which
/// metric and detail, which profile of dimension values.
struct CellKey {
    std::uint16_t grid = 0;
    std::uint16_t metric = 0;
    std::uint32_t period = 0;
    std::uint32_t detail = 0;
    std::uint32_t profile = 0;

    friend bool operator==(const CellKey&, const CellKey&) = default;
};

struct CellKeyHash {
    std::size_t operator()(const CellKey& k) const noexcept {
        std::uint64_t h =
            (std::uint64_t{k.grid} << 48) ^ (std::uint64_t{k.metric} << 32) ^ k.period;
        h ^= (std::uint64_t{k.detail} << 20) ^ (std::uint64_t{k.profile} * 0x9E3779B97F4A7C15ULL);
        h ^= h >> 29;
        h *= 0xBF58476D1CE4E5B9ULL;
        return static_cast<std::size_t>(h ^ (h >> 32));
    }
};

/// A count, or a rate's numerator and denominator; an amount's sum and items.
struct Tally {
    std::int64_t count = 0;
    std::int64_t denominator = 0;
    Decimal amount;
};

struct TextHash {
    std::size_t operator()(const std::string& s) const noexcept {
        return std::hash<std::string_view>{}(s);
    }
    std::size_t operator()(const Profile& p) const noexcept {
        std::size_t h = 0;
        for (const std::string& s : p) {
            h = h * 31 + std::hash<std::string_view>{}(s);
        }
        return h;
    }
};

/// Values given small numbers, the same value the same number (within one scorecard; a merge
/// maps the other's numbers through the values).
template <typename T>
class Interner {
public:
    std::uint32_t id(const T& value) {
        const auto [it, added] =
            index_.try_emplace(value, static_cast<std::uint32_t>(values_.size()));
        if (added) {
            values_.push_back(value);
        }
        return it->second;
    }
    [[nodiscard]] const T& value(std::uint32_t id) const { return values_[id]; }
    [[nodiscard]] std::size_t size() const noexcept { return values_.size(); }

private:
    std::unordered_map<T, std::uint32_t, TextHash> index_;
    std::vector<T> values_;
};

/// The detail ids a lead's facts use most, worked out once per scorecard.
struct KnownDetails {
    std::array<std::uint32_t, stage_names.size()> stages{};
    std::uint32_t accepted = 0;
    std::uint32_t rejected = 0;
    std::uint32_t pending = 0;
    struct Sla {
        std::string id;
        std::uint32_t detail = 0;
        std::array<std::uint32_t, 9> by_status{};  // by TimerStatus
        std::array<std::uint32_t, 4> buckets{};    // < 1h, 1-4h, 4-24h, > 24h
    };
    std::vector<Sla> slas;  // in the policy's order
};

}  // namespace leadsla::detail

namespace leadsla {

struct Scorecard::Impl {
    Impl(PolicySet p, ReviewOptions o, AgreementSpec a, Zone z)
        : policies(std::move(p)),
          options(o),
          agreement(std::move(a)),
          zone(z),
          samples(o.leads_per_figure) {}

    PolicySet policies;
    ReviewOptions options;
    AgreementSpec agreement;
    Zone zone;
    std::optional<BusinessCalendar> calendar;  // business time of the reporting calendar
    std::vector<detail::PeriodGrid> grids;     // [0]: the review's; then the targets' kinds
    std::optional<std::size_t> segment_index;  // the reporting classification
    std::map<std::string, std::string, std::less<>> team_of;  // owner -> first team
    std::vector<std::string> response_slas;
    std::map<std::string, Stage, std::less<>> recycles_to;  // SLAs whose breach recycles the lead
    std::vector<std::string> reasons_needing_cadence;

    detail::Interner<detail::Profile> profiles;
    /// Per profile id, its value in each dimension (`Dimension` order, `all` first) as ids of
    /// `keys`: the drill-down's series keys.
    std::vector<std::array<std::uint32_t, detail::dimension_count + 1>> profile_keys;
    detail::Interner<std::string> keys;
    detail::LeadSamples samples;
    detail::Interner<std::string> details;
    detail::KnownDetails known;
    std::unordered_map<detail::CellKey, detail::Tally, detail::CellKeyHash> tallies;
    std::unordered_map<detail::CellKey, detail::Distribution, detail::CellKeyHash> distributions;
    std::vector<BreachRow> breaches;  // the most recent `options.top`, most recent first

    std::int64_t leads = 0;
    std::int64_t leads_not_yet_created = 0;
    std::int64_t bad_input = 0;

    void add(const Lead& lead,
             std::span<const Activity> activities,
             std::span<const StageChange> reported,
             std::span<const PastAttributes> past_attributes);
    void merge(const Impl& other);
    /// The id of a profile, interned with its drill-down keys.
    std::uint32_t profile_id(const detail::Profile& p);
    [[nodiscard]] Review review() const;
};

}  // namespace leadsla
