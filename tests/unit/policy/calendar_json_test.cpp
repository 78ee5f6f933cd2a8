// SPDX-License-Identifier: Apache-2.0
#include <support/test_support.hpp>

using leadsla::ErrorCode;
using leadsla::parse_calendar;
using leadsla::parse_calendar_spec;

namespace {
struct BadCase {
    const char* json;
    ErrorCode code;
    const char* where;
    const char* message;
};
}  // namespace

TEST_CASE("the documented calendar JSON form reads and writes back exactly",
          "[policy][calendar_json]") {
    constexpr std::string_view text =
        R"({"tz":"Europe/Berlin","hours":{"mon":[["08:00","12:00"],["13:00","17:00"]],"fri":[["08:00","15:30"]]},"holidays":["2026-12-25"],"special_dates":{"2026-12-24":[["08:00","12:00"]]}})";
    const auto spec = parse_calendar_spec(text);
    REQUIRE(spec);
    CHECK(spec->zone == "Europe/Berlin");
    CHECK(spec->weekly[0].size() == 2);
    CHECK(spec->weekly[1].empty());  // a missing weekday is closed
    CHECK(spec->weekly[4][0].close == leadsla::test::tod("15:30"));
    CHECK(spec->holidays.size() == 1);
    CHECK(spec->special_days.at(0).date == leadsla::test::day("2026-12-24"));
    CHECK(leadsla::to_json(*spec) == text);
    CHECK(parse_calendar_spec(leadsla::to_json(*spec)).value() == *spec);
    const auto cal = parse_calendar(text);
    REQUIRE(cal);
    CHECK(cal->weekly_hours() == leadsla::test::hours(15) + leadsla::test::minutes(30));
}

TEST_CASE("holidays and special dates are optional", "[policy][calendar_json]") {
    const auto spec = parse_calendar_spec(R"({"tz":"UTC","hours":{"sun":[["00:00","24:00"]]}})");
    REQUIRE(spec);
    CHECK(spec->holidays.empty());
    CHECK(leadsla::to_json(*spec) ==
          R"({"tz":"UTC","hours":{"sun":[["00:00","24:00"]]},"holidays":[],"special_dates":{}})");
}

