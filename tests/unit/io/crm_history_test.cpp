// SPDX-License-Identifier: Apache-2.0
// A CRM's own history records: HubSpot stage dates, propertiesWithHistory and engagements;
// Salesforce Tasks, Events and LeadHistory — read through the mapping into leadsla's history.
#include <leadsla/engine/engine.hpp>
#include <leadsla/io/crm.hpp>
#include <leadsla/io/lead_json.hpp>
#include <leadsla/model/attribute_change.hpp>

#include <support/engine_fixture.hpp>
#include <support/test_support.hpp>

using leadsla::Activity;
using leadsla::AttributeChange;
using leadsla::AttributeValue;
using leadsla::LeadEvent;
using leadsla::PastAttributes;
using leadsla::Stage;
using leadsla::StageChange;
using leadsla::test::at;

namespace {

const leadsla::Policy& funnel() {
    return leadsla::test::funnel_engine().policy();
}

const leadsla::Lifecycle* funnel_lifecycle() {
    return &*funnel().lifecycle;
}

leadsla::CrmMapping mapping(const char* text) {
    return leadsla::parse_crm_mapping(text, funnel().schema).value();
}

const char* hubspot = R"({
  "source": "hubspot", "created_at": "createdate", "stage": "lifecyclestage",
  "attributes": {"employees": "numberofemployees", "region": "sales_region"},
  "activities": {"rules": [
    {"when": {"hs_call_direction": "OUTBOUND"}, "type": "contact_attempt",
     "properties": {"channel": "phone"}},
    {"when": {"hs_email_direction": "INCOMING_EMAIL"}, "type": "customer_reply"},
    {"when": {"hs_meeting_outcome": "*"}, "type": "meeting"}]}
})";

const char* salesforce = R"({
  "source": "salesforce", "created_at": "CreatedDate", "stage": "Status",
  "attributes": {"employees": "NumberOfEmployees"},
  "activities": {"rules": [
    {"when": {"attributes.type": "Task", "TaskSubtype": "Call"}, "type": "contact_attempt",
     "properties": {"channel": "phone"}},
    {"when": {"attributes.type": "Event"}, "type": "meeting"}]},
  "history": {}
})";

template <typename T>
const T& event_as(const LeadEvent& e) {
    return std::get<T>(e.event);
}

}  // namespace

TEST_CASE("attribute history from field changes, worked back from the current attributes",
          "[model][crm]") {
    const leadsla::Attributes now{{"employees", AttributeValue{std::int64_t{1500}}},
                                  {"region", AttributeValue{"dach"}}};
    using AC = AttributeChange;
    const AttributeValue v150{std::int64_t{150}};
    const AttributeValue v400{std::int64_t{400}};
    const AttributeValue v1500{std::int64_t{1500}};
    // Given out of order: employees 150 -> 400 on the 10th, 400 -> 1500 on the 20th; the region
    // set (from unset) on the 20th too.
    const std::vector<AC> changes{
        AC{at("2026-03-20T09:00:00Z"), "employees", v400, v1500, "enrich"},
        AC{at("2026-03-10T09:00:00Z"), "employees", v150, v400, ""},
        AC{at("2026-03-20T09:00:00Z"), "region", {}, AttributeValue{"dach"}, ""}};
    const std::vector<PastAttributes> expected{{at("2026-03-10T09:00:00Z"), {{"employees", v150}}},
                                               {at("2026-03-20T09:00:00Z"), {{"employees", v400}}}};
    CHECK(leadsla::past_attributes_from(now, changes) == expected);
    CHECK(leadsla::past_attributes_from(now, {}).empty());
    // Two changes of one attribute at one instant: the `from` that sorts first is the older.
    const std::vector<AC> same_instant{AC{at("2026-03-10T09:00:00Z"), "employees", v400, v1500, ""},
                                       AC{at("2026-03-10T09:00:00Z"), "employees", v150, v400, ""}};
    CHECK(leadsla::past_attributes_from(now, same_instant) ==
          std::vector<PastAttributes>{{at("2026-03-10T09:00:00Z"),
                                       {{"employees", v150}, {"region", AttributeValue{"dach"}}}}});
    CHECK(fmt::format("{}", changes[0]) == "2026-03-20T09:00:00Z employees 400 -> 1500 by enrich");
}

