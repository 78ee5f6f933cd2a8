// SPDX-License-Identifier: Apache-2.0
// Hand-worked cases for every business-time convention (docs/concepts/business-time.md).
// Each expected value is derived in the comment next to it. The Berlin office calendar
// (tests/support/calendars.hpp) works Mon-Fri 08-12 and 13-17, with Easter and Christmas off.
#include <support/calendars.hpp>
#include <support/test_support.hpp>

using leadsla::BusinessDuration;
using leadsla::test::at;
using leadsla::test::calendar;
using leadsla::test::hours;
using leadsla::test::minutes;

namespace {

constexpr std::string_view all_week = R"({"mon":[["00:00","24:00"]],"tue":[["00:00","24:00"]],
  "wed":[["00:00","24:00"]],"thu":[["00:00","24:00"]],"fri":[["00:00","24:00"]],
  "sat":[["00:00","24:00"]],"sun":[["00:00","24:00"]]})";

leadsla::BusinessCalendar around_the_clock(std::string_view zone) {
    return calendar(fmt::format(R"({{"tz":"{}","hours":{}}})", zone, all_week));
}

struct AddCase {
    const char* start;
    BusinessDuration d;
    const char* expected;
};

}  // namespace

TEST_CASE("intervals are half-open: the closing instant is closed", "[time][calendar]") {
    const auto cal = calendar(leadsla::test::berlin_office_json);
    CHECK(cal.is_open(at("2026-03-30T08:00:00+02:00")));
    CHECK_FALSE(cal.is_open(at("2026-03-30T07:59:59+02:00")));
    CHECK(cal.is_open(at("2026-03-30T11:59:59+02:00")));
    CHECK_FALSE(cal.is_open(at("2026-03-30T12:00:00+02:00")));
    CHECK(cal.is_open(at("2026-03-30T16:59:59+02:00")));
    CHECK_FALSE(cal.is_open(at("2026-03-30T17:00:00+02:00")));
    CHECK_FALSE(cal.is_open(at("2026-04-03T10:00:00+02:00")));  // Good Friday
    CHECK(cal.is_open(at("2026-12-24T11:00:00+01:00")));        // half day, morning
    CHECK_FALSE(cal.is_open(at("2026-12-24T13:30:00+01:00")));  // half day, afternoon
}

TEST_CASE("next_open is t itself when open, else the next opening", "[time][calendar]") {
    const auto cal = calendar(leadsla::test::berlin_office_json);
    CHECK(cal.next_open(at("2026-03-30T09:15:00+02:00")) == at("2026-03-30T09:15:00+02:00"));
    CHECK(cal.next_open(at("2026-03-30T12:00:00+02:00")) == at("2026-03-30T13:00:00+02:00"));
    CHECK(cal.next_open(at("2026-03-30T17:00:00+02:00")) == at("2026-03-31T08:00:00+02:00"));
    // Saturday before the spring change -> Monday in summer time.
    CHECK(cal.next_open(at("2026-03-28T10:00:00+01:00")) == at("2026-03-30T08:00:00+02:00"));
    // Thursday evening before Easter -> Tuesday (Fri and Mon are holidays).
    CHECK(cal.next_open(at("2026-04-02T17:00:00+02:00")) == at("2026-04-07T08:00:00+02:00"));
}

