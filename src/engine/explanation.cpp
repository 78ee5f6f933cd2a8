// SPDX-License-Identifier: Apache-2.0
// One evaluation as text for a person: every number with its reason (`leadsla explain`).
#include <iterator>

#include <fmt/format.h>

#include <leadsla/engine/explanation.hpp>

namespace leadsla {
namespace {

using Out = std::back_insert_iterator<std::string>;

/// `t` in the zone of calendar `name` when the policy has it, else UTC.
std::string local(Instant t, const Policy& p, const std::string& name) {
    const auto c = p.calendars.find(name);
    return c == p.calendars.end() ? format_instant(t) : format_instant(t, c->second.zone());
}

void write_score(Out out, const Evaluation& e, const Policy& p) {
    if (!e.score || !p.scoring) {
        return;
    }
    const ScoringSpec& spec = p.scoring->spec();
    std::string axes;
    for (std::size_t a = 0; a < e.score->axes.size(); ++a) {
        axes += fmt::format("{}{} {}", a == 0 ? "" : ", ", spec.axes[a].id, e.score->axes[a].score);
    }
    std::string qualified;
    for (std::size_t q = 0; q < e.score->qualified.size(); ++q) {
        if (e.score->qualified[q]) {
            qualified +=
                fmt::format("{}{}", qualified.empty() ? "" : ", ", spec.qualifications[q].id);
        }
    }
    fmt::format_to(out, "\nScore {}{}{} ({}); qualified: {}\n", e.score->total,
                   e.score->grade.empty() ? "" : ", grade ", e.score->grade, axes,
                   qualified.empty() ? "none" : qualified);
    for (const RuleOutcome& o : e.score->rules) {
        if (!o.held && o.points == Points{}) {
            continue;
        }
        const std::string why = !o.explanation.empty()
                                    ? o.explanation
                                    : fmt::format("{} {} counted", o.occurrences,
                                                  o.occurrences == 1 ? "activity" : "activities");
        fmt::format_to(out, "  {:>7}  {:<24} {}\n",
                       fmt::format("{}{}", o.points.milli() >= 0 ? "+" : "", o.points),
                       spec.rules[o.rule].id, why);
    }
    for (std::size_t q = 0; q < e.score->qualification_explanations.size(); ++q) {
        fmt::format_to(out, "  {}: {}\n", spec.qualifications[q].id,
                       e.score->qualification_explanations[q]);
    }
}

void write_timer(Out out, const TimerResult& t, const Policy& p) {
    fmt::format_to(out, "\nSLA {}: {}", t.sla, t.status);
    if (t.cycle > 1) {
        fmt::format_to(out, " (cycle {})", t.cycle);
    }
    fmt::format_to(out, "\n");
    if (!t.problem.empty()) {
        fmt::format_to(out, "  problem:   {}\n", t.problem);
    }
    if (!t.target.empty()) {
        const auto c = p.calendars.find(t.calendar);
        fmt::format_to(out, "  target:    {}{}{}, {}\n", t.target,
                       t.segment.empty() ? "" : " for segment ", t.segment,
                       c == p.calendars.end() ? fmt::format("counted {}", t.calendar)
                                              : fmt::format("counted on calendar {} ({})",
                                                            t.calendar, c->second.zone().name()));
    }
    const auto line = [&](const char* label, const std::optional<Instant>& at) {
        if (at) {
            fmt::format_to(out, "  {:<10} {}\n", label, local(*at, p, t.calendar));
        }
    };
    line("started:", t.started_at);
    for (const PausedSpan& s : t.paused) {
        fmt::format_to(out, "  paused:    {} to {}\n", local(s.from, p, t.calendar),
                       s.to ? local(*s.to, p, t.calendar) : std::string{"now"});
    }
    if (t.original_due_at && t.original_due_at != t.due_at) {
        line("due first:", t.original_due_at);
    }
    line("due:", t.due_at);
    line("stopped:", t.stopped_at);
    line("breached:", t.breached_at);
    if (t.started_at) {
        fmt::format_to(out, "  counted:   {} business elapsed, {} remaining\n", t.elapsed,
                       t.remaining);
    }
    for (const ThresholdPassed& w : t.thresholds) {
        fmt::format_to(out, "  warned:    {}.{}% at {}\n", w.permille / 10, w.permille % 10,
                       local(w.at, p, t.calendar));
    }
    if (t.recommend) {
        fmt::format_to(out, "  recommend: {} ({})\n", *t.recommend, t.recommend_reason);
    }
    for (const std::string& s : t.trace) {
        fmt::format_to(out, "  | {}\n", s);
    }
}

}  // namespace

std::string explanation_text(const Evaluation& e,
                             const Policy& p,
                             const Lead& lead,
                             std::span<const Activity> activities,
                             std::span<const StageChange> changes) {
    std::string text;
    const Out out{text};
    fmt::format_to(out, "Lead {} at {} under policy {} {} ({})\n", e.lead.value(),
                   format_instant(e.now), e.policy_id, e.policy_version, e.policy_hash);
    fmt::format_to(out, "  created {}, {} activities, {} reported stage changes{}\n",
                   format_instant(lead.created_at), activities.size(), changes.size(),
                   e.future_activities.empty()
                       ? ""
                       : fmt::format(" ({} after now, not read)", e.future_activities.size()));
    for (const InputProblem& problem : e.input_problems) {
        fmt::format_to(out, "  not read: {}\n", problem);
    }
    write_score(out, e, p);
    for (const ClassValue& v : e.segments) {
        fmt::format_to(out, "\n{}: {}{}{}\n", v.classification, v.value,
                       v.explanation.empty() ? "" : " because ", v.explanation);
    }
    if (e.stage) {
        if (e.stage->changes()) {
            fmt::format_to(out, "\nStage {}: the policy recommends {} ({})\n", e.stage->current,
                           e.stage->recommended, e.stage->kind);
        } else {
            fmt::format_to(out, "\nStage {}: no change recommended\n", e.stage->current);
        }
        for (const std::string& s : e.stage->trace) {
            fmt::format_to(out, "  | {}\n", s);
        }
    }
    if (lead.owner) {
        fmt::format_to(out, "\nOwner {}\n", lead.owner->value());
    } else if (e.owner) {
        fmt::format_to(out, "\nNo owner; routing recommends {}\n", *e.owner);
        for (const std::string& s : e.owner->trace) {
            fmt::format_to(out, "  | {}\n", s);
        }
    }
    for (const TimerResult& t : e.timers) {
        write_timer(out, t, p);
    }
    if (e.cadence) {
        fmt::format_to(out, "\nCadence: {} attempts over {} channels since {}: {}\n",
                       e.cadence->attempts, e.cadence->channels.size(),
                       format_instant(e.cadence->window_start), e.cadence->met ? "met" : "not met");
    }
    if (e.recycling) {
        fmt::format_to(out, "\nRecycling ({}): quiet since {}, {} at {}\n", e.recycling->rule,
                       format_instant(e.recycling->quiet_since),
                       e.recycling->due
                           ? "recycle to " + std::string{to_string(e.recycling->to)} + " since"
                           : "recycle to " + std::string{to_string(e.recycling->to)} + " due",
                       format_instant(e.recycling->due_at));
    }
    for (const Violation& v : e.violations) {
        fmt::format_to(out, "\nViolation {}: {}\n", v.kind, v.message);
    }
    fmt::format_to(out, "\nActions owed now: {}\n", e.actions.empty() ? "none" : "");
    for (const OwedAction& a : e.actions) {
        fmt::format_to(out, "  {} {} {}{} (id {})\n", format_instant(a.at), a.sla, a.kind,
                       a.action.empty() ? "" : " " + a.action, a.id);
    }
    fmt::format_to(out, "Next check at: {}\n",
                   e.next_check_at ? format_instant(*e.next_check_at) : std::string{"never"});
    return text;
}

}  // namespace leadsla
