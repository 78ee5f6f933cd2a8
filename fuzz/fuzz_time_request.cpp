// SPDX-License-Identifier: Apache-2.0
// Any input as `leadsla time batch` request lines (one context across the lines, as the command
// keeps it): every line gets an answer — a result or an error, never an exception or a crash.
#include <optional>

#include <leadsla/policy/calendar_json.hpp>

#include "commands/time_request.hpp"
#include "fuzz_support.hpp"

using namespace leadsla;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const BusinessCalendar berlin =
        parse_calendar(R"({"tz": "Europe/Berlin", "hours": {"mon": [["08:00", "18:00"]],
                           "tue": [["08:00", "18:00"]], "wed": [["08:00", "18:00"]],
                           "thu": [["08:00", "18:00"]], "fri": [["08:00", "14:00"]]},
                           "holidays": ["2026-04-03", "2026-12-25"]})")
            .value();
    cli::TimeRequestContext context{berlin};
    std::string_view input = fuzz::text(data, size);
    while (!input.empty()) {
        const auto end = input.find('\n');
        const std::string_view line = input.substr(0, end);
        input = end == std::string_view::npos ? std::string_view{} : input.substr(end + 1);
        const cli::TimeAnswer answer = cli::answer_time_request(line, context);
        fuzz::check(!answer.json.empty(), "every line gets a JSON answer");
        fuzz::check(answer.ok != answer.error.has_value(), "a result or an error, not both");
    }
    return 0;
}
