// SPDX-License-Identifier: Apache-2.0
#include <support/test_support.hpp>

using leadsla::TimeOfDay;

TEST_CASE("TimeOfDay parses HH:MM and HH:MM:SS from 00:00 to 24:00", "[time][time_of_day]") {
    CHECK(TimeOfDay::parse("00:00")->seconds() == 0);
    CHECK(TimeOfDay::parse("08:30")->seconds() == 8 * 3600 + 30 * 60);
    CHECK(TimeOfDay::parse("23:59:59")->seconds() == 86399);
    CHECK(TimeOfDay::parse("24:00")->seconds() == 86400);
    CHECK(TimeOfDay::parse("24:00:00").value() == TimeOfDay::end_of_day());
    CHECK(TimeOfDay::parse("08:00").value() < TimeOfDay::parse("08:00:01").value());
    CHECK(TimeOfDay{} == TimeOfDay::parse("00:00").value());
}

TEST_CASE("TimeOfDay rejects malformed and out-of-range times", "[time][time_of_day]") {
    const auto shape = GENERATE(as<std::string>{}, "", "8:00", "08:0", "0800", "08-00", "08:00:0",
                                "08:00:00:00", "ab:cd", " 08:00");
    INFO(shape);
    const auto r = TimeOfDay::parse(shape);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == leadsla::ErrorCode::time_bad_time_of_day);
    CHECK(r.error().message ==
          fmt::format("\"{}\" is not a time of day (expected HH:MM or HH:MM:SS)", shape));

    const auto range =
        GENERATE(as<std::string>{}, "24:01", "25:00", "08:60", "24:00:01", "12:00:60");
    INFO(range);
    CHECK(TimeOfDay::parse(range).error().message ==
          fmt::format("\"{}\" is out of range (expected 00:00 to 24:00)", range));
}

TEST_CASE("TimeOfDay formats HH:MM, with seconds only when needed", "[time][time_of_day]") {
    CHECK(fmt::format("{}", TimeOfDay::parse("08:05").value()) == "08:05");
    CHECK(fmt::format("{}", TimeOfDay::parse("08:05:09").value()) == "08:05:09");
    CHECK(fmt::format("{}", TimeOfDay::end_of_day()) == "24:00");
    CHECK(TimeOfDay::from_seconds(90).value() == TimeOfDay::parse("00:01:30").value());
    CHECK(TimeOfDay::from_seconds(-1).error().message ==
          "-1 seconds is not a time of day (expected 0 to 86400)");
    CHECK_FALSE(TimeOfDay::from_seconds(86401));
}
