// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include <leadsla/engine/policy.hpp>
#include <leadsla/model/decimal.hpp>
#include <leadsla/sla/agreement.hpp>
#include <leadsla/sla/timer.hpp>
#include <leadsla/time/business_duration.hpp>
#include <leadsla/time/instant.hpp>

namespace leadsla {

/// One reporting period of a review: `[from, to)` in the reporting zone.
struct ReviewPeriod {
    std::string label;  ///< `2026-03`, `2026-W09`, `2026-Q1`, `2026`, `2026-03-02`
    Instant from;
    Instant to;
    bool running = false;  ///< contains `as_of`: its figures are partial and projected

    friend bool operator==(const ReviewPeriod&, const ReviewPeriod&) = default;
};

/// One figure of a review: a count, a rate, a distribution of durations or points, or an amount.
///
/// - count: `count`;
/// - rate: `count` of `denominator` (no data when the denominator is 0);
/// - duration: `count` samples, their median `p50` and 90th percentile `p90` in seconds (to the
///   resolution of docs/metrics.md: the minute under 1 h, 5 minutes under 24 h, the hour under
///   30 days, the day beyond);
/// - points: `count` samples, `p50` and `p90` in milli-points, exact;
/// - amount: `count` items adding up to `amount`.
struct Figure {
    enum class Kind : std::uint8_t { count, rate, duration, points, amount };
    Kind kind = Kind::count;
    std::int64_t count = 0;
    std::int64_t denominator = 0;
    std::int64_t p50 = 0;
    std::int64_t p90 = 0;
    Decimal amount;

    /// Whether the figure has anything to show (a rate with a denominator, a distribution with
    /// samples; a count or an amount always has: zero is a value).
    [[nodiscard]] bool has_data() const noexcept;
    /// A rate in basis points (6500 = 65 %), rounded half up; 0 without data.
    [[nodiscard]] std::int64_t basis_points() const noexcept;

    friend bool operator==(const Figure&, const Figure&) = default;
};

/// `12`, `65.0% (13/20)`, `p50 1h30m, p90 4h (20)`, `250000.0000 (3)`, `-` without data.
[[nodiscard]] std::string to_string(const Figure& figure);

/// One metric broken down one way, per period: e.g. the acceptance rate of team `dach` for each
/// month, and over the whole window.
struct Series {
    std::string metric;  ///< docs/metrics.md: `entries`, `acceptance_rate`, `on_time_rate`, ...
    std::string detail;  ///< what the metric is of: a stage, an SLA, a reason, a status; or empty
    Dimension dimension = Dimension::all;
    std::string key;              ///< the dimension's value; empty for `all`
    std::vector<Figure> periods;  ///< one per `Review::periods`
    Figure window;                ///< the whole window `[from, to)`
    /// Leads behind the window's count, for the drill-down: at most
    /// `ReviewOptions::leads_per_figure`, those with the most recent facts first (ties: by id).
    /// Empty for other kinds of figures, or when the review keeps none.
    std::vector<std::string> leads;

    friend bool operator==(const Series&, const Series&) = default;
};

/// Where a target stands in one of its periods.
enum class TargetStatus : std::uint8_t {
    met,       ///< a closed period that met the target
    missed,    ///< a closed period that missed it
    on_track,  ///< the running period, whose projection meets it
    at_risk,   ///< the running period, whose projection misses it
    no_data,   ///< a rate or duration with nothing to measure
};

[[nodiscard]] std::string_view to_string(TargetStatus status) noexcept;

/// A target in one of its own periods (which may be longer than the review's).
struct TargetPeriod {
    ReviewPeriod period;
    Figure actual;
    /// The running period's projection to its end (docs/metrics.md): counts and amounts scale
    /// with the share of the period's business time that has passed; rates and durations are
    /// projected as they stand.
    std::optional<Figure> projected;
    TargetStatus status = TargetStatus::no_data;

    friend bool operator==(const TargetPeriod&, const TargetPeriod&) = default;
};

/// A target of the agreement and how each of its periods in the window did.
struct TargetReview {
    AgreementTarget target;
    std::vector<TargetPeriod> periods;

    friend bool operator==(const TargetReview&, const TargetReview&) = default;
};

/// A breached clock, for the drill-down: the most recent ones, a bounded list.
struct BreachRow {
    Instant breached_at;
    std::string lead;
    std::string sla;
    TimerStatus status = TimerStatus::breached;  ///< breached (still open) or met_late
    std::string segment;
    std::string owner;
    std::string team;
    BusinessDuration elapsed;

    friend bool operator==(const BreachRow&, const BreachRow&) = default;
};

/// A policy version in force during a review's window, with the reason it exists: the review's
/// change log ("how and why the SLA changed").
struct PolicyVersionNote {
    std::string version;
    std::optional<Instant> effective_from;
    std::string hash;
    std::optional<PolicyRationale> rationale;

