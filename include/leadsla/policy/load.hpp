// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <span>
#include <string_view>

#include <leadsla/engine/policy.hpp>
#include <leadsla/engine/policy_set.hpp>
#include <leadsla/log.hpp>
#include <leadsla/result.hpp>
#include <leadsla/scoring/scoring_model.hpp>

namespace leadsla {

/// Options of the policy loaders.
struct PolicyLoadOptions {
    Logger logger;  ///< receives a debug line per policy and calendar read; empty: silent
};

/// Reads and compiles a policy document (docs/policy.md): `schema` (required) and the optional
/// `calendars`, `scoring`, `segments`, `lifecycle`, `routing` and `slas` sections, compiled
/// against each other — lifecycle criteria may read the scoring axes and name its
/// qualifications, territories and SLA targets name segment values, SLAs name calendars.
///
/// Every error is collected, not just the first, each with its JSON pointer, line and column:
/// unknown keys are errors, numbers are type- and range-checked, stage names are checked,
/// expressions are compiled and type-checked, zones are located (and loaded, so evaluation never
/// reads a file).
///
/// Example:
///   Loaded<Policy> policy = load_policy(text);
///   if (!policy) { for (const Error& e : policy.errors()) fmt::print("{}\n", e); return; }
///   Engine engine{*policy};
[[nodiscard]] Loaded<Policy> load_policy(std::string_view json_text,
                                         const PolicyLoadOptions& options = {});

/// Reads several versions of one policy (`load_policy` each, in any order) into a `PolicySet`.
/// Errors of the i-th document have `where` prefixed with `[i]`; then those of
/// `PolicySet::create`.
[[nodiscard]] Loaded<PolicySet> load_policy_set(std::span<const std::string_view> json_texts,
                                                const PolicyLoadOptions& options = {});

/// Reads a document with only the `schema` and `scoring` sections, as `leadsla score` does:
///
///   {"id": "...", "version": "...",
///    "schema": {"attributes": {"employees": "int", ...},
///               "activities": {"web_visit": {"url": "string"}},
///               "sets": {"dach": ["DE", "AT", "CH"]}},
///    "scoring": {"axes": [{"id": "fit", "max": 50, "bands": [...]}],
///                "rules": [{"id": "...", "axis": "fit", "when": "...", "points": 10}, ...],
///                "qualifications": [{"id": "mql", "when": "..."}]}}
///
/// Every error is collected, as by `load_policy`; other sections are refused.
[[nodiscard]] Loaded<ScoringModel> load_scoring_policy(std::string_view json_text);

}  // namespace leadsla