TEST_CASE("add: forward deadlines in Berlin across DST, holidays and the lunch break",
          "[time][calendar]") {
    const auto cal = calendar(leadsla::test::berlin_office_json);
    const auto c = GENERATE(values<AddCase>({
        // Fri 16-17 = 1h; Mon 30 Mar (now CEST) 08:00 + 3h.
        {"2026-03-27T16:00:00+01:00", hours(4), "2026-03-30T11:00:00+02:00"},
        // Lands on the 12:00 close: the close itself, not the 13:00 reopening.
        {"2026-03-30T08:00:00+02:00", hours(4), "2026-03-30T12:00:00+02:00"},
        {"2026-03-30T08:00:00+02:00", hours(8), "2026-03-30T17:00:00+02:00"},
        // Started in the lunch break: counts from 13:00.
        {"2026-03-30T12:30:00+02:00", hours(1), "2026-03-30T14:00:00+02:00"},
        // Started before opening / on a weekend.
        {"2026-03-30T06:00:00+02:00", minutes(30), "2026-03-30T08:30:00+02:00"},
        {"2026-03-28T10:00:00+01:00", hours(1), "2026-03-30T09:00:00+02:00"},
        // Thu 16-17 = 1h; Good Friday, weekend, Easter Monday; Tue 7 Apr 08:00 + 1h.
        {"2026-04-02T16:00:00+02:00", hours(2), "2026-04-07T09:00:00+02:00"},
        // Half day 24 Dec 11-12 = 1h; 25 (Fri) and 26 (Sat) holidays; Mon 28 Dec 08:00 + 1h.
        {"2026-12-24T11:00:00+01:00", hours(2), "2026-12-28T09:00:00+01:00"},
        // Fri 23 Oct 16-17 = 1h; autumn change on Sunday; Mon 26 Oct (CET) 08:00 + 1h.
        {"2026-10-23T16:00:00+02:00", hours(2), "2026-10-26T09:00:00+01:00"},
        // Ten regular 40h weeks from Mon 5 Jan end on Fri 13 Mar at the close.
        {"2026-01-05T08:00:00+01:00", hours(400), "2026-03-13T17:00:00+01:00"},
        // Week of 23 Mar (40h) + 30 Mar-2 Apr (32h, Good Friday off) = 72h; Easter Monday off;
        // Tue 7 Apr gives the last 8h.
        {"2026-03-23T08:00:00+01:00", hours(80), "2026-04-07T17:00:00+02:00"},
        // All of 2026's business time (below) from New Year ends at the last close of the year.
        {"2026-01-01T00:00:00+01:00", hours(2060), "2026-12-31T17:00:00+01:00"},
        // add(t, 0) == next_open(t).
        {"2026-03-30T12:30:00+02:00", BusinessDuration{}, "2026-03-30T13:00:00+02:00"},
        {"2026-03-30T17:00:00+02:00", BusinessDuration{}, "2026-03-31T08:00:00+02:00"},
        {"2026-03-30T09:00:00+02:00", BusinessDuration{}, "2026-03-30T09:00:00+02:00"},
    }));
    INFO(c.start << " + " << c.d);
    CHECK(cal.add(at(c.start), c.d) == at(c.expected));
    CHECK(cal.elapsed(at(c.start), at(c.expected)) == c.d);
}

TEST_CASE("add with a negative duration walks backward and lands on openings", "[time][calendar]") {
    const auto cal = calendar(leadsla::test::berlin_office_json);
    // Mon 08-09 = 1h; back to Friday (CET): 17:00 - 1h.
    CHECK(cal.subtract(at("2026-03-30T09:00:00+02:00"), hours(2)) ==
          at("2026-03-27T16:00:00+01:00"));
    // Exactly the Monday morning: the latest such instant is the Monday opening, not Friday 17:00.
    CHECK(cal.subtract(at("2026-03-30T10:00:00+02:00"), hours(2)) ==
          at("2026-03-30T08:00:00+02:00"));
    CHECK(cal.subtract(at("2026-03-30T14:00:00+02:00"), hours(1)) ==
          at("2026-03-30T13:00:00+02:00"));
    CHECK(cal.subtract(at("2026-03-30T13:00:00+02:00"), hours(1)) ==
          at("2026-03-30T11:00:00+02:00"));
    // From a closed instant (Saturday) the walk starts at the last close.
    CHECK(cal.subtract(at("2026-03-28T12:00:00+01:00"), hours(1)) ==
          at("2026-03-27T16:00:00+01:00"));
    CHECK(cal.add(at("2026-04-07T09:00:00+02:00"), -hours(2)) == at("2026-04-02T16:00:00+02:00"));
}

TEST_CASE("elapsed counts business time between two instants and is antisymmetric",
          "[time][calendar]") {
    const auto cal = calendar(leadsla::test::berlin_office_json);
    CHECK(cal.elapsed(at("2026-03-27T16:00:00+01:00"), at("2026-03-30T11:00:00+02:00")) ==
          hours(4));
    CHECK(cal.elapsed(at("2026-03-30T11:00:00+02:00"), at("2026-03-27T16:00:00+01:00")) ==
          -hours(4));
    CHECK(cal.elapsed(at("2026-03-30T12:10:00+02:00"), at("2026-03-30T12:50:00+02:00")) ==
          BusinessDuration{});
    // 2026: 261 weekdays - 3 weekday holidays = 258 days of 8h, the half day 24 Dec counts 4h.
    CHECK(cal.elapsed(at("2026-01-01T00:00:00+01:00"), at("2027-01-01T00:00:00+01:00")) ==
          hours(2060));
}

