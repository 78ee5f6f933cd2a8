// SPDX-License-Identifier: Apache-2.0
#include <cstdint>
#include <optional>
#include <string>

#include <fmt/format.h>

#include <leadsla/time/instant.hpp>

namespace leadsla {
namespace {

/// Reads exactly `n` ASCII digits at `pos`; nullopt when any is not a digit.
std::optional<int> read_digits(std::string_view s, std::size_t pos, std::size_t n) {
    if (pos + n > s.size()) {
        return std::nullopt;
    }
    int value = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        const char c = s[i];
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
        value = value * 10 + (c - '0');
    }
    return value;
}

Error bad_instant(std::string_view text, std::string_view why) {
    return Error{ErrorCode::time_bad_instant, "",
                 fmt::format("\"{}\" is not an RFC 3339 timestamp "
                             "(expected YYYY-MM-DDTHH:MM:SS with Z or +HH:MM): {}",
                             text, why)};
}

std::optional<date::year_month_day> read_date(std::string_view s) {
    const auto y = read_digits(s, 0, 4);
    const auto m = read_digits(s, 5, 2);
    const auto d = read_digits(s, 8, 2);
    if (!y || !m || !d || s.size() < 10 || s[4] != '-' || s[7] != '-') {
        return std::nullopt;
    }
    const date::year_month_day ymd{date::year{*y}, date::month{static_cast<unsigned>(*m)},
                                   date::day{static_cast<unsigned>(*d)}};
    if (!ymd.ok()) {
        return std::nullopt;
    }
    return ymd;
}

}  // namespace

Result<CivilDate> parse_civil_date(std::string_view text) {
    const auto ymd = read_date(text);
    if (text.size() != 10 || !ymd) {
        return Error{ErrorCode::time_bad_date, "",
                     fmt::format("\"{}\" is not a valid date (expected YYYY-MM-DD)", text)};
    }
    return *ymd;
}

Result<Instant> parse_instant(std::string_view text) {
    if (text.size() < 19) {
        return bad_instant(text, "too short");
    }
    const auto ymd = read_date(text);
    if (!ymd) {
        return bad_instant(text, "the date part is not a valid YYYY-MM-DD date");
    }
    const char sep = text[10];
    if (sep != 'T' && sep != 't' && sep != ' ') {
        return bad_instant(text, "expected 'T' between date and time");
    }
    const auto hh = read_digits(text, 11, 2);
    const auto mm = read_digits(text, 14, 2);
    const auto ss = read_digits(text, 17, 2);
    if (!hh || !mm || !ss || text[13] != ':' || text[16] != ':') {
        return bad_instant(text, "the time part is not HH:MM:SS");
    }
    if (*hh > 23 || *mm > 59 || *ss > 59) {
        return bad_instant(text,
                           "hour, minute or second out of range (leap seconds are not supported)");
    }
    std::size_t pos = 19;
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        const std::size_t digits_start = pos;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            ++pos;
        }
        if (pos == digits_start) {
            return bad_instant(text, "a '.' must be followed by fraction digits");
        }
    }
    if (pos == text.size()) {
        return Error{ErrorCode::time_missing_offset, "",
                     fmt::format("\"{}\" has no UTC offset: local times are not guessed; append "
                                 "'Z' for UTC or an offset such as '+01:00'",
                                 text)};
    }
    std::int64_t offset_seconds = 0;
    const char z = text[pos];
    if (z == 'Z' || z == 'z') {
        ++pos;
    } else if (z == '+' || z == '-') {
        const auto oh = read_digits(text, pos + 1, 2);
        const auto om = read_digits(text, pos + 4, 2);
        if (!oh || !om || pos + 3 >= text.size() || text[pos + 3] != ':') {
            return bad_instant(text, "the offset is not +HH:MM or -HH:MM");
        }
        if (*oh > 23 || *om > 59) {
            return bad_instant(text, "the offset is out of range");
        }
        offset_seconds = (z == '-' ? -1 : 1) * (std::int64_t{*oh} * 3600 + std::int64_t{*om} * 60);
        pos += 6;
    } else {
        return bad_instant(text, "expected 'Z' or an offset such as '+01:00' after the time");
    }
    if (pos != text.size()) {
        return bad_instant(text, "unexpected characters after the offset");
    }
    const auto local_seconds =
        std::chrono::seconds{std::int64_t{*hh} * 3600 + std::int64_t{*mm} * 60 + std::int64_t{*ss}};
    const Instant t = Instant{date::sys_days{*ymd}.time_since_epoch()} + local_seconds -
                      std::chrono::seconds{offset_seconds};
    if (!in_supported_range(t)) {
        return bad_instant(text,
                           "the offset moves it outside 0000-01-01T00:00:00Z to "
                           "9999-12-31T23:59:59Z, the supported instants");
    }
    return t;
}

Result<Instant> instant_from_unix_ms(std::int64_t ms) {
    using std::chrono::milliseconds;
    const Instant t{std::chrono::floor<std::chrono::seconds>(milliseconds{ms})};
    // Compared in milliseconds: seconds * 1000 of the range's ends cannot overflow.
    if (ms < milliseconds{min_instant.time_since_epoch()}.count() || t > max_instant) {
        return Error{ErrorCode::parse_out_of_range, "",
                     fmt::format("{} ms from 1970-01-01T00:00:00Z is outside the supported "
                                 "instants, years 0000 to 9999 (a unit mistake?)",
                                 ms)};
    }
    return t;
}

std::string format_civil_date(CivilDate d) {
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()),
                       static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
}

std::string format_instant(Instant t) {
    if (!in_supported_range(t)) {
        return fmt::format("out-of-range instant ({} s from 1970-01-01T00:00:00Z)",
                           t.time_since_epoch().count());
    }
    const auto day = date::floor<date::days>(t);
    const auto tod = (t - day).count();
    return fmt::format("{}T{:02}:{:02}:{:02}Z", format_civil_date(date::year_month_day{day}),
                       tod / 3600, tod / 60 % 60, tod % 60);
}

}  // namespace leadsla
