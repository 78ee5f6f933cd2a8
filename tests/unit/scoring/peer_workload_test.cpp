// SPDX-License-Identifier: Apache-2.0
// The shared peer workload through the library: the first 1,000 leads of the seed-20261127 file
// must give exactly the expected output lines (bench/peer_workload checks all 100,000).
#include <fstream>
#include <sstream>

#include <leadsla/io/line_scorer.hpp>
#include <leadsla/policy/load.hpp>

#include "io/lead_line_reader.hpp"

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

TEST_CASE("lead lines: the dialect of every input line, unknown keys skipped, bad lines explained",
          "[scoring][peer]") {
    leadsla::Schema schema;
    schema.attributes = {{"employees", leadsla::AttributeType::integer},
                         {"revenue", leadsla::AttributeType::decimal},
                         {"signed_up", leadsla::AttributeType::instant},
                         {"industry", leadsla::AttributeType::string},
                         {"tags", leadsla::AttributeType::string_list}};
    leadsla::ExpressionSetBuilder builder{schema};
    REQUIRE(builder.add_condition("industry == \"software\"", "/x"));
    const auto set = std::move(builder).build();
    leadsla::detail::LeadLineReader reader{set};
    std::string id;
    leadsla::LeadRecord r;
    const auto slot = [&](const char* name) {
        return r.slots[static_cast<std::size_t>(set.attribute_slot(name))];
    };
    // Undeclared keys are skipped whatever their value, as read_lead_json skips them.
    REQUIRE_FALSE(reader.read(
        R"({"id":"L\u00e41","employees":12,"revenue":1.5,"crm":{"a":[1,{"b":2}]},"industry":"software","signed_up":null})",
        id, r));
    CHECK(id ==
          "L\xc3\xa4"
          "1");
    CHECK(slot("employees").value == 12);
    CHECK(slot("revenue").value == 15000);
    CHECK(slot("signed_up").null);
    CHECK(slot("industry").value == set.string_id("software"));
    // Decimal strings, epoch milliseconds and the whole int64 range, as for every input line.
    REQUIRE_FALSE(reader.read(
        R"({"id":"L2","employees":9223372036854775807,"revenue":"2500000.50","signed_up":1773309600000})",
        id, r));
    CHECK(slot("employees").value == 9223372036854775807);
    CHECK(slot("revenue").value == 25000005000);
    CHECK(slot("signed_up").value == 1773309600);
    struct Bad {
        std::string line;
        const char* where;
        const char* message;
    };
    const auto c = GENERATE(values<Bad>({
        {R"({"id":"L1","employees":"12"})", "/employees",
         "expected an integer (declared int), got a string"},
        {R"({"id":"L1","employees":12.5})", "/employees",
         "expected an integer (declared int), got a decimal number"},
        {R"({"id":"L1","employees":9223372036854775808})", "/employees",
         "9223372036854775808 is above the largest int, 9223372036854775807"},
        {R"({"id":"L1","revenue":1.23456})", "/revenue",
         "\"1.23456\" is not a decimal number (expected e.g. 1234.50, at most 4 fractional "
         "digits): too many fractional digits"},
        {R"({"id":"L1","revenue":12345678901234.567})", "/revenue",
         "12345678901234.566 has more significant digits than a JSON number carries exactly "
         "(15): send such a decimal as a string, e.g. \"123456789012.3456\""},
        {R"({"id":"L1","signed_up":"2026-03-27T16:00:00"})", "/signed_up",
         "\"2026-03-27T16:00:00\" has no UTC offset: local times are not guessed; append 'Z' for "
         "UTC or an offset such as '+01:00'"},
        {R"({"id":"L1","tags":["a"]})", "/tags",
         "\"tags\" is declared string_list: bulk scoring reads no lists (evaluate the lead "
         "instead)"},
        {R"({"employees":12})", "/id", "missing \"id\": every lead line needs a string id"},
        {R"({"id":""})", "/id", "\"id\" must not be empty"},
        {R"({"id":7})", "/id", "expected a string, got an integer"},
        {R"({"id":"L1","employees":1,"employees":2})", "/employees",
         "duplicate key \"employees\" in one object (a repeated key would silently replace the "
         "first)"},
        {R"(["L1"])", "", "expected an object (a lead is one JSON object per line), got an array"},
        // What the JSON grammar refuses, simdjson refuses, as for every input line.
        {R"({"id":"L1"} trailing)", "",
         "not a JSON value: The JSON document has an improper structure: missing or superfluous "
         "commas, braces, missing keys, etc."},
        {R"({"id":"L1","employees":007})", "", "not a JSON value: Problem while parsing a number"},
        {R"({"id":"L1","employees":-+-+.eE})", "",
         "not a JSON value: Problem while parsing a number"},
        {R"({"id":"L1","industry":"soft)", "",
         "not a JSON value: A string is opened, but never closed."},
        {"{\"id\":\"L\xff\"}", "", "not a JSON value: The input is not valid UTF-8"},
        {std::string{R"({"id":"L1"})"} + '\0' + "GARBAGE", "",
         "a NUL byte: JSON text cannot contain one (inside a string, write \\u0000)"},
    }));
    INFO(c.line);
    const auto e = reader.read(c.line, id, r);
    REQUIRE(e.has_value());
    CHECK(e->where == c.where);
    CHECK(e->message == c.message);
}