TEST_CASE("a 00:00-24:00 day lasts 23 h or 25 h on DST-change days", "[time][calendar][dst]") {
    const auto ny = around_the_clock("America/New_York");
    CHECK(ny.elapsed(at("2024-03-10T00:00:00-05:00"), at("2024-03-11T00:00:00-04:00")) ==
          hours(23));
    CHECK(ny.elapsed(at("2024-11-03T00:00:00-04:00"), at("2024-11-04T00:00:00-05:00")) ==
          hours(25));
    CHECK(ny.add(at("2024-03-10T00:00:00-05:00"), hours(24)) == at("2024-03-11T01:00:00-04:00"));
    CHECK(ny.add(at("2024-11-03T00:00:00-04:00"), hours(24)) == at("2024-11-03T23:00:00-05:00"));

    // Southern hemisphere: Sydney leaves DST on 5 Apr 2026 and enters it on 4 Oct 2026.
    const auto sydney = around_the_clock("Australia/Sydney");
    CHECK(sydney.elapsed(at("2026-04-05T00:00:00+11:00"), at("2026-04-06T00:00:00+10:00")) ==
          hours(25));
    CHECK(sydney.elapsed(at("2026-10-04T00:00:00+10:00"), at("2026-10-05T00:00:00+11:00")) ==
          hours(23));

    const auto berlin = around_the_clock("Europe/Berlin");
    CHECK(berlin.elapsed(at("2026-03-29T00:00:00+01:00"), at("2026-03-30T00:00:00+02:00")) ==
          hours(23));
    CHECK(berlin.elapsed(at("2026-10-25T00:00:00+02:00"), at("2026-10-26T00:00:00+01:00")) ==
          hours(25));
}

TEST_CASE("an edge inside a DST gap moves forward by the gap's length", "[time][calendar][dst]") {
    // Sunday 02:30-05:00 in New York; on 2024-03-10 02:30 does not exist and becomes 03:30 EDT.
    const auto cal = calendar(
        R"({"tz":"America/New_York","hours":{"sun":[["02:30","05:00"]],"mon":[["09:00","17:00"]]}})");
    CHECK(cal.next_open(at("2024-03-10T03:00:00-04:00")) == at("2024-03-10T03:30:00-04:00"));
    CHECK_FALSE(cal.is_open(at("2024-03-10T03:29:59-04:00")));
    CHECK(cal.is_open(at("2024-03-10T03:30:00-04:00")));
    CHECK(cal.elapsed(at("2024-03-10T00:00:00-05:00"), at("2024-03-10T12:00:00-04:00")) ==
          minutes(90));
    CHECK(cal.elapsed(at("2024-03-17T00:00:00-04:00"), at("2024-03-17T12:00:00-04:00")) ==
          minutes(150));
}

TEST_CASE("an edge inside a repeated hour takes its earlier occurrence", "[time][calendar][dst]") {
    // Sunday 01:30-04:00; on 2024-11-03 01:30 happens twice: the EDT one opens, 04:00 EST closes.
    const auto cal = calendar(
        R"({"tz":"America/New_York","hours":{"sun":[["01:30","04:00"]],"mon":[["09:00","17:00"]]}})");
    CHECK(cal.next_open(at("2024-11-03T00:00:00-04:00")) == at("2024-11-03T01:30:00-04:00"));
    CHECK(cal.is_open(at("2024-11-03T01:15:00-05:00")));  // the second 01:15 lies inside
    CHECK(cal.elapsed(at("2024-11-03T00:00:00-04:00"), at("2024-11-03T12:00:00-05:00")) ==
          minutes(210));
    CHECK(cal.add(at("2024-11-03T01:30:00-04:00"), minutes(210)) ==
          at("2024-11-03T04:00:00-05:00"));
}

TEST_CASE("24:00 closes join the next day's 00:00 opening", "[time][calendar]") {
    const auto cal = calendar(R"({"tz":"Europe/Berlin","hours":{"fri":[["20:00","24:00"]],
        "sat":[["00:00","02:00"]],"mon":[["09:00","17:00"]]}})");
    CHECK(cal.add(at("2026-06-05T22:00:00+02:00"), hours(2)) == at("2026-06-06T00:00:00+02:00"));
    CHECK(cal.add(at("2026-06-05T23:00:00+02:00"), hours(2)) == at("2026-06-06T01:00:00+02:00"));
    CHECK(cal.elapsed(at("2026-06-05T20:00:00+02:00"), at("2026-06-06T02:00:00+02:00")) ==
          hours(6));
    CHECK(cal.is_open(at("2026-06-06T00:00:00+02:00")));
    CHECK(cal.add(at("2026-06-06T02:00:00+02:00"), BusinessDuration{}) ==
          at("2026-06-08T09:00:00+02:00"));
}

