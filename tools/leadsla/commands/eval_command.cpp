// SPDX-License-Identifier: Apache-2.0
// `leadsla eval`: a history evaluated at one instant, one result per lead.
#include <algorithm>
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include <leadsla/io/evaluation_json.hpp>

#include "commands/history_commands.hpp"
#include "commands/history_options.hpp"
#include "exit_codes.hpp"
#include "history.hpp"

namespace leadsla::cli {
namespace {

struct EvalOptions {
    HistoryOptions inputs;
    bool explain = false;
    bool strict = false;
    std::string format = "json";
};

/// `L0042  mql -> sal  score 65 B2  owner rep-3  first_contact met_on_time  ...`
std::string text_line(const Evaluation& e) {
    std::string out = fmt::format("{:<10}", e.lead.value());
    if (e.stage) {
        out += e.stage->changes() ? fmt::format(" {} -> {}", e.stage->current, e.stage->recommended)
                                  : fmt::format(" {}", e.stage->current);
    }
    if (e.score) {
        out += fmt::format("  score {}{}{}", e.score->total, e.score->grade.empty() ? "" : " ",
                           e.score->grade);
    }
    if (e.owner) {
        out += fmt::format("  route to {}", e.owner->owner.value());
    }
    for (const TimerResult& t : e.timers) {
        if (t.status == TimerStatus::not_applicable || t.status == TimerStatus::pending) {
            continue;
        }
        out += fmt::format("  {} {}", t.sla, t.status);
        if ((t.status == TimerStatus::running || t.status == TimerStatus::paused) && t.due_at) {
            out += fmt::format(" (due {})", format_instant(*t.due_at));
        }
    }
    if (!e.actions.empty()) {
        out +=
            fmt::format("  {} action{} owed", e.actions.size(), e.actions.size() == 1 ? "" : "s");
    }
    return out;
}

int run_eval(const EvalOptions& o) {
    std::optional<Inputs> in = load_inputs(o.inputs);
    if (!in) {
        return exit_usage;
    }
    const PolicySet& policies = in->policies;
    const Instant now = in->now;
    const Engine& engine = policies.in_force(now);
    const History& history = in->history;
    const std::vector<Evaluation> results =
        evaluate_all(policies, history, now,
                     o.explain ? ExplainLevel::conditions : ExplainLevel::none, in->routing);
    std::string out;
    std::size_t breached = 0;
    std::size_t unresolved = 0;  // leads with a clock that cannot run
    std::size_t unfit = 0;       // leads with input the rules cannot read
    for (const Evaluation& e : results) {
        out += o.format == "text" ? text_line(e) : evaluation_json(e, engine.policy());
        out += '\n';
        breached += has_breach(e) ? 1U : 0U;
        unresolved +=
            std::any_of(e.timers.begin(), e.timers.end(),
                        [](const TimerResult& t) { return t.status == TimerStatus::unresolved; })
                ? 1U
                : 0U;
        unfit += e.input_problems.empty() ? 0U : 1U;
        if (out.size() > (std::size_t{1} << 16)) {
            std::cout << out;
            out.clear();
        }
    }
    std::cout << out << std::flush;
    fmt::print(stderr,
               "leadsla: {} leads evaluated at {}; {} with a breached SLA; {} bad input "
               "lines\n",
               results.size(), format_instant(now), breached, history.bad_lines);
    if (o.strict) {
        fmt::print(stderr,
                   "leadsla: --strict: {} leads with an unresolved SLA clock; {} with input the "
                   "rules cannot read; {} mapped CRM fields in no record\n",
                   unresolved, unfit, history.unseen_mapped_fields);
    }
    const bool strict_findings =
        o.strict && (unresolved > 0 || unfit > 0 || history.unseen_mapped_fields > 0);
    return breached > 0 || history.bad_lines > 0 || strict_findings ? exit_findings : exit_ok;
}

}  // namespace

void add_eval_command(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<EvalOptions>();
    CLI::App* cmd = app.add_subcommand(
        "eval",
        "Evaluate every lead of a history at --now: score, segments, stage recommendation, owner\n"
        "recommendation (leads without an owner are routed in creation order), each SLA clock,\n"
        "violations, owed actions and next_check_at. One JSON object per lead (or a text line).\n"
        "Exit 0 when no SLA is breached, 1 when one is (or an input line is bad; with --strict\n"
        "also an unresolved clock, input the rules cannot read, or a mapped CRM field in no\n"
        "record), 2 on usage or I/O errors.");
    options->inputs.add_to(*cmd);
    cmd->add_flag("--explain", options->explain,
                  "Add rule outcomes, criteria and clock traces with the values they read");
    cmd->add_flag("--strict", options->strict,
                  "Count as findings (exit 1): SLA clocks that cannot run (e.g. no calendar for "
                  "the lead's region), leads with attributes or activities the rules cannot read, "
                  "and mapped CRM fields that no record has");
    cmd->add_option("--format", options->format, "json (default) or text")
        ->check(CLI::IsMember({"json", "text"}));
    cmd->callback([options, &exit_code] { exit_code = run_eval(*options); });
}

}  // namespace leadsla::cli
