// SPDX-License-Identifier: Apache-2.0
#include "commands/time_command.hpp"

#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <leadsla/policy/calendar_json.hpp>

#include "commands/time_request.hpp"
#include "exit_codes.hpp"
#include "io.hpp"
#include "line_input.hpp"
#include "logging.hpp"

namespace leadsla::cli {
namespace {

struct TimeOptions {
    std::string calendar_path;
    std::string batch_format = "json";
    std::string single_format = "text";
    std::string start;
    std::string end;
    std::string duration;
    int days = -1;
};

/// Loads --calendar, printing the error to stderr; nullopt on failure.
std::optional<BusinessCalendar> load_calendar(const std::string& path) {
    const std::optional<std::string> text = read_file(path);
    if (!text) {
        return std::nullopt;
    }
    Result<BusinessCalendar> cal = parse_calendar(*text, {logger()});
    if (!cal) {
        fmt::print(stderr, "leadsla: {}: {}\n", path, cal.error());
        return std::nullopt;
    }
    return *cal;
}

int run_batch(const TimeOptions& options) {
    std::optional<BusinessCalendar> default_calendar;
    if (!options.calendar_path.empty()) {
        default_calendar = load_calendar(options.calendar_path);
        if (!default_calendar) {
            return exit_usage;
        }
    }
    TimeRequestContext context{default_calendar};
    std::size_t requests = 0;
    std::size_t failures = 0;
    std::string out;
    LineInput input{"-"};
    while (const std::optional<InputLine> next = input.next()) {
        const std::size_t line_number = next->number;
        std::string_view line = next->text;
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if (!next->too_long && line.find_first_not_of(" \t") == std::string_view::npos) {
            continue;  // blank lines separate groups of requests; they get no answer
        }
        const TimeAnswer answer = next->too_long ? error_answer(input.too_long(*next))
                                                 : answer_time_request(line, context);
        ++requests;
        failures += answer.ok ? 0 : 1;
        if (options.batch_format == "text") {
            out += answer.ok ? answer.text : fmt::format("line {}: {}", line_number, answer.text);
        } else {
            out += answer.json;
        }
        out += '\n';
        if (out.size() > (std::size_t{1} << 16)) {
            std::cout << out;
            out.clear();
        }
    }
    std::cout << out << std::flush;
    if (failures > 0) {
        fmt::print(stderr, "leadsla: {} of {} requests failed\n", failures, requests);
        return exit_findings;
    }
    return exit_ok;
}

/// Runs one request built from the single-shot options, printing its text form.
int run_single(const std::string& op, const TimeOptions& options) {
    const std::optional<BusinessCalendar> cal = load_calendar(options.calendar_path);
    if (!cal) {
        return exit_usage;
    }
    nlohmann::json request{{"op", op}, {"start", options.start}};
    if (!options.end.empty()) {
        request["end"] = options.end;
    }
    if (!options.duration.empty()) {
        Result<BusinessDuration> d = BusinessDuration::parse(options.duration);
        if (!d) {
            fmt::print(stderr, "leadsla: --duration: {}\n", d.error());
            return exit_usage;
        }
        if (d->count() > max_request_seconds || d->count() < -max_request_seconds) {
            fmt::print(stderr,
                       "leadsla: --duration: error[parse.out_of_range]: {} is beyond the longest "
                       "duration a request takes, {}\n",
                       options.duration, BusinessDuration::seconds(max_request_seconds));
            return exit_usage;
        }
        request["duration_s"] = d->count();
    }
    if (options.days >= 0) {
        request["days"] = options.days;
    }
    TimeRequestContext context{cal};
    const TimeAnswer answer = answer_time_request(
        request.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), context);
    if (!answer.ok) {
        // The request was built from the options: name the option, not the request's field.
        const std::string& where = answer.error ? answer.error->where : std::string{};
        const std::string_view option = where == "/duration_s" ? "--duration"
                                        : where == "/days"     ? "--days"
                                        : where == "/start"    ? "--start"
                                        : where == "/end"      ? "--end"
                                                               : "";
        if (option.empty() || !answer.error) {
            fmt::print(stderr, "leadsla: {}\n", answer.text);
        } else {
            fmt::print(stderr, "leadsla: {}: error[{}]: {}\n", option, answer.error->code,
                       answer.error->message);
        }
        return exit_usage;
    }
    fmt::print("{}\n", options.single_format == "json" ? answer.json : answer.text);
    return exit_ok;
}

}  // namespace

void add_time_command(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<TimeOptions>();
    CLI::App* time = app.add_subcommand(
        "time",
        "Business-time arithmetic on a calendar: deadlines, elapsed business time, opening hours");
    time->require_subcommand(1);

    CLI::App* batch = time->add_subcommand(
        "batch",
        "Answer NDJSON requests from stdin, one JSON line each, e.g.\n"
        R"(  {"op":"add","start":"2026-03-27T16:00:00+01:00","duration_s":14400})"
        "\n"
        R"(  {"op":"elapsed","start":"...","end":"..."}  {"op":"is_open","start":"..."})"
        "\n"
        R"(  {"op":"next_open","start":"..."}  {"op":"add","start":"...","days":2})"
        "\n"
        "Each line may carry its own \"calendar\"; a bad line gets {\"error\":...} and the batch "
        "goes on.");
    batch->add_option("--calendar", options->calendar_path,
                      "Calendar JSON file for lines without \"calendar\"");
    batch
        ->add_option("--format", options->batch_format,
                     "Output: json (default, one line per request) or text")
        ->check(CLI::IsMember({"json", "text"}));
    batch->callback([options, &exit_code] { exit_code = run_batch(*options); });

    const auto single = [&](const char* name, const char* op, const char* help, bool needs_end,
                            bool needs_duration) {
        CLI::App* cmd = time->add_subcommand(name, help);
        cmd->add_option("--calendar", options->calendar_path, "Calendar JSON file")->required();
        cmd->add_option("--start,--at", options->start,
                        "RFC 3339 instant with offset, e.g. 2026-03-27T16:00:00+01:00")
            ->required();
        cmd->add_option("--format", options->single_format, "Output: text (default) or json")
            ->check(CLI::IsMember({"json", "text"}));
        if (needs_end) {
            cmd->add_option("--end", options->end, "RFC 3339 instant with offset")->required();
        }
        if (needs_duration) {
            auto* duration = cmd->add_option("--duration", options->duration,
                                             "Business duration: 4h, 90m, 1h30m");
            if (std::string_view{op} == "add") {
                auto* days = cmd->add_option("--days", options->days,
                                             "Business days (end of the n-th business day)");
                duration->excludes(days);
                days->excludes(duration);
            } else {
                duration->required();
            }
        }
        cmd->callback([options, op, &exit_code] {
            if (std::string_view{op} == "add" && options->duration.empty() && options->days < 0) {
                fmt::print(stderr, "leadsla: time add needs --duration or --days\n");
                exit_code = exit_usage;
                return;
            }
            exit_code = run_single(op, *options);
        });
        return cmd;
    };
    single("add", "add", "The deadline: START plus a business duration or business days", false,
           true);
    single("subtract", "subtract",
           "START minus a business duration (e.g. a reminder before a deadline)", false, true);
    single("elapsed", "elapsed", "Business time between START and END", true, false);
    single("is-open", "is_open", "Whether the calendar is open at START", false, false);
    single("next-open", "next_open", "START if open, else the next opening", false, false);
}

}  // namespace leadsla::cli
