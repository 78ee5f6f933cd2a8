// SPDX-License-Identifier: Apache-2.0
// The only include of Catch2 in the tests: printers for leadsla types and small builders.
#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <leadsla/leadsla.hpp>

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define LEADSLA_TEST_UNDER_SANITIZER 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define LEADSLA_TEST_UNDER_SANITIZER 1
#endif

namespace leadsla::test {

/// The number of random cases a property runs: `n`, or a fifth of it under a sanitizer, which
/// makes each case 5-10 times slower; the dev and release builds run every case.
constexpr int property_cases(int n) {
#if defined(LEADSLA_TEST_UNDER_SANITIZER)
    return n / 5;
#else
    return n;
#endif
}

}  // namespace leadsla::test

namespace leadsla {

// Catch2 prints values through operator<<; these route it through fmt, so a failed check shows
// `2026-03-30T11:00:00Z == 2026-03-30T10:00:00Z` instead of `{?} == {?}`.
inline std::ostream& operator<<(std::ostream& os, const Error& e) {
    return os << fmt::format("{}", e);
}
inline std::ostream& operator<<(std::ostream& os, BusinessDuration d) {
    return os << fmt::format("{}", d);
}
inline std::ostream& operator<<(std::ostream& os, TimeOfDay t) {
    return os << fmt::format("{}", t);
}
inline std::ostream& operator<<(std::ostream& os, Decimal d) {
    return os << fmt::format("{}", d);
}
inline std::ostream& operator<<(std::ostream& os, Stage s) {
    return os << fmt::format("{}", s);
}
inline std::ostream& operator<<(std::ostream& os, const AttributeValue& v) {
    return os << fmt::format("{}", v);
}
/// `error[code] where: message` without the line and column, for tables of errors that are
/// about what and where, not about the text's layout.
inline std::string without_position(Error e) {
    e.line = 0;
    e.column = 0;
    return fmt::format("{}", e);
}
template <typename Tag, typename Rep>
std::ostream& operator<<(std::ostream& os, const StrongId<Tag, Rep>& id) {
    return os << fmt::format("{}", id);
}

}  // namespace leadsla

namespace Catch {
template <>
struct StringMaker<leadsla::Instant> {
    static std::string convert(const leadsla::Instant& t) { return leadsla::format_instant(t); }
};
}  // namespace Catch

namespace leadsla::test {

/// Parses an RFC 3339 timestamp or fails the test.
inline Instant at(std::string_view text) {
    Result<Instant> t = parse_instant(text);
    INFO(std::string{text});
    REQUIRE(t.has_value());
    return *t;
}

/// Parses `HH:MM` or fails the test.
inline TimeOfDay tod(std::string_view text) {
    Result<TimeOfDay> t = TimeOfDay::parse(text);
    REQUIRE(t.has_value());
    return *t;
}

inline CivilDate day(std::string_view text) {
    Result<CivilDate> d = parse_civil_date(text);
    REQUIRE(d.has_value());
    return *d;
}

/// Builds a calendar from its JSON form or fails the test.
inline BusinessCalendar calendar(std::string_view json) {
    Result<BusinessCalendar> c = parse_calendar(json);
    if (!c) {
        FAIL(fmt::format("{}", c.error()));
    }
    return *c;
}

/// SLA options with only `attached_at` set.
inline SlaEvaluateOptions attached_at(Instant t) {
    SlaEvaluateOptions o;
    o.attached_at = t;
    return o;
}

/// SLA options with only the attribute history set (`past` must outlive the call).
inline SlaEvaluateOptions with_past(std::span<const PastAttributes> past) {
    SlaEvaluateOptions o;
    o.past_attributes = past;
    return o;
}

inline BusinessDuration hours(std::int64_t n) {
    return BusinessDuration::hours(n);
}
inline BusinessDuration minutes(std::int64_t n) {
    return BusinessDuration::minutes(n);
}

}  // namespace leadsla::test
