// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include <leadsla/expr/classifier.hpp>
#include <leadsla/expr/input_check.hpp>
#include <leadsla/lifecycle/lifecycle.hpp>
#include <leadsla/model/ids.hpp>
#include <leadsla/routing/assignment.hpp>
#include <leadsla/scoring/scoring_model.hpp>
#include <leadsla/sla/timer.hpp>
#include <leadsla/time/instant.hpp>

namespace leadsla {

/// Everything the engine says about one lead at one `now`: a value, the same for the same
/// policy and inputs on every run and thread.
struct Evaluation {
    std::string policy_id;
    std::string policy_version;
    std::string policy_hash;  ///< the content hash of the policy document (`sha256:…`)
    LeadId lead;
    Instant now;
    std::optional<ScoreCard> score;            ///< with a scoring section
    std::vector<ClassValue> segments;          ///< every classification's value
    std::optional<StageRecommendation> stage;  ///< with a lifecycle section
    /// With a routing section, for a lead without an owner and a routing state given: whom it
    /// should go to (the state is not changed; route it with `Router::route` to commit).
    std::optional<RoutingDecision> owner;
    std::vector<TimerResult> timers;            ///< with an SLA section, in its order
    std::vector<Violation> violations;          ///< of the reported stage changes
    std::optional<CadenceStatus> cadence;       ///< the working cadence at `now`
    std::optional<RecycleStatus> recycling;     ///< the recycling rule of the current stage
    std::vector<OwedAction> actions;            ///< every timer's owed actions, by (at, id)
    std::vector<ActivityId> future_activities;  ///< after `now`: not read, reported
    /// What rules could not read: the lead's declared attributes holding another type (they
    /// count as missing) and activities read whose type the schema does not declare (they
    /// score nothing and start or stop no clock) — `check_lead`, and `check_activity`'s first
    /// finding. Properties are not checked here (`check_activity` does; the readers refuse
    /// them).
    std::vector<InputProblem> input_problems;
    /// The earliest instant after `now` at which anything above changes by time alone (a due
    /// time, a warning, an escalation step, decay or a window closing, recycling); empty when
    /// nothing will. Hosts schedule their next look instead of polling.
    std::optional<Instant> next_check_at;

    friend bool operator==(const Evaluation&, const Evaluation&) = default;
};

}  // namespace leadsla

/// One line: `L-1 at 2026-03-30T09:00:00Z: score 65, grade B2; stage mql -> sal; 2 timers
/// (1 breached); 2 actions; next check 2026-03-30T11:00:00Z`.
template <>
struct fmt::formatter<leadsla::Evaluation> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    template <typename FormatContext>
    auto format(const leadsla::Evaluation& e, FormatContext& ctx) const {
        auto out = fmt::format_to(ctx.out(), "{} at {}:", e.lead, leadsla::format_instant(e.now));
        if (e.score) {
            out = fmt::format_to(out, " score {}{}{};", e.score->total,
                                 e.score->grade.empty() ? "" : ", grade ", e.score->grade);
        }
        if (e.stage) {
            out = e.stage->changes() ? fmt::format_to(out, " stage {} -> {};", e.stage->current,
                                                      e.stage->recommended)
                                     : fmt::format_to(out, " stage {};", e.stage->current);
        }
        std::size_t breached = 0;
        for (const leadsla::TimerResult& t : e.timers) {
            breached += t.status == leadsla::TimerStatus::breached ? 1U : 0U;
        }
        out = fmt::format_to(
            out, " {} timers ({} breached); {} actions; next check {}", e.timers.size(), breached,
            e.actions.size(),
            e.next_check_at ? leadsla::format_instant(*e.next_check_at) : std::string{"never"});
        return out;
    }
};
