// SPDX-License-Identifier: Apache-2.0
// Shared by the formatters of leadsla's fixed-point types (Decimal, Points).
#pragma once

#include <cstdint>

#include <fmt/format.h>

namespace leadsla::detail {

/// Writes `units / 10^digits` in its shortest exact form: `12.5`, `1234`, `-0.0001`.
template <typename OutputIt>
OutputIt format_fixed_point(OutputIt out, std::int64_t units, int digits) {
    std::uint64_t scale = 1;
    for (int i = 0; i < digits; ++i) {
        scale *= 10;
    }
    const std::uint64_t magnitude = units < 0 ? std::uint64_t{0} - static_cast<std::uint64_t>(units)
                                              : static_cast<std::uint64_t>(units);
    out = fmt::format_to(out, "{}{}", units < 0 ? "-" : "", magnitude / scale);
    std::uint64_t fraction = magnitude % scale;
    if (fraction == 0) {
        return out;
    }
    while (fraction % 10 == 0) {
        fraction /= 10;
        --digits;
    }
    return fmt::format_to(out, ".{:0{}}", fraction, digits);
}

}  // namespace leadsla::detail
