// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include <leadsla/model/decimal.hpp>
#include <leadsla/model/stage.hpp>
#include <leadsla/time/business_duration.hpp>

namespace leadsla {

/// The reporting periods of the review, placed in the agreement's reporting zone.
enum class Period : std::uint8_t {
    day,
    week,  ///< ISO week: Monday to Sunday
    month,
    quarter,
    year,
};

/// `day`, `week`, `month`, `quarter`, `year`.
[[nodiscard]] std::string_view to_string(Period period) noexcept;
[[nodiscard]] std::optional<Period> parse_period(std::string_view text) noexcept;

/// The metrics an agreement target can name (docs/metrics.md defines each: numerator,
/// denominator, and whether it counts a period's events or a period's cohort).
enum class AgreementMetric : std::uint8_t {
    leads,              ///< count: leads created in the period
    entries,            ///< count: entries into `stage` in the period (e.g. 60 MQLs a month)
    mql_rate,           ///< rate, cohort of leads created: reached MQL
    acceptance_rate,    ///< rate, cohort of MQLs: accepted / (accepted + rejected)
    rejection_rate,     ///< rate, cohort of MQLs: rejected / (accepted + rejected)
    sql_conversion,     ///< rate, cohort of MQLs: reached SQL
    win_rate,           ///< rate, cohort of opportunities: won / (won + lost)
    lead_to_customer,   ///< rate, cohort of leads created: became a customer
    on_time_rate,       ///< rate, clocks of `sla` started in the period: met on time
    response_time_p50,  ///< duration: median business time to stop `sla`'s clocks
    response_time_p90,  ///< duration: 90th percentile of the same
    pipeline,           ///< amount: sum of the amount attribute of new opportunities
};

/// The name used in policies, e.g. `acceptance_rate`.
[[nodiscard]] std::string_view to_string(AgreementMetric metric) noexcept;
[[nodiscard]] std::optional<AgreementMetric> parse_agreement_metric(std::string_view text) noexcept;

/// What kind of number a metric is, and so how its target is written: a count (`60`), a rate
/// (`"65%"`), a business duration (`"4h"`) or an amount (`"250000.00"`).
enum class MetricKind : std::uint8_t { count, rate, duration, amount };

[[nodiscard]] MetricKind kind_of(AgreementMetric metric) noexcept;
[[nodiscard]] std::string_view to_string(MetricKind kind) noexcept;

/// Who answers for a target: the source material's "shared responsibility for shared metrics".
enum class Responsible : std::uint8_t { marketing, sales, shared };

[[nodiscard]] std::string_view to_string(Responsible r) noexcept;
[[nodiscard]] std::optional<Responsible> parse_responsible(std::string_view text) noexcept;

/// The part of the population a target or a breakdown is about.
enum class Dimension : std::uint8_t {
    all,       ///< everything
    segment,   ///< the lead's value of the reporting classification (e.g. enterprise)
    source,    ///< the lead's source attribute
    campaign,  ///< the lead's campaign attribute
    owner,     ///< the lead's owner
    team,      ///< the owner's routing team
    grade,     ///< the lead's grade (at its MQL for the MQL cohort's figures, else as of now)
};

/// `all`, `segment`, `source`, `campaign`, `owner`, `team`, `grade`.
[[nodiscard]] std::string_view to_string(Dimension d) noexcept;
[[nodiscard]] std::optional<Dimension> parse_dimension(std::string_view text) noexcept;

/// A scope: all leads, or those whose `dimension` has `value`.
struct Scope {
    Dimension dimension = Dimension::all;
    std::string value;

    friend bool operator==(const Scope&, const Scope&) = default;
    friend auto operator<=>(const Scope&, const Scope&) = default;
};

/// A target value, of the metric's kind. Rates are in basis points (6500 = 65 %), so they stay
/// exact integers.
struct TargetValue {
    MetricKind kind = MetricKind::count;
    std::int64_t count = 0;         ///< count
    std::int64_t basis_points = 0;  ///< rate
    BusinessDuration duration;      ///< duration (business time on the reporting calendar)
    Decimal amount;                 ///< amount

