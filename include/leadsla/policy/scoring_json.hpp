// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include <leadsla/result.hpp>
#include <leadsla/scoring/scoring_model.hpp>

namespace leadsla {

/// The outcome of reading a scoring policy: the model, or every error found.
struct ScoringPolicyLoad {
    std::optional<ScoringModel> model;
    std::vector<Error> errors;  ///< all of them, in document order; empty when `model` is set

    [[nodiscard]] bool ok() const noexcept { return model.has_value(); }
};

/// Reads a policy document with the `schema` and `scoring` sections (docs/policy-format.md):
///
///   {"id": "...", "version": "...",
///    "schema": {"attributes": {"employees": "int", ...},
///               "activities": {"web_visit": {"url": "string"}},
///               "sets": {"dach": ["DE", "AT", "CH"]}},
///    "scoring": {"axes": [{"id": "fit", "max": 50, "bands": [...]}],
///                "rules": [{"id": "...", "axis": "fit", "when": "...", "points": 10}, ...],
///                "qualifications": [{"id": "mql", "when": "..."}]}}
///
/// Every error is collected (not just the first), each with its JSON pointer; unknown keys are
/// errors, numbers are type- and range-checked, expressions are compiled and type-checked.
[[nodiscard]] ScoringPolicyLoad load_scoring_policy(std::string_view json_text);

}  // namespace leadsla
