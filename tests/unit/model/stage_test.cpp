// SPDX-License-Identifier: Apache-2.0
#include <support/test_support.hpp>

using leadsla::Stage;

TEST_CASE("stage names round-trip through the one table", "[model][stage]") {
    for (const auto& [stage, name] : leadsla::stage_names) {
        CHECK(leadsla::to_string(stage) == name);
        CHECK(leadsla::parse_stage(name) == stage);
        CHECK(fmt::format("{}", stage) == name);
    }
    CHECK(Stage::lead < Stage::mql);
}

TEST_CASE("an unknown stage is an error, never a default", "[model][stage]") {
    CHECK_FALSE(leadsla::parse_stage("MQL").has_value());
    CHECK_FALSE(leadsla::parse_stage("").has_value());
    CHECK(leadsla::parse_stage_or_error("won").error().message ==
          "\"won\" is not a stage (expected one of lead, mql, sal, sql, opportunity, customer, "
          "nurture, disqualified, mal, srl)");
    CHECK(leadsla::parse_stage_or_error("sql").value() == Stage::sql);
}
