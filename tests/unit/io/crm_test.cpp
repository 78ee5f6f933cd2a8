// SPDX-License-Identifier: Apache-2.0
#include <leadsla/io/crm.hpp>

#include <support/expr_fixture.hpp>
#include <support/test_support.hpp>

using leadsla::AttributeType;
using leadsla::AttributeValue;
using leadsla::ErrorCode;
using leadsla::Stage;
using leadsla::test::at;

namespace {

leadsla::Schema crm_schema() {
    leadsla::Schema s;
    s.attributes = {
        {"employees", AttributeType::integer}, {"revenue", AttributeType::decimal},
        {"country", AttributeType::string},    {"budget_indicated", AttributeType::boolean},
        {"last_seen", AttributeType::instant}, {"interests", AttributeType::string_list}};
    return s;
}

leadsla::Lifecycle lifecycle() {
    auto spec = leadsla::LifecycleSpec::standard();
    spec.stage_map = {{"marketingqualifiedlead", Stage::mql}, {"Working - Contacted", Stage::sal}};
    return leadsla::Lifecycle::create(spec, leadsla::test::example_schema(), {"fit", "engagement"},
                                      {"mql"})
        .value();
}

const char* hubspot_mapping = R"({
  "source": "hubspot", "created_at": "createdate", "stage": "lifecyclestage",
  "owner": "hubspot_owner_id",
  "attributes": {"employees": "numberofemployees", "revenue": "annualrevenue",
                 "country": "country", "budget_indicated": "budget_confirmed",
                 "last_seen": "hs_last_sales_activity_timestamp", "interests": "interests"}
})";

const char* salesforce_mapping = R"({
  "source": "salesforce", "created_at": "CreatedDate", "stage": "Status", "owner": "OwnerId",
  "account": "ConvertedAccountId",
  "attributes": {"employees": "NumberOfEmployees", "revenue": "AnnualRevenue",
                 "country": "Country", "interests": "Interests__c"}
})";

}  // namespace

TEST_CASE("HubSpot objects: every property a string, converted by declared type", "[policy][crm]") {
    const auto m = leadsla::parse_crm_mapping(hubspot_mapping, crm_schema()).value();
    const auto l = lifecycle();
    // createdate 1773302400000 ms = 2026-03-12T08:00:00Z.
    const auto lead = leadsla::read_crm_lead(
        R"({"id": "501", "properties": {"createdate": "1773302400000",
            "lifecyclestage": "marketingqualifiedlead", "hubspot_owner_id": "77",
            "numberofemployees": "740", "annualrevenue": "1250000.50", "country": "DE",
            "budget_confirmed": "true", "hs_last_sales_activity_timestamp": "2026-03-20T10:00:00Z",
            "interests": "analytics;;reporting", "unmapped": "x"}})",
        m, crm_schema(), &l);
    REQUIRE(lead);
    CHECK(lead->id == leadsla::LeadId{"501"});
    CHECK(lead->created_at == at("2026-03-12T08:00:00Z"));
    CHECK(lead->stage == Stage::mql);
    CHECK(lead->owner == leadsla::OwnerId{"77"});
    CHECK(lead->attribute("employees") == AttributeValue{std::int64_t{740}});
    CHECK(lead->attribute("revenue") ==
          AttributeValue{leadsla::Decimal::parse("1250000.5").value()});
    CHECK(lead->attribute("budget_indicated") == AttributeValue{true});
    CHECK(lead->attribute("last_seen") == AttributeValue{at("2026-03-20T10:00:00Z")});
    CHECK(lead->attribute("interests") ==
          AttributeValue{AttributeValue::StringList{"analytics", "reporting"}});
    // "" means unset in HubSpot.
    const auto sparse = leadsla::read_crm_lead(
        R"({"id": "502", "properties": {"createdate": "1773302400000", "numberofemployees": ""}})",
        m, crm_schema(), &l);
    REQUIRE(sparse);
    CHECK(sparse->attributes.empty());
    CHECK(sparse->stage == Stage::lead);
}

