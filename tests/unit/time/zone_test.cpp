// SPDX-License-Identifier: Apache-2.0
#include <support/test_support.hpp>

using leadsla::LocalTime;
using leadsla::Zone;
using leadsla::test::at;
using namespace std::chrono_literals;

namespace {
Zone zone(std::string_view name) {
    auto z = Zone::locate(name);
    REQUIRE(z.has_value());
    return *z;
}
LocalTime local(int y, unsigned m, unsigned d, std::chrono::seconds tod) {
    return LocalTime{
               date::local_days{date::year{y} / date::month{m} / date::day{d}}.time_since_epoch()} +
           tod;
}
}  // namespace

TEST_CASE("Zone::locate accepts IANA names and legacy links, refuses unknown ones",
          "[time][zone]") {
    CHECK(zone("Europe/Berlin").name() == "Europe/Berlin");
    CHECK(zone("US/Eastern").name() == "US/Eastern");
    const auto bad = Zone::locate("Mars/Olympus");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code == leadsla::ErrorCode::time_unknown_zone);
    CHECK(bad.error().message ==
          "\"Mars/Olympus\" is not a time zone of the system tz database (expected an IANA name "
          "such as \"Europe/Berlin\"; is the tzdata package installed?)");
    CHECK_FALSE(Zone::locate(""));
    CHECK(zone("Europe/Berlin") == zone("Europe/Berlin"));
    CHECK_FALSE(zone("Europe/Berlin") == zone("Europe/Paris"));
}

// The one rule for local -> absolute (DESIGN §3): a gap moves forward by its length, a repeated
// hour takes its earlier occurrence.
TEST_CASE("to_instant: unique, DST gap and repeated hour in New York", "[time][zone][dst]") {
    const Zone ny = zone("America/New_York");
    CHECK(ny.to_instant(local(2024, 3, 9, 2h + 30min)) == at("2024-03-09T02:30:00-05:00"));
    // 02:30 does not exist on 2024-03-10: 03:30 EDT (java.time), not 03:00 (date's earliest).
    CHECK(ny.to_instant(local(2024, 3, 10, 2h + 30min)) == at("2024-03-10T03:30:00-04:00"));
    CHECK(ny.to_instant(local(2024, 3, 10, 2h)) == at("2024-03-10T03:00:00-04:00"));
    CHECK(ny.to_instant(local(2024, 3, 10, 3h)) == at("2024-03-10T03:00:00-04:00"));
    // 01:30 happens twice on 2024-11-03: the earlier one, in EDT.
    CHECK(ny.to_instant(local(2024, 11, 3, 1h + 30min)) == at("2024-11-03T01:30:00-04:00"));
    CHECK(ny.to_instant(local(2024, 11, 3, 2h)) == at("2024-11-03T02:00:00-05:00"));
}

TEST_CASE("to_instant: 30-minute DST of Lord Howe and a skipped midnight", "[time][zone][dst]") {
    const Zone lh = zone("Australia/Lord_Howe");
    // 2024-10-06 02:00 +10:30 -> 02:30 +11:00: 02:15 is in the gap and moves forward 30 minutes.
    CHECK(lh.to_instant(local(2024, 10, 6, 2h + 15min)) == at("2024-10-06T02:45:00+11:00"));
    // 2024-04-07 02:00 +11:00 -> 01:30 +10:30: 01:45 happens twice, the first is +11:00.
    CHECK(lh.to_instant(local(2024, 4, 7, 1h + 45min)) == at("2024-04-07T01:45:00+11:00"));
    const Zone sp = zone("America/Sao_Paulo");
    // 2018-11-04 began DST at midnight: 00:30 does not exist, it becomes 01:30 -02:00.
    CHECK(sp.to_instant(local(2018, 11, 4, 30min)) == at("2018-11-04T01:30:00-02:00"));
}

TEST_CASE("offset, to_local and next_transition", "[time][zone]") {
    const Zone berlin = zone("Europe/Berlin");
    CHECK(berlin.offset(at("2026-03-29T00:59:59Z")) == 1h);
    CHECK(berlin.offset(at("2026-03-29T01:00:00Z")) == 2h);
    CHECK(berlin.to_local(at("2026-03-29T01:00:00Z")) == local(2026, 3, 29, 3h));
    CHECK(berlin.next_transition(at("2026-01-01T00:00:00Z")) == at("2026-03-29T01:00:00Z"));
    CHECK(berlin.next_transition(at("2026-03-29T01:00:00Z")) == at("2026-10-25T01:00:00Z"));
    CHECK(zone("Asia/Kathmandu").offset(at("2026-01-01T00:00:00Z")) == 5h + 45min);
    CHECK_FALSE(zone("Etc/UTC").next_transition(at("2026-01-01T00:00:00Z")).has_value());
}

TEST_CASE("format_instant in a zone uses the offset in force", "[time][zone]") {
    const Zone berlin = zone("Europe/Berlin");
    CHECK(leadsla::format_instant(at("2026-03-30T08:00:00Z"), berlin) ==
          "2026-03-30T10:00:00+02:00");
    CHECK(leadsla::format_instant(at("2026-01-05T07:00:00Z"), berlin) ==
          "2026-01-05T08:00:00+01:00");
    CHECK(leadsla::format_instant(at("2026-01-05T07:00:00Z"), zone("America/St_Johns")) ==
          "2026-01-05T03:30:00-03:30");
    CHECK(fmt::format("{}", berlin) == "Europe/Berlin");
}
