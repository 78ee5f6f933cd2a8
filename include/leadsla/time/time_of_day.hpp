// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <compare>
#include <cstdint>
#include <string_view>

#include <fmt/format.h>

#include <leadsla/result.hpp>

namespace leadsla {

/// A local wall-clock time of day from 00:00 to 24:00 inclusive, second resolution.
///
/// `24:00` is the end of the day (an interval may close at it). There is no constructor from an
/// integer: a time of day comes from `parse` or `from_seconds`, so it is always valid.
class TimeOfDay {
public:
    static constexpr std::int32_t seconds_per_day = 86400;

    /// `00:00`.
    constexpr TimeOfDay() noexcept = default;

    /// Parses `HH:MM` or `HH:MM:SS`, `00:00` to `24:00`. Errors: time.bad_time_of_day.
    [[nodiscard]] static Result<TimeOfDay> parse(std::string_view text);
    /// Seconds since local midnight, 0 to 86400. Errors: time.bad_time_of_day.
    [[nodiscard]] static Result<TimeOfDay> from_seconds(std::int64_t seconds);
    [[nodiscard]] static constexpr TimeOfDay end_of_day() noexcept {
        return TimeOfDay{seconds_per_day};
    }

    /// Seconds since local midnight (0 to 86400).
    [[nodiscard]] constexpr std::int32_t seconds() const noexcept { return seconds_; }

    friend constexpr bool operator==(TimeOfDay, TimeOfDay) noexcept = default;
    friend constexpr auto operator<=>(TimeOfDay, TimeOfDay) noexcept = default;

private:
    explicit constexpr TimeOfDay(std::int32_t seconds) noexcept : seconds_(seconds) {}
    std::int32_t seconds_ = 0;
};

}  // namespace leadsla

/// `08:30`, or `08:30:15` when the seconds are not zero.
template <>
struct fmt::formatter<leadsla::TimeOfDay> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    template <typename FormatContext>
    auto format(leadsla::TimeOfDay t, FormatContext& ctx) const {
        const int s = t.seconds();
        if (s % 60 != 0) {
            return fmt::format_to(ctx.out(), "{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
        }
        return fmt::format_to(ctx.out(), "{:02}:{:02}", s / 3600, s / 60 % 60);
    }
};
