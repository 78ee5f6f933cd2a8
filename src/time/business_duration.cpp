// SPDX-License-Identifier: Apache-2.0
#include <limits>

#include <fmt/format.h>

#include <leadsla/time/business_duration.hpp>

namespace leadsla {

Result<BusinessDuration> BusinessDuration::parse(std::string_view text) {
    const auto fail = [&](std::string_view why) {
        return Error{ErrorCode::time_bad_duration, "",
                     fmt::format("\"{}\" is not a business duration (expected e.g. 4h, 90m, 45s, "
                                 "1h30m): {}",
                                 text, why)};
    };
    if (text == "0") {
        return BusinessDuration{};
    }
    std::size_t pos = 0;
    bool negative = false;
    if (!text.empty() && text[0] == '-') {
        negative = true;
        pos = 1;
    }
    if (pos == text.size()) {
        return fail("it is empty");
    }
    constexpr std::int64_t limit = std::int64_t{1} << 50;  // far beyond any SLA; no overflow
    std::int64_t total = 0;
    int last_rank = 4;  // h=3, m=2, s=1: units must descend and not repeat
    while (pos < text.size()) {
        std::int64_t n = 0;
        const std::size_t digits_start = pos;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            n = n * 10 + (text[pos] - '0');
            if (n > limit) {
                return fail("the number is too large");
            }
            ++pos;
        }
        if (pos == digits_start) {
            return fail("expected a number");
        }
        if (pos == text.size()) {
            return fail("a unit (h, m or s) must follow the number");
        }
        const char unit = text[pos++];
        int rank = 0;
        std::int64_t scale = 0;
        switch (unit) {
            case 'h':
                rank = 3;
                scale = 3600;
                break;
            case 'm':
                rank = 2;
                scale = 60;
                break;
            case 's':
                rank = 1;
                scale = 1;
                break;
            case 'd':
            case 'w':
                return fail(
                    "business time has no day or week unit: a business day is not 24 "
                    "hours; use a BusinessDays target instead");
            default:
                return fail(fmt::format("unknown unit '{}'", unit));
        }
        if (rank >= last_rank) {
            return fail("units must appear once each, in the order h, m, s");
        }
        last_rank = rank;
        total += n * scale;
        if (total > limit) {
            return fail("the duration is too large");
        }
    }
    return BusinessDuration{negative ? -total : total};
}

}  // namespace leadsla
