// SPDX-License-Identifier: Apache-2.0
// The names of the agreement's periods, metrics, dimensions and parties: one table each.
#include <array>
#include <utility>

#include <leadsla/sla/agreement.hpp>

namespace leadsla {
namespace {

template <typename E, std::size_t N>
std::string_view name_of(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
    for (const auto& [e, name] : table) {
        if (e == value) {
            return name;
        }
    }
    return "unknown";
}

template <typename E, std::size_t N>
std::optional<E> parse(const std::array<std::pair<E, std::string_view>, N>& table,
                       std::string_view text) {
    for (const auto& [e, name] : table) {
        if (name == text) {
            return e;
        }
    }
    return std::nullopt;
}

constexpr std::array<std::pair<Period, std::string_view>, 5> periods{{
    {Period::day, "day"},
    {Period::week, "week"},
    {Period::month, "month"},
    {Period::quarter, "quarter"},
    {Period::year, "year"},
}};

constexpr std::array<std::pair<AgreementMetric, std::string_view>, 12> metrics{{
    {AgreementMetric::leads, "leads"},
    {AgreementMetric::entries, "entries"},
    {AgreementMetric::mql_rate, "mql_rate"},
    {AgreementMetric::acceptance_rate, "acceptance_rate"},
    {AgreementMetric::rejection_rate, "rejection_rate"},
    {AgreementMetric::sql_conversion, "sql_conversion"},
    {AgreementMetric::win_rate, "win_rate"},
    {AgreementMetric::lead_to_customer, "lead_to_customer"},
    {AgreementMetric::on_time_rate, "on_time_rate"},
    {AgreementMetric::response_time_p50, "response_time_p50"},
    {AgreementMetric::response_time_p90, "response_time_p90"},
    {AgreementMetric::pipeline, "pipeline"},
}};

constexpr std::array<std::pair<Responsible, std::string_view>, 3> parties{{
    {Responsible::marketing, "marketing"},
    {Responsible::sales, "sales"},
    {Responsible::shared, "shared"},
}};

constexpr std::array<std::pair<Dimension, std::string_view>, 7> dimensions{{
    {Dimension::all, "all"},
    {Dimension::segment, "segment"},
    {Dimension::source, "source"},
    {Dimension::campaign, "campaign"},
    {Dimension::owner, "owner"},
    {Dimension::team, "team"},
    {Dimension::grade, "grade"},
}};

}  // namespace

std::string_view to_string(Period period) noexcept {
    return name_of(periods, period);
}
std::optional<Period> parse_period(std::string_view text) noexcept {
    return parse(periods, text);
}
std::string_view to_string(AgreementMetric metric) noexcept {
    return name_of(metrics, metric);
}
std::optional<AgreementMetric> parse_agreement_metric(std::string_view text) noexcept {
    return parse(metrics, text);
}
std::string_view to_string(Responsible r) noexcept {
    return name_of(parties, r);
}
std::optional<Responsible> parse_responsible(std::string_view text) noexcept {
    return parse(parties, text);
}
std::string_view to_string(Dimension d) noexcept {
    return name_of(dimensions, d);
}
std::optional<Dimension> parse_dimension(std::string_view text) noexcept {
    return parse(dimensions, text);
}

MetricKind kind_of(AgreementMetric metric) noexcept {
    switch (metric) {
        case AgreementMetric::leads:
        case AgreementMetric::entries:
            return MetricKind::count;
        case AgreementMetric::response_time_p50:
        case AgreementMetric::response_time_p90:
            return MetricKind::duration;
        case AgreementMetric::pipeline:
            return MetricKind::amount;
        case AgreementMetric::mql_rate:
        case AgreementMetric::acceptance_rate:
        case AgreementMetric::rejection_rate:
        case AgreementMetric::sql_conversion:
        case AgreementMetric::win_rate:
        case AgreementMetric::lead_to_customer:
        case AgreementMetric::on_time_rate:
            return MetricKind::rate;
    }
    return MetricKind::count;
}

std::string_view to_string(MetricKind kind) noexcept {
    switch (kind) {
        case MetricKind::count:
            return "count";
        case MetricKind::rate:
            return "rate";
        case MetricKind::duration:
            return "duration";
        case MetricKind::amount:
            return "amount";
    }
    return "count";
}

std::string to_string(const TargetValue& value) {
    switch (value.kind) {
        case MetricKind::count:
            return fmt::format("{}", value.count);
        case MetricKind::rate:
            if (value.basis_points % 100 == 0) {
                return fmt::format("{}%", value.basis_points / 100);
            }
            if (value.basis_points % 10 == 0) {
                return fmt::format("{}.{}%", value.basis_points / 100,
                                   (value.basis_points % 100) / 10);
            }
            return fmt::format("{}.{:02}%", value.basis_points / 100, value.basis_points % 100);
        case MetricKind::duration:
            return fmt::format("{}", value.duration);
        case MetricKind::amount:
            return fmt::format("{}", value.amount);
    }
    return {};
}

}  // namespace leadsla
