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

/// How a team shares its leads.
enum class Distribution : std::uint8_t {
    round_robin,           ///< the eligible member waiting longest since their last assignment
    weighted_round_robin,  ///< in proportion to the members' weights (smooth, no bursts)
    load_balanced,         ///< the most free capacity; ties by round robin
};

[[nodiscard]] std::string_view to_string(Distribution d) noexcept;
[[nodiscard]] std::optional<Distribution> parse_distribution(std::string_view text) noexcept;

/// A lead owner (a sales rep) and their capacity: at most `capacity` open leads (none: no cap).
struct OwnerSpec {
    OwnerId id;
    std::optional<std::uint32_t> capacity;
    std::string pointer;

    friend bool operator==(const OwnerSpec&, const OwnerSpec&) = default;
};

struct TeamMember {
    OwnerId owner;
    std::uint32_t weight = 1;  ///< for weighted round robin

    friend bool operator==(const TeamMember&, const TeamMember&) = default;
};

struct TeamSpec {
    std::string id;
    Distribution distribution = Distribution::round_robin;
    std::vector<TeamMember> members;
    std::string pointer;

    friend bool operator==(const TeamSpec&, const TeamSpec&) = default;
};

/// A territory: leads that match go to `team`. Territories are tried in order; the first match
/// wins. A lead matches when its value of the routing classification is one of `segments` (if
/// any are given) and `when` holds (if given) — region, industry, company size…
struct TerritorySpec {
    std::string id;
    std::string when;
    std::vector<std::string> segments;
    std::string team;
    std::string pointer;

    friend bool operator==(const TerritorySpec&, const TerritorySpec&) = default;
};

/// The routing section of a policy.
struct RoutingSpec {
    std::vector<TerritorySpec> territories;
    std::vector<TeamSpec> teams;
    std::vector<OwnerSpec> owners;
    /// Where a lead goes when no territory matches or nobody in the team is eligible: never a
    /// silent non-assignment.
    OwnerId fallback;
    /// Account matching first: a lead whose account (by id, else by email domain) already has
    /// an owner goes to that owner, unless the owner is away or at capacity. The fallback is
    /// the only owner that takes leads beyond a capacity.
    bool match_accounts = true;
    /// The lead attribute holding an email address or a bare domain (`jane@acme.com`,
    /// `acme.com`); matched case-insensitively. Empty: match by account id only.
    std::string domain_attribute = "email";
    /// The classification whose values `TerritorySpec::segments` name, e.g. "segment".
    std::string classification = "segment";
    std::string pointer;

    friend bool operator==(const RoutingSpec&, const RoutingSpec&) = default;
};

}  // namespace leadsla

template <>
struct fmt::formatter<leadsla::Distribution> : fmt::formatter<std::string_view> {
    template <typename FormatContext>
    auto format(leadsla::Distribution d, FormatContext& ctx) const {
        return fmt::formatter<std::string_view>::format(leadsla::to_string(d), ctx);
    }
};
