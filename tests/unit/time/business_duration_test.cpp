// SPDX-License-Identifier: Apache-2.0
#include <support/test_support.hpp>

using leadsla::BusinessDays;
using leadsla::BusinessDuration;

TEST_CASE("BusinessDuration arithmetic is exact and typed", "[time][duration]") {
    const auto four_hours = BusinessDuration::hours(4);
    CHECK(four_hours.count() == 14400);
    CHECK(four_hours == BusinessDuration::minutes(240));
    CHECK(four_hours + BusinessDuration::minutes(30) == BusinessDuration::seconds(16200));
    CHECK(four_hours - BusinessDuration::hours(5) == -BusinessDuration::hours(1));
    CHECK(four_hours * 2 == BusinessDuration::hours(8));
    CHECK(3 * BusinessDuration::minutes(20) == BusinessDuration::hours(1));
    CHECK(BusinessDuration::hours(1) < four_hours);
    auto d = BusinessDuration{};
    d += four_hours;
    d -= BusinessDuration::hours(1);
    CHECK(d == BusinessDuration::hours(3));
}

TEST_CASE("BusinessDuration parses h/m/s and refuses days", "[time][duration]") {
    CHECK(BusinessDuration::parse("4h").value() == BusinessDuration::hours(4));
    CHECK(BusinessDuration::parse("1h30m").value() == BusinessDuration::minutes(90));
    CHECK(BusinessDuration::parse("90m").value() == BusinessDuration::minutes(90));
    CHECK(BusinessDuration::parse("45s").value() == BusinessDuration::seconds(45));
    CHECK(BusinessDuration::parse("2h0m5s").value() == BusinessDuration::seconds(7205));
    CHECK(BusinessDuration::parse("-2h").value() == -BusinessDuration::hours(2));
    CHECK(BusinessDuration::parse("0").value() == BusinessDuration{});

    const auto prefix =
        std::string{"is not a business duration (expected e.g. 4h, 90m, 45s, 1h30m): "};
    CHECK(BusinessDuration::parse("2d").error().message ==
          "\"2d\" " + prefix +
              "business time has no day or week unit: a business day is not 24 hours; use a "
              "BusinessDays target instead");
    CHECK(BusinessDuration::parse("").error().message == "\"\" " + prefix + "it is empty");
    CHECK(BusinessDuration::parse("h").error().message == "\"h\" " + prefix + "expected a number");
    CHECK(BusinessDuration::parse("4").error().message ==
          "\"4\" " + prefix + "a unit (h, m or s) must follow the number");
    CHECK(BusinessDuration::parse("4x").error().message == "\"4x\" " + prefix + "unknown unit 'x'");
    CHECK(BusinessDuration::parse("30m1h").error().message ==
          "\"30m1h\" " + prefix + "units must appear once each, in the order h, m, s");
    CHECK(BusinessDuration::parse("99999999999999999h").error().code ==
          leadsla::ErrorCode::time_bad_duration);
}

TEST_CASE("BusinessDuration formats in the shortest exact form", "[time][duration]") {
    CHECK(fmt::format("{}", BusinessDuration::hours(4)) == "4h");
    CHECK(fmt::format("{}", BusinessDuration::minutes(90)) == "1h30m");
    CHECK(fmt::format("{}", BusinessDuration::seconds(3601)) == "1h1s");
    CHECK(fmt::format("{}", BusinessDuration{}) == "0s");
    CHECK(fmt::format("{}", -BusinessDuration::minutes(5)) == "-5m");
    for (const std::int64_t s : {1, 59, 60, 61, 3599, 3600, 86399, 1000000}) {
        const auto d = BusinessDuration::seconds(s);
        CHECK(BusinessDuration::parse(fmt::format("{}", d)).value() == d);
    }
}

TEST_CASE("BusinessDays is a count of its own", "[time][duration]") {
    CHECK(BusinessDays{2}.count() == 2);
    CHECK(BusinessDays{1} < BusinessDays{2});
    CHECK(fmt::format("{}", BusinessDays{1}) == "1 business day");
    CHECK(fmt::format("{}", BusinessDays{3}) == "3 business days");
}
