// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <leadsla/engine/engine.hpp>
#include <leadsla/engine/evaluation.hpp>
#include <leadsla/engine/policy_set.hpp>
#include <leadsla/io/lead_json.hpp>

namespace leadsla::cli {

/// Reads and compiles the policies at `paths` — one, or several versions of one policy — into a
/// set; on failure prints every error as `path:line:column: error[...]` to stderr and returns
/// nullopt.
[[nodiscard]] std::optional<PolicySet> load_policies(const std::vector<std::string>& paths);

/// Parses `--now`; prints why to stderr when it is not an RFC 3339 instant with offset.
[[nodiscard]] std::optional<Instant> parse_now(const std::string& text);

/// One lead and its history, as read from the input files.
struct LeadHistory {
    Lead lead;
    std::vector<Activity> activities;
    std::vector<StageChange> changes;
    std::vector<AttributeChange> attribute_changes;

    /// The attribute history that `attribute_changes` lead back to from the lead's attributes.
    [[nodiscard]] std::vector<PastAttributes> past_attributes() const {
        return past_attributes_from(lead.attributes, attribute_changes);
    }
};

/// Adds one event (an activity, a stage change or an attribute change) to the lead's history.
void attach(LeadHistory& h, LeadEvent event);

/// Adds the events of `events` (a history without its lead) to `h`'s.
void merge_into(LeadHistory& h, LeadHistory&& events);

/// Each activity id of `h` given twice with different contents — the engine keeps the earliest
/// (normalize_activities) — described for stderr: `activity "A1" of lead "L1" is given twice
/// with different contents (call at …, email at …); the earliest is used`.
[[nodiscard]] std::vector<std::string> conflicting_activities(const LeadHistory& h);

/// Repeated findings are listed one by one up to this many, then counted.
inline constexpr std::size_t max_listed = 10;

/// Every lead of a leads NDJSON file with the events of an activities NDJSON file, in the leads
/// file's order. Bad lines are printed as `path:line: error[...]` and counted, not fatal.
struct History {
    std::vector<LeadHistory> leads;
    std::size_t bad_lines = 0;
    std::size_t unknown_lead_events = 0;   ///< events of leads the leads file lacks
    std::size_t unseen_mapped_fields = 0;  ///< CRM fields the mapping names that no record had
};

/// Reads both files (the activities file may be empty: ""); with `crm_mapping_path`, leads are
/// CRM records read through that mapping. Nullopt after an I/O error or a bad mapping.
[[nodiscard]] std::optional<History> load_history(const std::string& leads_path,
                                                  const std::string& activities_path,
                                                  const std::string& crm_mapping_path,
                                                  const Policy& policy);

struct HistoryOptions;

/// What `eval`, `explain` and `summary` work on.
struct Inputs {
    PolicySet policies;
    Instant now;
    History history;  ///< read with the schema of the version in force at `now`
    /// The routing state the leads met: `--routing-state` (or empty), the `--away` owners, and
    /// the ownership in the input (`seed_routing`).
    RoutingState routing;
};

/// Makes `state` hold the world as the input has it: each owner's open leads (owned leads not
/// in a closed stage — customer, nurture, disqualified) replace the state's counts, and an owned
/// lead's account with no owner yet gets that lead's owner.
void seed_routing(RoutingState& state, const History& history);

/// Loads the policies, `--now` and the history of `options`; nullopt after printing why.
[[nodiscard]] std::optional<Inputs> load_inputs(const HistoryOptions& options);

/// Evaluates every lead at `now`. Leads without an owner get the routing recommendation of
/// `routing` (see `Inputs::routing`), which the batch commits as it goes, in (created_at, id)
/// order — as a live router would have assigned them.
[[nodiscard]] std::vector<Evaluation> evaluate_all(const PolicySet& policies,
                                                   const History& history,
                                                   Instant now,
                                                   ExplainLevel explain,
                                                   RoutingState routing = {});

/// True when the evaluation has a breached SLA (breached, or met late).
[[nodiscard]] bool has_breach(const Evaluation& e);

/// One lead at `now` as `leadsla explain` prints it (`explanation_text`, with the owner
/// `routing` would recommend), and whether it has a breach.
struct Explained {
    std::string text;
    bool breached = false;
};
[[nodiscard]] Explained explain_lead(const PolicySet& policies,
                                     const LeadHistory& h,
                                     Instant now,
                                     const RoutingState& routing = {});

}  // namespace leadsla::cli
