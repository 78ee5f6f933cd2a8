// SPDX-License-Identifier: Apache-2.0
#include <leadsla/io/lead_json.hpp>

#include <support/test_support.hpp>

using leadsla::Activity;
using leadsla::AttributeType;
using leadsla::AttributeValue;
using leadsla::ErrorCode;
using leadsla::Stage;
using leadsla::StageChange;
using leadsla::test::at;

namespace {

leadsla::Schema schema() {
    leadsla::Schema s;
    s.attributes = {{"employees", AttributeType::integer}, {"budget", AttributeType::decimal},
                    {"country", AttributeType::string},    {"trial", AttributeType::boolean},
                    {"signed_up", AttributeType::instant}, {"tags", AttributeType::string_list}};
    s.activities["contact_attempt"] = {{"channel", AttributeType::string}};
    s.activities["meeting"] = {};
    return s;
}

}  // namespace

TEST_CASE("leads are read with their declared types", "[policy][input]") {
    const auto lead = leadsla::read_lead_json(
        R"({"id": "L1", "created_at": "2026-03-12T09:30:00+01:00", "stage": "mql",
            "owner": "o7", "account": null,
            "attributes": {"employees": 740, "budget": 1234.5, "country": "DE", "trial": true,
                           "signed_up": 1773302400000, "tags": ["a", "b"], "unused": {"x": 1},
                           "industry": null}})",
        schema());
    REQUIRE(lead);
    CHECK(lead->id == leadsla::LeadId{"L1"});
    CHECK(lead->created_at == at("2026-03-12T08:30:00Z"));
    CHECK(lead->stage == Stage::mql);
    CHECK(lead->owner == leadsla::OwnerId{"o7"});
    CHECK_FALSE(lead->account);
    CHECK(lead->attribute("employees") == AttributeValue{std::int64_t{740}});
    CHECK(lead->attribute("budget") == AttributeValue{leadsla::Decimal::parse("1234.5").value()});
    CHECK(lead->attribute("trial") == AttributeValue{true});
    // 1773302400000 ms = 2026-03-12T08:00:00Z.
    CHECK(lead->attribute("signed_up") == AttributeValue{at("2026-03-12T08:00:00Z")});
    CHECK(lead->attribute("tags") == AttributeValue{AttributeValue::StringList{"a", "b"}});
    CHECK(lead->attributes.size() == 6);  // undeclared "unused" skipped, null "industry" absent
    // Epoch milliseconds are floored to the second, also before 1970.
    const auto early = leadsla::read_lead_json(R"({"id": "L2", "created_at": -1500})", schema());
    REQUIRE(early);
    CHECK(early->created_at == at("1969-12-31T23:59:58Z"));
    CHECK(early->stage == Stage::lead);
}

TEST_CASE("history events: activities and stage changes", "[policy][input]") {
    const auto a = leadsla::read_event_json(
        R"({"id": "A1", "lead": "L1", "occurred_at": "2026-03-12T10:05:00Z",
            "type": "contact_attempt", "properties": {"channel": "phone"}})",
        schema());
    REQUIRE(a);
    CHECK(a->lead == leadsla::LeadId{"L1"});
    const Activity expected{at("2026-03-12T10:05:00Z"),
                            leadsla::ActivityId{"A1"},
                            "contact_attempt",
                            {{"channel", AttributeValue{"phone"}}}};
    CHECK(std::get<Activity>(a->event) == expected);

    const auto c = leadsla::read_event_json(
        R"({"lead": "L1", "stage_change": {"at": 1773309600000, "from": "mql", "to": "sal",
            "actor": "o7"}})",
        schema());
    REQUIRE(c);
    CHECK(std::get<StageChange>(c->event) ==
          StageChange{at("2026-03-12T10:00:00Z"), Stage::mql, Stage::sal, "o7", ""});
}

