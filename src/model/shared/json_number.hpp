// SPDX-License-Identifier: Apache-2.0
// Decimals from JSON numbers that a parser read as doubles (simdjson keeps no number text), the
// same way in every reader of lead and event lines.
#pragma once

#include <string>

#include <fmt/format.h>

#include <leadsla/model/decimal.hpp>
#include <leadsla/result.hpp>

namespace leadsla::detail {

/// The most significant digits a double carries exactly for every decimal text.
inline constexpr int exact_double_digits = 15;

/// `value` read as `Decimal::parse` reads text: its shortest round-trip form (`0.1` stays
/// `0.1`). More than 15 significant digits is an error — a double cannot hold them exactly, so the
/// value might not be the one written — and the message says to send a string instead.
[[nodiscard]] inline Result<Decimal> decimal_from_json_double(double value) {
    const std::string text = fmt::format("{}", value);
    int digits = 0;
    bool leading = true;
    for (const char c : text) {
        if (c == 'e' || c == 'E') {
            break;
        }
        if (c < '0' || c > '9' || (leading && c == '0')) {
            continue;
        }
        leading = false;
        ++digits;
    }
    if (digits > exact_double_digits) {
        return Error{ErrorCode::model_bad_decimal, "",
                     fmt::format("{} has more significant digits than a JSON number carries "
                                 "exactly ({}): send such a decimal as a string, e.g. "
                                 "\"123456789012.3456\"",
                                 text, exact_double_digits)};
    }
    return Decimal::parse(text);
}

}  // namespace leadsla::detail
