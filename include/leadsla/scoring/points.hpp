// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <compare>
#include <cstdint>

#include <fmt/format.h>

#include <leadsla/detail/fixed_point_format.hpp>

namespace leadsla {

/// A score amount in exact integer milli-points (decayed points can have fractions).
///
/// `Points + Points` and `Points * int` exist; `Points * Points` does not.
class Points {
public:
    constexpr Points() noexcept = default;
    [[nodiscard]] static constexpr Points whole(std::int64_t points) noexcept {
        return Points{points * 1000};
    }
    [[nodiscard]] static constexpr Points from_milli(std::int64_t milli) noexcept {
        return Points{milli};
    }

    [[nodiscard]] constexpr std::int64_t milli() const noexcept { return milli_; }
    [[nodiscard]] constexpr bool is_whole() const noexcept { return milli_ % 1000 == 0; }

    friend constexpr Points operator+(Points a, Points b) noexcept {
        return Points{a.milli_ + b.milli_};
    }
    friend constexpr Points operator-(Points a, Points b) noexcept {
        return Points{a.milli_ - b.milli_};
    }
    friend constexpr Points operator*(Points a, std::int64_t k) noexcept {
        return Points{a.milli_ * k};
    }
    constexpr Points& operator+=(Points b) noexcept {
        milli_ += b.milli_;
        return *this;
    }
    friend constexpr bool operator==(Points, Points) noexcept = default;
    friend constexpr auto operator<=>(Points, Points) noexcept = default;

private:
    explicit constexpr Points(std::int64_t milli) noexcept : milli_(milli) {}
    std::int64_t milli_ = 0;
};

}  // namespace leadsla

/// `42`, `12.5`, `-0.125`: whole points without decimals, else the shortest exact form.
template <>
struct fmt::formatter<leadsla::Points> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    template <typename FormatContext>
    auto format(leadsla::Points p, FormatContext& ctx) const {
        return leadsla::detail::format_fixed_point(ctx.out(), p.milli(), 3);
    }
};
