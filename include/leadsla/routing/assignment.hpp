// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include <leadsla/model/ids.hpp>

namespace leadsla {

/// How the owner was found.
enum class RouteKind : std::uint8_t {
    account_owner,  ///< the lead's account already has this owner
    domain_owner,   ///< the lead's email domain already has this owner
    territory,      ///< a territory's team, by its distribution
    fallback,       ///< no territory matched, or nobody in its team was eligible
};

[[nodiscard]] std::string_view to_string(RouteKind kind) noexcept;

/// Why a team member was not chosen.
enum class SkipReason : std::uint8_t {
    none,         ///< eligible
    away,         ///< marked away
    at_capacity,  ///< open leads reached the capacity
};

[[nodiscard]] std::string_view to_string(SkipReason reason) noexcept;

/// A team member as routing saw them.
struct Candidate {
    OwnerId owner;
    SkipReason skipped = SkipReason::none;
    std::uint32_t open = 0;
    std::optional<std::uint32_t> capacity;
    std::uint64_t last_assigned = 0;
    bool chosen = false;

    friend bool operator==(const Candidate&, const Candidate&) = default;
};

/// Who gets a lead, and why: the account match or territory, the candidates considered and why
/// each was skipped, and a readable trace.
struct RoutingDecision {
    OwnerId owner;
    RouteKind kind = RouteKind::fallback;
    std::string territory;  ///< the territory that matched, if any
    std::string team;
    std::string segment;                ///< the lead's routing classification value, if any
    std::vector<Candidate> candidates;  ///< in the team's member order
    std::vector<std::string> trace;

    friend bool operator==(const RoutingDecision&, const RoutingDecision&) = default;
};

}  // namespace leadsla

/// `rep-3 (territory dach-enterprise, team dach)`.
template <>
struct fmt::formatter<leadsla::RoutingDecision> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    template <typename FormatContext>
    auto format(const leadsla::RoutingDecision& d, FormatContext& ctx) const {
        if (d.kind == leadsla::RouteKind::territory) {
            return fmt::format_to(ctx.out(), "{} (territory {}, team {})", d.owner, d.territory,
                                  d.team);
        }
        return fmt::format_to(ctx.out(), "{} ({})", d.owner, leadsla::to_string(d.kind));
    }
};

template <>
struct fmt::formatter<leadsla::RouteKind> : fmt::formatter<std::string_view> {
    template <typename FormatContext>
    auto format(leadsla::RouteKind k, FormatContext& ctx) const {
        return fmt::formatter<std::string_view>::format(leadsla::to_string(k), ctx);
    }
};

template <>
struct fmt::formatter<leadsla::SkipReason> : fmt::formatter<std::string_view> {
    template <typename FormatContext>
    auto format(leadsla::SkipReason r, FormatContext& ctx) const {
        return fmt::formatter<std::string_view>::format(leadsla::to_string(r), ctx);
    }
};

/// `anna: eligible, 3 open of 60` (`, chosen` for the one routing picked).
template <>
struct fmt::formatter<leadsla::Candidate> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    template <typename FormatContext>
    auto format(const leadsla::Candidate& c, FormatContext& ctx) const {
        auto out = fmt::format_to(ctx.out(), "{}: {}, {} open", c.owner, c.skipped, c.open);
        if (c.capacity) {
            out = fmt::format_to(out, " of {}", *c.capacity);
        }
        return c.chosen ? fmt::format_to(out, ", chosen") : out;
    }
};
