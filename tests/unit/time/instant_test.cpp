// SPDX-License-Identifier: Apache-2.0
#include <limits>

#include <support/test_support.hpp>

using leadsla::ErrorCode;
using leadsla::Instant;
using leadsla::parse_instant;
using leadsla::test::at;

TEST_CASE("parse_instant reads RFC 3339 with Z or an offset", "[time][instant]") {
    const Instant utc = at("2026-03-27T15:00:00Z");
    CHECK(utc.time_since_epoch().count() == 1774623600);
    CHECK(at("2026-03-27T16:00:00+01:00") == utc);
    CHECK(at("2026-03-27T10:30:00-04:30") == utc);
    CHECK(at("2026-03-27t15:00:00z") == utc);
    CHECK(at("2026-03-27 15:00:00Z") == utc);
    CHECK(at("1969-12-31T23:59:59Z").time_since_epoch().count() == -1);
    CHECK(at("2024-02-29T00:00:00Z") ==
          Instant{date::sys_days{date::year{2024} / 2 / 29}.time_since_epoch()});
}

TEST_CASE("parse_instant truncates fractional seconds to the second", "[time][instant]") {
    CHECK(at("2026-03-27T15:00:00.999Z") == at("2026-03-27T15:00:00Z"));
    CHECK(at("2026-03-27T15:00:00.000+00:00") == at("2026-03-27T15:00:00Z"));
}

TEST_CASE("parse_instant refuses a timestamp without offset instead of guessing",
          "[time][instant]") {
    const auto r = parse_instant("2026-03-27T16:00:00");
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::time_missing_offset);
    CHECK(r.error().message ==
          "\"2026-03-27T16:00:00\" has no UTC offset: local times are not guessed; append 'Z' for "
          "UTC or an offset such as '+01:00'");
    CHECK(parse_instant("2026-03-27T16:00:00.5").error().code == ErrorCode::time_missing_offset);
}

TEST_CASE("parse_instant rejects malformed timestamps with the reason", "[time][instant]") {
    struct Case {
        const char* text;
        const char* why;
    };
    const auto c = GENERATE(values<Case>({
        {"", "too short"},
        {"2026-03-27", "too short"},
        {"2026-02-30T10:00:00Z", "the date part is not a valid YYYY-MM-DD date"},
        {"2026-13-01T10:00:00Z", "the date part is not a valid YYYY-MM-DD date"},
        {"26-03-27T10:00:00+00:00", "the date part is not a valid YYYY-MM-DD date"},
        {"2026-03-27X10:00:00Z", "expected 'T' between date and time"},
        {"2026-03-27T1:00:00Z", "the time part is not HH:MM:SS"},
        {"2026-03-27T24:00:00Z",
         "hour, minute or second out of range (leap seconds are not supported)"},
        {"2026-12-31T23:59:60Z",
         "hour, minute or second out of range (leap seconds are not supported)"},
        {"2026-03-27T10:00:00.Z", "a '.' must be followed by fraction digits"},
        {"2026-03-27T10:00:00+0100", "the offset is not +HH:MM or -HH:MM"},
        {"2026-03-27T10:00:00+24:00", "the offset is out of range"},
        {"2026-03-27T10:00:00 CET", "expected 'Z' or an offset such as '+01:00' after the time"},
        {"2026-03-27T10:00:00Zjunk", "unexpected characters after the offset"},
    }));
    const auto r = parse_instant(c.text);
    INFO(c.text);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::time_bad_instant);
    CHECK(r.error().message ==
          fmt::format("\"{}\" is not an RFC 3339 timestamp (expected YYYY-MM-DDTHH:MM:SS with Z or "
                      "+HH:MM): {}",
                      c.text, c.why));
}

