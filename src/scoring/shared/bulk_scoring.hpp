// SPDX-License-Identifier: Apache-2.0
// Shared with the rest of leadsla (not with hosts): scoring converted records, the bulk path
// behind `LineScorer` and the peer-workload benchmark's "excluding parsing" figure.
#pragma once

#include <span>

#include <leadsla/scoring/scoring_model.hpp>

#include "expr/shared/expression_set.hpp"

namespace leadsla::detail {

/// The compiled conditions of `model`; records made with them are what `score_records` reads.
[[nodiscard]] const ExpressionSet& expressions_of(const ScoringModel& model) noexcept;

/// `ScoringModel::score` of a converted lead and its converted activities (ordered by
/// (occurred_at, id), no duplicates); `out` is reused, so a loop allocates nothing once warm.
void score_records(const ScoringModel& model,
                   const LeadRecord& lead,
                   std::span<const ActivityRecord> activities,
                   Instant now,
                   ExplainLevel level,
                   ScoreCard& out);

}  // namespace leadsla::detail