TEST_CASE("bad input lines get one precise error", "[policy][input][errors]") {
    struct Case {
        const char* line;
        bool lead;
        ErrorCode code;
        const char* where;
        const char* message;
    };
    const auto c = GENERATE(values<Case>({
        {R"({"id": "L1"})", true, ErrorCode::json_missing_key, "/created_at",
         "missing \"created_at\""},
        {R"({"id": "", "created_at": 0})", true, ErrorCode::json_type, "/id",
         "\"id\" must not be empty"},
        {R"({"id": "L1", "created_at": "2026-03-12T09:30:00"})", true,
         ErrorCode::time_missing_offset, "/created_at",
         "\"2026-03-12T09:30:00\" has no UTC offset: local times are not guessed; append 'Z' for "
         "UTC or an offset such as '+01:00'"},
        {R"({"id": "L1", "created_at": 1.5})", true, ErrorCode::json_type, "/created_at",
         "expected an RFC 3339 timestamp with offset or integer epoch milliseconds, got a "
         "decimal number"},
        {R"({"id": "L1", "created_at": 99999999999999999})", true, ErrorCode::parse_out_of_range,
         "/created_at",
         "99999999999999999 ms from 1970-01-01T00:00:00Z is outside the supported instants, years "
         "0000 to 9999 (a unit mistake?)"},
        // 10^15 ms is the year 33658: refused, never printed as a wrapped year.
        {R"({"id": "L1", "created_at": 999999999999999})", true, ErrorCode::parse_out_of_range,
         "/created_at", nullptr},
        {R"({"id": "L1", "created_at": 18446744073709551615})", true, ErrorCode::parse_out_of_range,
         "/created_at", nullptr},
        // 2^63 is no int: say so, not "expected an integer, got an integer".
        {R"({"id": "L1", "created_at": 0, "attributes": {"employees": 9223372036854775808}})", true,
         ErrorCode::parse_out_of_range, "/attributes/employees",
         "9223372036854775808 is above the largest int, 9223372036854775807"},
        {R"({"id": "L1", "created_at": 0, "attributes": {"employees": "740"}})", true,
         ErrorCode::json_type, "/attributes/employees",
         "expected an integer (declared int), got a string"},
        {R"({"id": "L1", "created_at": 0, "attributes": {"budget": 0.12345}})", true,
         ErrorCode::model_bad_decimal, "/attributes/budget", nullptr},
        {R"({"id": "L1", "created_at": 0, "attributes": {"tags": ["a", 1]}})", true,
         ErrorCode::json_type, "/attributes/tags",
         "expected an array of strings (declared string_list), got an array"},
        {R"({"id": "L1", "created_at": 0, "stage": "won"})", true, ErrorCode::model_unknown_stage,
         "/stage", nullptr},
        {R"({"id": "L1", "created_at": 0, "owner": 7})", true, ErrorCode::json_type, "/owner",
         "expected a non-empty string or null, got an integer"},
        {R"({"id": "L1", "created_at": 0, "colour": "red"})", true, ErrorCode::json_unknown_key,
         "/colour", nullptr},
        {R"([1])", true, ErrorCode::json_type, "", "expected an object, got an array"},
        {R"({"id": "L1", "created_at": 0, "attributes": {"a": [[[[[[[[[1]]]]]]]]]}})", true,
         ErrorCode::json_limit, "", "the JSON text nests deeper than 8 levels"},
        {R"({"id": "A1", "lead": "L1", "occurred_at": 0, "type": "call"})", false,
         ErrorCode::expr_unknown_activity, "/type",
         "\"call\" is not an activity type of the policy's schema (declared: contact_attempt, "
         "meeting)"},
        {R"({"id": "A1", "lead": "L1", "occurred_at": 0, "type": "meeting",
             "properties": {"channel": "x"}})",
         false, ErrorCode::json_unknown_key, "/properties/channel",
         "\"channel\" is not a declared property of this activity type (declared: none)"},
        {R"({"lead": "L1", "stage_change": {"at": 0, "from": "mql"}})", false,
         ErrorCode::json_missing_key, "/stage_change/to", "missing \"to\""},
        {R"({"id": "A1", "occurred_at": 0, "type": "meeting"})", false, ErrorCode::json_missing_key,
         "/lead", "missing \"lead\""},
    }));
    INFO(c.line);
    const leadsla::Error e = c.lead ? leadsla::read_lead_json(c.line, schema()).error()
                                    : leadsla::read_event_json(c.line, schema()).error();
    CHECK(e.code == c.code);
    CHECK(e.where == c.where);
    if (c.message != nullptr) {
        CHECK(e.message == c.message);
    }
}

TEST_CASE("a NUL byte in a line is an error, never the end of the line",
          "[policy][input][errors]") {
    using namespace std::string_literals;
    const std::string lead = R"({"id": "L1", "created_at": 0})"s + '\0' + "GARBAGE";
    const std::string event =
        R"({"id": "A1", "lead": "L1", "occurred_at": 0, "type": "meeting"})"s + '\0' + "{";
    leadsla::InputLineReader reader;
    for (const leadsla::Error& e :
         {leadsla::read_lead_json(lead, schema()).error(), reader.lead(lead, schema()).error(),
          leadsla::read_event_json(event, schema()).error(),
          reader.event(event, schema()).error()}) {
        CHECK(e.code == ErrorCode::json_syntax);
        CHECK(e.message ==
              "a NUL byte: JSON text cannot contain one (inside a string, write \\u0000)");
    }
}