TEST_CASE("malformed calendars get errors that name the field and the problem",
          "[policy][calendar_json]") {
    const auto c = GENERATE(values<BadCase>({
        {R"({"tz":"Europe/Berlin","hours":{"mon":[["08:00","12:00"]]})", ErrorCode::json_syntax, "",
         "syntax error while parsing object - unexpected end of input; expected "
         "'}'"},
        {R"([1,2])", ErrorCode::json_type, "",
         "expected a calendar object with \"tz\" and \"hours\", got an array"},
        {R"({"hours":{}})", ErrorCode::json_missing_key, "/tz",
         "missing \"tz\": the IANA time zone of the hours, e.g. \"Europe/Berlin\""},
        {R"({"tz":"Europe/Berlin"})", ErrorCode::json_missing_key, "/hours",
         "missing \"hours\": an object from weekday (\"mon\" ... \"sun\") to intervals"},
        {R"({"tz":7,"hours":{}})", ErrorCode::json_type, "/tz",
         "expected a time zone name string, got an integer"},
        {R"({"tz":"Europe/Berlin","hours":{},"holiday":[]})", ErrorCode::json_unknown_key,
         "/holiday",
         "unknown key \"holiday\" (a calendar has \"tz\", \"hours\", \"holidays\" and "
         "\"special_dates\")"},
        {R"({"tz":"Europe/Berlin","hours":{"monday":[]}})", ErrorCode::json_unknown_key,
         "/hours/monday",
         "\"monday\" is not a weekday (expected mon, tue, wed, thu, fri, sat or sun)"},
        {R"({"tz":"Europe/Berlin","hours":{"mon":[["08:00"]]}})", ErrorCode::json_type,
         "/hours/mon/0",
         "expected an [\"open\", \"close\"] pair such as [\"08:00\", \"12:00\"], got an array of 1 "
         "elements"},
        {R"({"tz":"Europe/Berlin","hours":{"mon":"08:00-17:00"}})", ErrorCode::json_type,
         "/hours/mon", "expected an array of [\"open\", \"close\"] pairs, got a string"},
        {R"({"tz":"Europe/Berlin","hours":{"mon":[["8:00","12:00"]]}})",
         ErrorCode::time_bad_time_of_day, "/hours/mon/0/0",
         "\"8:00\" is not a time of day (expected HH:MM or HH:MM:SS)"},
        {R"({"tz":"Europe/Berlin","hours":{"mon":[["08:00",1200]]}})", ErrorCode::json_type,
         "/hours/mon/0/1", "expected a time of day string such as \"08:00\", got an integer"},
        {R"({"tz":"Europe/Berlin","hours":{"mon":[["08:00","25:00"]]}})",
         ErrorCode::time_bad_time_of_day, "/hours/mon/0/1",
         "\"25:00\" is out of range (expected 00:00 to 24:00)"},
        {R"({"tz":"Europe/Berlin","hours":{"mon":[["08:00","12:00"]]},"holidays":["2026-12-32"]})",
         ErrorCode::time_bad_date, "/holidays/0",
         "\"2026-12-32\" is not a valid date (expected YYYY-MM-DD)"},
        {R"({"tz":"Europe/Berlin","hours":{"mon":[["08:00","12:00"]]},"holidays":"2026-12-25"})",
         ErrorCode::json_type, "/holidays", "expected an array of date strings, got a string"},
        {R"({"tz":"Europe/Berlin","hours":{"mon":[["08:00","12:00"]]},"special_dates":{"24.12.2026":[]}})",
         ErrorCode::time_bad_date, "/special_dates/24.12.2026",
         "\"24.12.2026\" is not a valid date (expected YYYY-MM-DD)"},
        {R"({"tz":"Europe/Berlin","hours":{"mon":[["08:00","12:00"]],"mon":[]}})",
         ErrorCode::json_syntax, "/hours/mon",
         "duplicate key \"mon\" in one object (a repeated key would silently replace the first)"},
        // Errors from BusinessCalendar::create keep their pointers.
        {R"({"tz":"Mars/Olympus","hours":{"mon":[["08:00","12:00"]]}})",
         ErrorCode::time_unknown_zone, "/tz",
         "\"Mars/Olympus\" is not a time zone of the system tz database (expected an IANA name "
         "such as "
         "\"Europe/Berlin\"; is the tzdata package installed?)"},
        {R"({"tz":"Europe/Berlin","hours":{"tue":[["08:00","12:30"],["12:00","17:00"]]}})",
         ErrorCode::calendar_overlap, "/hours/tue/1",
         "[12:00, 17:00) overlaps the previous interval [08:00, 12:30)"},
        {R"({"tz":"Europe/Berlin","hours":{}})", ErrorCode::calendar_never_open, "/hours",
         "the weekly hours contain no open time, so no business deadline could ever be reached "
         "(give at "
         "least one weekday an interval)"},
    }));
    INFO(c.json);
    const auto r = parse_calendar(c.json);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == c.code);
    CHECK(r.error().where == c.where);
    CHECK(r.error().message == c.message);
    CHECK(r.error().line == 1);  // every case is one line
    CHECK(r.error().column > 0);
}

TEST_CASE("calendar errors carry the line and column of the value they name",
          "[policy][calendar_json]") {
    const auto syntax = parse_calendar("{\"tz\": \"Europe/Berlin\",\n \"hours\": {\"mon\": [}}");
    REQUIRE_FALSE(syntax);
    CHECK(syntax.error().line == 2);
    CHECK(syntax.error().column == 20);
    const auto overlap = parse_calendar(R"({
  "tz": "Europe/Berlin",
  "hours": {
    "mon": [["08:00", "13:00"],
            ["12:00", "17:00"]]
  }
})");
    REQUIRE_FALSE(overlap);
    CHECK(overlap.error().where == "/hours/mon/1");
    CHECK(overlap.error().line == 5);
    CHECK(overlap.error().column == 13);
    CHECK(fmt::format("{}", overlap.error())
              .rfind("error[calendar.overlapping_intervals] /hours/mon/1 (line 5, column 13): ",
                     0) == 0);
}

TEST_CASE("hostile JSON is refused before it can hurt", "[policy][calendar_json]") {
    const std::string deep = std::string(10000, '[') + std::string(10000, ']');
    const auto r = parse_calendar(deep);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::json_limit);
    CHECK(r.error().message == "the JSON text nests deeper than 64 levels");
    CHECK(parse_calendar("").error().code == ErrorCode::json_syntax);
    CHECK(parse_calendar("\xff\xfe").error().code == ErrorCode::json_syntax);
}
