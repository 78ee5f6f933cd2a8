// SPDX-License-Identifier: Apache-2.0
#include "commands/score_command.hpp"

#include <iostream>
#include <memory>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <leadsla/io/line_scorer.hpp>
#include <leadsla/policy/load.hpp>

#include "exit_codes.hpp"
#include "io.hpp"
#include "line_input.hpp"

namespace leadsla::cli {
namespace {

struct ScoreOptions {
    std::string policy_path;
    std::string now;
    bool explain = false;
};

std::string json_string(std::string_view s) {
    return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void append_result(std::string& out,
                   std::string_view id,
                   const ScoringModel& model,
                   const ScoreCard& card,
                   bool explain) {
    const ScoringSpec& spec = model.spec();
    out += fmt::format("{{\"id\":{}", json_string(id));
    for (std::size_t a = 0; a < spec.axes.size(); ++a) {
        out += fmt::format(",{}:{}", json_string(spec.axes[a].id), card.axes[a].score);
    }
    out += fmt::format(",\"total\":{}", card.total);
    if (!card.grade.empty()) {
        out += fmt::format(",\"grade\":{}", json_string(card.grade));
    }
    for (std::size_t q = 0; q < spec.qualifications.size(); ++q) {
        out += fmt::format(",{}:{}", json_string(spec.qualifications[q].id), card.qualified[q]);
    }
    if (explain) {
        out += ",\"rules\":[";
        for (std::size_t r = 0; r < card.rules.size(); ++r) {
            const RuleOutcome& o = card.rules[r];
            out += fmt::format("{}{{\"id\":{},\"held\":{},\"points\":{}", r == 0 ? "" : ",",
                               json_string(spec.rules[o.rule].id), o.held, o.points);
            if (!o.explanation.empty()) {
                out += fmt::format(",\"because\":{}", json_string(o.explanation));
            }
            out += "}";
        }
        out += "]";
        if (!card.qualification_explanations.empty()) {
            out += ",\"qualifications\":{";
            for (std::size_t q = 0; q < card.qualification_explanations.size(); ++q) {
                out += fmt::format("{}{}:{}", q == 0 ? "" : ",",
                                   json_string(spec.qualifications[q].id),
                                   json_string(card.qualification_explanations[q]));
            }
            out += "}";
        }
    }
    out += "}\n";
}

int run_score(const ScoreOptions& options) {
    const std::optional<std::string> text = read_file(options.policy_path);
    if (!text) {
        return exit_usage;
    }
    Loaded<ScoringModel> load = load_scoring_policy(*text);
    if (!load) {
        for (const Error& e : load.errors()) {
            fmt::print(stderr, "{}: {}\n", options.policy_path, e);
        }
        return exit_usage;
    }
    LineScorer scorer{std::move(load).value()};
    const ScoringModel& model = scorer.model();
    Instant now{};
    if (!options.now.empty()) {
        const auto parsed = parse_instant(options.now);
        if (!parsed) {
            fmt::print(stderr, "leadsla: --now: {}\n", parsed.error());
            return exit_usage;
        }
        now = *parsed;
    } else if (model.uses_time()) {
        fmt::print(
            stderr,
            "leadsla: this policy reads activities or time: give --now (an RFC 3339 instant)\n");
        return exit_usage;
    }
    ScoreCard card;
    std::string out;
    std::size_t failures = 0;
    const ExplainLevel level = options.explain ? ExplainLevel::conditions : ExplainLevel::none;
    LineInput input{"-"};
    const auto fail = [&](std::size_t line_number, const Error& error) {
        ++failures;
        out += fmt::format("{{\"line\":{},\"error\":{}}}\n", line_number,
                           json_string(fmt::format("{}", error)));
    };
    while (const std::optional<InputLine> line = input.next()) {
        if (line->too_long) {
            fail(line->number, input.too_long(*line));
            continue;
        }
        if (line->text.find_first_not_of(" \t\r") == std::string_view::npos) {
            continue;
        }
        const Result<std::string_view> id = scorer.score(line->text, now, level, card);
        if (!id) {
            fail(line->number, id.error());
            continue;
        }
        append_result(out, *id, model, card, options.explain);
        if (out.size() > (std::size_t{1} << 16)) {
            std::cout << out;
            out.clear();
        }
    }
    std::cout << out << std::flush;
    if (failures > 0) {
        fmt::print(stderr, "leadsla: {} invalid lead lines\n", failures);
        return exit_findings;
    }
    return exit_ok;
}

}  // namespace

void add_score_command(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<ScoreOptions>();
    CLI::App* score = app.add_subcommand(
        "score",
        "Score leads: reads one flat JSON lead per line on stdin, e.g.\n"
        R"(  {"id":"L1","employees":740,"industry":"manufacturing","budget_indicated":false})"
        "\n"
        "and writes one line per lead: id, each axis score, total, grade (when the policy has "
        "bands)\n"
        "and each qualification, e.g. "
        "{\"id\":\"L1\",\"fit\":42,\"engagement\":22,\"total\":64,\"mql\":false}.\n"
        "A bad line gets {\"line\":N,\"error\":...} and scoring goes on (exit 1).");
    score
        ->add_option("--policy", options->policy_path,
                     "Policy JSON with schema and scoring sections")
        ->required();
    score->add_option("--now", options->now,
                      "Evaluation instant (RFC 3339), needed when rules read activities or time");
    score->add_flag("--explain", options->explain,
                    "Add each rule's outcome and the deciding sub-condition");
    score->callback([options, &exit_code] { exit_code = run_score(*options); });
}

}  // namespace leadsla::cli
