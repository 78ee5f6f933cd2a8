// SPDX-License-Identifier: Apache-2.0
// The streaming steps over a LeadState, shared by Engine and PolicySet: events join the history,
// the state is brought to its new watermark, and only actions not given before are returned.
#include "engine/streaming.hpp"

#include <algorithm>
#include <optional>
#include <tuple>

namespace leadsla::detail {
namespace {

[[nodiscard]] bool activity_before(const Activity& a, const Activity& b) {
    return std::tie(a.occurred_at, a.id) < std::tie(b.occurred_at, b.id);
}

/// The latest instant an event may be dated and join the history under `clock`.
[[nodiscard]] Instant horizon(const HostClock& clock) {
    return clock.now + clock.future_tolerance;
}

/// Inserts `change` after the changes at or before its instant (ties keep arrival order).
void insert_change(std::vector<StageChange>& changes, const StageChange& change) {
    const auto at = std::upper_bound(changes.begin(), changes.end(), change.at,
                                     [](Instant t, const StageChange& c) { return t < c.at; });
    changes.insert(at, change);
}

/// Moves the held events dated at or before `limit` into the history (activities unordered:
/// the caller normalises them). Returns the latest instant released.
std::optional<Instant> release_held(LeadState& s, Instant limit) {
    std::optional<Instant> latest;
    const auto activities_end =
        std::find_if(s.held_activities.begin(), s.held_activities.end(),
                     [&](const Activity& a) { return a.occurred_at > limit; });
    for (auto it = s.held_activities.begin(); it != activities_end; ++it) {
        latest = std::max(latest.value_or(it->occurred_at), it->occurred_at);
        s.activities.push_back(std::move(*it));
    }
    s.held_activities.erase(s.held_activities.begin(), activities_end);
    const auto changes_end = std::find_if(s.held_changes.begin(), s.held_changes.end(),
                                          [&](const StageChange& c) { return c.at > limit; });
    const bool changes_released = changes_end != s.held_changes.begin();
    for (auto it = s.held_changes.begin(); it != changes_end; ++it) {
        latest = std::max(latest.value_or(it->at), it->at);
        insert_change(s.changes, *it);
    }
    s.held_changes.erase(s.held_changes.begin(), changes_end);
    if (changes_released) {
        s.lead.stage = s.changes.back().to;  // the lead's stage follows the latest change
    }
    return latest;
}

/// Joins the held events `clock` reaches (none without a clock); the instant the state is
/// then brought to at least: its watermark, or the latest event joined if later.
Instant release_reached(LeadState& s, const HostClock* clock) {
    Instant to = s.watermark;
    if (clock != nullptr) {
        if (const auto released = release_held(s, horizon(*clock))) {
            to = std::max(to, *released);
        }
    }
    return to;
}

/// The earliest instant after `after` at which a held event falls within a clock with
/// `tolerance`, if any event is held.
std::optional<Instant> next_release(const LeadState& s,
                                    Instant after,
                                    std::chrono::seconds tolerance) {
    std::optional<Instant> first;
    if (!s.held_activities.empty()) {
        first = s.held_activities.front().occurred_at;
    }
    if (!s.held_changes.empty()) {
        first = std::min(first.value_or(s.held_changes.front().at), s.held_changes.front().at);
    }
    if (!first) {
        return std::nullopt;
    }
    return std::max(*first - tolerance, after + std::chrono::seconds{1});
}

/// The state's activities, checked once for the state and its evaluation. In order (the common
/// arrival) the history reads the state's vector, whose buffer moves with the state; else the
/// state takes the ordered copy the history holds.
ActivityHistory checked_history(LeadState& s) {
    ActivityHistory history{std::span<const Activity>{s.activities}};
    if (history.copied()) {
        s.activities.assign(history.begin(), history.end());
    }
    return history;
}

/// Brings `state` to `to`; `history` is `checked_history(state)`.
Step settle(const StreamPolicy& policy,
            LeadState state,
            Instant to,
            const ActivityHistory& history,
            const HostClock* clock) {
    std::optional<std::string> migrated_from;
    if (!policy.settled(state.policy_hash)) {
        migrated_from = state.policy_hash;
    }
    state.watermark = to;
    state.policy_hash = policy.hash_at(to);
    Evaluation e = policy.evaluate(state, history, to);
    Step out;
    out.next_check_at = e.next_check_at;
    if (const auto release = next_release(
            state, to, clock != nullptr ? clock->future_tolerance : std::chrono::seconds{0})) {
        out.next_check_at = std::min(out.next_check_at.value_or(*release), *release);
    }
    for (OwedAction& a : e.actions) {
        if (state.emitted.insert(a.id).second) {
            out.actions.push_back(std::move(a));
        }
    }
    out.state = std::move(state);
    out.migrated_from = std::move(migrated_from);
    return out;
}

}  // namespace

LeadState stream_start(const StreamPolicy& policy, Lead lead, Instant now) {
    LeadState s;
    s.lead = std::move(lead);
    s.attached_at = now;
    s.watermark = now;
    s.policy_hash = policy.hash_at(now);
    return s;
}

Step stream_apply(const StreamPolicy& policy,
                  LeadState state,
                  const Activity& activity,
                  const HostClock* clock) {
    Instant to = release_reached(state, clock);
    const bool held = clock != nullptr && activity.occurred_at > horizon(*clock);
    // A repeated id with other contents: one copy counts; say which.
    std::optional<Activity> earlier;
    if (held) {
        auto& h = state.held_activities;
        if (std::find(h.begin(), h.end(), activity) == h.end()) {
            h.insert(std::upper_bound(h.begin(), h.end(), activity, activity_before), activity);
        }
    } else {
        const auto same_id = [&](const Activity& a) { return a.id == activity.id; };
        const auto found = std::find_if(state.activities.begin(), state.activities.end(), same_id);
        if (found != state.activities.end() && *found != activity) {
            earlier = *found;
        }
        // A held copy (a mis-dated record) is superseded by the copy that counts now.
        const auto held_copy =
            std::find_if(state.held_activities.begin(), state.held_activities.end(), same_id);
        if (held_copy != state.held_activities.end()) {
            if (!earlier && *held_copy != activity) {
                earlier = *held_copy;
            }
            state.held_activities.erase(held_copy);
        }
        state.activities.push_back(activity);
        to = std::max(to, activity.occurred_at);
    }
    const ActivityHistory history = checked_history(state);
    Step step = settle(policy, std::move(state), to, history, clock);
    step.held = held;
    if (earlier) {
        const auto kept = std::find_if(step.state.activities.begin(), step.state.activities.end(),
                                       [&](const Activity& a) { return a.id == activity.id; });
        const bool new_kept = kept != step.state.activities.end() && *kept == activity;
        step.conflict =
            new_kept ? ActivityConflict{activity, *earlier} : ActivityConflict{*earlier, activity};
    }
    return step;
}

Step stream_apply(const StreamPolicy& policy,
                  LeadState state,
                  const StageChange& change,
                  const HostClock* clock) {
    Instant to = release_reached(state, clock);
    const bool held = clock != nullptr && change.at > horizon(*clock);
    if (held) {
        if (std::find(state.held_changes.begin(), state.held_changes.end(), change) ==
            state.held_changes.end()) {
            insert_change(state.held_changes, change);
        }
    } else {
        insert_change(state.changes, change);
        state.lead.stage = state.changes.back().to;
        to = std::max(to, change.at);
    }
    // Held activities this step released join the history: check it.
    const ActivityHistory history = checked_history(state);
    Step step = settle(policy, std::move(state), to, history, clock);
    step.held = held;
    return step;
}

Step stream_update(const StreamPolicy& policy, LeadState state, Lead lead) {
    const Stage stage = state.lead.stage;
    if (lead.attributes != state.lead.attributes &&
        (state.past_attributes.empty() || state.past_attributes.back().until < state.watermark)) {
        // The old attributes held until now (a second update at one instant: the first one's
        // attributes held for no time, so the entry before stays as it is).
        state.past_attributes.push_back(
            PastAttributes{state.watermark, std::move(state.lead.attributes)});
    }
    state.lead = std::move(lead);
    if (!state.changes.empty()) {
        state.lead.stage = stage;  // the reported changes decide the stage
    }
    const Instant to = state.watermark;
    const ActivityHistory history = checked_history(state);
    return settle(policy, std::move(state), to, history, nullptr);
}

Step stream_advance(const StreamPolicy& policy, LeadState state, const HostClock& clock) {
    Instant to = std::max(state.watermark, clock.now);
    if (const auto released = release_held(state, horizon(clock))) {
        to = std::max(to, *released);
    }
    const ActivityHistory history = checked_history(state);
    return settle(policy, std::move(state), to, history, &clock);
}

EvaluateOptions state_options(const LeadState& state) {
    EvaluateOptions options;
    options.attached_at = state.attached_at;
    options.past_attributes = state.past_attributes;
    return options;
}

}  // namespace leadsla::detail
