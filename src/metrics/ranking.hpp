// SPDX-License-Identifier: Apache-2.0
// How well a score ranks leads by outcome: the area under the ROC curve and the top-decile
// lift, exact over tallies per score value (ties handled in proportion, not by input order).
#pragma once

#include <cstdint>
#include <map>
#include <optional>

#include "metrics/logistic_fit.hpp"

namespace leadsla::detail {

/// Tallies per score (any integer scale).
using ScoreTallies = std::map<std::int64_t, OutcomeTally>;

/// The chance that a random success scores above a random failure, ties counting half, in basis
/// points; nullopt without successes or without failures.
[[nodiscard]] std::optional<std::int64_t> auc_bp(const ScoreTallies& scores);

/// The success rate among the highest-scoring tenth of the leads over the overall rate, in
/// basis points; leads tied at the cut count in proportion. nullopt without leads or successes.
[[nodiscard]] std::optional<std::int64_t> top_decile_lift_bp(const ScoreTallies& scores);

}  // namespace leadsla::detail