    friend bool operator==(const TargetValue&, const TargetValue&) = default;
};

/// `60`, `65.0%`, `4h`, `250000`.
[[nodiscard]] std::string to_string(const TargetValue& value);

/// One target of the agreement, e.g. "at least 60 MQLs a month, marketing's".
struct AgreementTarget {
    std::string id;
    AgreementMetric metric = AgreementMetric::entries;
    Stage stage = Stage::mql;  ///< `entries`
    std::string sla;           ///< `on_time_rate`, `response_time_*`
    Period period = Period::month;
    Scope scope;
    bool at_least = true;  ///< false: at most
    TargetValue value;
    Responsible responsible = Responsible::shared;
    std::string pointer;  ///< JSON pointer of the target, for errors

    friend bool operator==(const AgreementTarget&, const AgreementTarget&) = default;
};

/// The agreement section of a policy: how the review is reported and what it is measured
/// against (docs/metrics.md).
struct AgreementSpec {
    /// The calendar whose zone places the periods and whose hours count business durations
    /// (velocity, status update time); or, without a calendar, a zone (durations then count
    /// wall-clock time). One of the two is required when targets or a review need periods.
    std::string calendar;
    std::string zone;
    /// The classification whose value is the `segment` dimension; empty: the policy's first.
    std::string segment;
    std::string source;    ///< the lead attribute of the `source` dimension (a string)
    std::string campaign;  ///< the lead attribute of the `campaign` dimension (a string)
    std::string amount;    ///< the lead attribute holding the deal amount (a decimal)
    /// The SLAs whose clocks measure first response (response-time buckets, p50/p90); empty:
    /// every SLA that does not recycle on breach.
    std::vector<std::string> response_slas;
    std::vector<AgreementTarget> targets;

    friend bool operator==(const AgreementSpec&, const AgreementSpec&) = default;
};

}  // namespace leadsla

template <>
struct fmt::formatter<leadsla::Period> : fmt::formatter<std::string_view> {
    template <typename FormatContext>
    auto format(leadsla::Period p, FormatContext& ctx) const {
        return fmt::formatter<std::string_view>::format(leadsla::to_string(p), ctx);
    }
};

template <>
struct fmt::formatter<leadsla::AgreementMetric> : fmt::formatter<std::string_view> {
    template <typename FormatContext>
    auto format(leadsla::AgreementMetric m, FormatContext& ctx) const {
        return fmt::formatter<std::string_view>::format(leadsla::to_string(m), ctx);
    }
};

template <>
struct fmt::formatter<leadsla::Dimension> : fmt::formatter<std::string_view> {
    template <typename FormatContext>
    auto format(leadsla::Dimension d, FormatContext& ctx) const {
        return fmt::formatter<std::string_view>::format(leadsla::to_string(d), ctx);
    }
};

template <>
struct fmt::formatter<leadsla::Responsible> : fmt::formatter<std::string_view> {
    template <typename FormatContext>
    auto format(leadsla::Responsible r, FormatContext& ctx) const {
        return fmt::formatter<std::string_view>::format(leadsla::to_string(r), ctx);
    }
};

template <>
struct fmt::formatter<leadsla::TargetValue> : fmt::formatter<std::string_view> {
    template <typename FormatContext>
    auto format(const leadsla::TargetValue& v, FormatContext& ctx) const {
        return fmt::formatter<std::string_view>::format(leadsla::to_string(v), ctx);
    }
};

/// `mql_volume: entries(mql) >= 60 per month (marketing)`.
template <>
struct fmt::formatter<leadsla::AgreementTarget> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    template <typename FormatContext>
    auto format(const leadsla::AgreementTarget& t, FormatContext& ctx) const {
        auto out = fmt::format_to(ctx.out(), "{}: {}", t.id, t.metric);
        if (t.metric == leadsla::AgreementMetric::entries) {
            out = fmt::format_to(out, "({})", t.stage);
        } else if (!t.sla.empty()) {
            out = fmt::format_to(out, "({})", t.sla);
        }
        if (t.scope.dimension != leadsla::Dimension::all) {
            out = fmt::format_to(out, " [{} {}]", t.scope.dimension, t.scope.value);
        }
        return fmt::format_to(out, " {} {} per {} ({})", t.at_least ? ">=" : "<=", t.value,
                              t.period, t.responsible);
    }
};
