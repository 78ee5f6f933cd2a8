// SPDX-License-Identifier: Apache-2.0
#include <algorithm>

#include <support/test_support.hpp>

using leadsla::Activity;
using leadsla::ActivityId;
using leadsla::AttributeValue;
using leadsla::Lead;
using leadsla::LeadId;
using leadsla::test::at;

TEST_CASE("Lead exposes attributes with null for missing ones", "[model][lead]") {
    Lead lead;
    lead.id = LeadId{"00Q1"};
    lead.created_at = at("2026-03-27T15:00:00Z");
    lead.stage = leadsla::Stage::mql;
    lead.attributes.emplace("employees", AttributeValue{std::int64_t{120}});
    CHECK(lead.attribute("employees").as_integer() == 120);
    CHECK(lead.attribute("industry").is_null());
    CHECK(fmt::format("{}", lead) == "lead 00Q1 (mql)");
    Lead copy = lead;
    CHECK(copy == lead);
    copy.attributes["employees"] = AttributeValue{std::int64_t{121}};
    CHECK(copy != lead);
}

TEST_CASE("activities order by (occurred_at, id)", "[model][activity]") {
    const Activity a{at("2026-03-27T15:00:00Z"), ActivityId{"b"}, "web_visit", {}};
    const Activity b{at("2026-03-27T15:00:00Z"),
                     ActivityId{"a"},
                     "content_download",
                     {{"asset_type", AttributeValue{"whitepaper"}}}};
    const Activity c{at("2026-03-27T14:00:00Z"), ActivityId{"z"}, "web_visit", {}};
    std::vector<Activity> list{a, b, c};
    std::sort(list.begin(), list.end());
    CHECK(list[0].id == ActivityId{"z"});
    CHECK(list[1].id == ActivityId{"a"});
    CHECK(list[2].id == ActivityId{"b"});
    CHECK(*b.property("asset_type").as_string() == "whitepaper");
    CHECK(b.property("channel").is_null());
    CHECK(fmt::format("{}", c) == "web_visit z @ 2026-03-27T14:00:00Z");
}
