// SPDX-License-Identifier: Apache-2.0
#include "metrics/review_figures.hpp"

#include <fmt/format.h>

#include <leadsla/scoring/points.hpp>
#include <leadsla/time/business_duration.hpp>

#include "metrics/counters.hpp"

namespace leadsla::detail {

std::string percent(std::int64_t part, std::int64_t whole) {
    if (whole <= 0) {
        return "-";
    }
    const std::int64_t tenths = (part * 2000 + whole) / (2 * whole);
    return fmt::format("{}.{}%", tenths / 10, tenths % 10);
}

std::string rate_text(const Figure& f) {
    return f.has_data() ? percent(f.count, f.denominator) : "-";
}

std::string duration_text(std::int64_t seconds) {
    return fmt::format("{}", BusinessDuration::seconds(seconds));
}

std::string spread_text(const Figure& f) {
    if (!f.has_data()) {
        return "-";
    }
    if (f.kind == Figure::Kind::points) {
        return fmt::format("{} / {}", Points::from_milli(f.p50), Points::from_milli(f.p90));
    }
    return fmt::format("{} / {}", duration_text(f.p50), duration_text(f.p90));
}

std::string target_figure_text(const AgreementTarget& t, const Figure& f) {
    if (!f.has_data()) {
        return "-";
    }
    switch (kind_of(t.metric)) {
        case MetricKind::count:
            return fmt::format("{}", f.count);
        case MetricKind::rate:
            return rate_text(f);
        case MetricKind::duration:
            return duration_text(t.metric == AgreementMetric::response_time_p50 ? f.p50 : f.p90);
        case MetricKind::amount:
            return fmt::format("{}", f.amount);
    }
    return "-";
}

std::string_view status_mark(TargetStatus s) noexcept {
    switch (s) {
        case TargetStatus::met:
            return "met";
        case TargetStatus::missed:
            return "MISSED";
        case TargetStatus::on_track:
            return "on track";
        case TargetStatus::at_risk:
            return "AT RISK";
        case TargetStatus::no_data:
            return "no data";
    }
    return "no data";
}

PeriodsMet periods_met(const TargetReview& t) noexcept {
    PeriodsMet out;
    for (const TargetPeriod& p : t.periods) {
        out.closed += p.period.running || p.status == TargetStatus::no_data ? 0U : 1U;
        out.met += p.status == TargetStatus::met ? 1U : 0U;
    }
    return out;
}

std::string target_subject(const AgreementTarget& t) {
    std::string what{to_string(t.metric)};
    if (t.metric == AgreementMetric::entries) {
        what += fmt::format("({})", t.stage);
    } else if (!t.sla.empty()) {
        what += fmt::format("({})", t.sla);
    }
    if (t.scope.dimension != Dimension::all) {
        what += fmt::format(" for {} {}", t.scope.dimension, t.scope.value);
    }
    return what;
}

const Figure& window_of(const Review& r,
                        std::string_view metric,
                        std::string_view detail,
                        Dimension d,
                        std::string_view key) {
    const Series* s = r.find(metric, detail, d, key);
    if (s != nullptr) {
        return s->window;
    }
    // A series nobody contributed to: a figure of the metric's kind with nothing in it (a count
    // of 0, a rate or a distribution without data).
    static const std::array<Figure, 5> none = [] {
        std::array<Figure, 5> out{};
        for (std::size_t i = 0; i < out.size(); ++i) {
            out[i].kind = static_cast<Figure::Kind>(i);
        }
        return out;
    }();
    for (const MetricInfo& m : metric_table()) {
        if (m.name == metric) {
            return none[static_cast<std::size_t>(m.kind)];
        }
    }
    return none[static_cast<std::size_t>(Figure::Kind::duration)];
}

std::int64_t count_of(const Review& r,
                      std::string_view metric,
                      std::string_view detail,
                      Dimension d,
                      std::string_view key) {
    return window_of(r, metric, detail, d, key).count;
}

std::vector<std::string> slas_of(const Review& r) {
    std::vector<std::string> out;
    for (const Series& s : r.series) {
        if (s.metric == "on_time_rate" && s.dimension == Dimension::all) {
            out.push_back(s.detail);
        }
    }
    return out;
}

std::vector<std::string> rejection_codes_of(const Review& r) {
    std::vector<std::string> out;
    for (const Series& s : r.series) {
        if (s.metric == "rejection_reasons" && s.dimension == Dimension::all) {
            out.push_back(s.detail);
        }
    }
    return out;
}

}  // namespace leadsla::detail
