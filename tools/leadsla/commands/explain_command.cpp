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

int run_explain(const ExplainOptions& o) {
    std::optional<Inputs> in = load_inputs(o.inputs);
    if (!in) {
        return exit_usage;
    }
    const History& history = in->history;
    const auto it = std::find_if(history.leads.begin(), history.leads.end(),
                                 [&](const LeadHistory& h) { return h.lead.id.value() == o.lead; });
    if (it == history.leads.end()) {
        fmt::print(stderr, "leadsla: lead \"{}\" is not in {}\n", o.lead, o.inputs.leads);
        return exit_usage;
    }
    const Explained e = explain_lead(in->policies, *it, in->now, in->routing);
    fmt::print("{}", e.text);
    return e.breached ? exit_findings : exit_ok;
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
