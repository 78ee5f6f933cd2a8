// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

#include <fmt/format.h>

#include <leadsla/model/stage.hpp>
#include <leadsla/time/instant.hpp>

namespace leadsla {

/// A stage change the host reports: who moved the lead, when, and why. Checked by the lifecycle,
/// and a trigger of SLA clocks (`entered(mql)`).
struct StageChange {
    Instant at;
    Stage from = Stage::lead;
    Stage to = Stage::lead;
    std::string actor;   ///< e.g. an owner id or "marketing-automation"
    std::string reason;  ///< a reason code of the policy, or empty

    friend bool operator==(const StageChange&, const StageChange&) = default;
};

}  // namespace leadsla

/// `2026-03-12T14:00:00Z mql -> sal by anna` (and `, reason bad_timing` when there is one).
template <>
struct fmt::formatter<leadsla::StageChange> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    template <typename FormatContext>
    auto format(const leadsla::StageChange& c, FormatContext& ctx) const {
        auto out =
            fmt::format_to(ctx.out(), "{} {} -> {}", leadsla::format_instant(c.at), c.from, c.to);
        if (!c.actor.empty()) {
            out = fmt::format_to(out, " by {}", c.actor);
        }
        if (!c.reason.empty()) {
            out = fmt::format_to(out, ", reason {}", c.reason);
        }
        return out;
    }
};
