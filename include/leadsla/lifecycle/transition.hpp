// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include <leadsla/model/stage.hpp>
#include <leadsla/model/stage_change.hpp>
#include <leadsla/time/instant.hpp>

namespace leadsla {

/// What is wrong with a reported stage change.
enum class ViolationKind : std::uint8_t {
    undefined_stage,         ///< `from` or `to` is not a stage of the model
    transition_not_allowed,  ///< the model has no transition `from` → `to`
    reason_missing,          ///< the transition needs a reason code and none was given
    reason_unknown,          ///< the reason is not one of the policy's codes
    cadence_not_met,         ///< a reason such as "unresponsive" before the working cadence
    from_mismatch,           ///< in a history: `from` is not the stage the lead was in
};

[[nodiscard]] std::string_view to_string(ViolationKind kind) noexcept;

/// A violation, as data (never an exception): what, which change, and a message that says
/// what the policy expected.
struct Violation {
    ViolationKind kind{};
    StageChange change;
    std::string message;

    friend bool operator==(const Violation&, const Violation&) = default;
};

}  // namespace leadsla

template <>
struct fmt::formatter<leadsla::ViolationKind> : fmt::formatter<std::string_view> {
    template <typename FormatContext>
    auto format(leadsla::ViolationKind k, FormatContext& ctx) const {
        return fmt::formatter<std::string_view>::format(leadsla::to_string(k), ctx);
    }
};

/// `transition_not_allowed: mql → customer at 2026-03-02T09:00:00Z: …`.
template <>
struct fmt::formatter<leadsla::Violation> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    template <typename FormatContext>
    auto format(const leadsla::Violation& v, FormatContext& ctx) const {
        return fmt::format_to(ctx.out(), "{}: {} → {} at {}: {}", v.kind, v.change.from,
                              v.change.to, leadsla::format_instant(v.change.at), v.message);
    }
};
