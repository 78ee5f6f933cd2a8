// SPDX-License-Identifier: Apache-2.0
// The outcome fit as JSON (`leadsla.outcome_fit/1`), and its predictive axis as a JSON Patch of
// the policy. Written by hand so key order and bytes are fixed.
#include <optional>
#include <string>

#include <fmt/format.h>

#include <leadsla/metrics/outcome_fit_format.hpp>
#include <leadsla/time/duration_text.hpp>

#include "metrics/json_text.hpp"

namespace leadsla {
namespace {

using detail::q;

std::string number(std::optional<std::int64_t> n) {
    return n ? fmt::format("{}", *n) : "null";
}

std::string count(const OutcomeCount& c) {
    return fmt::format(R"({{"leads":{},"converted":{},"rate_bp":{}}})", c.leads, c.converted,
                       number(c.rate_bp()));
}

std::string whole(Points p) {
    return fmt::format("{}", p.milli() / 1000);
}

}  // namespace

std::string outcome_fit_json(const OutcomeFitResult& r) {
    const OutcomeFitOptions& o = r.options;
    std::string out = R"({"format":"leadsla.outcome_fit/1")";
    out += fmt::format(
        R"(,"policy_version":{},"handover":{},"outcome":{},"from":{},"to":{},"as_of":{},)"
        R"("test_from":{},"points_to_double_odds":{},"ridge_milli":{})",
        q(r.policy_version), q(to_string(o.handover)), q(to_string(o.outcome)),
        q(format_instant(o.from)), q(format_instant(o.to)), q(format_instant(o.as_of)),
        o.test_from ? q(format_instant(*o.test_from)) : "null", o.points_to_double_odds,
        o.ridge_milli);
    out += fmt::format(
        R"(,"learnt":{},"measured":{},"held_out":{},"undecided":{},"bad_input":{},"fitted":{})",
        count(r.learnt), count(r.measured), r.held_out, r.undecided, r.bad_input, r.fitted);
    out += fmt::format(R"(,"intercept_milli":{},"base_points":{},"rules":[)", r.intercept_milli,
                       whole(r.base));
    for (std::size_t i = 0; i < r.rules.size(); ++i) {
        const RuleFit& rule = r.rules[i];
        out += fmt::format(
            R"({}{{"rule":{},"axis":{},"points":{},"fired":{},"not_fired":{},"varies":{},)"
            R"("lift_bp":{},"log_odds_milli":{},"weight_milli":{},"suggested_points":{}}})",
            i == 0 ? "" : ",", q(rule.rule), q(rule.axis), whole(rule.points), count(rule.fired),
            count(rule.not_fired), rule.varies(), number(rule.lift_bp), rule.log_odds_milli,
            rule.weight_milli, whole(rule.suggested));
    }
    out += R"(],"power":[)";
    for (std::size_t i = 0; i < r.power.size(); ++i) {
        const RankingPower& p = r.power[i];
        out += fmt::format(R"({}{{"score":{},"auc_bp":{},"top_decile_lift_bp":{}}})",
                           i == 0 ? "" : ",", q(p.score), number(p.auc_bp),
                           number(p.top_decile_lift_bp));
    }
    out += R"(],"calibration":[)";
    for (std::size_t i = 0; i < r.calibration.size(); ++i) {
        const CalibrationBand& b = r.calibration[i];
        out +=
            fmt::format(R"({}{{"from_bp":{},"to_bp":{},"observed":{},"predicted_bp":{}}})",
                        i == 0 ? "" : ",", b.from_bp, b.to_bp, count(b.observed), b.predicted_bp);
    }
    out += R"(],"rejections":[)";
    for (std::size_t i = 0; i < r.rejections.size(); ++i) {
        const RejectionProfile& p = r.rejections[i];
        out += fmt::format(R"({}{{"reason":{},"leads":{},"rules":[)", i == 0 ? "" : ",",
                           q(p.reason), p.leads);
        for (std::size_t k = 0; k < p.rules.size(); ++k) {
            out += fmt::format(R"({}{{"rule":{},"share_bp":{},"overall_share_bp":{}}})",
                               k == 0 ? "" : ",", q(p.rules[k].rule), p.rules[k].share_bp,
                               p.rules[k].overall_share_bp);
        }
        out += "]}";
    }
    out += "]}\n";
    return out;
}

Result<std::string> predictive_axis_patch_json(const OutcomeFitResult& r,
                                               const ScoringSpec& spec,
                                               std::string_view axis) {
    const auto invalid = [](std::string message) {
        return Error{ErrorCode::policy_invalid, "", std::move(message)};
    };
    if (!r.fitted) {
        return invalid("the outcome fit had nothing to learn from: no predictive axis to add");
    }
    const bool same_rules =
        spec.rules.size() == r.rules.size() &&
        std::equal(spec.rules.begin(), spec.rules.end(), r.rules.begin(),
                   [](const ScoringRuleSpec& s, const RuleFit& f) { return s.id == f.rule; });
    if (!same_rules) {
        return invalid("the scoring section is not the one the outcome fit scored");
    }
    const auto taken = [&](std::string_view id) {
        return std::any_of(spec.rules.begin(), spec.rules.end(),
                           [&](const ScoringRuleSpec& s) { return s.id == id; });
    };
    if (std::any_of(spec.axes.begin(), spec.axes.end(),
                    [&](const AxisSpec& a) { return a.id == axis; })) {
        return invalid(fmt::format("the policy has an axis \"{}\" already", axis));
    }
    std::string out = fmt::format(
        R"([{{"op":"add","path":"/scoring/axes/-","value":{{"id":{},"in_total":false}}}})",
        q(axis));
    const auto add_rule = [&](const std::string& id, const std::string& fields) -> bool {
        if (taken(id)) {
            return false;
        }
        out += fmt::format(
            R"(,{{"op":"add","path":"/scoring/rules/-","value":{{"id":{},"axis":{}{}}}}})", q(id),
            q(axis), fields);
        return true;
    };
    const std::string base_id = fmt::format("{}.base", axis);
    if (r.base.milli() != 0 &&
        !add_rule(base_id, fmt::format(R"(,"points":{},"when":"true")", whole(r.base)))) {
        return invalid(fmt::format("the policy has a rule \"{}\" already", base_id));
    }
    for (std::size_t i = 0; i < r.rules.size(); ++i) {
        if (r.rules[i].suggested.milli() == 0) {
            continue;
        }
        const ScoringRuleSpec& s = spec.rules[i];
        std::string fields = fmt::format(R"(,"points":{})", whole(r.rules[i].suggested));
        if (!s.when.empty()) {
            fields += fmt::format(R"(,"when":{})", q(s.when));
        }
        if (!s.activity.empty()) {
            fields += fmt::format(R"(,"activity":{})", q(s.activity));
            if (!s.where.empty()) {
                fields += fmt::format(R"(,"where":{})", q(s.where));
            }
            if (s.within) {
                fields += fmt::format(R"(,"within":{})", q(format_wall_duration(*s.within)));
            }
            fields += R"(,"repeat":"once")";
        }
        const std::string id = fmt::format("{}.{}", axis, s.id);
        if (!add_rule(id, fields)) {
            return invalid(fmt::format("the policy has a rule \"{}\" already", id));
        }
    }
    out += "]\n";
    return out;
}

}  // namespace leadsla
