// SPDX-License-Identifier: Apache-2.0
// The default lifecycle models (docs/lifecycle.md).
#include <leadsla/lifecycle/lifecycle_spec.hpp>

namespace leadsla {
namespace {

/// Everything but the qualification stages, which the two models differ in.
LifecycleSpec common(std::vector<StageSpec> qualification, std::vector<TransitionSpec> into) {
    LifecycleSpec spec;
    spec.stages.push_back({Stage::lead, false, "", "", std::nullopt, "", "/lifecycle/stages/0"});
    for (StageSpec& s : qualification) {
        spec.stages.push_back(std::move(s));
    }
    for (const Stage s : {Stage::sal, Stage::sql, Stage::opportunity, Stage::customer}) {
        spec.stages.push_back({s, false, "", "", std::nullopt, "", ""});
    }
    spec.stages.push_back({Stage::nurture, true, "", "", std::nullopt, "", ""});
    spec.stages.push_back({Stage::disqualified, true, "", "", std::nullopt, "", ""});
    for (std::size_t i = 0; i < spec.stages.size(); ++i) {
        spec.stages[i].pointer = "/lifecycle/stages/" + std::to_string(i);
    }
    spec.transitions = std::move(into);
    const Stage last_qualified = spec.stages[spec.stages.size() - 7].stage;
    const std::vector<TransitionSpec> rest{
        {last_qualified, Stage::sal, false, ""},
        {Stage::sal, Stage::sql, false, ""},
        {Stage::sql, Stage::opportunity, false, ""},
        {Stage::opportunity, Stage::customer, false, ""},
        // Sales rejects or disqualifies with a reason; stalled leads are recycled with one.
        {last_qualified, Stage::nurture, true, ""},
        {last_qualified, Stage::disqualified, true, ""},
        {Stage::sal, Stage::nurture, true, ""},
        {Stage::sal, Stage::disqualified, true, ""},
        {Stage::sql, Stage::nurture, true, ""},
        {Stage::sql, Stage::disqualified, true, ""},
        {Stage::opportunity, Stage::nurture, true, ""},
        {Stage::opportunity, Stage::disqualified, true, ""},
        {Stage::lead, Stage::disqualified, true, ""},
        {Stage::nurture, Stage::disqualified, true, ""},
    };
    spec.transitions.insert(spec.transitions.end(), rest.begin(), rest.end());
    for (std::size_t i = 0; i < spec.transitions.size(); ++i) {
        spec.transitions[i].pointer = "/lifecycle/transitions/" + std::to_string(i);
    }
    spec.reasons = {{"not_a_fit", "Not our target customer", false, ""},
                    {"no_budget", "No budget", false, ""},
                    {"no_authority", "Not a decision maker", false, ""},
                    {"no_need", "No need right now", false, ""},
                    {"bad_timing", "Timing is wrong", false, ""},
                    {"duplicate", "Duplicate of another lead", false, ""},
                    {"unresponsive", "Did not respond to the working cadence", true, ""},
                    {"stalled", "No activity for too long", false, ""}};
    for (std::size_t i = 0; i < spec.reasons.size(); ++i) {
        spec.reasons[i].pointer = "/lifecycle/reasons/" + std::to_string(i);
    }
    spec.cadence = CadenceSpec{};
    spec.cadence->pointer = "/lifecycle/cadence";
    RecycleSpec stalled;
    stalled.id = "stalled_sql";
    stalled.from = {Stage::sql};
    stalled.to = Stage::nurture;
    stalled.after = std::chrono::days{30};
    stalled.reason = "stalled";
    stalled.pointer = "/lifecycle/recycling/0";
    spec.recycling.push_back(std::move(stalled));
    spec.stage_map = {
        // HubSpot `lifecyclestage` values.
        {"subscriber", Stage::lead},
        {"lead", Stage::lead},
        {"marketingqualifiedlead", last_qualified},
        {"salesqualifiedlead", Stage::sql},
        {"opportunity", Stage::opportunity},
        {"customer", Stage::customer},
        // Salesforce Lead `Status` values.
        {"Open - Not Contacted", Stage::lead},
        {"Working - Contacted", Stage::sal},
        {"Closed - Converted", Stage::sql},
        {"Closed - Not Converted", Stage::disqualified},
    };
    spec.pointer = "/lifecycle";
    return spec;
}

}  // namespace

LifecycleSpec LifecycleSpec::standard() {
    return common({{Stage::mql, false, "", "mql", std::nullopt, "", ""}},
                  {{Stage::lead, Stage::mql, false, ""}, {Stage::nurture, Stage::mql, false, ""}});
}

LifecycleSpec LifecycleSpec::two_stage() {
    return common({{Stage::mal, false, "", "mal", std::nullopt, "", ""},
                   {Stage::srl, false, "", "srl", std::nullopt, "", ""}},
                  {{Stage::lead, Stage::mal, false, ""},
                   {Stage::mal, Stage::srl, false, ""},
                   {Stage::nurture, Stage::mal, false, ""},
                   {Stage::mal, Stage::nurture, true, ""},
                   {Stage::mal, Stage::disqualified, true, ""}});
}

}  // namespace leadsla
