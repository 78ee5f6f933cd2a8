// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

#include <leadsla/engine/lead_state.hpp>
#include <leadsla/result.hpp>

namespace leadsla {

/// The versioned JSON snapshot of a lead state (`"format": "leadsla.lead_state/1"`): attribute
/// values carry their type, instants are RFC 3339 UTC, so `restore_lead_state` gives back an
/// equal state.
[[nodiscard]] std::string snapshot_json(const LeadState& state);

/// Reads a snapshot. Errors: json.*, time.*, model.*, parse.out_of_range, and
/// policy.invalid for an unknown format version.
[[nodiscard]] Result<LeadState> restore_lead_state(std::string_view json_text);

}  // namespace leadsla
