// SPDX-License-Identifier: Apache-2.0
#include <array>
#include <cstdint>
#include <utility>

#include <fmt/format.h>

#include <leadsla/time/duration_text.hpp>

namespace leadsla {

Result<std::chrono::seconds> parse_wall_duration(std::string_view text) {
    const auto fail = [&](std::string_view why) {
        return Error{ErrorCode::time_bad_duration, "",
                     fmt::format("\"{}\" is not a duration (expected e.g. 30d, 12h, 2w, 1d12h): {}",
                                 text, why)};
    };
    if (text.empty()) {
        return fail("it is empty");
    }
    constexpr std::int64_t limit = std::int64_t{1} << 40;
    std::int64_t total = 0;
    int last_rank = 6;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::int64_t n = 0;
        const std::size_t start = pos;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            n = n * 10 + (text[pos] - '0');
            if (n > limit) {
                return fail("the number is too large");
            }
            ++pos;
        }
        if (pos == start) {
            return fail("expected a number");
        }
        if (pos == text.size()) {
            return fail("a unit (w, d, h, m or s) must follow the number");
        }
        const char unit = text[pos++];
        const int rank = unit == 'w'   ? 5
                         : unit == 'd' ? 4
                         : unit == 'h' ? 3
                         : unit == 'm' ? 2
                         : unit == 's' ? 1
                                       : 0;
        constexpr std::array<std::int64_t, 6> scales{0, 1, 60, 3600, 86400, 604800};
        if (rank == 0) {
            return fail(fmt::format("unknown unit '{}'", unit));
        }
        if (rank >= last_rank) {
            return fail("units must appear once each, in the order w, d, h, m, s");
        }
        last_rank = rank;
        total += n * scales[static_cast<std::size_t>(rank)];
        if (total > limit) {
            return fail("the duration is too large");
        }
    }
    return std::chrono::seconds{total};
}

std::string format_wall_duration(std::chrono::seconds d) {
    std::int64_t s = d.count();
    if (s == 0) {
        return "0s";
    }
    std::string out = s < 0 ? "-" : "";
    // Magnitudes: the most negative value has no positive counterpart, so work unsigned.
    auto left = s < 0 ? 0 - static_cast<std::uint64_t>(s) : static_cast<std::uint64_t>(s);
    static constexpr std::array<std::pair<std::uint64_t, char>, 4> units{
        {{86400, 'd'}, {3600, 'h'}, {60, 'm'}, {1, 's'}}};
    for (const auto& [size, unit] : units) {
        if (left >= size) {
            out += fmt::format("{}{}", left / size, unit);
            left %= size;
        }
    }
    return out;
}

}  // namespace leadsla
