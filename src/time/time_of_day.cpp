// SPDX-License-Identifier: Apache-2.0
#include <fmt/format.h>

#include <leadsla/time/time_of_day.hpp>

namespace leadsla {
namespace {

bool two_digits(std::string_view s, std::size_t pos, int& out) {
    if (pos + 2 > s.size() || s[pos] < '0' || s[pos] > '9' || s[pos + 1] < '0' ||
        s[pos + 1] > '9') {
        return false;
    }
    out = (s[pos] - '0') * 10 + (s[pos + 1] - '0');
    return true;
}

}  // namespace

Result<TimeOfDay> TimeOfDay::parse(std::string_view text) {
    int h = 0;
    int m = 0;
    int s = 0;
    const bool shape_ok = (text.size() == 5 || (text.size() == 8 && text[5] == ':')) &&
                          text[2] == ':' && two_digits(text, 0, h) && two_digits(text, 3, m) &&
                          (text.size() == 5 || two_digits(text, 6, s));
    if (!shape_ok) {
        return Error{ErrorCode::time_bad_time_of_day, "",
                     fmt::format("\"{}\" is not a time of day (expected HH:MM or HH:MM:SS)", text)};
    }
    if (m > 59 || s > 59 || h > 24 || (h == 24 && (m != 0 || s != 0))) {
        return Error{ErrorCode::time_bad_time_of_day, "",
                     fmt::format("\"{}\" is out of range (expected 00:00 to 24:00)", text)};
    }
    return TimeOfDay{h * 3600 + m * 60 + s};
}

Result<TimeOfDay> TimeOfDay::from_seconds(std::int64_t seconds) {
    if (seconds < 0 || seconds > seconds_per_day) {
        return Error{ErrorCode::time_bad_time_of_day, "",
                     fmt::format("{} seconds is not a time of day (expected 0 to 86400)", seconds)};
    }
    return TimeOfDay{static_cast<std::int32_t>(seconds)};
}

}  // namespace leadsla
