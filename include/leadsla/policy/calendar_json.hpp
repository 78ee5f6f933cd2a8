// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

#include <leadsla/log.hpp>
#include <leadsla/result.hpp>
#include <leadsla/time/business_calendar.hpp>

namespace leadsla {

/// Options for reading a calendar's JSON form.
struct CalendarJsonOptions {
    Logger logger;  ///< receives a debug line per calendar read; null = silent
};

/// Reads the JSON form of a calendar, exactly:
///
///   {"tz": "Europe/Berlin",
///    "hours": {"mon": [["08:00", "12:00"], ["13:00", "17:00"]], ...},   // missing day = closed
///    "holidays": ["2026-12-25"],                                         // optional
///    "special_dates": {"2026-12-24": [["08:00", "12:00"]]}}              // optional
///
/// Unknown keys are errors (a typo must not silently drop a rule). Errors name the field as a
/// JSON pointer: json.syntax, json.type, json.missing_key, json.unknown_key, json.limit,
/// time.bad_time_of_day, time.bad_date — and, from `parse_calendar`, everything
/// `BusinessCalendar::create` reports.
[[nodiscard]] Result<CalendarSpec> parse_calendar_spec(std::string_view json_text);

/// `parse_calendar_spec` followed by `BusinessCalendar::create`.
[[nodiscard]] Result<BusinessCalendar> parse_calendar(std::string_view json_text,
                                                      const CalendarJsonOptions& options = {});

/// The JSON form of `spec` (compact, keys in the order above; holidays as given).
[[nodiscard]] std::string to_json(const CalendarSpec& spec);

}  // namespace leadsla
