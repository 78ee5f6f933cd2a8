// SPDX-License-Identifier: Apache-2.0
// Reader of the `routing` section (docs/routing.md).
#include "policy/sections.hpp"

namespace leadsla::detail {
namespace {

using nlohmann::json;

/// A team member: `"rep-1"` or `{"owner": "rep-1", "weight": 2}`.
std::optional<TeamMember> read_member(Reader& r, const json& value, const std::string& where) {
    if (value.is_string()) {
        return TeamMember{OwnerId{value.get<std::string>()}, 1};
    }
    if (!value.is_object()) {
        r.type_error(where, "an owner id or {\"owner\", \"weight\"}", value);
        return std::nullopt;
    }
    if (!r.object(value, where, {"owner", "weight"})) {
        return std::nullopt;
    }
    const auto owner = r.string(value, "owner", where, true);
    const auto weight = r.integer(value, "weight", where, false, 0, 1'000'000);
    if (!owner) {
        return std::nullopt;
    }
    return TeamMember{OwnerId{*owner}, static_cast<std::uint32_t>(weight.value_or(1))};
}

}  // namespace

RoutingSpec read_routing(Reader& r, const json& value, const std::string& where) {
    RoutingSpec spec;
    spec.pointer = where;
    if (!r.object(value, where,
                  {"owners", "teams", "territories", "fallback", "match_accounts",
                   "domain_attribute", "classification"})) {
        return spec;
    }
    spec.fallback = OwnerId{r.string(value, "fallback", where, true).value_or("")};
    spec.match_accounts = r.boolean(value, "match_accounts", where, false).value_or(true);
    spec.domain_attribute =
        r.string(value, "domain_attribute", where, false).value_or(spec.domain_attribute);
    spec.classification =
        r.string(value, "classification", where, false).value_or(spec.classification);
    if (const json* owners =
            r.array(value, "owners", where, true, "an array of {\"id\", \"capacity\"}")) {
        for (std::size_t i = 0; i < owners->size(); ++i) {
            const std::string here = fmt::format("{}/owners/{}", where, i);
            const json& o = (*owners)[i];
            if (!r.object(o, here, {"id", "capacity"})) {
                continue;
            }
            OwnerSpec owner;
            owner.pointer = here;
            owner.id = OwnerId{r.string(o, "id", here, true).value_or("")};
            if (const auto cap = r.integer(o, "capacity", here, false, 0, 1'000'000)) {
                owner.capacity = static_cast<std::uint32_t>(*cap);
            }
            spec.owners.push_back(std::move(owner));
        }
    }
    if (const json* teams = r.array(value, "teams", where, true, "an array of teams")) {
        for (std::size_t i = 0; i < teams->size(); ++i) {
            const std::string here = fmt::format("{}/teams/{}", where, i);
            const json& t = (*teams)[i];
            if (!r.object(t, here, {"id", "distribution", "members"})) {
                continue;
            }
            TeamSpec team;
            team.pointer = here;
            team.id = r.string(t, "id", here, true).value_or("");
            if (const auto d = r.string(t, "distribution", here, false)) {
                if (const auto parsed = parse_distribution(*d)) {
                    team.distribution = *parsed;
                } else {
                    r.error(ErrorCode::json_type, here + "/distribution",
                            fmt::format("\"{}\" is not a distribution (expected round_robin, "
                                        "weighted_round_robin or load_balanced)",
                                        *d));
                }
            }
            if (const json* members = r.array(t, "members", here, true,
                                              "an array of owner ids or {\"owner\", \"weight\"}")) {
                for (std::size_t k = 0; k < members->size(); ++k) {
                    if (auto m =
                            read_member(r, (*members)[k], fmt::format("{}/members/{}", here, k))) {
                        team.members.push_back(std::move(*m));
                    }
                }
            }
            spec.teams.push_back(std::move(team));
        }
    }
    if (const json* territories =
            r.array(value, "territories", where, true, "an array of territories")) {
        for (std::size_t i = 0; i < territories->size(); ++i) {
            const std::string here = fmt::format("{}/territories/{}", where, i);
            const json& t = (*territories)[i];
            if (!r.object(t, here, {"id", "when", "segments", "team"})) {
                continue;
            }
            TerritorySpec territory;
            territory.pointer = here;
            territory.id = r.string(t, "id", here, true).value_or("");
            territory.when = r.string(t, "when", here, false).value_or("");
            territory.segments = r.strings(t, "segments", here);
            territory.team = r.string(t, "team", here, true).value_or("");
            spec.territories.push_back(std::move(territory));
        }
    }
    return spec;
}

}  // namespace leadsla::detail
