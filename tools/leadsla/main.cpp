// SPDX-License-Identifier: Apache-2.0
// leadsla: the command-line host of the leadsla library. docs/cli.md documents every command.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <leadsla/version.hpp>

#include "commands/history_commands.hpp"
#include "commands/policy_commands.hpp"
#include "commands/score_command.hpp"
#include "commands/time_command.hpp"
#include "exit_codes.hpp"
#include "logging.hpp"

int main(int argc, char** argv) {
    CLI::App app{
        "leadsla — executable marketing-sales SLAs.\n"
        "Check a policy (validate, diff), run it over lead history (eval, explain), review\n"
        "the agreement (report), score leads (score) and do business-time arithmetic (time).\n"
        "docs/cli.md has examples.\n"
        "Exit codes: 0 ok, 1 findings (an invalid policy or input line, a breached SLA,\n"
        "policy changes), 2 usage or I/O error.",
        "leadsla"};
    app.set_version_flag("--version", std::string{leadsla::version_string});
    app.require_subcommand(1);
    bool verbose = false;
    app.add_flag("--verbose", verbose,
                 "Report what the loaders did (policies, calendars) on stderr");
    app.parse_complete_callback([&verbose] { leadsla::cli::set_verbose(verbose); });
    int exit_code = leadsla::cli::exit_ok;
    leadsla::cli::add_validate_command(app, exit_code);
    leadsla::cli::add_eval_command(app, exit_code);
    leadsla::cli::add_explain_command(app, exit_code);
    leadsla::cli::add_report_command(app, exit_code);
    leadsla::cli::add_backtest_command(app, exit_code);
    leadsla::cli::add_suggest_command(app, exit_code);
    leadsla::cli::add_learn_command(app, exit_code);
    leadsla::cli::add_diff_command(app, exit_code);
    leadsla::cli::add_score_command(app, exit_code);
    leadsla::cli::add_time_command(app, exit_code);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? leadsla::cli::exit_ok : leadsla::cli::exit_usage;
    }
    return exit_code;
}
