// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

#include <leadsla/engine/engine.hpp>
#include <leadsla/engine/evaluation.hpp>
#include <leadsla/engine/lead_state.hpp>
#include <leadsla/model/activity_history.hpp>

namespace leadsla::detail {

/// What the streaming steps need from a policy: `Engine` and `PolicySet` each give one, so both
/// stream by the same rules.
class StreamPolicy {
public:
    /// The evaluation of `state` at `now` without explanations; `history` is `state.activities`,
    /// checked and in order.
    [[nodiscard]] virtual Evaluation evaluate(const LeadState& state,
                                              const ActivityHistory& history,
                                              Instant now) const = 0;
    /// The hash a state settled at `now` is stamped with.
    [[nodiscard]] virtual const std::string& hash_at(Instant now) const = 0;
    /// Whether a state stamped with `hash` was settled by this policy.
    [[nodiscard]] virtual bool settled(std::string_view hash) const = 0;

protected:
    StreamPolicy() = default;
    StreamPolicy(const StreamPolicy&) = default;
    StreamPolicy& operator=(const StreamPolicy&) = default;
    StreamPolicy(StreamPolicy&&) = default;
    StreamPolicy& operator=(StreamPolicy&&) = default;
    ~StreamPolicy() = default;
};

[[nodiscard]] LeadState stream_start(const StreamPolicy& policy, Lead lead, Instant now);
/// `clock` may be null: the event is never held.
[[nodiscard]] Step stream_apply(const StreamPolicy& policy,
                                LeadState state,
                                const Activity& activity,
                                const HostClock* clock);
[[nodiscard]] Step stream_apply(const StreamPolicy& policy,
                                LeadState state,
                                const StageChange& change,
                                const HostClock* clock);
[[nodiscard]] Step stream_update(const StreamPolicy& policy, LeadState state, Lead lead);
[[nodiscard]] Step stream_advance(const StreamPolicy& policy,
                                  LeadState state,
                                  const HostClock& clock);
/// The options that say what a state knows about its lead: when it was attached, and its
/// attribute history.
[[nodiscard]] EvaluateOptions state_options(const LeadState& state);

}  // namespace leadsla::detail
