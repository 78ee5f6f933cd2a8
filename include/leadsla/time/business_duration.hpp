// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <compare>
#include <cstdint>
#include <string_view>

#include <fmt/format.h>

#include <leadsla/result.hpp>

namespace leadsla {

/// An amount of business (open) time, in seconds.
///
/// Its own type: it never converts to or from wall-clock `std::chrono` durations, and it has no
/// `days()` factory — "a business day" is not 24 (or 8) business hours; use `BusinessDays`.
class BusinessDuration {
public:
    constexpr BusinessDuration() noexcept = default;

    [[nodiscard]] static constexpr BusinessDuration seconds(std::int64_t n) noexcept {
        return BusinessDuration{n};
    }
    [[nodiscard]] static constexpr BusinessDuration minutes(std::int64_t n) noexcept {
        return BusinessDuration{n * 60};
    }
    [[nodiscard]] static constexpr BusinessDuration hours(std::int64_t n) noexcept {
        return BusinessDuration{n * 3600};
    }

    /// Parses `4h`, `90m`, `45s`, `1h30m`, `-2h` or `0`. A day unit is refused on purpose.
    /// Errors: time.bad_duration.
    [[nodiscard]] static Result<BusinessDuration> parse(std::string_view text);

    /// The number of business seconds.
    [[nodiscard]] constexpr std::int64_t count() const noexcept { return seconds_; }

    friend constexpr BusinessDuration operator+(BusinessDuration a, BusinessDuration b) noexcept {
        return BusinessDuration{a.seconds_ + b.seconds_};
    }
    friend constexpr BusinessDuration operator-(BusinessDuration a, BusinessDuration b) noexcept {
        return BusinessDuration{a.seconds_ - b.seconds_};
    }
    friend constexpr BusinessDuration operator-(BusinessDuration a) noexcept {
        return BusinessDuration{-a.seconds_};
    }
    friend constexpr BusinessDuration operator*(BusinessDuration a, std::int64_t k) noexcept {
        return BusinessDuration{a.seconds_ * k};
    }
    friend constexpr BusinessDuration operator*(std::int64_t k, BusinessDuration a) noexcept {
        return BusinessDuration{a.seconds_ * k};
    }
    constexpr BusinessDuration& operator+=(BusinessDuration b) noexcept {
        seconds_ += b.seconds_;
        return *this;
    }
    constexpr BusinessDuration& operator-=(BusinessDuration b) noexcept {
        seconds_ -= b.seconds_;
        return *this;
    }

    friend constexpr bool operator==(BusinessDuration, BusinessDuration) noexcept = default;
    friend constexpr auto operator<=>(BusinessDuration, BusinessDuration) noexcept = default;

private:
    explicit constexpr BusinessDuration(std::int64_t s) noexcept : seconds_(s) {}
    std::int64_t seconds_ = 0;
};

/// A count of business days: a target kind of its own (see `BusinessCalendar::add`).
///
/// A business day is a local date with open hours after holidays and special days are applied.
class BusinessDays {
public:
    constexpr BusinessDays() noexcept = default;
    explicit constexpr BusinessDays(std::uint32_t n) noexcept : count_(n) {}

    [[nodiscard]] constexpr std::uint32_t count() const noexcept { return count_; }

    friend constexpr bool operator==(BusinessDays, BusinessDays) noexcept = default;
    friend constexpr auto operator<=>(BusinessDays, BusinessDays) noexcept = default;

private:
    std::uint32_t count_ = 0;
};

}  // namespace leadsla

/// `4h`, `1h30m`, `45s`, `0s`, `-2h`: the shortest exact form.
template <>
struct fmt::formatter<leadsla::BusinessDuration> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    template <typename FormatContext>
    auto format(leadsla::BusinessDuration d, FormatContext& ctx) const {
        auto out = ctx.out();
        std::int64_t s = d.count();
        if (s == 0) {
            return fmt::format_to(out, "0s");
        }
        if (s < 0) {
            out = fmt::format_to(out, "-");
            s = -s;
        }
        if (s >= 3600) {
            out = fmt::format_to(out, "{}h", s / 3600);
        }
        if (s % 3600 >= 60) {
            out = fmt::format_to(out, "{}m", s % 3600 / 60);
        }
        if (s % 60 != 0) {
            out = fmt::format_to(out, "{}s", s % 60);
        }
        return out;
    }
};

template <>
struct fmt::formatter<leadsla::BusinessDays> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    template <typename FormatContext>
    auto format(leadsla::BusinessDays d, FormatContext& ctx) const {
        return fmt::format_to(ctx.out(), "{} business day{}", d.count(), d.count() == 1 ? "" : "s");
    }
};
