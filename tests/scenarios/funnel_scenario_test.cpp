// SPDX-License-Identifier: Apache-2.0
// One lead through the whole funnel under examples/policies/funnel.json: created → MQL →
// routed → accepted → SQL → stalled → recycled to Nurture, checking each recommendation,
// violation and explanation on the way.
#include <fstream>
#include <sstream>

#include <leadsla/policy/load.hpp>

#include <support/expr_fixture.hpp>

using leadsla::Activity;
using leadsla::AttributeValue;
using leadsla::Instant;
using leadsla::OwnerId;
using leadsla::Stage;
using leadsla::StageChange;
using leadsla::ViolationKind;
using leadsla::test::activity;
using leadsla::test::at;

namespace {

leadsla::Policy load_example() {
    std::ifstream in(std::string{LEADSLA_SOURCE_DIR} + "/examples/policies/funnel.json");
    std::stringstream text;
    text << in.rdbuf();
    auto load = leadsla::load_policy(text.str());
    for (const auto& e : load.errors()) {
        UNSCOPED_INFO(fmt::format("{}", e));
    }
    REQUIRE(load.has_value());
    return std::move(*load);
}

}  // namespace

TEST_CASE("one lead walks the funnel: created, MQL, routed, accepted, SQL, stalled, recycled",
          "[scenario][lifecycle][routing]") {
    const leadsla::Policy policy = load_example();
    REQUIRE(policy.scoring);
    REQUIRE(policy.lifecycle);
    REQUIRE(policy.routing);
    const auto& scoring = *policy.scoring;
    const auto& lifecycle = *policy.lifecycle;
    const auto& router = *policy.routing;

    leadsla::Lead lead;
    lead.id = leadsla::LeadId{"L-100"};
    lead.created_at = at("2026-03-02T08:00:00Z");
    lead.account = leadsla::AccountId{"acme"};
    lead.attributes = {{"employees", AttributeValue{std::int64_t{120}}},
                       {"industry", AttributeValue{"software"}},
                       {"country", AttributeValue{"DE"}},
                       {"budget_indicated", AttributeValue{true}},
                       {"email", AttributeValue{"jana@acme.de"}}};
    std::vector<Activity> history{
        activity("v1", "2026-03-05T09:00:00Z", "web_visit", {{"url", AttributeValue{"/"}}}),
        activity("v2", "2026-03-09T09:00:00Z", "web_visit", {{"url", AttributeValue{"/pricing"}}}),
        activity("d1", "2026-03-10T09:00:00Z", "content_download",
                 {{"asset_type", AttributeValue{"whitepaper"}}}),
    };
    const auto recommend = [&](Instant now) {
        const auto card = scoring.score(lead, leadsla::ActivityHistory{history}, now);
        return lifecycle.recommend(lead, leadsla::ActivityHistory{history},
                                   leadsla::score_facts(scoring, card), now);
    };

    // 1. Created; two visits: fit 40, engagement 2 × 5 + 10 = 20, not an MQL yet.
    auto card = scoring.score(lead, leadsla::ActivityHistory{history}, at("2026-03-11T12:00:00Z"));
    CHECK(card.axes[0].score == leadsla::Points::whole(40));
    CHECK(card.axes[1].score == leadsla::Points::whole(20));
    auto r = recommend(at("2026-03-11T12:00:00Z"));
    CHECK_FALSE(r.changes());
    CHECK(r.trace == std::vector<std::string>{"mql: qualification mql: false"});

    // 2. The third visit makes it an MQL (the DESIGN §1 definition).
    history.push_back(
        activity("v3", "2026-03-12T09:00:00Z", "web_visit", {{"url", AttributeValue{"/docs"}}}));
    r = recommend(at("2026-03-12T12:00:00Z"));
    CHECK(r.recommended == Stage::mql);
    CHECK(r.kind == leadsla::StageChangeKind::qualified);
    const StageChange to_mql{at("2026-03-12T12:00:00Z"), Stage::lead, Stage::mql, "automation", ""};
    CHECK(lifecycle.check(to_mql).empty());
    lead.stage = Stage::mql;

    // 3. Routed: a DACH SMB lead goes to the DACH team's round robin; anna is first.
    leadsla::RoutingState routing;
    const auto d = router.route(lead, routing);
    CHECK(d.owner == OwnerId{"anna"});
    CHECK(d.kind == leadsla::RouteKind::territory);
    CHECK(d.segment == "smb");
    CHECK(d.trace == std::vector<std::string>{
                         "segment = smb (no rule matched: employees >= 1000: false (employees = "
                         "120); employees >= 200: false (employees = 120))",
                         "territory enterprise: segment smb is not one of its segments",
                         "territory dach: country in dach: true (country = \"DE\")",
                         "team dach (round_robin): anna chosen (anna: eligible, ben: eligible)"});
    lead.owner = d.owner;
    // The next lead of the same account goes to the same owner.
    leadsla::Lead colleague = lead;
    colleague.id = leadsla::LeadId{"L-101"};
    CHECK(router.route(colleague, routing).kind == leadsla::RouteKind::account_owner);

    // 4. Accepted by sales, then qualified by sales: both allowed, no reason needed.
    const std::vector<StageChange> changes{
        to_mql,
        {at("2026-03-12T14:00:00Z"), Stage::mql, Stage::sal, "anna", ""},
        {at("2026-03-16T10:00:00Z"), Stage::sal, Stage::sql, "anna", ""},
    };
    CHECK(lifecycle.check_history(Stage::lead, changes, leadsla::ActivityHistory{history}).empty());
    lead.stage = Stage::sql;
    history.push_back(activity("c1", "2026-03-18T10:00:00Z", "contact_attempt",
                               {{"channel", AttributeValue{"phone"}}}));

    // 5. Stalled: 30 days after the last activity (18 March 10:00) recycling falls due.
    const Instant entered_sql = at("2026-03-16T10:00:00Z");
    auto stalled = lifecycle.recycling(Stage::sql, entered_sql, leadsla::ActivityHistory{history},
                                       at("2026-04-10T00:00:00Z"));
    REQUIRE(stalled);
    CHECK(stalled->quiet_since == at("2026-03-18T10:00:00Z"));
    CHECK(stalled->due_at == at("2026-04-17T10:00:00Z"));
    CHECK_FALSE(stalled->due);
    stalled = lifecycle.recycling(Stage::sql, entered_sql, leadsla::ActivityHistory{history},
                                  at("2026-04-17T10:00:00Z"));
    CHECK(stalled->due);
    CHECK(stalled->to == Stage::nurture);
    CHECK(stalled->reason == "stalled");

    // Closing it out as "unresponsive" instead would break the working cadence: the one
    // attempt was more than 14 days before.
    const auto unresponsive = lifecycle.check(
        {at("2026-04-17T10:00:00Z"), Stage::sql, Stage::disqualified, "anna", "unresponsive"},
        leadsla::ActivityHistory{history});
    REQUIRE(unresponsive.size() == 1);
    CHECK(unresponsive[0].kind == ViolationKind::cadence_not_met);
    CHECK(unresponsive[0].message ==
          "reason \"unresponsive\" needs the working cadence first: 0 attempts over 0 channels "
          "(none) in the 14d before, the policy requires at least 5 over 2");

    // 6. Recycled to Nurture: with the rule's reason it is clean; without a reason it is not.
    CHECK(lifecycle
              .check({stalled->due_at, Stage::sql, Stage::nurture, "leadsla", stalled->reason},
                     leadsla::ActivityHistory{history})
              .empty());
    const auto no_reason =
        lifecycle.check({stalled->due_at, Stage::sql, Stage::nurture, "anna", ""},
                        leadsla::ActivityHistory{history});
    REQUIRE(no_reason.size() == 1);
    CHECK(no_reason[0].kind == ViolationKind::reason_missing);
    lead.stage = Stage::nurture;
    routing.release(OwnerId{"anna"});

    // 7. In Nurture the visits are older than 30 days: it stays until engagement returns.
    r = recommend(at("2026-04-17T10:00:00Z"));
    CHECK_FALSE(r.changes());
    history.push_back(activity("v4", "2026-04-20T09:00:00Z", "web_visit"));
    history.push_back(activity("v5", "2026-04-21T09:00:00Z", "web_visit"));
    history.push_back(activity("v6", "2026-04-22T09:00:00Z", "web_visit"));
    r = recommend(at("2026-04-22T12:00:00Z"));
    CHECK(r.recommended == Stage::mql);
    CHECK(fmt::format("{}", r) == "nurture → mql (qualified)");
}
