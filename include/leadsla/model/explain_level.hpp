// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string_view>

#include <fmt/format.h>

namespace leadsla {

/// How much explanation a result carries (scores, stage criteria, SLA clocks).
enum class ExplainLevel : std::uint8_t {
    none,        ///< values only, no traces (bulk scoring, streaming hosts)
    rules,       ///< plus each rule's outcome and each clock's trace (the default)
    conditions,  ///< plus, per rule and qualification, the deciding sub-condition with its values
};

/// `none`, `rules`, `conditions`.
[[nodiscard]] constexpr std::string_view to_string(ExplainLevel level) noexcept {
    switch (level) {
        case ExplainLevel::none:
            return "none";
        case ExplainLevel::rules:
            return "rules";
        case ExplainLevel::conditions:
            return "conditions";
    }
    return "conditions";
}

}  // namespace leadsla

template <>
struct fmt::formatter<leadsla::ExplainLevel> : fmt::formatter<std::string_view> {
    template <typename FormatContext>
    auto format(leadsla::ExplainLevel level, FormatContext& ctx) const {
        return fmt::formatter<std::string_view>::format(leadsla::to_string(level), ctx);
    }
};
