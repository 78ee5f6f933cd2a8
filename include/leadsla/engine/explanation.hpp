// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <span>
#include <string>

#include <leadsla/engine/evaluation.hpp>
#include <leadsla/engine/policy.hpp>
#include <leadsla/model/activity.hpp>
#include <leadsla/model/lead.hpp>
#include <leadsla/model/stage_change.hpp>

namespace leadsla {

/// One evaluation as text for a person, as `leadsla explain` prints it: the score rule by rule,
/// the segments and why, the stage criteria, the owner recommendation, each SLA clock with its
/// calendar arithmetic (start, pauses, due time in the calendar's zone, business time elapsed
/// and remaining, warnings, the clock's trace), the cadence, recycling, violations, the actions
/// owed and the next check. Instants are shown in each clock's calendar zone.
///
/// `evaluation` should come from `policy` with `ExplainLevel::conditions` (with less, the
/// reasons are shorter); `lead`, `activities` and `changes` are what it was evaluated on.
/// Deterministic: the same inputs give the same text.
///
/// Example:
///   EvaluateOptions options;
///   options.explain = ExplainLevel::conditions;
///   const Evaluation e = engine.evaluate(lead, activities, changes, now, options);
///   fmt::print("{}", explanation_text(e, engine.policy(), lead, activities, changes));
[[nodiscard]] std::string explanation_text(const Evaluation& evaluation,
                                           const Policy& policy,
                                           const Lead& lead,
                                           std::span<const Activity> activities,
                                           std::span<const StageChange> changes);

}  // namespace leadsla
