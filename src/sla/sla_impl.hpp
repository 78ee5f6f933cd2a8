// SPDX-License-Identifier: Apache-2.0
// The compiled SLAs shared by sla_set.cpp (validation) and clock.cpp (the run of a clock).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <leadsla/sla/sla_set.hpp>

#include "expr/shared/expression_set.hpp"

namespace leadsla {

/// Trigger roles in the order they apply on one event (start is applied first when it opens a
/// cycle; see clock.cpp).
enum class Role : std::uint8_t { stop, cancel, reset, pause, resume, start };
inline constexpr std::size_t role_count = 6;

struct CompiledTrigger {
    TriggerKind kind = TriggerKind::created;
    Stage stage = Stage::lead;
    std::string activity;
    std::int32_t activity_type = -1;  // the record type index; -1 with "*": any
    std::int32_t condition = -1;  // ConditionId: `where` (activity scope) or `when` (lead scope)
};

/// A set of roles, bit `1 << Role`.
using RoleMask = std::uint8_t;

inline constexpr std::size_t sla_stage_count = stage_names.size();

struct CompiledSla {
    std::int32_t applies_when = -1;
    std::array<std::vector<CompiledTrigger>, role_count> triggers;
    // The triggers without a condition as tables, so replaying an event is a lookup: the roles
    // fired by creation, by entering or leaving each stage, by each activity type (the last
    // entry: a type the schema does not declare) and by any activity.
    RoleMask on_created = 0;
    std::array<RoleMask, sla_stage_count> on_entered{};
    std::array<RoleMask, sla_stage_count> on_left{};
    std::vector<RoleMask> on_activity;
    RoleMask on_any_activity = 0;
    /// The triggers with a condition (`activity(x) where ...`, `when(...)`), tested per event.
    std::vector<std::pair<Role, CompiledTrigger>> conditional;
    /// Whether any trigger reads activities: a clock that none does replays the other events
    /// only (an activity cannot move it, and a breach is dated by its due time, not by the event
    /// that notices it).
    bool reads_activities = false;
    /// Whether the replay may pass over activities while the clock is closed: no activity can
    /// start it, and no `when(...)` trigger has to see every event to find its edges.
    bool closed_skips_activities = false;
    /// Whether every activity fires exactly the reset role (SQL recycling: "reset on any
    /// activity"), so a run of activities resets an open clock one after another.
    bool activities_only_reset = false;
    std::vector<std::int32_t> target_when;      // by TargetRule
    std::string target_text;                    // `to_string` of the default target, if any
    std::vector<std::string> rule_target_text;  // by TargetRule
    std::optional<std::size_t> classification;
    /// The first earlier SLA whose calendar is chosen alike: when it chose one, this SLA's is
    /// the same.
    std::optional<std::size_t> same_calendar_as;
};

struct SlaSet::Impl {
    std::vector<SlaSpec> specs;
    std::optional<ExpressionSet> expressions;
    CalendarMap calendars;
    std::optional<Classifier> classifier;
    std::vector<CompiledSla> slas;
    bool condition_triggers = false;   // some trigger is `when(...)`: aggregates per event
    bool activity_conditions = false;  // some trigger has a condition (`where` or `when(...)`):
                                       // the replay converts activities to records
    bool has_conditions = false;       // some applies_when, target `when` or trigger condition
};

}  // namespace leadsla
