// SPDX-License-Identifier: Apache-2.0
// Any input as a CRM mapping and a CRM record (split at the first NUL byte; no NUL: the input is
// a record under the bundled company's HubSpot mapping): neither reader crashes, and a record
// that reads is a lead the engine evaluates, and reads alike as a one-record API page. The same
// text as activity and history records (`read_crm_events`): every event names a lead, and the
// engine evaluates with them, attribute history included.
#include <algorithm>
#include <chrono>
#include <cstdlib>

#include <leadsla/engine/engine.hpp>
#include <leadsla/io/crm.hpp>

#include "fuzz_support.hpp"

using namespace leadsla;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const Engine engine{fuzz::bundled_policy("examples/policies/funnel.json")};
    static const CrmMapping hubspot =
        parse_crm_mapping(R"({"source": "hubspot", "created_at": "createdate",
                              "stage": "lifecyclestage", "owner": "hubspot_owner_id",
                              "attributes": {"employees": "numberofemployees",
                                             "industry": "industry", "country": "country"},
                              "activities": {"rules": [
                                {"when": {"hs_call_direction": "OUTBOUND"},
                                 "type": "contact_attempt", "properties": {"channel": "phone"}},
                                {"when": {"attributes.type": "Event"}, "type": "meeting"}]},
                              "history": {}})",
                          engine.policy().schema)
            .value();
    const Schema& schema = engine.policy().schema;
    const Lifecycle* lifecycle = engine.policy().lifecycle ? &*engine.policy().lifecycle : nullptr;

    const auto [first, second] = fuzz::split_at_nul(fuzz::text(data, size));
    std::optional<CrmMapping> mapping;
    std::string_view record = first;
    if (second.data() != nullptr) {
        auto parsed = parse_crm_mapping(first, schema);
        if (!parsed) {
            return 0;
        }
        mapping = *std::move(parsed);
        record = second;
    }
    const CrmMapping& m = mapping ? *mapping : hubspot;
    const Result<Lead> lead = read_crm_lead(record, m, schema, lifecycle);
    if (lead) {
        (void)engine.evaluate(*lead, {}, {}, lead->created_at);
    }
    // The same text as an API page: a record alone reads the same way; every error is located.
    CrmPage page = read_crm_page(record, m, schema, lifecycle);
    if (lead && (page.leads.size() != 1 || page.leads[0].lead != *lead)) {
        std::abort();
    }
    for (const CrmLead& l : page.leads) {
        EvaluateOptions options;
        const std::vector<PastAttributes> past =
            past_attributes_from(l.lead.attributes, l.attribute_changes);
        options.past_attributes = past;
        (void)engine.evaluate(l.lead, {}, l.changes, l.lead.created_at, options);
    }
    const CrmEvents events = read_crm_events(record, m, schema, lifecycle);
    Lead someone;
    if (!events.events.empty()) {
        someone.id = events.events.front().lead;
        someone.created_at = events.events.front().at();
    }
    std::vector<Activity> activities;
    std::vector<StageChange> changes;
    std::vector<AttributeChange> attribute_changes;
    for (const LeadEvent& e : events.events) {
        if (e.lead.value().empty()) {
            std::abort();
        }
        someone.created_at = std::min(someone.created_at, e.at());
        if (const auto* a = std::get_if<Activity>(&e.event)) {
            activities.push_back(*a);
        } else if (const auto* c = std::get_if<StageChange>(&e.event)) {
            changes.push_back(*c);
        } else {
            attribute_changes.push_back(std::get<AttributeChange>(e.event));
        }
    }
    if (!events.events.empty()) {
        EvaluateOptions options;
        const std::vector<PastAttributes> past =
            past_attributes_from(someone.attributes, attribute_changes);
        options.past_attributes = past;
        (void)engine.evaluate(someone, activities, changes,
                              someone.created_at + std::chrono::hours{24 * 30}, options);
    }
    (void)keep_latest(page.leads);
    (void)unseen_fields(m, page.fields_seen);
    return 0;
}
