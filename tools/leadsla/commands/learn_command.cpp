// SPDX-License-Identifier: Apache-2.0
// `leadsla learn-scoring`: how each scoring rule related to what sales did with the leads —
// conversion when it fired and not, lift, weights, suggested points on a predictive axis, how
// that axis ranks held-out leads next to the policy's scores, its calibration, and what the
// rejected leads shared; as text, JSON, a JSON Patch adding the axis, or the patched policy.
#include <memory>
#include <optional>

#include <fmt/format.h>

#include <leadsla/metrics/outcome_fit_format.hpp>

#include "commands/history_commands.hpp"
#include "exit_codes.hpp"
#include "history.hpp"
#include "io.hpp"
#include "population.hpp"
#include "review_window.hpp"

namespace leadsla::cli {
namespace {

struct LearnOptions {
    std::string policy;
    std::string leads;
    std::string activities;
    std::string crm_mapping;
    WindowOptions window_options;
    std::string test_from;
    std::string handover = "mql";
    std::string outcome = "sal";
    std::int32_t points_to_double = 20;
    std::int32_t ridge = 1000;
    std::string axis = "predictive";
    std::string format = "text";
    std::string output;
    std::string version;
    std::size_t jobs = 1;
};

int run_learn(const LearnOptions& o) {
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
    OutcomeFitOptions options;
    options.from = window.window->from;
    options.to = window.window->to;
    options.as_of = window.window->as_of;
    if (!o.test_from.empty()) {
        const Result<Instant> t = parse_instant(o.test_from);
        if (!t) {
            return usage(fmt::format("--test-from: {}", t.error()));
        }
        options.test_from = *t;
    }
    for (const auto& [text, stage, name] :
         {std::tuple{&o.handover, &options.handover, "--handover"},
          std::tuple{&o.outcome, &options.outcome, "--outcome"}}) {
        const Result<Stage> s = parse_stage_or_error(*text);
        if (!s) {
            return usage(fmt::format("{}: {}", name, s.error().message));
        }
        *stage = *s;
    }
    options.points_to_double_odds = o.points_to_double;
    options.ridge_milli = o.ridge;
    Result<OutcomeFit> created = OutcomeFit::create(*policies, options);
    if (!created) {
        return usage(created.error().message);
    }
    const Policy& policy = policies->in_force(options.as_of).policy();
    const std::optional<Accumulated<OutcomeFit>> fit = accumulate_leads<OutcomeFit>(
        o.leads, o.activities, o.crm_mapping, policy, o.jobs, [&] { return *created; });
    if (!fit) {
        return exit_usage;
    }
    const OutcomeFitResult result = fit->all.result();
    std::string text;
    if (o.format == "text") {
        text = outcome_fit_text(result);
    } else if (o.format == "json") {
        text = outcome_fit_json(result);
    } else {
        const Result<std::string> patch =
            predictive_axis_patch_json(result, policy.scoring->spec(), o.axis);
        if (!patch) {
            return usage(patch.error().message);
        }
        text = *patch;
        if (o.format == "policy") {
            const std::optional<std::string> policy_text = read_file(o.policy);
            if (!policy_text) {
                return exit_usage;
            }
            const std::optional<std::string> patched =
                patched_policy(*policy_text, *patch,
                               o.version.empty() ? policy.version + "-" + o.axis : o.version);
            if (!patched) {
                return exit_usage;
            }
            text = *patched;
        }
    }
    if (!write_output(o.output, text)) {
        return exit_usage;
    }
    return fit->counts.bad_lines > 0 ? exit_findings : exit_ok;
}

}  // namespace

void add_learn_command(CLI::App& app, int& exit_code) {
    auto o = std::make_shared<LearnOptions>();
    CLI::App* cmd = app.add_subcommand(
        "learn-scoring",
        "How each scoring rule related to outcomes (docs/outcome-fit.md): every lead handed\n"
        "over (its first entry into --handover, default mql) in the window is scored at that\n"
        "instant with what was known then, and counted as a success when it reached --outcome\n"
        "(default sal: accepted) or a later funnel stage by --as-of. Per rule: conversion when it\n"
        "fired and not, lift, the smoothed log odds ratio, the weight in a ridge logistic fit\n"
        "of all rules together, and suggested points for a predictive axis; how that axis\n"
        "ranks the leads handed over from --test-from on (AUC, top-decile lift) next to the\n"
        "policy's own axes; its calibration; and the rules rejected leads shared. The same\n"
        "history gives the same bytes. --format patch prints the predictive axis as a JSON\n"
        "Patch of the policy; --format policy the patched policy, which validate accepts.\n"
        "Exit 0, or 1 when an input line was refused; 2 on usage or I/O errors.");
    cmd->add_option("--policy", o->policy, "The policy JSON whose scoring rules to study")
        ->required();
    cmd->add_option("--leads", o->leads, "Leads NDJSON")->required();
    cmd->add_option("--activities", o->activities,
                    "History NDJSON (activities, stage and attribute changes)");
    cmd->add_option("--crm-mapping", o->crm_mapping,
                    "Read --leads as CRM records through this mapping file");
    o->window_options.add_to(*cmd);
    cmd->add_option("--test-from", o->test_from,
                    "Hold out the leads handed over from this instant (RFC 3339) on: learn from "
                    "the ones before, measure on these");
    cmd->add_option("--handover", o->handover,
                    "The stage whose first entry is the moment scored (default mql)");
    cmd->add_option("--outcome", o->outcome,
                    "Success: reaching this funnel stage or a later one (default sal; sql, "
                    "opportunity, customer)");
    cmd->add_option("--points-to-double", o->points_to_double,
                    "The suggested points' scale: this many points double the odds (20)")
        ->check(CLI::Range(1, 1000));
    cmd->add_option("--ridge", o->ridge,
                    "The ridge penalty in thousandths (1000 = 1.0): larger shrinks the weights of "
                    "rarely firing rules more")
        ->check(CLI::Range(1, 1000000));
    cmd->add_option("--axis", o->axis,
                    "With --format patch or policy: the predictive axis's id (predictive)");
    cmd->add_option("--format", o->format,
                    "text (default), json (leadsla.outcome_fit/1), patch (an RFC 6902 JSON Patch "
                    "adding the predictive axis) or policy (the patched policy document)")
        ->check(CLI::IsMember({"text", "json", "patch", "policy"}));
    cmd->add_option("--new-version", o->version,
                    "With --format policy: the new document's version (default: the policy's "
                    "with -predictive)");
    cmd->add_option("--output", o->output, "Write the result to this file instead of stdout");
    cmd->add_option("--jobs", o->jobs, "Threads that parse and score the leads (default 1)")
        ->check(CLI::Range(1, 64));
    cmd->callback([o, &exit_code] { exit_code = run_learn(*o); });
}

}  // namespace leadsla::cli
