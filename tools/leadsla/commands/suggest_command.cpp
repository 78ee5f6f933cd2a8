// SPDX-License-Identifier: Apache-2.0
// `leadsla suggest-targets`: targets drawn from a window of history — per target of the
// agreement the achieved median, the spread and a suggestion with its rationale — as text, as
// a JSON Patch of the policy, or as the patched policy itself.
#include <memory>
#include <optional>

#include <fmt/format.h>

#include <leadsla/metrics/scorecard.hpp>
#include <leadsla/metrics/target_suggestions.hpp>

#include "commands/history_commands.hpp"
#include "exit_codes.hpp"
#include "history.hpp"
#include "io.hpp"
#include "population.hpp"
#include "review_window.hpp"

namespace leadsla::cli {
namespace {

struct SuggestOptions {
    std::string policy;
    std::string leads;
    std::string activities;
    std::string crm_mapping;
    WindowOptions window_options;
    std::string period;
    std::int32_t improve = 100;
    std::int32_t tighten = 100;
    std::string format = "text";
    std::string output;
    std::string version;
    std::size_t jobs = 1;
};

int run_suggest(const SuggestOptions& o) {
    const std::optional<PolicySet> policies = load_policies({o.policy});
    if (!policies) {
        return exit_usage;
    }
    const auto usage = [](const std::string& message) {
        fmt::print(stderr, "leadsla: {}\n", message);
        return exit_usage;
    };
    const WindowResult window = resolve_window(o.window_options, *policies);
    if (!window.window) {
        return usage(window.error);
    }
    const Policy& policy = policies->versions().front().policy();
    if (!policy.agreement || policy.agreement->targets.empty()) {
        return usage(fmt::format("policy {} {} has no agreement targets to suggest for", policy.id,
                                 policy.version));
    }
    // The review's periods are the shortest the targets use, unless asked otherwise: each
    // target is judged on its own periods anyway.
    Period period = Period::year;
    for (const AgreementTarget& t : policy.agreement->targets) {
        period = std::min(period, t.period);
    }
    if (!o.period.empty()) {
        const std::optional<Period> p = parse_period(o.period);
        if (!p) {
            return usage(fmt::format("--by-period: \"{}\" is not day, week, month, quarter or year",
                                     o.period));
        }
        period = *p;
    }
    const ReviewOptions options{
        window.window->from, window.window->to, window.window->as_of, period, 25, 0};
    Result<Scorecard> created = Scorecard::create(*policies, options);
    if (!created) {
        return usage(fmt::format("{}", created.error()));
    }
    const std::optional<Accumulated<Scorecard>> card = accumulate_leads<Scorecard>(
        o.leads, o.activities, o.crm_mapping, policies->in_force(options.as_of).policy(), o.jobs,
        [&] { return *created; });
    if (!card) {
        return exit_usage;
    }
    const std::vector<TargetSuggestion> suggestions =
        suggest_targets(card->all.review(), SuggestionOptions{o.improve, o.tighten});
    std::string text;
    if (o.format == "json") {
        text = suggestions_patch_json(suggestions);
    } else if (o.format == "policy") {
        const std::optional<std::string> policy_text = read_file(o.policy);
        if (!policy_text) {
            return exit_usage;
        }
        const std::optional<std::string> patched =
            patched_policy(*policy_text, suggestions_patch_json(suggestions),
                           o.version.empty() ? policy.version + "-suggested" : o.version);
        if (!patched) {
            return exit_usage;
        }
        text = *patched;
    } else {
        text = suggestions_text(suggestions);
    }
    if (!write_output(o.output, text)) {
        return exit_usage;
    }
    return card->counts.bad_lines > 0 ? exit_findings : exit_ok;
}

}  // namespace

void add_suggest_command(CLI::App& app, int& exit_code) {
    auto o = std::make_shared<SuggestOptions>();
    CLI::App* cmd = app.add_subcommand(
        "suggest-targets",
        "Targets drawn from a window of history (docs/backtest.md#target-suggestions): per\n"
        "target of the agreement, the median its closed periods achieved, their spread, and a\n"
        "suggestion — the median improved by --improve (rates, counts, amounts) or tightened\n"
        "by --tighten (response times), rounded to a whole count, percent, minute or amount —\n"
        "with its rationale. --format json prints the changes as a JSON Patch of the policy;\n"
        "--format policy prints the patched policy, which validate accepts, diff explains and\n"
        "backtest tries on the same history.\n"
        "Exit 0, or 1 when an input line was refused; 2 on usage or I/O errors.");
    cmd->add_option("--policy", o->policy, "The policy JSON whose agreement targets to review")
        ->required();
    cmd->add_option("--leads", o->leads, "Leads NDJSON")->required();
    cmd->add_option("--activities", o->activities,
                    "History NDJSON (activities, stage and attribute changes)");
    cmd->add_option("--crm-mapping", o->crm_mapping,
                    "Read --leads as CRM records through this mapping file");
    o->window_options.add_to(*cmd);
    cmd->add_option("--by-period", o->period,
                    "The review's periods (default: the shortest period of the targets)");
    cmd->add_option("--improve", o->improve,
                    "Per mille to improve rates, counts and amounts by (100 = 10 %, the source "
                    "material's low end of 10-15 %)")
        ->check(CLI::Range(0, 1000));
    cmd->add_option("--tighten", o->tighten, "Per mille to tighten response times by (100 = 10 %)")
        ->check(CLI::Range(0, 1000));
    cmd->add_option("--format", o->format,
                    "text (default), json (an RFC 6902 JSON Patch of the policy) or policy (the "
                    "patched policy document)")
        ->check(CLI::IsMember({"text", "json", "policy"}));
    cmd->add_option("--new-version", o->version,
                    "With --format policy: the new document's version (default: the policy's "
                    "with -suggested)");
    cmd->add_option("--output", o->output, "Write the result to this file instead of stdout");
    cmd->add_option("--jobs", o->jobs, "Threads that parse and evaluate the leads (default 1)")
        ->check(CLI::Range(1, 64));
    cmd->callback([o, &exit_code] { exit_code = run_suggest(*o); });
}

}  // namespace leadsla::cli
