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

TEST_CASE("CRM pages: Salesforce query results, HubSpot pages, arrays and single records",
          "[policy][crm]") {
    const auto sf = leadsla::parse_crm_mapping(salesforce_mapping, crm_schema()).value();
    const auto hs = leadsla::parse_crm_mapping(hubspot_mapping, crm_schema()).value();
    // A Salesforce query result as the REST API returns it; NumberOfEmployees as 740.0, as
    // some integrations send numbers; the second record is broken and reported by pointer.
    const auto page = leadsla::read_crm_page(
        R"({"totalSize": 3, "done": true, "records": [
  {"attributes": {"type": "Lead"}, "Id": "00Q1", "CreatedDate": "2026-03-12T09:30:00.000+0000",
   "SystemModstamp": "2026-03-13T10:00:00.000+0000", "NumberOfEmployees": 740.0},
  {"attributes": {"type": "Lead"}, "Id": "00Q2", "CreatedDate": "2026-03-12T09:30:00.000+0000",
   "NumberOfEmployees": 740.5},
  {"attributes": {"type": "Lead"}, "Id": "00Q3", "CreatedDate": "2026-03-12T09:30:00.000+0000"}
]})",
        sf, crm_schema());
    REQUIRE(page.leads.size() == 2);
    CHECK(page.leads[0].lead.id == leadsla::LeadId{"00Q1"});
    CHECK(page.leads[0].lead.attribute("employees") == AttributeValue{std::int64_t{740}});
    CHECK(page.leads[0].modified_at == at("2026-03-13T10:00:00Z"));
    CHECK(page.leads[1].lead.id == leadsla::LeadId{"00Q3"});
    CHECK_FALSE(page.leads[1].modified_at);
    REQUIRE(page.errors.size() == 1);
    CHECK(fmt::format("{}", page.errors[0]) ==
          "error[json.type] /records/1/NumberOfEmployees (line 5, column 25): 740.5 is not an "
          "integer (declared int)");
    CHECK(page.fields_seen == std::set<std::string, std::less<>>{
                                  "CreatedDate", "Id", "NumberOfEmployees", "SystemModstamp"});
    CHECK(leadsla::unseen_fields(sf, page.fields_seen) ==
          std::vector<std::string>{"Status", "OwnerId", "ConvertedAccountId", "Country",
                                   "Interests__c", "AnnualRevenue"});

    // A HubSpot page; createdAt and updatedAt are the object's own keys, not properties.
    auto mapping = hs;
    mapping.created_at = "createdAt";
    const auto hubspot = leadsla::read_crm_page(
        R"({"results": [{"id": "501", "createdAt": "2026-03-12T08:00:00.000Z",
            "updatedAt": "2026-03-20T08:00:00.000Z", "archived": false,
            "properties": {"numberofemployees": "12.00"}}],
            "paging": {"next": {"after": "502"}}})",
        mapping, crm_schema());
    REQUIRE(hubspot.errors.empty());
    REQUIRE(hubspot.leads.size() == 1);
    CHECK(hubspot.leads[0].lead.created_at == at("2026-03-12T08:00:00Z"));
    CHECK(hubspot.leads[0].modified_at == at("2026-03-20T08:00:00Z"));
    CHECK(hubspot.leads[0].lead.attribute("employees") == AttributeValue{std::int64_t{12}});

    // An array, and a record alone, read the same way; other shapes are errors.
    CHECK(leadsla::read_crm_page(R"([{"Id": "a", "CreatedDate": "2026-03-12T09:30:00Z"}])", sf,
                                 crm_schema())
              .leads.size() == 1);
    CHECK(leadsla::read_crm_page(R"({"Id": "a", "CreatedDate": "2026-03-12T09:30:00Z"})", sf,
                                 crm_schema())
              .leads.size() == 1);
    const auto bad = leadsla::read_crm_page(R"({"records": {"Id": "a"}})", sf, crm_schema());
    REQUIRE(bad.errors.size() == 1);
    CHECK(fmt::format("{}", bad.errors[0]) ==
          "error[json.type] /records (line 1, column 13): expected an array of records, got an "
          "object");
    CHECK(leadsla::read_crm_page("[1]", sf, crm_schema()).errors[0].where == "/0");
    CHECK(leadsla::read_crm_page("{", sf, crm_schema()).errors[0].code == ErrorCode::json_syntax);
}

TEST_CASE("CRM duplicates: the version changed last is kept, where the id first appeared",
          "[policy][crm]") {
    const auto version = [](const char* id, const char* modified, std::int64_t employees) {
        leadsla::CrmLead l;
        l.lead.id = leadsla::LeadId{id};
        l.lead.attributes["employees"] = AttributeValue{employees};
        if (modified != nullptr) {
            l.modified_at = at(modified);
        }
        return l;
    };
    std::vector<leadsla::CrmLead> leads{version("a", "2026-03-10T00:00:00Z", 1),
                                        version("b", nullptr, 1),
                                        version("a", "2026-03-12T00:00:00Z", 2),
                                        version("b", "2026-03-01T00:00:00Z", 2),
                                        version("a", "2026-03-11T00:00:00Z", 3),
                                        version("c", nullptr, 1),
                                        version("c", nullptr, 2)};
    CHECK(leadsla::keep_latest(leads) == 4);
    REQUIRE(leads.size() == 3);
    CHECK(leads[0].lead.id == leadsla::LeadId{"a"});
    CHECK(leads[0].lead.attribute("employees") == AttributeValue{std::int64_t{2}});  // latest
    CHECK(leads[1].lead.attribute("employees") == AttributeValue{std::int64_t{2}});  // dated wins
    CHECK(leads[2].lead.attribute("employees") == AttributeValue{std::int64_t{2}});  // read later
}
