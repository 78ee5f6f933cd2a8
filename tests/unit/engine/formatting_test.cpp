// SPDX-License-Identifier: Apache-2.0
// Every value the engine returns prints with fmt, in one line a person can read.
#include <leadsla/engine/explanation.hpp>
#include <leadsla/io/lead_json.hpp>

#include <support/engine_fixture.hpp>

using leadsla::Activity;
using leadsla::AttributeValue;
using leadsla::Stage;
using leadsla::StageChange;
using leadsla::test::at;

TEST_CASE("the engine's results print with fmt", "[engine][format]") {
    const auto& engine = leadsla::test::funnel_engine();
    leadsla::Lead lead = leadsla::test::funnel_lead();
    lead.stage = Stage::mql;
    const std::vector<Activity> history{
        {at("2026-03-05T09:00:00Z"), leadsla::ActivityId{"v1"}, "web_visit", {}},
        {at("2026-03-10T09:00:00Z"),
         leadsla::ActivityId{"d1"},
         "content_download",
         {{"asset_type", AttributeValue{"whitepaper"}}}}};
    const std::vector<StageChange> changes{
        {at("2026-03-12T11:00:00Z"), Stage::lead, Stage::mql, "automation", ""}};
    leadsla::EvaluateOptions options;
    options.explain = leadsla::ExplainLevel::conditions;
    options.attached_at = at("2026-03-12T11:00:00Z");  // watched since the MQL: every action owed
    const auto e = engine.evaluate(lead, history, changes, at("2026-03-12T16:00:00Z"), options);

    CHECK(fmt::format("{}", changes[0]) == "2026-03-12T11:00:00Z lead -> mql by automation");
    REQUIRE(e.score);
    // fit 40; engagement: one visit (+5) and the whitepaper (+10).
    CHECK(fmt::format("{}", *e.score) == "55 (fit 40, engagement 15)");
    CHECK(fmt::format("{}", e.score->axes[0]) == "fit 40");
    // A rule outcome names its rule; an activity rule explains what it counted.
    const auto whitepaper =
        std::find_if(e.score->rules.begin(), e.score->rules.end(),
                     [](const leadsla::RuleOutcome& o) { return o.id == "eng.whitepaper"; });
    REQUIRE(whitepaper != e.score->rules.end());
    CHECK(fmt::format("{}", *whitepaper) == "eng.whitepaper: +10 (held)");
    CHECK(whitepaper->explanation ==
          "1 content_download where asset_type == \"whitepaper\", the most recent once");
    REQUIRE(e.timers.size() == 3);
    CHECK(fmt::format("{}", e.timers[0]) == "first_contact: breached, due 2026-03-12T15:00:00Z");
    REQUIRE_FALSE(e.actions.empty());
    CHECK(fmt::format("{}", e.actions.front()) ==
          "2026-03-12T13:00:00Z first_contact warn (L-100/first_contact/1/warn:500)");
    CHECK(fmt::format("{}", e) ==
          "L-100 at 2026-03-12T16:00:00Z: score 55; stage mql; 3 timers (1 breached); " +
              std::to_string(e.actions.size()) + " actions; next check " +
              leadsla::format_instant(*e.next_check_at));
    CHECK(fmt::format("{}", leadsla::ExplainLevel::conditions) == "conditions");

    const leadsla::Step step =
        engine.apply(engine.start(lead, at("2026-03-12T16:00:00Z")), history.front());
    CHECK(fmt::format("{}", step.state) ==
          "L-100 at 2026-03-12T16:00:00Z: 1 activities, 0 stage changes, 0 actions given");
    CHECK(fmt::format("{}", step) ==
          "L-100 at 2026-03-12T16:00:00Z: 1 activities, 0 stage changes, 0 actions given; 0 new "
          "actions");
    const leadsla::LeadEvent event{lead.id, changes[0]};
    CHECK(fmt::format("{}", event) == "L-100: 2026-03-12T11:00:00Z lead -> mql by automation");
    const leadsla::PastAttributes past{at("2026-03-01T00:00:00Z"),
                                       {{"employees", AttributeValue{12}}}};
    CHECK(fmt::format("{}", past) == "until 2026-03-01T00:00:00Z: {employees: 12}");
}

TEST_CASE("the explanation text is the library's, the same for every host", "[engine][format]") {
    const auto& engine = leadsla::test::funnel_engine();
    const leadsla::Lead lead = leadsla::test::funnel_lead();
    leadsla::EvaluateOptions options;
    options.explain = leadsla::ExplainLevel::conditions;
    const auto e = engine.evaluate(lead, {}, {}, at("2026-03-12T16:00:00Z"), options);
    const std::string text = leadsla::explanation_text(e, engine.policy(), lead, {}, {});
    CHECK(text.rfind("Lead L-100 at 2026-03-12T16:00:00Z under policy funnel-example 1.0.0", 0) ==
          0);
    CHECK(text.find("created 2026-03-02T08:00:00Z, 0 activities, 0 reported stage changes") !=
          std::string::npos);
    CHECK(text.find("\nNext check at: ") != std::string::npos);
    CHECK(text == leadsla::explanation_text(e, engine.policy(), lead, {}, {}));
}
