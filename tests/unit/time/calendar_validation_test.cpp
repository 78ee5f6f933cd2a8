// SPDX-License-Identifier: Apache-2.0
#include <support/test_support.hpp>

using leadsla::BusinessCalendar;
using leadsla::CalendarSpec;
using leadsla::ErrorCode;
using leadsla::OpenInterval;
using leadsla::SpecialDay;
using leadsla::Weekday;
using leadsla::test::day;
using leadsla::test::tod;

namespace {

CalendarSpec weekdays_nine_to_five() {
    CalendarSpec spec;
    spec.zone = "Europe/Berlin";
    for (auto d : {Weekday::monday, Weekday::tuesday, Weekday::wednesday, Weekday::thursday,
                   Weekday::friday}) {
        spec.weekly[static_cast<std::size_t>(d)] = {OpenInterval{tod("09:00"), tod("17:00")}};
    }
    return spec;
}

leadsla::Error error_of(CalendarSpec spec) {
    auto c = BusinessCalendar::create(std::move(spec));
    REQUIRE_FALSE(c);
    return c.error();
}

}  // namespace

TEST_CASE("a valid spec creates a calendar that keeps its spec", "[time][calendar][validation]") {
    const auto spec = weekdays_nine_to_five();
    const auto cal = BusinessCalendar::create(spec);
    REQUIRE(cal);
    CHECK(cal->spec() == spec);
    CHECK(cal->weekly_hours() == leadsla::test::hours(40));
    CHECK(cal->zone().name() == "Europe/Berlin");
    CHECK(*cal == BusinessCalendar::create(spec).value());
    CHECK(fmt::format("{}", *cal) == "Europe/Berlin, 40h/week, 0 holidays, 0 special days");
}

TEST_CASE("calendar validation names the field and the problem", "[time][calendar][validation]") {
    SECTION("unknown zone") {
        auto spec = weekdays_nine_to_five();
        spec.zone = "Europe/Atlantis";
        const auto e = error_of(spec);
        CHECK(e.code == ErrorCode::time_unknown_zone);
        CHECK(e.where == "/tz");
    }
    SECTION("open >= close") {
        auto spec = weekdays_nine_to_five();
        spec.weekly[2] = {OpenInterval{tod("08:00"), tod("12:00")},
                          OpenInterval{tod("14:00"), tod("14:00")}};
        const auto e = error_of(spec);
        CHECK(e.code == ErrorCode::calendar_empty_interval);
        CHECK(e.where == "/hours/wed/1");
        CHECK(e.message ==
              "[14:00, 14:00) is empty: the opening time must be before the closing time");
    }
    SECTION("unsorted intervals") {
        auto spec = weekdays_nine_to_five();
        spec.weekly[0] = {OpenInterval{tod("13:00"), tod("17:00")},
                          OpenInterval{tod("08:00"), tod("12:00")}};
        const auto e = error_of(spec);
        CHECK(e.code == ErrorCode::calendar_unsorted);
        CHECK(e.where == "/hours/mon/1");
        CHECK(e.message ==
              "[08:00, 12:00) starts before the previous interval [13:00, 17:00): list a "
              "day's intervals in ascending order");
    }
    SECTION("overlapping intervals") {
        auto spec = weekdays_nine_to_five();
        spec.weekly[0] = {OpenInterval{tod("08:00"), tod("12:30")},
                          OpenInterval{tod("12:00"), tod("13:00")}};
        const auto e = error_of(spec);
        CHECK(e.code == ErrorCode::calendar_overlap);
        CHECK(e.where == "/hours/mon/1");
        CHECK(e.message == "[12:00, 13:00) overlaps the previous interval [08:00, 12:30)");
    }
    SECTION("adjacent intervals are fine") {
        auto spec = weekdays_nine_to_five();
        spec.weekly[0] = {OpenInterval{tod("08:00"), tod("12:00")},
                          OpenInterval{tod("12:00"), tod("13:00")}};
        CHECK(BusinessCalendar::create(spec));
    }
    SECTION("no open time at all") {
        CalendarSpec spec;
        spec.zone = "Europe/Berlin";
        spec.special_days.push_back(
            SpecialDay{day("2026-12-24"), {OpenInterval{tod("08:00"), tod("12:00")}}});
        const auto e = error_of(spec);
        CHECK(e.code == ErrorCode::calendar_never_open);
        CHECK(e.where == "/hours");
    }
    SECTION("a holiday listed twice") {
        auto spec = weekdays_nine_to_five();
        spec.holidays = {day("2026-12-25"), day("2026-01-01"), day("2026-12-25")};
        const auto e = error_of(spec);
        CHECK(e.code == ErrorCode::calendar_duplicate_date);
        CHECK(e.where == "/holidays/2");
        CHECK(e.message == "2026-12-25 is listed twice (also at /holidays/0)");
    }
    SECTION("a special day with bad hours") {
        auto spec = weekdays_nine_to_five();
        spec.special_days.push_back(
            SpecialDay{day("2026-12-24"), {OpenInterval{tod("12:00"), tod("08:00")}}});
        const auto e = error_of(spec);
        CHECK(e.code == ErrorCode::calendar_empty_interval);
        CHECK(e.where == "/special_dates/2026-12-24/0");
    }
    SECTION("a special day given twice") {
        auto spec = weekdays_nine_to_five();
        spec.special_days.push_back(SpecialDay{day("2026-12-24"), {}});
        spec.special_days.push_back(
            SpecialDay{day("2026-12-24"), {OpenInterval{tod("08:00"), tod("09:00")}}});
        const auto e = error_of(spec);
        CHECK(e.code == ErrorCode::calendar_duplicate_date);
        CHECK(e.where == "/special_dates/2026-12-24");
    }
    SECTION("an invalid date") {
        auto spec = weekdays_nine_to_five();
        spec.holidays = {date::year{2026} / 2 / 30};
        CHECK(error_of(spec).code == ErrorCode::time_bad_date);
    }
}
