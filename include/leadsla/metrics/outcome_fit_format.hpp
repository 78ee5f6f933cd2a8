// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

#include <leadsla/metrics/outcome_fit.hpp>
#include <leadsla/result.hpp>
#include <leadsla/scoring/scoring_model.hpp>

namespace leadsla {

/// An outcome fit for the review meeting: who was studied, each rule's conversion when it fired
/// and not, its lift, weights and suggested points; how the predictive axis ranks the measured
/// leads next to the policy's own scores; its calibration; what the rejected leads shared.
/// Deterministic.
[[nodiscard]] std::string outcome_fit_text(const OutcomeFitResult& result);

/// The fit as one JSON document (`"format": "leadsla.outcome_fit/1"`, docs/outcome-fit.md).
/// Deterministic: the same result gives the same bytes.
[[nodiscard]] std::string outcome_fit_json(const OutcomeFitResult& result);

/// The predictive axis as an RFC 6902 JSON Patch of the policy whose rules were fitted (`spec`
/// is its scoring section): an axis `axis` that does not count in the total (`"in_total":
/// false`, so qualifications, grades and the total stay as they are), a constant rule
/// `<axis>.base` with the intercept's points, and for each rule with suggested points a copy
/// `<axis>.<rule id>` that holds exactly when the rule holds (activity rules: once, without
/// decay) and scores the suggested points. A lead's points on the axis are then its fitted
/// log-odds of success, so `points_to_double_odds` points double its odds. `validate` accepts
/// the patched policy and `diff` explains it.
/// Errors (policy.invalid): the fit had nothing to learn from (`fitted` is false); `spec` is
/// not the fitted policy's (other rules); the axis or a rule id exists already.
[[nodiscard]] Result<std::string> predictive_axis_patch_json(const OutcomeFitResult& result,
                                                             const ScoringSpec& spec,
                                                             std::string_view axis = "predictive");

}  // namespace leadsla
