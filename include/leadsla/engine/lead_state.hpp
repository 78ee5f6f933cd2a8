// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

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
    /// Events held back because they lay beyond the host's clock when they arrived (`HostClock`),
    /// in time order: not part of the history until a step whose clock reaches them.
    std::vector<Activity> held_activities;
    std::vector<StageChange> held_changes;  ///< likewise, in time order

    friend bool operator==(const LeadState&, const LeadState&) = default;
};

/// The host's clock, for the streaming calls that take it: an event dated later than
/// `now + future_tolerance` (a mis-dated CRM record, a clock running ahead) is held in the state
/// and reported (`Step::held`) instead of moving the lead's clocks ahead — breaches and
/// escalations that later data would contradict. Held events join the history at the first step
/// whose clock reaches them.
struct HostClock {
    Instant now;
    std::chrono::seconds future_tolerance{0};  ///< how far ahead an event may be dated and count

    friend bool operator==(const HostClock&, const HostClock&) = default;
};

/// One activity id given twice with different contents: the copy the history keeps (the
/// earliest, then the smallest — `normalize_activities`) and the one it does not count.
struct ActivityConflict {
    Activity kept;
    Activity dropped;

    friend bool operator==(const ActivityConflict&, const ActivityConflict&) = default;
};

/// A state after one step, and the actions that became owed with it (not returned before).
struct Step {
    LeadState state;
    std::vector<OwedAction> actions;
    /// Set by `apply` when the activity repeats an id the state already holds with different
    /// contents (an exact repeat is not a conflict): which copy counts, for the host to report —
    /// a CRM that changed an activity's time under the same id, or two sources sharing ids.
    std::optional<ActivityConflict> conflict;
    /// The state's `next_check_at` (as `Engine::evaluate(state)` would give it): when to
    /// `advance` it next if nothing arrives, for the host's scheduler; empty when time alone
    /// changes nothing.
    /// Also the earliest instant a held event falls within the host's clock.
    std::optional<Instant> next_check_at;
    /// The event of this step lay beyond the host's clock: held in the state, not applied.
    bool held = false;
    /// The hash of the policy that had settled the state, when this step's policy is another
    /// one: the state was migrated (its clocks re-judged, its given actions kept). Empty when the
    /// same policy settled it. A host that would rather refuse checks `settled_by` first.
    std::optional<std::string> migrated_from;

    friend bool operator==(const Step&, const Step&) = default;
};

}  // namespace leadsla

/// `L-1 at 2026-03-30T09:00:00Z: 50 activities, 2 stage changes, 3 actions given` (and `, 1
/// held` when events are held).
template <>
struct fmt::formatter<leadsla::LeadState> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    template <typename FormatContext>
    auto format(const leadsla::LeadState& s, FormatContext& ctx) const {
        auto out =
            fmt::format_to(ctx.out(), "{} at {}: {} activities, {} stage changes, {} actions given",
                           s.lead.id, leadsla::format_instant(s.watermark), s.activities.size(),
                           s.changes.size(), s.emitted.size());
        if (const std::size_t held = s.held_activities.size() + s.held_changes.size()) {
            out = fmt::format_to(out, ", {} held", held);
        }
        return out;
    }
};

/// The state, then `; 1 new action` (and `; activity A1 given twice with different contents`).
template <>
struct fmt::formatter<leadsla::Step> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    template <typename FormatContext>
    auto format(const leadsla::Step& s, FormatContext& ctx) const {
        auto out = fmt::format_to(ctx.out(), "{}; {} new action{}", s.state, s.actions.size(),
                                  s.actions.size() == 1 ? "" : "s");
        if (s.held) {
            out = fmt::format_to(out, "; event held (dated beyond the host's clock)");
        }
        if (s.migrated_from) {
            out = fmt::format_to(out, "; migrated from policy {}", *s.migrated_from);
        }
        if (s.conflict) {
            out = fmt::format_to(out, "; activity {} given twice with different contents",
                                 s.conflict->kept.id);
        }
        return out;
    }
};