TEST_CASE("Salesforce Leads: native values, +0000 offsets, picklists", "[policy][crm]") {
    const auto m = leadsla::parse_crm_mapping(salesforce_mapping, crm_schema()).value();
    const auto l = lifecycle();
    const auto lead = leadsla::read_crm_lead(
        R"({"attributes": {"type": "Lead"}, "Id": "00Q5e00000AbCdE",
            "CreatedDate": "2026-03-12T09:30:00.000+0100", "Status": "Working - Contacted",
            "OwnerId": "0055e000001XyZ", "ConvertedAccountId": null, "NumberOfEmployees": 740,
            "AnnualRevenue": 1250000.5, "Country": "DE", "Interests__c": "a;b"})",
        m, crm_schema(), &l);
    REQUIRE(lead);
    CHECK(lead->id == leadsla::LeadId{"00Q5e00000AbCdE"});
    CHECK(lead->created_at == at("2026-03-12T08:30:00Z"));
    CHECK(lead->stage == Stage::sal);
    CHECK_FALSE(lead->account);
    CHECK(lead->attribute("employees") == AttributeValue{std::int64_t{740}});
    CHECK(lead->attribute("revenue") ==
          AttributeValue{leadsla::Decimal::parse("1250000.5").value()});
    CHECK(lead->attribute("interests") == AttributeValue{AttributeValue::StringList{"a", "b"}});
}

TEST_CASE("CRM records and mappings: explicit errors naming the CRM field",
          "[policy][crm][errors]") {
    const auto hs = leadsla::parse_crm_mapping(hubspot_mapping, crm_schema()).value();
    const auto sf = leadsla::parse_crm_mapping(salesforce_mapping, crm_schema()).value();
    const auto l = lifecycle();
    struct Case {
        bool hubspot;
        const char* record;
        ErrorCode code;
        const char* where;
        const char* message;
    };
    const auto c = GENERATE(values<Case>({
        {true,
         R"({"id": "1", "properties": {"createdate": "1773302400000", "numberofemployees": "740.5"}})",
         ErrorCode::json_type, "/properties/numberofemployees",
         R"("740.5" is not an integer (declared int))"},
        {true, R"({"id": "1", "properties": {"createdate": 1773302400000}})", ErrorCode::json_type,
         "/properties/createdate",
         "expected a string (HubSpot sends every property as a string), got an integer"},
        // 10^15 ms is the year 33658: an error, not a date with a wrapped year.
        {true, R"({"id": "1", "properties": {"createdate": "999999999999999"}})",
         ErrorCode::parse_out_of_range, "/properties/createdate",
         "999999999999999 ms from 1970-01-01T00:00:00Z is outside the supported instants, years "
         "0000 to 9999 (a unit mistake?)"},
        {true, R"({"id": "1", "properties": {}})", ErrorCode::json_missing_key,
         "/properties/createdate", R"(missing "createdate", the creation time)"},
        {true,
         R"({"id": "1", "properties": {"createdate": "1773302400000", "budget_confirmed": "yes"}})",
         ErrorCode::json_type, "/properties/budget_confirmed",
         R"("yes" is not true or false (declared bool))"},
        {true,
         R"({"id": "1", "properties": {"createdate": "1773302400000", "lifecyclestage": "evangelist"}})",
         ErrorCode::model_unknown_stage, "/properties/lifecyclestage", nullptr},
        {false, R"({"Id": "x", "CreatedDate": "2026-03-12T09:30:00.000"})",
         ErrorCode::time_missing_offset, "/CreatedDate", nullptr},
        {false, R"({"Id": "x", "CreatedDate": "2026-03-12T09:30:00Z", "Country": 49})",
         ErrorCode::json_type, "/Country", "expected a string (declared string), got an integer"},
        {false, R"({"CreatedDate": "2026-03-12T09:30:00Z"})", ErrorCode::json_missing_key, "/Id",
         R"(missing the id field "Id")"},
        {false, R"(["not", "a", "record"])", ErrorCode::json_type, "",
         "expected a CRM record object, got an array"},
    }));
    INFO(c.record);
    const auto r = leadsla::read_crm_lead(c.record, c.hubspot ? hs : sf, crm_schema(), &l);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == c.code);
    CHECK(r.error().where == c.where);
    if (c.message != nullptr) {
        CHECK(r.error().message == c.message);
    }

    const auto bad = leadsla::parse_crm_mapping(
        R"({"source": "pipedrive", "created_at": "x", "attributes": {"employes": "n"}})",
        crm_schema());
    REQUIRE_FALSE(bad);
    CHECK(
        leadsla::without_position(bad.error()) ==
        R"(error[json.type] /source: "pipedrive" is not a CRM source (expected hubspot or salesforce))");
    const auto unknown = leadsla::parse_crm_mapping(
        R"({"source": "hubspot", "created_at": "x", "attributes": {"employes": "n"}})",
        crm_schema());
    CHECK(
        leadsla::without_position(unknown.error()) ==
        R"(error[policy.unknown_reference] /attributes/employes: "employes" is not an attribute of the policy's schema)");
}
