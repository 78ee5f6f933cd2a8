// SPDX-License-Identifier: Apache-2.0
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
