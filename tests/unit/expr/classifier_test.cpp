// SPDX-License-Identifier: Apache-2.0
#include <leadsla/expr/classifier.hpp>

#include <support/expr_fixture.hpp>

using leadsla::ClassificationSpec;
using leadsla::Classifier;

namespace {

std::vector<ClassificationSpec> segments() {
    return {{"segment",
             {{"enterprise", "employees >= 1000", "/segments/0/rules/0"},
              {"mid_market", "employees >= 200", "/segments/0/rules/1"}},
             "smb",
             "/segments/0"},
            {"lane",
             {{"fast", "budget_indicated and country in dach", "/segments/1/rules/0"}},
             "slow",
             "/segments/1"}};
}

leadsla::Lead with_employees(std::int64_t n) {
    leadsla::Lead lead = leadsla::test::example_lead();
    lead.attributes["employees"] = leadsla::AttributeValue{n};
    return lead;
}

}  // namespace

TEST_CASE("classifications: first match wins, otherwise catches the rest", "[classifier]") {
    const auto c = Classifier::create(segments(), leadsla::test::example_schema());
    REQUIRE(c);
    struct Row {
        std::int64_t employees;
        const char* segment;
    };
    const Row rows[] = {{5000, "enterprise"}, {1000, "enterprise"}, {999, "mid_market"},
                        {200, "mid_market"},  {199, "smb"},         {1, "smb"}};
    for (const Row& row : rows) {
        INFO(row.employees);
        CHECK(c->classify(0, with_employees(row.employees)).value == row.segment);
        CHECK(c->value(0, with_employees(row.employees)) == row.segment);  // no explanation
    }
    CHECK(c->value(1, with_employees(250)) == "slow");  // otherwise
    const auto all = c->classify(with_employees(250));
    REQUIRE(all.size() == 2);
    CHECK(fmt::format("{}", all[0]) == "segment = mid_market");
    CHECK(all[0].rule == 1U);
    CHECK(all[0].explanation == "employees >= 200: true (employees = 250)");
    CHECK(all[1].value == "slow");
    CHECK_FALSE(all[1].rule);
    CHECK(all[1].explanation == "no rule matched: country in dach: false (country = \"US\")");
    CHECK(c->find("lane") == 1U);
    CHECK_FALSE(c->find("tier"));
    CHECK(c->can_give(0, "smb"));
    CHECK_FALSE(c->can_give(0, "large"));
}

TEST_CASE("classifications: errors", "[classifier][errors]") {
    auto specs = segments();
    specs[0].rules[1].value = "enterprise";
    specs[1].otherwise.clear();
    specs[1].rules[0].when = "count(web_visit) >= 1";
    const auto classifier = Classifier::create(specs, leadsla::test::example_schema());
    CHECK_FALSE(classifier);
    const std::vector<leadsla::Error>& errors = classifier.errors();
    REQUIRE(errors.size() == 3);
    CHECK(errors[0].code == leadsla::ErrorCode::policy_duplicate_id);
    CHECK(errors[0].where == "/segments/0/rules/1/value");
    CHECK(errors[1].code == leadsla::ErrorCode::policy_invalid);
    CHECK(errors[1].where == "/segments/1/otherwise");
    CHECK(errors[2].where == "/segments/1/rules/0/when");
    CHECK(errors[2].message ==
          "\"count(web_visit) >= 1\" reads activities; a classification reads lead attributes "
          "only, so a lead keeps its value while its history grows");
}
