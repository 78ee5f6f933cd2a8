// SPDX-License-Identifier: Apache-2.0
// The outcome fit as text for the review meeting.
#include <cstdint>
#include <optional>
#include <string>

#include <fmt/format.h>

#include <leadsla/metrics/outcome_fit_format.hpp>

#include "metrics/review_figures.hpp"

namespace leadsla {
namespace {

/// `units / 10^digits` with exactly `digits` decimals: `-1.204`, `0.50`.
std::string fixed(std::int64_t units, int digits) {
    std::int64_t scale = 1;
    for (int i = 0; i < digits; ++i) {
        scale *= 10;
    }
    const std::int64_t magnitude = units < 0 ? -units : units;
    return fmt::format("{}{}.{:0{}}", units < 0 ? "-" : "", magnitude / scale, magnitude % scale,
                       digits);
}

/// Basis points as a percent with one decimal, as the review prints rates: `78.7%`.
std::string percent(std::optional<std::int64_t> bp) {
    return bp ? detail::percent(*bp, 10000) : "n/a";
}

/// Basis points as a ratio with two decimals, rounded half up: `1.62`.
std::string ratio(std::optional<std::int64_t> bp) {
    return bp ? fixed((*bp + 50) / 100, 2) : "n/a";
}

std::string counted(const OutcomeCount& c) {
    return fmt::format("{} leads ({} converted, {})", c.leads, c.converted, percent(c.rate_bp()));
}

}  // namespace

std::string outcome_fit_text(const OutcomeFitResult& r) {
    const OutcomeFitOptions& o = r.options;
    std::string out = fmt::format(
        "Outcome fit: the scoring rules of version {} against reaching {} after the hand-over to "
        "{}\n",
        r.policy_version, o.outcome, o.handover);
    out += fmt::format("Leads handed over in [{}, {}), outcomes as of {}\n", format_instant(o.from),
                       format_instant(o.to), format_instant(o.as_of));
    if (r.held_out) {
        out += fmt::format("Learnt from {} handed over before {}\n", counted(r.learnt),
                           format_instant(*o.test_from));
        out += fmt::format("Measured on {} handed over from then on\n", counted(r.measured));
    } else {
        out +=
            fmt::format("Learnt from and measured on {} (no held-out leads)\n", counted(r.learnt));
    }
    out += fmt::format("Left out: {} {} without an outcome yet", r.undecided,
                       r.undecided == 1 ? "lead" : "leads");
    if (r.bad_input > 0) {
        out += fmt::format("; {} input items could not be read", r.bad_input);
    }
    out += "\n\n";
    if (!r.fitted) {
        out += "Nothing to learn: the learnt leads need both successes and failures.\n";
        return out;
    }

    out += fmt::format("Rules, on the learnt leads ({} points double the odds of success)\n",
                       o.points_to_double_odds);
    out +=
        fmt::format("  {:<28} {:>6} {:>10} {:>10} {:>6} {:>9} {:>8} {:>6} {:>9}\n", "rule", "fired",
                    "conv fired", "conv not", "lift", "log-odds", "weight", "points", "suggested");
    for (const RuleFit& rule : r.rules) {
        if (!rule.varies()) {
            out += fmt::format("  {:<28} {:>6} {:>10}   held for {} the leads: nothing to learn\n",
                               rule.rule, rule.fired.leads, percent(rule.fired.rate_bp()),
                               rule.fired.leads == 0 ? "none of" : "all");
            continue;
        }
        out += fmt::format("  {:<28} {:>6} {:>10} {:>10} {:>6} {:>9} {:>8} {:>6} {:>9}\n",
                           rule.rule, rule.fired.leads, percent(rule.fired.rate_bp()),
                           percent(rule.not_fired.rate_bp()), ratio(rule.lift_bp),
                           fixed(rule.log_odds_milli, 3), fixed(rule.weight_milli, 3),
                           fmt::format("{}", rule.points), fmt::format("{}", rule.suggested));
    }
    out += fmt::format("  {:<28} {:>71}\n", "(base: every lead)", fmt::format("{}", r.base));
    out += fmt::format("\nRanking the {} leads\n", r.held_out ? "held-out" : "learnt");
    out += fmt::format("  {:<28} {:>7} {:>16}\n", "score", "AUC", "top-decile lift");
    for (const RankingPower& p : r.power) {
        out += fmt::format("  {:<28} {:>7} {:>16}\n", p.score,
                           p.auc_bp ? fixed(*p.auc_bp, 4) : "n/a", ratio(p.top_decile_lift_bp));
    }
    out += "\nCalibration of the predictive axis\n";
    out += fmt::format("  {:<28} {:>6} {:>10} {:>10}\n", "predicted chance", "leads", "predicted",
                       "observed");
    for (const CalibrationBand& b : r.calibration) {
        out += fmt::format("  {:<28} {:>6} {:>10} {:>10}\n",
                           fmt::format("{}-{}%", b.from_bp / 100, b.to_bp / 100), b.observed.leads,
                           percent(b.predicted_bp), percent(b.observed.rate_bp()));
    }
    if (!r.rejections.empty()) {
        out += "\nRejected at the first decision, and the rules those leads shared most\n";
        for (const RejectionProfile& p : r.rejections) {
            out += fmt::format("  {} ({} leads):", p.reason.empty() ? "(no reason)" : p.reason,
                               p.leads);
            std::size_t shown = 0;
            for (const SharedRule& s : p.rules) {
                if (shown == 3 || s.share_bp <= s.overall_share_bp) {
                    break;
                }
                out += fmt::format("{} {} {} (all leads {})", shown == 0 ? "" : ",", s.rule,
                                   percent(s.share_bp), percent(s.overall_share_bp));
                ++shown;
            }
            out += shown == 0 ? " no rule more often than among all leads\n" : "\n";
        }
    }
    return out;
}

}  // namespace leadsla
