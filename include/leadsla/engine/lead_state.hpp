// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <set>
#include <string>
#include <vector>

#include <leadsla/model/activity.hpp>
#include <leadsla/model/lead.hpp>
#include <leadsla/model/past_attributes.hpp>
#include <leadsla/model/stage_change.hpp>
#include <leadsla/sla/timer.hpp>
#include <leadsla/time/instant.hpp>

namespace leadsla {

/// What a streaming host keeps per lead between calls: the lead, its history, and which actions
/// it has already been given. A value: copy it, compare it, snapshot it as JSON
/// (`snapshot_json`) and restore it (`restore_lead_state`).
struct LeadState {
    Lead lead;
    std::vector<Activity> activities;             ///< ordered by (occurred_at, id), each id once
    std::vector<StageChange> changes;             ///< in time order (ties: arrival order)
    std::vector<PastAttributes> past_attributes;  ///< before each `update`, ascending `until`
    Instant attached_at;                          ///< when the engine first saw the lead
    Instant watermark;                            ///< the latest `now` it was brought to
    std::set<std::string> emitted;                ///< ids of the actions already returned
    std::string policy_hash;  ///< the content hash of the policy that last settled it

    friend bool operator==(const LeadState&, const LeadState&) = default;
};

/// A state after one step, and the actions that became owed with it (not returned before).
struct Step {
    LeadState state;
    std::vector<OwedAction> actions;

    friend bool operator==(const Step&, const Step&) = default;
};

}  // namespace leadsla
