// SPDX-License-Identifier: Apache-2.0
// `leadsla explain`: one lead at one instant, for a person: every number with its reason.
#include <algorithm>
#include <memory>

#include <fmt/format.h>

#include "commands/history_commands.hpp"
#include "commands/history_options.hpp"
#include "exit_codes.hpp"
#include "history.hpp"

namespace leadsla::cli {
namespace {

struct ExplainOptions {
    HistoryOptions inputs;
    std::string lead;
};

/// `t` in the zone of calendar `name` when the policy has it, else UTC.
std::string local(Instant t, const PolicySections& p, const std::string& name) {
    const auto c = p.calendars.find(name);
    return c == p.calendars.end() ? format_instant(t) : format_instant(t, c->second.zone());
}

void print_score(const Evaluation& e, const PolicySections& p) {
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
    fmt::print("\nScore {}{}{} ({}); qualified: {}\n", e.score->total,
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
        fmt::print("  {:>7}  {:<24} {}\n",
                   fmt::format("{}{}", o.points.milli() >= 0 ? "+" : "", o.points),
                   spec.rules[o.rule].id, why);
    }
    for (std::size_t q = 0; q < e.score->qualification_explanations.size(); ++q) {
        fmt::print("  {}: {}\n", spec.qualifications[q].id, e.score->qualification_explanations[q]);
    }
}

void print_timer(const TimerResult& t, const PolicySections& p) {
    fmt::print("\nSLA {}: {}", t.sla, t.status);
    if (t.cycle > 1) {
        fmt::print(" (cycle {})", t.cycle);
    }
    fmt::print("\n");
    if (!t.problem.empty()) {
        fmt::print("  problem:   {}\n", t.problem);
    }
    if (!t.target.empty()) {
        const auto c = p.calendars.find(t.calendar);
        fmt::print("  target:    {}{}{}, {}\n", t.target, t.segment.empty() ? "" : " for segment ",
                   t.segment,
                   c == p.calendars.end() ? fmt::format("counted {}", t.calendar)
                                          : fmt::format("counted on calendar {} ({})", t.calendar,
                                                        c->second.zone().name()));
    }
    const auto line = [&](const char* label, const std::optional<Instant>& at) {
        if (at) {
            fmt::print("  {:<10} {}\n", label, local(*at, p, t.calendar));
        }
    };
    line("started:", t.started_at);
    for (const PausedSpan& s : t.paused) {
        fmt::print("  paused:    {} to {}\n", local(s.from, p, t.calendar),
                   s.to ? local(*s.to, p, t.calendar) : std::string{"now"});
    }
    if (t.original_due_at && t.original_due_at != t.due_at) {
        line("due first:", t.original_due_at);
    }
    line("due:", t.due_at);
    line("stopped:", t.stopped_at);
    line("breached:", t.breached_at);
    if (t.started_at) {
        fmt::print("  counted:   {} business elapsed, {} remaining\n", t.elapsed, t.remaining);
    }
    for (const ThresholdPassed& w : t.thresholds) {
        fmt::print("  warned:    {}.{}% at {}\n", w.permille / 10, w.permille % 10,
                   local(w.at, p, t.calendar));
    }
    if (t.recommend) {
        fmt::print("  recommend: {} ({})\n", *t.recommend, t.recommend_reason);
    }
    for (const std::string& s : t.trace) {
        fmt::print("  | {}\n", s);
    }
}

int run_explain(const ExplainOptions& o) {
    std::optional<Inputs> in = load_inputs(o.inputs);
    if (!in) {
        return exit_usage;
    }
    const PolicySet& policies = in->policies;
    const Instant now = in->now;
    const Engine& engine = policies.in_force(now);
    const History& history = in->history;
    const auto it = std::find_if(history.leads.begin(), history.leads.end(),
                                 [&](const LeadHistory& h) { return h.lead.id.value() == o.lead; });
    if (it == history.leads.end()) {
        fmt::print(stderr, "leadsla: lead \"{}\" is not in {}\n", o.lead, o.inputs.leads);
        return exit_usage;
    }
    const PolicySections& p = engine.policy();
    const RoutingState routing;  // a recommendation against an empty state: who would take it
    EvaluateOptions options;
    options.explain = ExplainLevel::conditions;
    options.routing = &routing;
    const Evaluation e = policies.evaluate(it->lead, it->activities, it->changes, now, options);

    fmt::print("Lead {} at {} under policy {} {} ({})\n", e.lead.value(), format_instant(e.now),
               e.policy_id, e.policy_version, e.policy_hash);
    fmt::print("  created {}, {} activities, {} reported stage changes{}\n",
               format_instant(it->lead.created_at), it->activities.size(), it->changes.size(),
               e.future_activities.empty()
                   ? ""
                   : fmt::format(" ({} after now, not read)", e.future_activities.size()));
    print_score(e, p);
    for (const ClassValue& v : e.segments) {
        fmt::print("\n{}: {}{}{}\n", v.classification, v.value,
                   v.explanation.empty() ? "" : " because ", v.explanation);
    }
    if (e.stage) {
        if (e.stage->changes()) {
            fmt::print("\nStage {}: the policy recommends {} ({})\n", e.stage->current,
                       e.stage->recommended, e.stage->kind);
        } else {
            fmt::print("\nStage {}: no change recommended\n", e.stage->current);
        }
        for (const std::string& s : e.stage->trace) {
            fmt::print("  | {}\n", s);
        }
    }
    if (it->lead.owner) {
        fmt::print("\nOwner {}\n", it->lead.owner->value());
    } else if (e.owner) {
        fmt::print("\nNo owner; routing recommends {}\n", *e.owner);
        for (const std::string& s : e.owner->trace) {
            fmt::print("  | {}\n", s);
        }
    }
    for (const TimerResult& t : e.timers) {
        print_timer(t, p);
    }
    if (e.cadence) {
        fmt::print("\nCadence: {} attempts over {} channels since {}: {}\n", e.cadence->attempts,
                   e.cadence->channels.size(), format_instant(e.cadence->window_start),
                   e.cadence->met ? "met" : "not met");
    }
    if (e.recycling) {
        fmt::print("\nRecycling ({}): quiet since {}, {} at {}\n", e.recycling->rule,
                   format_instant(e.recycling->quiet_since),
                   e.recycling->due
                       ? "recycle to " + std::string{to_string(e.recycling->to)} + " since"
                       : "recycle to " + std::string{to_string(e.recycling->to)} + " due",
                   format_instant(e.recycling->due_at));
    }
    for (const Violation& v : e.violations) {
        fmt::print("\nViolation {}: {}\n", v.kind, v.message);
    }
    fmt::print("\nActions owed now: {}\n", e.actions.empty() ? "none" : "");
    for (const OwedAction& a : e.actions) {
        fmt::print("  {} {} {}{} (id {})\n", format_instant(a.at), a.sla, a.kind,
                   a.action.empty() ? "" : " " + a.action, a.id);
    }
    fmt::print("Next check at: {}\n",
               e.next_check_at ? format_instant(*e.next_check_at) : std::string{"never"});
    return has_breach(e) ? exit_findings : exit_ok;
}

}  // namespace

void add_explain_command(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<ExplainOptions>();
    CLI::App* cmd = app.add_subcommand(
        "explain",
        "One lead at --now, for a person: the score rule by rule, segments, the stage criteria,\n"
        "the owner recommendation, and each SLA clock with its calendar arithmetic (start, "
        "pauses,\n"
        "due time in the calendar's zone, business time elapsed and remaining, warnings).\n"
        "Exit 0, or 1 when one of its SLAs is breached.");
    options->inputs.add_to(*cmd);
    cmd->add_option("--lead", options->lead, "The lead's id")->required();
    cmd->callback([options, &exit_code] { exit_code = run_explain(*options); });
}

}  // namespace leadsla::cli
