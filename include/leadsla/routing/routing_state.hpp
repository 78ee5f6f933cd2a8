// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include <fmt/format.h>

#include <leadsla/model/ids.hpp>

namespace leadsla {

/// What routing remembers about one owner.
struct OwnerState {
    std::uint64_t last_assigned = 0;  ///< the `RoutingState::sequence` of their last lead; 0: never
    std::uint32_t open = 0;           ///< open leads, counted against the capacity
    bool away = false;                ///< out of office: skipped by routing

    friend bool operator==(const OwnerState&, const OwnerState&) = default;
};

/// Routing state as an explicit value: the router reads it and returns it updated, so the same
/// inputs always give the same owner and a host can persist it between calls. Ordered maps keep
/// every traversal (and any serialisation) deterministic.
struct RoutingState {
    std::uint64_t sequence = 0;  ///< assignments made so far
    std::map<OwnerId, OwnerState> owners;
    /// Smooth weighted round robin: each team's current weights, by member.
    std::map<std::string, std::map<OwnerId, std::int64_t>, std::less<>> weights;
    /// Account ownership (ABM): seeded by the host, and learned from assignments.
    std::map<AccountId, OwnerId> account_owners;
    std::map<std::string, OwnerId, std::less<>> domain_owners;  ///< lower-case domains

    /// Marks `owner` away (skipped by routing) or back.
    void set_away(const OwnerId& owner, bool away) { owners[owner].away = away; }
    /// Sets the number of open leads `owner` has (e.g. from the CRM at start-up).
    void set_open(const OwnerId& owner, std::uint32_t open) { owners[owner].open = open; }
    /// One of `owner`'s leads was closed or handed on: frees one unit of capacity.
    void release(const OwnerId& owner) {
        auto& s = owners[owner];
        s.open = s.open > 0 ? s.open - 1 : 0;
    }

    friend bool operator==(const RoutingState&, const RoutingState&) = default;
};

}  // namespace leadsla

/// `3 open` (`, away` when away).
template <>
struct fmt::formatter<leadsla::OwnerState> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    template <typename FormatContext>
    auto format(const leadsla::OwnerState& o, FormatContext& ctx) const {
        return fmt::format_to(ctx.out(), "{} open{}", o.open, o.away ? ", away" : "");
    }
};