TEST_CASE("attribute_change lines: a declared attribute, values typed as declared", "[io][crm]") {
    const auto& schema = funnel().schema;
    const auto e = leadsla::read_event_json(
        R"({"lead": "L1", "attribute_change": {"at": "2026-03-10T10:00:00+01:00",
            "attribute": "employees", "from": null, "to": 400, "actor": "o7"}})",
        schema);
    REQUIRE(e);
    CHECK(
        event_as<AttributeChange>(*e) ==
        AttributeChange{
            at("2026-03-10T09:00:00Z"), "employees", {}, AttributeValue{std::int64_t{400}}, "o7"});
    CHECK(fmt::format("{}", *e) == "L1: 2026-03-10T09:00:00Z employees null -> 400 by o7");
    const auto unknown = leadsla::read_event_json(
        R"({"lead": "L1", "attribute_change": {"at": "2026-03-10T09:00:00Z",
            "attribute": "employes", "from": 1, "to": 2}})",
        schema);
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().code == leadsla::ErrorCode::policy_unknown_reference);
    CHECK(unknown.error().where == "/attribute_change/attribute");
    const auto typed = leadsla::read_event_json(
        R"({"lead": "L1", "attribute_change": {"at": "2026-03-10T09:00:00Z",
            "attribute": "employees", "from": "many", "to": 2}})",
        schema);
    REQUIRE_FALSE(typed);
    CHECK(typed.error().where == "/attribute_change/from");
    const auto missing = leadsla::read_event_json(
        R"({"lead": "L1", "attribute_change": {"at": "2026-03-10T09:00:00Z",
            "attribute": "employees", "to": 2}})",
        schema);
    REQUIRE_FALSE(missing);
    CHECK(missing.error().where == "/attribute_change/from");
}

TEST_CASE("HubSpot contacts carry their stage and attribute history", "[io][crm]") {
    const auto m = mapping(hubspot);
    // Stage dates, in no particular order; `lead` then `marketingqualifiedlead` (mql); an empty
    // date is unset.
    const auto page = leadsla::read_crm_page(
        R"({"results": [
  {"id": "1", "properties": {"createdate": "2026-03-09T08:00:00Z", "lifecyclestage": "marketingqualifiedlead",
   "hs_lifecyclestage_marketingqualifiedlead_date": "2026-03-10T09:30:00.000Z",
   "hs_lifecyclestage_lead_date": "1773043200000", "hs_lifecyclestage_customer_date": ""}},
  {"id": "2", "properties": {"createdate": "2026-03-09T08:00:00Z", "lifecyclestage": "salesqualifiedlead",
   "numberofemployees": "1200", "hs_lifecyclestage_marketingqualifiedlead_date": "2026-03-10T09:30:00Z"},
   "propertiesWithHistory": {
     "lifecyclestage": [
       {"value": "salesqualifiedlead", "timestamp": "2026-03-12T10:00:00Z", "sourceType": "CRM_UI", "updatedByUserId": 8044},
       {"value": "marketingqualifiedlead", "timestamp": "2026-03-11T10:00:00Z", "sourceType": "WORKFLOWS", "sourceId": "workflow:1"},
       {"value": "lead", "timestamp": "2026-03-09T08:00:00Z", "sourceType": "FORM"}],
     "numberofemployees": [
       {"value": "1200", "timestamp": "2026-03-11T12:00:00Z", "sourceType": "INTEGRATION", "sourceId": "enrich"},
       {"value": "150", "timestamp": "2026-03-09T08:00:00Z", "sourceType": "FORM"}]}}
]})",
        m, funnel().schema, funnel_lifecycle());
    REQUIRE(page.errors.empty());
    REQUIRE(page.leads.size() == 2);
    CHECK(page.leads[0].changes ==
          std::vector<StageChange>{{at("2026-03-10T09:30:00Z"), Stage::lead, Stage::mql, "", ""}});
    CHECK(page.leads[0].attribute_changes.empty());
    // propertiesWithHistory of the stage field wins over the date properties.
    CHECK(page.leads[1].changes ==
          std::vector<StageChange>{
              {at("2026-03-11T10:00:00Z"), Stage::lead, Stage::mql, "workflow:1", ""},
              {at("2026-03-12T10:00:00Z"), Stage::mql, Stage::sql, "8044", ""}});
    CHECK(page.leads[1].attribute_changes ==
          std::vector<AttributeChange>{
              {at("2026-03-09T08:00:00Z"), "employees", {}, AttributeValue{std::int64_t{150}}, ""},
              {at("2026-03-11T12:00:00Z"), "employees", AttributeValue{std::int64_t{150}},
               AttributeValue{std::int64_t{1200}}, "enrich"}});

    // Bad history is an error naming the entry; the other record still reads.
    const auto bad = leadsla::read_crm_page(
        R"([{"id": "3", "properties": {"createdate": "2026-03-09T08:00:00Z"},
   "propertiesWithHistory": {"numberofemployees": [{"value": "many", "timestamp": "2026-03-11T12:00:00Z"}]}},
  {"id": "4", "properties": {"createdate": "2026-03-09T08:00:00Z", "lifecyclestage": "lead",
   "hs_lifecyclestage_evangelist_date": "2026-03-10T09:30:00Z"}},
  {"id": "5", "properties": {"createdate": "2026-03-09T08:00:00Z"}}])",
        m, funnel().schema, funnel_lifecycle());
    REQUIRE(bad.leads.size() == 1);
    CHECK(bad.leads[0].lead.id == leadsla::LeadId{"5"});
    REQUIRE(bad.errors.size() == 2);
    CHECK(bad.errors[0].where == "/0/propertiesWithHistory/numberofemployees/0/value");
    CHECK(bad.errors[1].where == "/1/properties/hs_lifecyclestage_evangelist_date");
    CHECK(bad.errors[1].code == leadsla::ErrorCode::model_unknown_stage);
}