TEST_CASE("Sydney office hours across Easter and the autumn change", "[time][calendar][dst]") {
    const auto cal = calendar(R"({"tz":"Australia/Sydney","hours":{"mon":[["09:00","17:00"]],
        "tue":[["09:00","17:00"]],"wed":[["09:00","17:00"]],"thu":[["09:00","17:00"]],
        "fri":[["09:00","17:00"]]},"holidays":["2026-04-03","2026-04-06"]})");
    // Thu 16-17 = 1h; Good Friday; DST ends Sunday 5 Apr; Easter Monday; Tue 09:00 AEST + 1h.
    CHECK(cal.add(at("2026-04-02T16:00:00+11:00"), hours(2)) == at("2026-04-07T10:00:00+10:00"));
    // Fri 2 Oct 16-17 = 1h; DST starts Sunday 4 Oct; Mon 09:00 AEDT + 1h.
    CHECK(cal.add(at("2026-10-02T16:00:00+10:00"), hours(2)) == at("2026-10-05T10:00:00+11:00"));
}

TEST_CASE("a skipped local day has no business time (Pacific/Apia, 2011-12-30)",
          "[time][calendar][dst]") {
    const auto cal = around_the_clock("Pacific/Apia");
    // 29 Dec ran at -10:00; 30 Dec never happened; 31 Dec started at +14:00: 24 real hours.
    CHECK(cal.elapsed(at("2011-12-29T00:00:00-10:00"), at("2011-12-31T00:00:00+14:00")) ==
          hours(24));
    CHECK(cal.is_open(at("2011-12-30T10:00:00Z")));
    CHECK(cal.add(at("2011-12-29T12:00:00-10:00"), hours(12)) == at("2011-12-31T00:00:00+14:00"));
}

TEST_CASE("a midnight opening inside a DST gap (Sao Paulo, 2018-11-04)", "[time][calendar][dst]") {
    // Sat 20:00-24:00 and Sun 00:00-06:00; Sunday's 00:00 did not exist (00:00 -03 -> 01:00 -02).
    const auto cal = calendar(R"({"tz":"America/Sao_Paulo","hours":{"sat":[["20:00","24:00"]],
        "sun":[["00:00","06:00"]],"mon":[["09:00","17:00"]]}})");
    // Sat 23:00Z-03:00Z (4h) then Sun 03:00Z-08:00Z (5h), contiguous.
    CHECK(cal.elapsed(at("2018-11-03T20:00:00-03:00"), at("2018-11-04T06:00:00-02:00")) ==
          hours(9));
    CHECK(cal.add(at("2018-11-03T20:00:00-03:00"), hours(4)) == at("2018-11-04T01:00:00-02:00"));
}

TEST_CASE("fractional-hour zones: Kathmandu +05:45", "[time][calendar]") {
    const auto cal = calendar(R"({"tz":"Asia/Kathmandu","hours":{"mon":[["10:00","17:00"]],
        "tue":[["10:00","17:00"]]}})");
    CHECK(cal.next_open(at("2026-03-30T00:00:00Z")) == at("2026-03-30T10:00:00+05:45"));
    CHECK(cal.add(at("2026-03-30T16:00:00+05:45"), hours(2)) == at("2026-03-31T11:00:00+05:45"));
    CHECK(cal.add(at("2026-03-31T16:00:00+05:45"), hours(2)) == at("2026-04-06T11:00:00+05:45"));
}

TEST_CASE("instants far from today stay defined (clamped, no overflow)", "[time][calendar]") {
    const auto cal = calendar(leadsla::test::berlin_office_json);
    const leadsla::Instant far{std::chrono::seconds{std::int64_t{1} << 60}};
    const leadsla::Instant past{std::chrono::seconds{-(std::int64_t{1} << 60)}};
    CHECK(cal.add(far, hours(1)) >= cal.add(at("2400-01-01T00:00:00Z"), hours(1)));
    CHECK(cal.elapsed(past, far) > BusinessDuration{});
    CHECK(cal.add(at("2026-01-01T00:00:00Z"), BusinessDuration::seconds(std::int64_t{1} << 62)) >
          at("9999-01-01T00:00:00Z"));
    // Before the first and after the last known offset change the weekly pattern continues.
    for (const char* day : {"1700-06-01T00:00:00Z", "2100-06-07T00:00:00Z"}) {
        const auto open = cal.next_open(at(day));
        CHECK(cal.add(open, hours(1)) - open == std::chrono::hours(1));
        CHECK(cal.elapsed(open, open + std::chrono::hours(1)) == hours(1));
    }
}
