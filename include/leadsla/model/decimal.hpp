// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <compare>
#include <cstdint>
#include <string_view>

#include <fmt/format.h>

#include <leadsla/detail/fixed_point_format.hpp>
#include <leadsla/result.hpp>

namespace leadsla {

/// An exact decimal number with 4 fractional digits (fixed point, int64 ten-thousandths).
///
/// For money and other decimal attributes: `Decimal::parse("1234.50")` is exact, unlike a double.
/// Range: about ±9.2·10^14.
class Decimal {
public:
    static constexpr std::int64_t scale = 10000;
    static constexpr int fraction_digits = 4;

    constexpr Decimal() noexcept = default;

    /// `42` → 42.0000.
    [[nodiscard]] static constexpr Decimal from_integer(std::int64_t n) noexcept {
        return Decimal{n * scale};
    }
    /// `from_units(12345)` → 1.2345.
    [[nodiscard]] static constexpr Decimal from_units(std::int64_t units) noexcept {
        return Decimal{units};
    }
    /// Parses `-12.5`, `1234`, `0.0001`; at most 4 fractional digits, no exponent.
    /// Errors: model.bad_decimal.
    [[nodiscard]] static Result<Decimal> parse(std::string_view text);

    /// The value in ten-thousandths.
    [[nodiscard]] constexpr std::int64_t units() const noexcept { return units_; }

    friend constexpr Decimal operator+(Decimal a, Decimal b) noexcept {
        return Decimal{a.units_ + b.units_};
    }
    friend constexpr Decimal operator-(Decimal a, Decimal b) noexcept {
        return Decimal{a.units_ - b.units_};
    }
    friend constexpr Decimal operator-(Decimal a) noexcept { return Decimal{-a.units_}; }

    friend constexpr bool operator==(Decimal, Decimal) noexcept = default;
    friend constexpr auto operator<=>(Decimal, Decimal) noexcept = default;

private:
    explicit constexpr Decimal(std::int64_t units) noexcept : units_(units) {}
    std::int64_t units_ = 0;
};

}  // namespace leadsla

/// The shortest exact form: `12.5`, `1234`, `-0.0001`.
template <>
struct fmt::formatter<leadsla::Decimal> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    template <typename FormatContext>
    auto format(leadsla::Decimal d, FormatContext& ctx) const {
        return leadsla::detail::format_fixed_point(ctx.out(), d.units(),
                                                   leadsla::Decimal::fraction_digits);
    }
};
