// SPDX-License-Identifier: Apache-2.0
// The readers of the policy sections, shared by the section loaders (policy/*_json.cpp). Each
// reads one JSON value into its spec and records every problem in the reader.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include <leadsla/engine/policy.hpp>
#include <leadsla/expr/classifier.hpp>
#include <leadsla/expr/schema.hpp>
#include <leadsla/lifecycle/lifecycle_spec.hpp>
#include <leadsla/policy/load.hpp>
#include <leadsla/routing/routing_policy.hpp>
#include <leadsla/scoring/scoring_model.hpp>
#include <leadsla/sla/agreement.hpp>
#include <leadsla/sla/sla_spec.hpp>

#include "json/shared/reader.hpp"

namespace leadsla::detail {

/// The top-level keys of a policy document that the section loaders know.
inline constexpr std::array<std::string_view, 12> policy_sections{
    "id",       "version",   "effective_from", "rationale", "schema", "scoring",
    "segments", "lifecycle", "routing",        "calendars", "slas",   "agreement"};

[[nodiscard]] Schema read_schema(Reader& r, const nlohmann::json& value, const std::string& where);
void read_scoring(Reader& r,
                  const nlohmann::json& value,
                  const std::string& where,
                  ScoringSpec& spec);
[[nodiscard]] std::vector<ClassificationSpec> read_segments(Reader& r,
                                                            const nlohmann::json& value,
                                                            const std::string& where);
[[nodiscard]] LifecycleSpec read_lifecycle(Reader& r,
                                           const nlohmann::json& document,
                                           const std::string& where);
[[nodiscard]] RoutingSpec read_routing(Reader& r,
                                       const nlohmann::json& value,
                                       const std::string& where);

[[nodiscard]] std::vector<SlaSpec> read_slas(Reader& r,
                                             const nlohmann::json& value,
                                             const std::string& where);

[[nodiscard]] AgreementSpec read_agreement(Reader& r,
                                           const nlohmann::json& value,
                                           const std::string& where);
/// Checks the agreement's names against the compiled sections: calendar or zone, the segment
/// classification and its values, attributes and their types, SLAs, stages, owners, teams.
void check_agreement(const AgreementSpec& agreement,
                     const Policy& policy,
                     std::vector<Error>& errors);

/// `load_policy` on a document already parsed from `json_text` (which locates the errors and
/// is what the content hash covers): so `diff_policies` parses each text once.
[[nodiscard]] Loaded<Policy> load_policy_document(const nlohmann::json& document,
                                                  std::string_view json_text,
                                                  const PolicyLoadOptions& options);

}  // namespace leadsla::detail
