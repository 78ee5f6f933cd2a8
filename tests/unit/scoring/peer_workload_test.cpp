// SPDX-License-Identifier: Apache-2.0
// The shared peer workload through the library: the first 1,000 leads of the seed-20261127 file
// must give exactly the expected output lines (bench/peer_workload checks all 100,000).
#include <fstream>
#include <sstream>

#include <leadsla/policy/load.hpp>
#include <leadsla/scoring/line_scorer.hpp>

#include "scoring/lead_line_reader.hpp"

#include <support/test_support.hpp>

namespace {
std::string read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}
}  // namespace

TEST_CASE("the peer workload policy reproduces the expected outputs exactly", "[scoring][peer]") {
    const std::string root = LEADSLA_SOURCE_DIR;
    const auto load =
        leadsla::load_scoring_policy(read(root + "/examples/policies/peer_lead_scoring.json"));
    REQUIRE(load);
    CHECK_FALSE(load->uses_time());
    leadsla::LineScorer scorer{*load};
    leadsla::LineScorer explaining{*load};
    std::istringstream leads{read(root + "/tests/data/peer/leads-1k.ndjson")};
    std::istringstream expected{read(root + "/tests/data/peer/expected-1k.ndjson")};
    std::string line;
    std::string want;
    leadsla::ScoreCard bulk;
    leadsla::ScoreCard explained;
    int count = 0;
    while (std::getline(leads, line)) {
        REQUIRE(std::getline(expected, want));
        const auto id = scorer.score(line, leadsla::Instant{}, leadsla::ExplainLevel::none, bulk);
        REQUIRE(id);
        const std::string got =
            fmt::format(R"({{"id":"{}","fit":{},"engagement":{},"total":{},"mql":{}}})", *id,
                        bulk.axes[0].score, bulk.axes[1].score, bulk.total, bulk.qualified[0]);
        INFO(line);
        REQUIRE(got == want);
        // The bulk path (masks, branch-free sums) agrees with the rule-by-rule path.
        REQUIRE(
            explaining.score(line, leadsla::Instant{}, leadsla::ExplainLevel::rules, explained));
        REQUIRE(explained.axes == bulk.axes);
        REQUIRE(explained.qualified == bulk.qualified);
        ++count;
    }
    CHECK(count == 1000);
}

TEST_CASE("lead lines: types are checked, unknown keys skipped, bad lines explained",
          "[scoring][peer]") {
    leadsla::Schema schema;
    schema.attributes = {{"employees", leadsla::AttributeType::integer},
                         {"revenue", leadsla::AttributeType::decimal},
                         {"signed_up", leadsla::AttributeType::instant},
                         {"industry", leadsla::AttributeType::string}};
    leadsla::ExpressionSetBuilder builder{schema};
    REQUIRE(builder.add_condition("industry == \"software\"", "/x"));
    const auto set = std::move(builder).build();
    leadsla::detail::LeadLineReader reader{set};
    std::string id;
    leadsla::LeadRecord r;
    REQUIRE_FALSE(
        reader
            .read(
                R"({"id":"L\u00e41","employees":12,"revenue":1.5,"crm_field":[1],"industry":"software"})",
                id, r)
            .has_value() == false);  // nested values are refused, even for unknown keys
    REQUIRE_FALSE(reader.read(
        R"({"id":"L\u00e41","employees":12,"revenue":1.5,"crm":"x","industry":"software","signed_up":null})",
        id, r));
    CHECK(id ==
          "L\xc3\xa4"
          "1");
    CHECK(r.slots[static_cast<std::size_t>(set.attribute_slot("employees"))].value == 12);
    CHECK(r.slots[static_cast<std::size_t>(set.attribute_slot("revenue"))].value == 15000);
    CHECK(r.slots[static_cast<std::size_t>(set.attribute_slot("signed_up"))].null);
    struct Bad {
        const char* line;
        const char* where;
        const char* message;
    };
    const auto c = GENERATE(values<Bad>({
        {R"({"id":"L1","employees":"12"})", "/employees",
         "\"employees\" is declared int: expected a number"},
        {R"({"id":"L1","employees":12.5})", "/employees", "expected an integer, got 12.5"},
        {R"({"id":"L1","revenue":1.23456})", "/revenue",
         "\"1.23456\" is not a decimal number (expected e.g. 1234.50, at most 4 fractional "
         "digits): too many fractional digits"},
        {R"({"id":"L1","signed_up":"2026-03-27T16:00:00"})", "/signed_up",
         "\"2026-03-27T16:00:00\" has no UTC offset: local times are not guessed; append 'Z' for "
         "UTC or an offset such as '+01:00'"},
        {R"({"employees":12})", "/id", "missing \"id\": every lead line needs a string id"},
        {R"({"id":"L1","employees":1,"employees":2})", "/employees", "duplicate key \"employees\""},
        {R"({"id":"L1"} trailing)", "", "column 13: unexpected text after the object"},
        {R"(["L1"])", "", "column 1: expected '{' (a lead is one JSON object per line)"},
        {R"({"id":"L1","industry":"soft)", "", "unterminated string"},
    }));
    INFO(c.line);
    const auto e = reader.read(c.line, id, r);
    REQUIRE(e.has_value());
    CHECK(e->where == c.where);
    CHECK(e->message == c.message);
}
