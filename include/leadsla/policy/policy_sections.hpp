// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include <leadsla/expr/classifier.hpp>
#include <leadsla/expr/schema.hpp>
#include <leadsla/lifecycle/lifecycle.hpp>
#include <leadsla/result.hpp>
#include <leadsla/routing/router.hpp>
#include <leadsla/scoring/scoring_model.hpp>
#include <leadsla/sla/sla_set.hpp>

namespace leadsla {

/// The compiled sections of a policy document: each is present when the document has it.
struct PolicySections {
    std::string id;
    std::string version;
    /// When this version comes into force (a `PolicySet` picks versions by it).
    std::optional<Instant> effective_from;
    /// `sha256:` and the hex SHA-256 of the document's canonical form (keys sorted, no
    /// whitespace): the same for the same policy however the file is laid out.
    std::string content_hash;
    Schema schema;
    CalendarMap calendars;
    std::optional<ScoringModel> scoring;
    std::optional<Classifier> segments;
    std::optional<Lifecycle> lifecycle;
    std::optional<Router> routing;
    std::optional<SlaSet> slas;
};

/// The outcome of reading a policy's sections: the sections, or every error found.
struct PolicySectionsLoad {
    std::optional<PolicySections> sections;
    std::vector<Error> errors;  ///< all of them; empty when `sections` is set

    [[nodiscard]] bool ok() const noexcept { return sections.has_value(); }
};

/// Reads a policy document's `schema` (required) and its optional `calendars`, `scoring`,
/// `segments`, `lifecycle`, `routing` and `slas` sections (docs/lifecycle.md, docs/routing.md,
/// docs/sla.md), and compiles them against each other: lifecycle criteria may read the scoring
/// axes and name its qualifications, territories and SLA targets name segment values, SLAs name
/// calendars.
///
/// Every error is collected (not just the first), each with its JSON pointer; unknown keys are
/// errors, numbers are type- and range-checked, stage names are checked, expressions are
/// compiled and type-checked.
[[nodiscard]] PolicySectionsLoad load_policy_sections(std::string_view json_text);

/// The scores and qualifications of `card`, as `Lifecycle::recommend` reads them.
[[nodiscard]] ScoreFacts score_facts(const ScoringModel& model, const ScoreCard& card);

}  // namespace leadsla