TEST_CASE("HubSpot engagements become activities by the mapping's rules", "[io][crm]") {
    const auto m = mapping(hubspot);
    const auto read = leadsla::read_crm_events(
        R"({"results": [
  {"id": "51", "properties": {"hs_timestamp": "2026-03-10T11:45:00.000Z", "hs_call_direction": "OUTBOUND"},
   "associations": {"contacts": {"results": [{"id": "1", "type": "call_to_contact"}]}}},
  {"id": "52", "properties": {"hs_timestamp": "1773151200000", "hs_email_direction": "INCOMING_EMAIL"},
   "associations": {"contacts": {"results": [{"id": "1", "type": "email_to_contact"}]}}},
  {"id": "53", "properties": {"hs_timestamp": "2026-03-10T15:00:00Z", "hs_note_body": "call back"},
   "associations": {"contacts": {"results": [{"id": "1"}]}}},
  {"id": "54", "properties": {"hs_timestamp": "2026-03-10T15:00:00Z", "hs_call_direction": "OUTBOUND"}},
  {"id": "55", "properties": {"hs_meeting_outcome": "SCHEDULED"},
   "associations": {"contacts": {"results": [{"id": "1"}]}}},
  {"id": "56", "properties": {"hs_timestamp": "2026-03-11T09:00:00Z", "hs_meeting_outcome": "COMPLETED"},
   "associations": {"contacts": {"results": [{"id": "2"}]}}}
], "paging": {"next": {"after": "57"}}})",
        m, funnel().schema, funnel_lifecycle());
    REQUIRE(read.events.size() == 3);
    CHECK(read.events[0].lead == leadsla::LeadId{"1"});
    CHECK(event_as<Activity>(read.events[0]) == Activity{at("2026-03-10T11:45:00Z"),
                                                         leadsla::ActivityId{"51"},
                                                         "contact_attempt",
                                                         {{"channel", AttributeValue{"phone"}}}});
    CHECK(event_as<Activity>(read.events[1]) ==
          Activity{at("2026-03-10T14:00:00Z"), leadsla::ActivityId{"52"}, "customer_reply", {}});
    CHECK(read.events[2].lead == leadsla::LeadId{"2"});
    CHECK(event_as<Activity>(read.events[2]).type == "meeting");
    CHECK(read.unmatched == 1);  // the note
    REQUIRE(read.errors.size() == 2);
    CHECK(fmt::format("{}", read.errors[0]) ==
          "error[json.missing_key] /results/3/associations (line 8, column 3): missing the lead "
          "of the activity (\"associations.contacts\")");
    CHECK(read.errors[1].where == "/results/4/properties/hs_timestamp");
}

