// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <leadsla/model/stage.hpp>

namespace leadsla {

/// A stage of the policy's lifecycle, in funnel order (see `LifecycleSpec::stages`).
struct StageSpec {
    Stage stage = Stage::lead;
    /// A side state (Nurture, Disqualified): outside the funnel order, so a lead in it may
    /// qualify again into any funnel stage a transition allows.
    bool side = false;
    /// Entry criteria (both optional; when both are given both must hold): a rule-language
    /// condition that may read attributes, activities and the axis scores, and/or the name of a
    /// scoring qualification such as "mql". A stage without criteria is entered by people only.
    std::string when;
    std::string qualification;
    /// Automatic regression, only when configured: a lead in this stage is recommended
    /// `regress_to` when `regress_when` holds (or, with `regress_when` empty, when the stage's
    /// own entry criteria no longer hold — e.g. decay took the score below the threshold).
    std::optional<Stage> regress_to;
    std::string regress_when;
    std::string pointer;  ///< JSON pointer, for errors

    friend bool operator==(const StageSpec&, const StageSpec&) = default;
};

/// An allowed stage change. `reason_required`: the host must give a reason code from the
/// policy's list (rejections, disqualifications, recycling).
struct TransitionSpec {
    Stage from = Stage::lead;
    Stage to = Stage::lead;
    bool reason_required = false;
    std::string pointer;

    friend bool operator==(const TransitionSpec&, const TransitionSpec&) = default;
};

/// A reason code for rejections and disqualifications, e.g. "no_budget", "unresponsive".
struct ReasonCode {
    std::string id;
    std::string label;  ///< for people, e.g. "No budget this fiscal year"
    /// Only valid once the working cadence was met (e.g. "unresponsive": ≥ 5 attempts over ≥ 2
    /// channels first).
    bool requires_cadence = false;
    std::string pointer;

    friend bool operator==(const ReasonCode&, const ReasonCode&) = default;
};

/// The working cadence: at least `min_attempts` activities of type `activity` over at least
/// `min_channels` distinct values of their `channel` property, within `window` before the
/// moment it is checked.
struct CadenceSpec {
    std::string activity = "contact_attempt";
    std::string channel = "channel";
    std::uint32_t min_attempts = 5;
    std::uint32_t min_channels = 2;
    std::chrono::seconds window{std::chrono::days{14}};
    std::string pointer;

    friend bool operator==(const CadenceSpec&, const CadenceSpec&) = default;
};

/// Recycling: a lead in one of `from` with no activity of the listed types (all types when
/// empty) for `after` (wall-clock time since the later of stage entry and its last such
/// activity) is recommended `to`, with `reason`.
struct RecycleSpec {
    std::string id;
    std::vector<Stage> from;
    Stage to = Stage::nurture;
    std::chrono::seconds after{std::chrono::days{30}};
    std::vector<std::string> activities;
    std::string reason;
    std::string pointer;

    friend bool operator==(const RecycleSpec&, const RecycleSpec&) = default;
};

/// The lifecycle section of a policy.
struct LifecycleSpec {
    std::vector<StageSpec> stages;  ///< funnel stages in order, side states anywhere
    Stage initial = Stage::lead;
    std::vector<TransitionSpec> transitions;
    std::vector<ReasonCode> reasons;
    std::optional<CadenceSpec> cadence;
    std::vector<RecycleSpec> recycling;
    /// The host CRM's stage values → leadsla stages, e.g. HubSpot `marketingqualifiedlead` →
    /// mql, Salesforce Lead Status `Working - Contacted` → sal.
    std::map<std::string, Stage, std::less<>> stage_map;
    /// The stage of a CRM value that is neither in `stage_map` nor a stage name (a picklist value
    /// added in the CRM after the policy was written); empty: such a value is an error.
    std::optional<Stage> unmapped_stage;
    std::string pointer;

    friend bool operator==(const LifecycleSpec&, const LifecycleSpec&) = default;

    /// The default model: Lead → MQL → SAL → SQL → Opportunity → Customer, side states Nurture
    /// and Disqualified; MQL entered when the scoring qualification "mql" holds; rejections,
    /// recycling and disqualification need a reason (not_a_fit, no_budget, no_authority,
    /// no_need, bad_timing, duplicate, unresponsive — the last only after 5 attempts over 2
    /// channels within 14 days); an SQL with no activity for 30 days goes back to Nurture.
    [[nodiscard]] static LifecycleSpec standard();
    /// The same with two-stage qualification: Lead → MAL → SRL → SAL …; MAL when the
    /// qualification "mal" holds, SRL when "srl" does.
    [[nodiscard]] static LifecycleSpec two_stage();
};

}  // namespace leadsla
