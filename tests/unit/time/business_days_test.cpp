// SPDX-License-Identifier: Apache-2.0
#include <support/calendars.hpp>
#include <support/test_support.hpp>

using leadsla::BusinessDays;
using leadsla::test::at;
using leadsla::test::calendar;

namespace {

struct DaysCase {
    const char* start;
    std::uint32_t days;
    const char* expected;
};
}  // namespace

TEST_CASE("BusinessDays: the end of the n-th business day after the start's date",
          "[time][calendar][days]") {
    const auto cal = calendar(leadsla::test::berlin_office_json);
    const auto c = GENERATE(values<DaysCase>({
        // The next business day after Friday is Monday (summer time by then).
        {"2026-03-27T16:00:00+01:00", 1, "2026-03-30T17:00:00+02:00"},
        {"2026-03-27T20:00:00+01:00", 1, "2026-03-30T17:00:00+02:00"},
        {"2026-03-28T10:00:00+01:00", 1, "2026-03-30T17:00:00+02:00"},
        // Good Friday and Easter Monday are skipped.
        {"2026-04-02T10:00:00+02:00", 1, "2026-04-07T17:00:00+02:00"},
        // n = 0: today's end while it is ahead, else the next business day's end.
        {"2026-04-02T10:00:00+02:00", 0, "2026-04-02T17:00:00+02:00"},
        {"2026-04-02T18:00:00+02:00", 0, "2026-04-07T17:00:00+02:00"},
        {"2026-04-04T10:00:00+02:00", 0, "2026-04-07T17:00:00+02:00"},
        // A special day ends at its own last close.
        {"2026-12-23T10:00:00+01:00", 1, "2026-12-24T12:00:00+01:00"},
        {"2026-12-23T10:00:00+01:00", 2, "2026-12-28T17:00:00+01:00"},
        // Tue 6 Jan .. Fri 9 Jan = 4, then three full weeks = 19, Mon 2 Feb = 20.
        {"2026-01-05T10:00:00+01:00", 20, "2026-02-02T17:00:00+01:00"},
        // 2026 holds 257 business days after 1 Jan; the 258th skips New Year 2027 (Friday).
        {"2026-01-01T10:00:00+01:00", 257, "2026-12-31T17:00:00+01:00"},
        {"2026-01-01T10:00:00+01:00", 258, "2027-01-04T17:00:00+01:00"},
    }));
    INFO(c.start << " + " << c.days << " business days");
    CHECK(cal.add(at(c.start), BusinessDays{c.days}) == at(c.expected));
}

TEST_CASE("BusinessDays skips a local date that never happened", "[time][calendar][days][dst]") {
    const auto cal = calendar(R"({"tz":"Pacific/Apia","hours":{"mon":[["09:00","17:00"]],
        "tue":[["09:00","17:00"]],"wed":[["09:00","17:00"]],"thu":[["09:00","17:00"]],
        "fri":[["09:00","17:00"]],"sat":[["09:00","17:00"]]}})");
    // Thu 29 Dec 2011, then Fri 30 Dec was skipped, then Sat 31 Dec.
    CHECK(cal.add(at("2011-12-29T10:00:00-10:00"), BusinessDays{1}) ==
          at("2011-12-31T17:00:00+14:00"));
}
