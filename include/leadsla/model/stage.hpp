// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include <leadsla/result.hpp>

namespace leadsla {

/// The lifecycle vocabulary of the SLA.
///
/// The default funnel is Lead → MQL (marketing qualified) → SAL (sales accepted) → SQL (sales
/// qualified) → Opportunity → Customer, with the side states Nurture (recycled) and
/// Disqualified. A policy that qualifies in two steps uses MAL (marketing accepted) and SRL
/// (sales ready) in place of MQL. Which stages a policy uses, their order and the allowed
/// transitions are the policy's (see `Lifecycle`); the values here only name them.
enum class Stage : std::uint8_t {
    lead,
    mql,
    sal,
    sql,
    opportunity,
    customer,
    nurture,
    disqualified,
    mal,
    srl
};

/// The one table of stage names; `to_string`, `parse_stage` and the formatter all use it.
inline constexpr std::array<std::pair<Stage, std::string_view>, 10> stage_names{{
    {Stage::lead, "lead"},
    {Stage::mql, "mql"},
    {Stage::sal, "sal"},
    {Stage::sql, "sql"},
    {Stage::opportunity, "opportunity"},
    {Stage::customer, "customer"},
    {Stage::nurture, "nurture"},
    {Stage::disqualified, "disqualified"},
    {Stage::mal, "mal"},
    {Stage::srl, "srl"},
}};

[[nodiscard]] constexpr std::string_view to_string(Stage s) noexcept {
    return stage_names[static_cast<std::size_t>(s)].second;
}

/// The stage named `text` (exact, lower case); nullopt for anything else — never a default.
[[nodiscard]] std::optional<Stage> parse_stage(std::string_view text) noexcept;

/// Like `parse_stage`, with an error that lists the valid names. Errors: model.unknown_stage.
[[nodiscard]] Result<Stage> parse_stage_or_error(std::string_view text);

}  // namespace leadsla

template <>
struct fmt::formatter<leadsla::Stage> : fmt::formatter<std::string_view> {
    template <typename FormatContext>
    auto format(leadsla::Stage s, FormatContext& ctx) const {
        return fmt::formatter<std::string_view>::format(leadsla::to_string(s), ctx);
    }
};
