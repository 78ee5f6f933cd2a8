// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

#include <leadsla/result.hpp>
#include <leadsla/routing/routing_state.hpp>

namespace leadsla {

/// The versioned JSON snapshot of a routing state (`"format": "leadsla.routing_state/1"`), so a
/// host persists the rotation, capacity, availability and account ownership between runs and
/// `restore_routing_state` gives back an equal state:
///
///   {"format": "leadsla.routing_state/1", "sequence": 42,
///    "owners": {"anna": {"last_assigned": 41, "open": 3, "away": false}},
///    "weights": {"dach": {"anna": 2, "ben": -1}},
///    "account_owners": {"ACC-7": "anna"}, "domain_owners": {"acme.example": "ben"}}
[[nodiscard]] std::string snapshot_json(const RoutingState& state);

/// Reads a snapshot, every error with its JSON pointer. Errors: json.*, parse.out_of_range,
/// and policy.invalid for an unknown format version or an owner assigned after the state's
/// last assignment (`last_assigned` > `sequence`).
[[nodiscard]] Result<RoutingState> restore_routing_state(std::string_view json_text);

}  // namespace leadsla
