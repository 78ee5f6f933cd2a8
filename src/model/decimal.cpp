// SPDX-License-Identifier: Apache-2.0
#include <fmt/format.h>

#include <leadsla/model/decimal.hpp>

namespace leadsla {

Result<Decimal> Decimal::parse(std::string_view text) {
    const auto fail = [&](std::string_view why) {
        return Error{ErrorCode::model_bad_decimal, "",
                     fmt::format("\"{}\" is not a decimal number (expected e.g. 1234.50, at most "
                                 "{} fractional digits): {}",
                                 text, fraction_digits, why)};
    };
    std::size_t pos = 0;
    bool negative = false;
    if (pos < text.size() && (text[pos] == '-' || text[pos] == '+')) {
        negative = text[pos] == '-';
        ++pos;
    }
    constexpr std::int64_t max_whole = 900'000'000'000'000;
    std::int64_t whole = 0;
    const std::size_t whole_start = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
        whole = whole * 10 + (text[pos] - '0');
        if (whole > max_whole) {
            return fail("out of range");
        }
        ++pos;
    }
    if (pos == whole_start) {
        return fail("expected digits");
    }
    std::int64_t frac = 0;
    int digits = 0;
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            if (++digits > fraction_digits) {
                return fail("too many fractional digits");
            }
            frac = frac * 10 + (text[pos] - '0');
            ++pos;
        }
        if (digits == 0) {
            return fail("expected digits after '.'");
        }
    }
    if (pos != text.size()) {
        return fail(fmt::format("unexpected character '{}'", text[pos]));
    }
    for (int i = digits; i < fraction_digits; ++i) {
        frac *= 10;
    }
    const std::int64_t units = whole * scale + frac;
    return Decimal{negative ? -units : units};
}

}  // namespace leadsla