TEST_CASE("Salesforce Tasks, Events and LeadHistory", "[io][crm]") {
    const auto m = mapping(salesforce);
    const auto read = leadsla::read_crm_events(
        R"({"totalSize": 6, "done": true, "records": [
  {"attributes": {"type": "Task"}, "Id": "00T1", "WhoId": "00Q1", "TaskSubtype": "Call",
   "ActivityDate": "2026-03-11", "CreatedDate": "2026-03-11T09:00:00.000+0000"},
  {"attributes": {"type": "Task"}, "Id": "00T2", "WhoId": "00Q1", "TaskSubtype": "Task",
   "CreatedDate": "2026-03-11T09:05:00.000+0000"},
  {"attributes": {"type": "Event"}, "Id": "00U1", "WhoId": "00Q1",
   "ActivityDateTime": "2026-03-12T10:00:00.000+0000", "CreatedDate": "2026-03-10T15:10:00.000+0000"},
  {"attributes": {"type": "LeadHistory"}, "Id": "017a", "LeadId": "00Q1", "Field": "Status",
   "OldValue": "Open - Not Contacted", "NewValue": "Marketing Qualified",
   "CreatedDate": "2026-03-10T08:30:00.000+0000", "CreatedById": "005auto"},
  {"attributes": {"type": "LeadHistory"}, "Id": "017b", "LeadId": "00Q1", "Field": "NumberOfEmployees",
   "OldValue": 150, "NewValue": 1200.0, "CreatedDate": "2026-03-10T09:00:00.000+0000"},
  {"attributes": {"type": "LeadHistory"}, "Id": "017c", "LeadId": "00Q1", "Field": "Email",
   "OldValue": "a@x.example", "NewValue": "b@x.example", "CreatedDate": "2026-03-10T09:01:00.000+0000"},
  {"attributes": {"type": "LeadHistory"}, "Id": "017d", "LeadId": "00Q1", "Field": "Status",
   "OldValue": "Marketing Qualified", "NewValue": "Nurturing", "CreatedDate": "2026-03-10T09:02:00.000+0000"},
  {"attributes": {"type": "LeadHistory"}, "Id": "017f", "LeadId": "00Q1", "Field": "Status",
   "OldValue": "Open - Not Contacted", "NewValue": "lead", "CreatedDate": "2026-03-10T08:00:00.000+0000"},
  {"attributes": {"type": "LeadHistory"}, "Id": "017e", "Field": "Status",
   "OldValue": null, "NewValue": "Marketing Qualified", "CreatedDate": "2026-03-10T09:02:00.000+0000"}
]})",
        m, funnel().schema, funnel_lifecycle());
    REQUIRE(read.events.size() == 4);
    CHECK(event_as<Activity>(read.events[0]) == Activity{at("2026-03-11T09:00:00Z"),
                                                         leadsla::ActivityId{"00T1"},
                                                         "contact_attempt",
                                                         {{"channel", AttributeValue{"phone"}}}});
    // An Event's time is ActivityDateTime, not when it was created.
    CHECK(event_as<Activity>(read.events[1]) ==
          Activity{at("2026-03-12T10:00:00Z"), leadsla::ActivityId{"00U1"}, "meeting", {}});
    CHECK(event_as<StageChange>(read.events[2]) ==
          StageChange{at("2026-03-10T08:30:00Z"), Stage::lead, Stage::mql, "005auto", ""});
    CHECK(event_as<AttributeChange>(read.events[3]) ==
          AttributeChange{at("2026-03-10T09:00:00Z"), "employees",
                          AttributeValue{std::int64_t{150}}, AttributeValue{std::int64_t{1200}},
                          ""});
    CHECK(read.unmatched == 1);  // the plain task
    CHECK(read.unmapped_history == std::map<std::string, std::size_t, std::less<>>{{"Email", 1}});
    REQUIRE(read.errors.size() == 2);
    CHECK(read.errors[0].where == "/records/6/NewValue");  // "Nurturing": in no stage map
    CHECK(read.errors[0].code == leadsla::ErrorCode::model_unknown_stage);
    CHECK(read.errors[1].where == "/records/8/LeadId");

    // A mapping without an activities section: an activity record is an error, not lost.
    auto history_only = m;
    history_only.activities.reset();
    const auto lost = leadsla::read_crm_events(
        R"({"attributes": {"type": "Task"}, "Id": "00T9", "WhoId": "00Q1"})", history_only,
        funnel().schema, funnel_lifecycle());
    CHECK(lost.events.empty());
    REQUIRE(lost.errors.size() == 1);
    CHECK(lost.errors[0].code == leadsla::ErrorCode::json_missing_key);
}

