// SPDX-License-Identifier: Apache-2.0
// An Evaluation as JSON.
#include <array>

#include <nlohmann/json.hpp>

#include <leadsla/io/evaluation_json.hpp>

namespace leadsla {
namespace {

using nlohmann::json;

json instant_json(const std::optional<Instant>& t) {
    return t ? json(format_instant(*t)) : json(nullptr);
}

/// Points as a JSON number: integers stay integers, fractions keep their exact digits.
json points_json(Points p) {
    const std::string text = fmt::format("{}", p);
    return json::parse(text);
}

json strings_json(const std::vector<std::string>& list) {
    return list;
}

json score_json(const ScoreCard& card, const ScoringModel& model) {
    const ScoringSpec& spec = model.spec();
    json axes = json::object();
    for (std::size_t a = 0; a < card.axes.size() && a < spec.axes.size(); ++a) {
        axes[spec.axes[a].id] = points_json(card.axes[a].score);
    }
    json qualified = json::array();
    for (std::size_t q = 0; q < card.qualified.size() && q < spec.qualifications.size(); ++q) {
        if (card.qualified[q]) {
            qualified.push_back(spec.qualifications[q].id);
        }
    }
    json out{{"total", points_json(card.total)},
             {"axes", std::move(axes)},
             {"qualified", std::move(qualified)}};
    if (!card.grade.empty()) {
        out["grade"] = card.grade;
    }
    if (!card.rules.empty()) {
        json rules = json::array();
        for (const RuleOutcome& o : card.rules) {
            json r{
                {"id", spec.rules[o.rule].id}, {"held", o.held}, {"points", points_json(o.points)}};
            if (o.occurrences > 0) {
                r["occurrences"] = o.occurrences;
            }
            if (!o.explanation.empty()) {
                r["because"] = o.explanation;
            }
            rules.push_back(std::move(r));
        }
        out["rules"] = std::move(rules);
    }
    if (!card.qualification_explanations.empty()) {  // ExplainLevel::conditions
        json qualifications = json::array();
        for (std::size_t q = 0;
             q < card.qualification_explanations.size() && q < spec.qualifications.size(); ++q) {
            qualifications.push_back({{"id", spec.qualifications[q].id},
                                      {"held", q < card.qualified.size() && card.qualified[q]},
                                      {"because", card.qualification_explanations[q]}});
        }
        out["qualifications"] = std::move(qualifications);
    }
    return out;
}

json timer_json(const TimerResult& t) {
    json out{{"sla", t.sla}, {"status", std::string{to_string(t.status)}}, {"cycle", t.cycle}};
    if (!t.calendar.empty()) {
        out["calendar"] = t.calendar;
    }
    if (!t.target.empty()) {
        out["target"] = t.target;
    }
    if (!t.segment.empty()) {
        out["segment"] = t.segment;
    }
    const std::array<std::pair<const char*, const std::optional<Instant>*>, 6> instants{
        {{"started_at", &t.started_at},
         {"due_at", &t.due_at},
         {"original_due_at", &t.original_due_at},
         {"stopped_at", &t.stopped_at},
         {"breached_at", &t.breached_at},
         {"next_change", &t.next_change}}};
    for (const auto& [key, value] : instants) {
        if (*value) {
            out[key] = format_instant(**value);
        }
    }
    if (t.started_at) {
        out["elapsed"] = fmt::format("{}", t.elapsed);
        out["remaining"] = fmt::format("{}", t.remaining);
    }
    if (!t.paused.empty()) {
        json spans = json::array();
        for (const PausedSpan& p : t.paused) {
            spans.push_back({{"from", format_instant(p.from)}, {"to", instant_json(p.to)}});
        }
        out["paused"] = std::move(spans);
    }
    if (!t.thresholds.empty()) {
        json passed = json::array();
        for (const ThresholdPassed& p : t.thresholds) {
            passed.push_back({{"permille", p.permille}, {"at", format_instant(p.at)}});
        }
        out["thresholds"] = std::move(passed);
    }
    if (t.recommend) {
        out["recommend"] = {{"stage", std::string{to_string(*t.recommend)}},
                            {"reason", t.recommend_reason}};
    }
    if (!t.problem.empty()) {
        out["problem"] = t.problem;
    }
    if (!t.policy_version.empty()) {
        out["policy_version"] = t.policy_version;
    }
    if (!t.trace.empty()) {
        out["trace"] = strings_json(t.trace);
    }
    return out;
}

json action_json(const OwedAction& a) {
    json out{{"id", a.id}, {"sla", a.sla}, {"kind", a.kind}, {"at", format_instant(a.at)}};
    if (!a.action.empty()) {
        out["action"] = a.action;
    }
    return out;
}

}  // namespace

std::string evaluation_json(const Evaluation& e, const Policy& policy) {
    json out{
        {"lead", e.lead.value()},
        {"now", format_instant(e.now)},
        {"policy", {{"id", e.policy_id}, {"version", e.policy_version}, {"hash", e.policy_hash}}}};
    if (e.score && policy.scoring) {
        out["score"] = score_json(*e.score, *policy.scoring);
    }
    if (!e.segments.empty()) {
        json segments = json::object();
        for (const ClassValue& v : e.segments) {
            segments[v.classification] = v.value;
        }
        out["segments"] = std::move(segments);
    }
    if (e.stage) {
        json path = json::array();
        for (const Stage s : e.stage->path) {
            path.push_back(std::string{to_string(s)});
        }
        out["stage"] = {{"current", std::string{to_string(e.stage->current)}},
                        {"recommended", std::string{to_string(e.stage->recommended)}},
                        {"kind", std::string{to_string(e.stage->kind)}},
                        {"path", std::move(path)}};
        if (!e.stage->trace.empty()) {
            out["stage"]["trace"] = strings_json(e.stage->trace);
        }
    }
    if (e.owner) {
        out["owner"] = {{"owner", e.owner->owner.value()},
                        {"kind", std::string{to_string(e.owner->kind)}},
                        {"territory", e.owner->territory},
                        {"team", e.owner->team}};
        if (!e.owner->trace.empty()) {
            out["owner"]["trace"] = strings_json(e.owner->trace);
        }
    }
    json timers = json::array();
    for (const TimerResult& t : e.timers) {
        timers.push_back(timer_json(t));
    }
    out["timers"] = std::move(timers);
    json violations = json::array();
    for (const Violation& v : e.violations) {
        violations.push_back({{"kind", std::string{to_string(v.kind)}},
                              {"at", format_instant(v.change.at)},
                              {"from", std::string{to_string(v.change.from)}},
                              {"to", std::string{to_string(v.change.to)}},
                              {"message", v.message}});
    }
    out["violations"] = std::move(violations);
    if (e.cadence) {
        out["cadence"] = {{"attempts", e.cadence->attempts},
                          {"channels", strings_json(e.cadence->channels)},
                          {"window_start", format_instant(e.cadence->window_start)},
                          {"met", e.cadence->met}};
    }
    if (e.recycling) {
        out["recycling"] = {{"rule", e.recycling->rule},
                            {"to", std::string{to_string(e.recycling->to)}},
                            {"quiet_since", format_instant(e.recycling->quiet_since)},
                            {"due_at", format_instant(e.recycling->due_at)},
                            {"due", e.recycling->due}};
    }
    json actions = json::array();
    for (const OwedAction& a : e.actions) {
        actions.push_back(action_json(a));
    }
    out["actions"] = std::move(actions);
    if (!e.future_activities.empty()) {
        json future = json::array();
        for (const ActivityId& id : e.future_activities) {
            future.push_back(id.value());
        }
        out["future_activities"] = std::move(future);
    }
    if (!e.input_problems.empty()) {
        json problems = json::array();
        for (const InputProblem& p : e.input_problems) {
            json one{{"kind", to_string(p.kind)}, {"where", p.where}};
            if (p.kind == InputProblem::Kind::wrong_type) {
                one["expected"] = to_string(p.expected);
                one["actual"] = to_string(p.actual);
            }
            problems.push_back(std::move(one));
        }
        out["input_problems"] = std::move(problems);
    }
    out["next_check_at"] = instant_json(e.next_check_at);
    return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace leadsla
