// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include <leadsla/engine/engine.hpp>

namespace leadsla {

/// Several versions of one policy, each in force from its `effective_from` — SLA change
/// management: when the agreement changes, a clock that started under the old version is still
/// judged by the old version's targets, calendars and thresholds; clocks that start later follow
/// the new one. Immutable and safe to share across threads.
///
/// Example:
///   Loaded<PolicySet> set = load_policy_set(texts);   // <leadsla/policy/load.hpp>; any order
///   Evaluation e = set->evaluate(lead, activities, changes, now);
///   // e.policy_version: the version in force at `now`;
///   // e.timers[i].policy_version: the version each clock was judged under.
///   Step step = set->apply(std::move(state), activity);   // streaming, as with an Engine
class PolicySet {
public:
    /// Versions must share the policy id and have distinct `effective_from` instants; with more
    /// than one version each needs an `effective_from`. Errors: policy.invalid,
    /// policy.duplicate_id (two versions from the same instant).
    [[nodiscard]] static Loaded<PolicySet> create(std::vector<Engine> versions);

    /// The versions, by `effective_from`.
    [[nodiscard]] const std::vector<Engine>& versions() const noexcept { return versions_; }

    /// The version in force at `t`: the latest whose `effective_from` is at or before `t`; the
    /// earliest version for instants before every `effective_from` (so history older than the
    /// first version is judged by it, never left unjudged).
    [[nodiscard]] const Engine& in_force(Instant t) const noexcept;

    /// `in_force(now).evaluate(...)`, with each SLA clock that started under an earlier version
    /// judged by that version (same SLA id); actions and `next_check_at` follow those clocks.
    [[nodiscard]] Evaluation evaluate(const Lead& lead,
                                      std::span<const Activity> activities,
                                      std::span<const StageChange> changes,
                                      Instant now,
                                      const EvaluateOptions& options = {}) const;

    /// The streaming form, as `Engine`'s (start, apply, update, advance, evaluate a state) with
    /// each clock judged as `evaluate` above judges it: a state is stamped with the hash of the
    /// version in force at its watermark, and passing from one version to the next as time goes
    /// on is not a migration; a state settled by a policy outside the set is
    /// (`Step::migrated_from`).
    [[nodiscard]] LeadState start(Lead lead, Instant now) const;
    [[nodiscard]] Step apply(LeadState state, const Activity& activity) const;
    [[nodiscard]] Step apply(LeadState state,
                             const Activity& activity,
                             const HostClock& clock) const;
    [[nodiscard]] Step apply(LeadState state, const StageChange& change) const;
    [[nodiscard]] Step apply(LeadState state,
                             const StageChange& change,
                             const HostClock& clock) const;
    [[nodiscard]] Step update(LeadState state, Lead lead) const;
    [[nodiscard]] Step advance(LeadState state, Instant now) const;
    [[nodiscard]] Step advance(LeadState state, const HostClock& clock) const;
    [[nodiscard]] Evaluation evaluate(const LeadState& state) const;
    /// Whether one of the set's versions last settled `state`.
    [[nodiscard]] bool settled_by(const LeadState& state) const noexcept;

private:
    explicit PolicySet(std::vector<Engine> versions) : versions_(std::move(versions)) {}
    std::vector<Engine> versions_;
};

}  // namespace leadsla