TEST_CASE("activity and history mappings: explicit errors", "[io][crm]") {
    const auto& schema = funnel().schema;
    const auto error_of = [&](const char* text) {
        const auto m = leadsla::parse_crm_mapping(text, schema);
        REQUIRE_FALSE(m);
        return fmt::format("{}", m.error());
    };
    CHECK(
        error_of(
            R"({"source": "hubspot", "created_at": "c", "activities": {"rules": [{"type": "call"}]}})") ==
        "error[expr.unknown_activity] /activities/rules/0/type (line 1, column 76): \"call\" is "
        "not an activity type of the policy's schema");
    CHECK(
        error_of(
            R"({"source": "hubspot", "created_at": "c", "activities": {"rules": [{"type": "contact_attempt",
        "properties": {"medium": "phone"}}]}})")
            .starts_with("error[json.unknown_key] /activities/rules/0/properties/medium"));
    CHECK(
        error_of(
            R"({"source": "hubspot", "created_at": "c", "activities": {"rules": [{"type": "meeting",
        "when": {"hs_meeting_outcome": true}}]}})")
            .starts_with("error[json.type] /activities/rules/0/when/hs_meeting_outcome"));
    CHECK(error_of(R"({"source": "hubspot", "created_at": "c", "activities": {}})")
              .starts_with("error[json.missing_key] /activities/rules"));
    CHECK(error_of(R"({"source": "hubspot", "created_at": "c", "history": {"new": "NewValue"}})")
              .starts_with("error[json.unknown_key] /history/new"));
}

TEST_CASE("a segment change from CRM history gives the clocks of past_attributes",
          "[io][crm][engine]") {
    const auto& engine = leadsla::test::funnel_engine();
    const auto m = mapping(salesforce);
    const auto leads = leadsla::read_crm_page(
        R"({"attributes": {"type": "Lead"}, "Id": "00Q1", "CreatedDate": "2026-03-09T08:00:00.000+0000",
            "Status": "Marketing Qualified", "NumberOfEmployees": 1200})",
        m, funnel().schema, funnel_lifecycle());
    const auto events = leadsla::read_crm_events(
        R"([{"attributes": {"type": "LeadHistory"}, "Id": "017a", "LeadId": "00Q1", "Field": "Status",
   "OldValue": "Open - Not Contacted", "NewValue": "Marketing Qualified",
   "CreatedDate": "2026-03-10T08:30:00.000+0000"},
  {"attributes": {"type": "LeadHistory"}, "Id": "017b", "LeadId": "00Q1",
   "Field": "NumberOfEmployees", "OldValue": 150, "NewValue": 1200,
   "CreatedDate": "2026-03-10T09:00:00.000+0000"},
  {"attributes": {"type": "Task"}, "Id": "00T1", "WhoId": "00Q1", "TaskSubtype": "Call",
   "CreatedDate": "2026-03-10T11:00:00.000+0000"}])",
        m, funnel().schema, funnel_lifecycle());
    REQUIRE(leads.errors.empty());
    REQUIRE(events.errors.empty());
    REQUIRE(leads.leads.size() == 1);
    leadsla::Lead lead = leads.leads[0].lead;
    lead.attributes.emplace("region", AttributeValue{"dach"});
    std::vector<Activity> activities;
    std::vector<StageChange> changes;
    std::vector<AttributeChange> attribute_changes;
    for (const LeadEvent& e : events.events) {
        if (const auto* a = std::get_if<Activity>(&e.event)) {
            activities.push_back(*a);
        } else if (const auto* c = std::get_if<StageChange>(&e.event)) {
            changes.push_back(*c);
        } else {
            attribute_changes.push_back(std::get<AttributeChange>(e.event));
        }
    }
    const leadsla::Instant now = at("2026-03-12T17:00:00Z");
    const std::vector<PastAttributes> from_crm =
        leadsla::past_attributes_from(lead.attributes, attribute_changes);
    leadsla::Attributes before = lead.attributes;
    before["employees"] = AttributeValue{std::int64_t{150}};
    const std::vector<PastAttributes> by_hand{{at("2026-03-10T09:00:00Z"), before}};
    REQUIRE(from_crm == by_hand);
    leadsla::EvaluateOptions options;
    options.past_attributes = from_crm;
    const leadsla::Evaluation e = engine.evaluate(lead, activities, changes, now, options);
    const auto& first_contact = e.timers.at(0);
    CHECK(first_contact.sla == "first_contact");
    // 09:30 Berlin the clock starts (smb: 4h, first due 13:30); from 10:00 the lead is
    // enterprise (1h), due 10:30 Berlin; the call at 12:00 Berlin is late.
    CHECK(first_contact.status == leadsla::TimerStatus::met_late);
    CHECK(first_contact.original_due_at == at("2026-03-10T12:30:00Z"));
    CHECK(first_contact.due_at == at("2026-03-10T09:30:00Z"));
    // Without the history the lead was enterprise throughout: first due an hour after the start.
    const leadsla::Evaluation flat = engine.evaluate(lead, activities, changes, now);
    CHECK(flat.timers.at(0).original_due_at == at("2026-03-10T09:30:00Z"));
}
