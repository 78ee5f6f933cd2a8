// SPDX-License-Identifier: Apache-2.0
// Targets drawn from a review's history: the achieved median of the closed periods, improved
// by a step and rounded to a value people state (docs/backtest.md#target-suggestions).
#include <algorithm>
#include <iterator>

#include <leadsla/metrics/target_suggestions.hpp>

#include "metrics/json_text.hpp"
#include "metrics/review_figures.hpp"

namespace leadsla {
namespace {

/// The number a target compares in a period's figure (as `meets` reads it): a count, basis
/// points, seconds of the p50 or p90, ten-thousandths of an amount.
std::int64_t number_of(const AgreementTarget& t, const Figure& f) {
    switch (t.value.kind) {
        case MetricKind::count:
            return f.count;
        case MetricKind::rate:
            return f.basis_points();
        case MetricKind::duration:
            return t.metric == AgreementMetric::response_time_p50 ? f.p50 : f.p90;
        case MetricKind::amount:
            return f.amount.units();
    }
    return 0;
}

TargetValue value_of(MetricKind kind, std::int64_t n) {
    TargetValue v;
    v.kind = kind;
    switch (kind) {
        case MetricKind::count:
            v.count = n;
            break;
        case MetricKind::rate:
            v.basis_points = n;
            break;
        case MetricKind::duration:
            v.duration = BusinessDuration::seconds(n);
            break;
        case MetricKind::amount:
            v.amount = Decimal::from_units(n);
            break;
    }
    return v;
}

/// `n` rounded to a multiple of `unit`: up or down.
std::int64_t round_to(std::int64_t n, std::int64_t unit, bool up) {
    const std::int64_t down = n / unit * unit - (n % unit < 0 ? unit : 0);
    return up && down != n ? down + unit : down;
}

/// The unit a target of `kind` near `n` is stated in: a whole count; a whole percent (a tenth
/// under 10 %); durations to the review's resolution (the minute under 1 h, 5 minutes under
/// 24 h, the hour beyond); amounts to three significant digits.
std::int64_t unit_of(MetricKind kind, std::int64_t n) {
    switch (kind) {
        case MetricKind::count:
            return 1;
        case MetricKind::rate:
            return n >= 1000 ? 100 : 10;
        case MetricKind::duration:
            return n < 3600 ? 60 : n < 86400 ? 300 : 3600;
        case MetricKind::amount: {
            std::int64_t unit = Decimal::scale;
            for (std::int64_t whole = n / Decimal::scale; whole >= 1000; whole /= 10) {
                unit *= 10;
            }
            return unit;
        }
    }
    return 1;
}

/// The median of sorted `v` (the mean of the middle two, half up, for an even count).
std::int64_t median(const std::vector<std::int64_t>& v) {
    const std::size_t m = v.size() / 2;
    if (v.size() % 2 == 1) {
        return v[m];
    }
    const std::int64_t a = v[m - 1];
    const std::int64_t b = v[m];
    return a + (b - a + 1) / 2;
}

}  // namespace

std::string_view TargetSuggestion::direction() const noexcept {
    if (!changes()) {
        return "unchanged";
    }
    const auto n = [&](const TargetValue& v) {
        switch (v.kind) {
            case MetricKind::count:
                return v.count;
            case MetricKind::rate:
                return v.basis_points;
            case MetricKind::duration:
                return v.duration.count();
            case MetricKind::amount:
                return v.amount.units();
        }
        return std::int64_t{0};
    };
    const bool higher = n(suggested) > n(target.value);
    return higher == target.at_least ? "stricter" : "looser";
}

std::vector<TargetSuggestion> suggest_targets(const Review& review,
                                              const SuggestionOptions& options) {
    std::vector<TargetSuggestion> out;
    for (const TargetReview& tr : review.targets) {
        const AgreementTarget& t = tr.target;
        TargetSuggestion s;
        s.target = t;
        s.suggested = t.value;
        std::vector<std::int64_t> numbers;
        for (const TargetPeriod& p : tr.periods) {
            if (p.status == TargetStatus::met || p.status == TargetStatus::missed) {
                numbers.push_back(number_of(t, p.actual));
                s.periods_met += p.status == TargetStatus::met ? 1 : 0;
            }
        }
        s.periods = static_cast<std::int64_t>(numbers.size());
        const MetricKind kind = t.value.kind;
        const char* op = t.at_least ? ">=" : "<=";
        if (numbers.empty()) {
            s.rationale =
                fmt::format("no closed {} with data in the window: kept as stated", t.period);
            out.push_back(std::move(s));
            continue;
        }
        std::sort(numbers.begin(), numbers.end());
        const std::int64_t achieved = median(numbers);
        s.achieved = value_of(kind, achieved);
        s.lowest = value_of(kind, numbers.front());
        s.highest = value_of(kind, numbers.back());
        // Better is higher for `at_least`, lower for `at_most`; durations tighten by their own
        // step. The step is taken on the achieved median, then rounded towards better.
        const std::int32_t step = std::clamp(
            kind == MetricKind::duration ? options.tighten_permille : options.improve_permille, 0,
            1000);
        const std::int64_t permille = t.at_least ? 1000 + step : 1000 - step;
        std::int64_t goal = 0;
        if (__builtin_mul_overflow(achieved, permille, &goal)) {
            goal = achieved;  // beyond any stated target: keep the achieved figure
        } else {
            goal = (goal + (goal >= 0 ? 500 : -500)) / 1000;
        }
        goal = round_to(goal, unit_of(kind, goal), t.at_least);
        if (kind == MetricKind::rate) {
            goal = std::clamp<std::int64_t>(goal, 0, 10000);
        } else {
            goal = std::max<std::int64_t>(goal, 0);
        }
        if (kind == MetricKind::duration && goal == 0) {
            goal = unit_of(kind, 0);  // a response time of zero is no target
        }
        s.suggested = value_of(kind, goal);
        const std::string what = detail::target_subject(t);
        s.rationale = fmt::format(
            "{} was {} at the median of {} closed {}s ({} to {}), which met the stated {} {} in "
            "{} of {}; {} {}.{} % and rounded: {} {}",
            what, to_string(*s.achieved), s.periods, t.period, to_string(*s.lowest),
            to_string(*s.highest), op, to_string(t.value), s.periods_met, s.periods,
            kind == MetricKind::duration ? "tightened" : "improved", step / 10, step % 10, op,
            to_string(s.suggested));
        out.push_back(std::move(s));
    }
    return out;
}

std::string suggestions_patch_json(std::span<const TargetSuggestion> suggestions) {
    std::string out = "[";
    bool first = true;
    for (const TargetSuggestion& s : suggestions) {
        if (!s.changes()) {
            continue;
        }
        const std::string path =
            fmt::format("{}/{}", s.target.pointer, s.target.at_least ? "at_least" : "at_most");
        const std::string value = s.suggested.kind == MetricKind::count
                                      ? fmt::format("{}", s.suggested.count)
                                      : detail::q(to_string(s.suggested));
        fmt::format_to(std::back_inserter(out),
                       "{}\n  {{\"op\":\"replace\",\"path\":{},\"value\":{}}}", first ? "" : ",",
                       detail::q(path), value);
        first = false;
    }
    out += first ? "]\n" : "\n]\n";
    return out;
}

std::string suggestions_text(std::span<const TargetSuggestion> suggestions) {
    std::string out =
        "Target suggestions (closed periods of the window; the running one is left out)\n";
    for (const TargetSuggestion& s : suggestions) {
        const char* op = s.target.at_least ? ">=" : "<=";
        fmt::format_to(std::back_inserter(out), "  {} ({}): {} per {}\n", s.target.id,
                       s.target.responsible, detail::target_subject(s.target), s.target.period);
        fmt::format_to(std::back_inserter(out), "    stated {} {}, suggested {} {} ({})\n", op,
                       to_string(s.target.value), op, to_string(s.suggested), s.direction());
        fmt::format_to(std::back_inserter(out), "    {}\n", s.rationale);
    }
    return out;
}

}  // namespace leadsla
