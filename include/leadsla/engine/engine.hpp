// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include <leadsla/engine/evaluation.hpp>
#include <leadsla/engine/lead_state.hpp>
#include <leadsla/engine/policy.hpp>
#include <leadsla/model/activity.hpp>
#include <leadsla/model/activity_history.hpp>
#include <leadsla/model/lead.hpp>
#include <leadsla/model/stage_change.hpp>
#include <leadsla/result.hpp>
#include <leadsla/routing/routing_state.hpp>

namespace leadsla {

/// Options of one evaluation.
struct EvaluateOptions {
    ExplainLevel explain = ExplainLevel::rules;
    /// With a routing state, a lead without an owner gets an owner recommendation.
    const RoutingState* routing = nullptr;
    /// When the host first saw the lead (actions owed before it are not repeated; a clock past
    /// due then owes `breached_on_attach`). Empty: `now`.
    std::optional<Instant> attached_at;
    /// The lead's attribute history, so SLA targets follow segment changes at the instant they
    /// happened (`SlaSet::evaluate`). Empty: the current attributes throughout.
    std::span<const PastAttributes> past_attributes;
};

/// The evaluation engine: a compiled policy, immutable and safe to share across threads.
///
/// `evaluate` is a pure function of the policy, the lead, its activities, its reported stage
/// changes and `now`. `apply` and `advance` are the streaming form over a `LeadState` value; they
/// are built on `evaluate`, so applying events one by one (in any order, with repeats) and
/// advancing to `now` gives the same evaluation as `evaluate` on the whole history.
///
/// Example:
///   Loaded<Policy> policy = load_policy(policy_json);   // <leadsla/policy/load.hpp>
///   const Engine engine{*policy};
///   Evaluation e = engine.evaluate(lead, activities, changes, now);
///   if (e.next_check_at) schedule(lead.id, *e.next_check_at);
class Engine {
public:
    explicit Engine(Policy policy);

    [[nodiscard]] const Policy& policy() const noexcept;

    [[nodiscard]] Evaluation evaluate(const Lead& lead,
                                      std::span<const Activity> activities,
                                      std::span<const StageChange> changes,
                                      Instant now,
                                      const EvaluateOptions& options = {}) const;

    /// A new state for `lead`, first seen at `now`.
    [[nodiscard]] LeadState start(Lead lead, Instant now) const;
    /// Adds an activity (a repeated id counts once; late ones take their place in time) and
    /// brings the state to the later of its watermark and the activity's time.
    [[nodiscard]] Step apply(LeadState state, const Activity& activity) const;
    /// As above, and first joins the held events the host's clock now reaches; an activity
    /// dated beyond `clock.now + clock.future_tolerance` is held (`Step::held`), not applied.
    [[nodiscard]] Step apply(LeadState state,
                             const Activity& activity,
                             const HostClock& clock) const;
    /// Adds a reported stage change; the lead's stage follows the latest change.
    [[nodiscard]] Step apply(LeadState state, const StageChange& change) const;
    /// As above, holding a change dated beyond the host's clock.
    [[nodiscard]] Step apply(LeadState state,
                             const StageChange& change,
                             const HostClock& clock) const;
    /// Replaces the lead's attributes, owner and account (its id must not change). Changed
    /// attributes take effect at the watermark: the old ones go to `past_attributes`, so a
    /// running SLA clock sees the segment change then (`on_segment_change`).
    [[nodiscard]] Step update(LeadState state, Lead lead) const;
    /// Brings the state to `now` (never back: a smaller `now` than the watermark changes nothing),
    /// first joining the held events dated at or before `now`.
    [[nodiscard]] Step advance(LeadState state, Instant now) const;
    /// Likewise, joining the held events dated at or before `clock.now + clock.future_tolerance`.
    [[nodiscard]] Step advance(LeadState state, const HostClock& clock) const;
    /// Whether this policy (its content hash) last settled `state`. Every step settles the state
    /// it is given: under another policy it migrates it and says so (`Step::migrated_from`); a
    /// host that would rather refuse such a state (say, one restored from a snapshot another
    /// policy wrote) asks here first.
    [[nodiscard]] bool settled_by(const LeadState& state) const noexcept;
    /// The evaluation of a state at its watermark.
    [[nodiscard]] Evaluation evaluate(const LeadState& state) const;

    struct Impl;  ///< opaque: the policy and what the engine worked out from it once

private:
    std::shared_ptr<const Impl> impl_;
};

}  // namespace leadsla