TEST_CASE("format_instant writes UTC RFC 3339 and round-trips", "[time][instant]") {
    CHECK(leadsla::format_instant(at("2026-03-27T16:00:00+01:00")) == "2026-03-27T15:00:00Z");
    CHECK(leadsla::format_instant(at("1969-12-31T23:59:59Z")) == "1969-12-31T23:59:59Z");
    for (std::int64_t s : {std::int64_t{0}, std::int64_t{-86401}, std::int64_t{1774623600},
                           std::int64_t{4102444799}}) {
        const Instant t{std::chrono::seconds{s}};
        CHECK(at(leadsla::format_instant(t)) == t);
    }
}

TEST_CASE("parse_civil_date reads YYYY-MM-DD only", "[time][instant]") {
    CHECK(leadsla::format_civil_date(leadsla::test::day("2026-12-25")) == "2026-12-25");
    CHECK(leadsla::parse_civil_date("2026-02-29").error().message ==
          "\"2026-02-29\" is not a valid date (expected YYYY-MM-DD)");
    CHECK_FALSE(leadsla::parse_civil_date("2026-12-25T00:00:00Z"));
    CHECK_FALSE(leadsla::parse_civil_date("2026-1-5"));
}

TEST_CASE("instants outside years 0000-9999 are refused, never printed as a wrong year",
          "[time][instant][errors]") {
    using leadsla::format_instant;
    using leadsla::max_instant;
    using leadsla::min_instant;
    CHECK(format_instant(min_instant) == "0000-01-01T00:00:00Z");
    CHECK(format_instant(max_instant) == "9999-12-31T23:59:59Z");
    CHECK(at("0000-01-01T00:00:00Z") == min_instant);
    CHECK(at("9999-12-31T23:59:59Z") == max_instant);
    // An offset that moves the instant out of range is an error, as the digits would be.
    for (const char* text : {"0000-01-01T00:00:00+01:00", "9999-12-31T23:00:00-05:00"}) {
        const auto r = parse_instant(text);
        INFO(text);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == ErrorCode::time_bad_instant);
    }
    // 2^40 s after 2026 is the year 36,868; 10^12 s before 1970 the year -29,719. Neither has an
    // RFC 3339 form; what prints says so instead of showing a year no reader accepts.
    const Instant far = at("2026-03-27T15:00:00Z") + std::chrono::seconds{std::int64_t{1} << 40};
    CHECK(format_instant(far) ==
          "out-of-range instant (1101286251376 s from 1970-01-01T00:00:00Z)");
    CHECK_FALSE(parse_instant(format_instant(far)));
    const Instant early{std::chrono::seconds{-1'000'000'000'000}};
    CHECK_FALSE(parse_instant(format_instant(early)));
    // In a zone, the last hours of 9999 would be in the year 10000 locally: printed in UTC.
    const leadsla::Zone berlin = leadsla::Zone::locate("Europe/Berlin").value();
    CHECK(format_instant(max_instant, berlin) == "9999-12-31T23:59:59Z");
    CHECK(format_instant(at("9999-12-31T12:00:00Z"), berlin) == "9999-12-31T13:00:00+01:00");
}

TEST_CASE("epoch milliseconds become instants inside the supported range only",
          "[time][instant][errors]") {
    using leadsla::instant_from_unix_ms;
    CHECK(instant_from_unix_ms(1773302400000).value() == at("2026-03-12T08:00:00Z"));
    CHECK(instant_from_unix_ms(-1500).value() == at("1969-12-31T23:59:58Z"));  // floored
    CHECK(instant_from_unix_ms(253402300799999).value() == leadsla::max_instant);
    CHECK(instant_from_unix_ms(-62167219200000).value() == leadsla::min_instant);
    for (const std::int64_t ms :
         {std::int64_t{253402300800000}, std::int64_t{-62167219200001},
          std::int64_t{999999999999999}, std::numeric_limits<std::int64_t>::min()}) {
        const auto r = instant_from_unix_ms(ms);
        INFO(ms);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == ErrorCode::parse_out_of_range);
    }
}
