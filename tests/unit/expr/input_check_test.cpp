// SPDX-License-Identifier: Apache-2.0
// check_lead / check_activity: each way an input can miss the schema, worked out by hand.
#include <leadsla/expr/input_check.hpp>

#include <support/test_support.hpp>

using leadsla::AttributeType;
using leadsla::AttributeValue;
using Kind = leadsla::InputProblem::Kind;

namespace {

leadsla::Schema schema() {
    leadsla::Schema s;
    s.attributes = {{"budget", AttributeType::decimal},
                    {"employees", AttributeType::integer},
                    {"industry", AttributeType::string},
                    {"tags", AttributeType::string_list}};
    s.activities["web_visit"] = {{"path", AttributeType::string}};
    s.activities["contact_attempt"] = {{"channel", AttributeType::string},
                                       {"duration", AttributeType::integer}};
    return s;
}

}  // namespace

TEST_CASE("fits: the same type, null, or an integer where a decimal is declared", "[expr][input]") {
    CHECK(leadsla::fits(AttributeType::integer, AttributeType::integer));
    CHECK(leadsla::fits(AttributeType::integer, AttributeType::null));
    CHECK(leadsla::fits(AttributeType::decimal, AttributeType::integer));
    CHECK_FALSE(leadsla::fits(AttributeType::integer, AttributeType::decimal));
    CHECK_FALSE(leadsla::fits(AttributeType::string, AttributeType::string_list));
    CHECK_FALSE(leadsla::fits(AttributeType::instant, AttributeType::string));
}

TEST_CASE("check_lead: declared attributes of another type, in attribute order", "[expr][input]") {
    leadsla::Lead lead;
    lead.attributes = {{"budget", AttributeValue{std::int64_t{5000}}},     // fits a decimal
                       {"employees", AttributeValue{"740"}},               // text for an int
                       {"industry", AttributeValue{}},                     // null: missing
                       {"note", AttributeValue{true}},                     // undeclared: unread
                       {"tags", AttributeValue{"a;b"}},                    // not a list
                       {"we/ird~name", AttributeValue{std::int64_t{1}}}};  // undeclared
    const auto problems = leadsla::check_lead(lead, schema());
    REQUIRE(problems.size() == 2);
    CHECK(problems[0] == leadsla::InputProblem{Kind::wrong_type, "/attributes/employees",
                                               AttributeType::integer, AttributeType::string});
    CHECK(problems[1] == leadsla::InputProblem{Kind::wrong_type, "/attributes/tags",
                                               AttributeType::string_list, AttributeType::string});
    CHECK(fmt::format("{}", problems[1]) ==
          "/attributes/tags: wrong_type (string, the schema declares string_list)");

    leadsla::Lead fine;
    fine.attributes = {{"employees", AttributeValue{std::int64_t{12}}}};
    CHECK(leadsla::check_lead(fine, schema()).empty());
}

TEST_CASE("check_activity: an unknown type, undeclared and wrongly typed properties",
          "[expr][input]") {
    leadsla::Activity call;
    call.id = leadsla::ActivityId{"A/1"};
    call.type = "contact_attempt";
    call.properties = {{"channel", AttributeValue{std::int64_t{3}}},
                       {"duration", AttributeValue{std::int64_t{60}}},
                       {"outcome", AttributeValue{"reached"}}};
    const auto problems = leadsla::check_activity(call, schema());
    REQUIRE(problems.size() == 2);
    // The id's `/` is escaped as in a JSON pointer.
    CHECK(problems[0] == leadsla::InputProblem{Kind::wrong_type,
                                               "/activities/A~11/properties/channel",
                                               AttributeType::string, AttributeType::integer});
    CHECK(problems[1].kind == Kind::undeclared_property);
    CHECK(problems[1].where == "/activities/A~11/properties/outcome");
    CHECK(fmt::format("{}", problems[1]) ==
          "/activities/A~11/properties/outcome: undeclared_property");

    leadsla::Activity meeting = call;
    meeting.type = "meeting";
    const auto unknown = leadsla::check_activity(meeting, schema());
    REQUIRE(unknown.size() == 1);  // the properties of an unknown type are not judged
    CHECK(unknown[0].kind == Kind::unknown_activity_type);
    CHECK(unknown[0].where == "/activities/A~11/type");

    leadsla::Activity visit;
    visit.id = leadsla::ActivityId{"v1"};
    visit.type = "web_visit";
    visit.properties = {{"path", AttributeValue{"/pricing"}}};
    CHECK(leadsla::check_activity(visit, schema()).empty());
}