    friend bool operator==(const PolicyVersionNote&, const PolicyVersionNote&) = default;
};

/// The SLA review of a population over a window, as known at `as_of`: a value, computed from a
/// `Scorecard` and rendered by `review_text`, `review_json` (and hosts' own renderers). The same
/// leads give the same review, however they were partitioned and merged.
struct Review {
    std::string policy_id;
    std::string policy_version;
    std::string policy_hash;
    /// The versions in force at some instant of the window up to `as_of` (the one in force at
    /// `from`, then each that came into force later), by `effective_from`.
    std::vector<PolicyVersionNote> policy_versions;
    Instant from;
    Instant to;
    Instant as_of;
    Period period = Period::month;
    std::string zone;  ///< the reporting zone the periods are placed in
    std::vector<ReviewPeriod> periods;

    /// What was read: leads counted, leads created after `as_of` (they did not exist yet), and
    /// input that was refused (bad lines, as the host counted them).
    std::int64_t leads = 0;
    std::int64_t leads_not_yet_created = 0;
    std::int64_t bad_input = 0;

    std::vector<TargetReview> targets;  ///< in the policy's order
    std::vector<Series> series;         ///< sorted by (metric, detail, dimension, key)
    std::vector<BreachRow> breaches;    ///< most recent first, at most the scorecard's `top`
    std::int64_t breach_count = 0;      ///< all breaches in the window

    /// The series of `metric`/`detail` for `dimension` = `key`, or nullptr.
    [[nodiscard]] const Series* find(std::string_view metric,
                                     std::string_view detail = {},
                                     Dimension dimension = Dimension::all,
                                     std::string_view key = {}) const noexcept;
    /// The keys `metric`/`detail` is broken down into along `dimension`, sorted.
    [[nodiscard]] std::vector<std::string> keys(std::string_view metric,
                                                std::string_view detail,
                                                Dimension dimension) const;

    friend bool operator==(const Review&, const Review&) = default;
};

}  // namespace leadsla

template <>
struct fmt::formatter<leadsla::TargetStatus> : fmt::formatter<std::string_view> {
    template <typename FormatContext>
    auto format(leadsla::TargetStatus s, FormatContext& ctx) const {
        return fmt::formatter<std::string_view>::format(leadsla::to_string(s), ctx);
    }
};

template <>
struct fmt::formatter<leadsla::Figure> : fmt::formatter<std::string_view> {
    template <typename FormatContext>
    auto format(const leadsla::Figure& f, FormatContext& ctx) const {
        return fmt::formatter<std::string_view>::format(leadsla::to_string(f), ctx);
    }
};

/// `2026-03 [2026-02-28T23:00:00Z, 2026-03-31T22:00:00Z)`.
template <>
struct fmt::formatter<leadsla::ReviewPeriod> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    template <typename FormatContext>
    auto format(const leadsla::ReviewPeriod& p, FormatContext& ctx) const {
        return fmt::format_to(ctx.out(), "{} [{}, {}){}", p.label, leadsla::format_instant(p.from),
                              leadsla::format_instant(p.to), p.running ? " running" : "");
    }
};

/// `acceptance_rate [team dach]: 65.0% (13/20)` (the window's figure).
template <>
struct fmt::formatter<leadsla::Series> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    template <typename FormatContext>
    auto format(const leadsla::Series& s, FormatContext& ctx) const {
        auto out = fmt::format_to(ctx.out(), "{}", s.metric);
        if (!s.detail.empty()) {
            out = fmt::format_to(out, "({})", s.detail);
        }
        if (s.dimension != leadsla::Dimension::all) {
            out = fmt::format_to(out, " [{} {}]", s.dimension, s.key);
        }
        return fmt::format_to(out, ": {}", s.window);
    }
};

/// `2026-12-27T07:08:40Z L00999 sql_recycling breached (owner anna)`.
template <>
struct fmt::formatter<leadsla::BreachRow> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    template <typename FormatContext>
    auto format(const leadsla::BreachRow& b, FormatContext& ctx) const {
        return fmt::format_to(ctx.out(), "{} {} {} {} (owner {})",
                              leadsla::format_instant(b.breached_at), b.lead, b.sla, b.status,
                              b.owner);
    }
};

/// `review of kestrel-revops-sla 2026.1, 2026-01-01 .. 2027-01-01 by month, as of ...`.
template <>
struct fmt::formatter<leadsla::Review> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    template <typename FormatContext>
    auto format(const leadsla::Review& r, FormatContext& ctx) const {
        return fmt::format_to(ctx.out(), "review of {} {}, [{}, {}) by {}, as of {}: {} leads",
                              r.policy_id, r.policy_version, leadsla::format_instant(r.from),
                              leadsla::format_instant(r.to), r.period,
                              leadsla::format_instant(r.as_of), r.leads);
    }
};

/// `2026.2 from 2026-06-30T22:00:00Z: Tighten first contact (decided by Head of Sales)`.
template <>
struct fmt::formatter<leadsla::PolicyVersionNote> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    template <typename FormatContext>
    auto format(const leadsla::PolicyVersionNote& v, FormatContext& ctx) const {
        auto out = fmt::format_to(ctx.out(), "{} from {}", v.version,
                                  v.effective_from ? leadsla::format_instant(*v.effective_from)
                                                   : std::string{"the start"});
        return v.rationale ? fmt::format_to(out, ": {}", *v.rationale) : out;
    }
};
