// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>

#include <leadsla/expr/classifier.hpp>
#include <leadsla/expr/schema.hpp>
#include <leadsla/lifecycle/lifecycle.hpp>
#include <leadsla/routing/router.hpp>
#include <leadsla/scoring/scoring_model.hpp>
#include <leadsla/sla/agreement.hpp>
#include <leadsla/sla/sla_set.hpp>
#include <leadsla/time/instant.hpp>

namespace leadsla {

/// Why a policy version exists — SLA change management's "how and why": the reason for the
/// change, who decided it, and in which review. Documentation carried with the version: `diff`
/// and the review show it; evaluation never reads it.
struct PolicyRationale {
    std::string why;         ///< required, e.g. "Enterprise leads went cold within the 4 h target"
    std::string decided_by;  ///< optional, e.g. "Head of Sales, VP Marketing"
    std::string review;      ///< optional: the review that decided it, e.g. "2026-Q2 SLA review"

    friend bool operator==(const PolicyRationale&, const PolicyRationale&) = default;
};

/// A compiled policy: the agreement's rules, each section present when the document has it.
/// Every name in it is resolved and every expression type-checked; an `Engine` runs it.
///
/// A value: copies share the compiled sections, which are immutable and safe to read from any
/// number of threads. Read one from JSON with `load_policy` (`<leadsla/policy/load.hpp>`), or
/// build the sections with their `create` functions and fill it in.
///
/// Example:
///   Loaded<Policy> policy = load_policy(json_text);   // every error, with line and column
///   Engine engine{*policy};
struct Policy {
    std::string id;
    std::string version;
    /// When this version comes into force (a `PolicySet` picks versions by it).
    std::optional<Instant> effective_from;
    /// Why this version exists, when the document says (`"rationale"`).
    std::optional<PolicyRationale> rationale;
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
    /// How the review is reported and the targets it is measured against (`metrics/`).
    std::optional<AgreementSpec> agreement;
};

/// The scores and qualifications of `card`, as `Lifecycle::recommend` reads them.
[[nodiscard]] ScoreFacts score_facts(const ScoringModel& model, const ScoreCard& card);

}  // namespace leadsla

/// `Enterprise leads went cold (decided by Head of Sales; 2026-Q2 SLA review)`.
template <>
struct fmt::formatter<leadsla::PolicyRationale> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    template <typename FormatContext>
    auto format(const leadsla::PolicyRationale& r, FormatContext& ctx) const {
        auto out = fmt::format_to(ctx.out(), "{}", r.why);
        if (r.decided_by.empty() && r.review.empty()) {
            return out;
        }
        out = fmt::format_to(out, " (");
        if (!r.decided_by.empty()) {
            out =
                fmt::format_to(out, "decided by {}{}", r.decided_by, r.review.empty() ? "" : "; ");
        }
        return fmt::format_to(out, "{})", r.review);
    }
};
