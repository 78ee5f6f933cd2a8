// SPDX-License-Identifier: Apache-2.0
// `leadsla backtest`: what a candidate policy would have done over a history, next to the
// current one — both reviews, the figures that differ, the leads that changed.
#include <memory>
#include <optional>

#include <fmt/format.h>

#include <leadsla/metrics/backtest_format.hpp>

#include "commands/history_commands.hpp"
#include "exit_codes.hpp"
#include "history.hpp"
#include "io.hpp"
#include "population.hpp"
#include "review_window.hpp"

namespace leadsla::cli {
namespace {

struct BacktestCommandOptions {
    std::vector<std::string> policies;
    std::vector<std::string> candidates;
    std::string leads;
    std::string activities;
    std::string crm_mapping;
    WindowOptions window_options;
    std::string period = "month";
    std::string format = "text";
    std::string output;
    std::size_t listed = 1000;
    std::size_t shown = 50;
    std::size_t jobs = 1;
    bool fail_on_change = false;
};

int run_backtest(const BacktestCommandOptions& o) {
    const std::optional<PolicySet> current = load_policies(o.policies);
    if (!current) {
        return exit_usage;
    }
    const std::optional<PolicySet> candidate = load_policies(o.candidates);
    if (!candidate) {
        return exit_usage;
    }
    const auto usage = [](const std::string& message) {
        fmt::print(stderr, "leadsla: {}\n", message);
        return exit_usage;
    };
    if (current->versions().front().policy().id != candidate->versions().front().policy().id) {
        fmt::print(stderr,
                   "leadsla: note: the candidate is policy \"{}\", the current one \"{}\": "
                   "compared all the same\n",
                   candidate->versions().front().policy().id,
                   current->versions().front().policy().id);
    }
    const std::optional<Period> period = parse_period(o.period);
    if (!period) {
        return usage(
            fmt::format("--by-period: \"{}\" is not day, week, month, quarter or year", o.period));
    }
    const WindowResult window = resolve_window(o.window_options, *current);
    if (!window.window) {
        return usage(window.error);
    }
    const BacktestOptions options{
        ReviewOptions{window.window->from, window.window->to, window.window->as_of, *period, 25, 0},
        o.listed};
    Result<Backtest> created = Backtest::create(*current, *candidate, options);
    if (!created) {
        return usage(fmt::format("{}", created.error()));
    }
    const std::optional<Accumulated<Backtest>> all = accumulate_leads<Backtest>(
        o.leads, o.activities, o.crm_mapping, current->in_force(options.review.as_of).policy(),
        o.jobs, [&] { return *created; });
    if (!all) {
        return exit_usage;
    }
    const BacktestResult result = all->all.result();
    const std::string text = o.format == "json" ? backtest_json(result)
                             : o.format == "html"
                                 ? backtest_html(result, BacktestTextOptions{o.shown})
                                 : backtest_text(result, BacktestTextOptions{o.shown});
    if (!write_output(o.output, text)) {
        return exit_usage;
    }
    const bool changed = o.fail_on_change && result.leads_changed > 0;
    return changed || all->counts.bad_lines > 0 ? exit_findings : exit_ok;
}

}  // namespace

void add_backtest_command(CLI::App& app, int& exit_code) {
    auto o = std::make_shared<BacktestCommandOptions>();
    CLI::App* cmd = app.add_subcommand(
        "backtest",
        "What a candidate policy would have done over a history (docs/backtest.md): each lead's\n"
        "stages replayed under the current and the candidate policy (qualification re-derived\n"
        "from its activities, people's decisions kept with their delays after it), both\n"
        "reviews side by side with the figures that differ, and the leads that gain or lose a\n"
        "stage, reach it earlier or later, or whose clocks flip between met and breached.\n"
        "Exit 0, or 1 when an input line was refused (or, with --fail-on-change, a lead\n"
        "changed); 2 on usage or I/O errors.");
    cmd->add_option("--policy", o->policies,
                    "The current policy JSON; repeat it for several versions of one policy")
        ->required();
    cmd->add_option("--candidate", o->candidates,
                    "The candidate policy JSON; repeat it for several versions")
        ->required();
    cmd->add_option("--leads", o->leads, "Leads NDJSON")->required();
    cmd->add_option("--activities", o->activities,
                    "History NDJSON (activities, stage and attribute changes); streamed when "
                    "grouped by lead in the leads file's order");
    cmd->add_option("--crm-mapping", o->crm_mapping,
                    "Read --leads as CRM records through this mapping file");
    o->window_options.add_to(*cmd);
    cmd->add_option("--by-period", o->period,
                    "The periods of the figures: day, week, month (default), quarter, year");
    cmd->add_option("--format", o->format,
                    "text (default), json (both reviews in full, the deltas, the leads) or html "
                    "(one self-contained page for the meeting)")
        ->check(CLI::IsMember({"text", "json", "html"}));
    cmd->add_option("--output", o->output, "Write the result to this file instead of stdout");
    cmd->add_option("--leads-listed", o->listed,
                    "Keep the differences of the N smallest lead ids that changed (1000); the "
                    "counts cover every lead");
    cmd->add_option("--show", o->shown, "Leads shown in the text or the page (50)");
    cmd->add_flag("--fail-on-change", o->fail_on_change,
                  "Exit 1 when any lead fares differently under the candidate");
    cmd->add_option("--jobs", o->jobs,
                    "Threads that parse and replay the leads, merged at the end (the same result "
                    "for any number; default 1)")
        ->check(CLI::Range(1, 64));
    cmd->callback([o, &exit_code] { exit_code = run_backtest(*o); });
}

}  // namespace leadsla::cli
