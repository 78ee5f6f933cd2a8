// SPDX-License-Identifier: Apache-2.0
#include <leadsla/io/routing_state_json.hpp>

#include <support/routing_fixture.hpp>

using leadsla::OwnerId;
using leadsla::RouteKind;
using leadsla::Router;
using leadsla::RoutingState;
using leadsla::SkipReason;
using leadsla::test::lead_from;

namespace {

Router example_router() {
    const auto segments = leadsla::test::example_segments();
    auto r = Router::create(leadsla::test::example_routing(), leadsla::test::example_schema(),
                            &segments);
    if (!r) {
        FAIL(fmt::format("{}", r.error()));
    }
    return *r;
}

}  // namespace

TEST_CASE("territories: first match, then the team's round robin", "[routing]") {
    const Router router = example_router();
    RoutingState state;
    std::vector<std::string> owners;
    for (int i = 0; i < 7; ++i) {
        const auto d = router.route(lead_from("L", 50, "DE"), state);
        CHECK(d.kind == RouteKind::territory);
        CHECK(d.territory == "dach");
        CHECK(d.segment == "smb");
        owners.push_back(d.owner.value());
    }
    // Never assigned ties go to the smaller id; then whoever waited longest.
    CHECK(owners == std::vector<std::string>{"ada", "bob", "cyd", "ada", "bob", "cyd", "ada"});
    CHECK(state.sequence == 7);
    CHECK(state.owners.at(OwnerId{"ada"}).open == 3);

    const auto d = router.route(lead_from("L8", 50, "AT"), state);
    // ada is at capacity (3/3): bob, who waited longest of the others.
    CHECK(d.owner == OwnerId{"bob"});
    CHECK(d.candidates[0].skipped == SkipReason::at_capacity);
    CHECK(d.trace.back() ==
          "team dach (round_robin): bob chosen (ada: at capacity 3/3, bob: eligible, cyd: "
          "eligible)");
    CHECK(fmt::format("{}", d) == "bob (territory dach, team dach)");
}

TEST_CASE("capacity and availability send leads to the fallback, never nowhere", "[routing]") {
    const Router router = example_router();
    RoutingState state;
    state.set_open(OwnerId{"ada"}, 3);
    state.set_open(OwnerId{"bob"}, 3);
    state.set_away(OwnerId{"cyd"}, true);
    const auto d = router.route(lead_from("L1", 50, "CH"), state);
    CHECK(d.owner == OwnerId{"queue"});
    CHECK(d.kind == RouteKind::fallback);
    CHECK(d.team == "dach");
    CHECK(d.trace.back() ==
          "team dach: nobody eligible (ada: at capacity 3/3, bob: at capacity 3/3, cyd: away): "
          "fallback queue");
    state.release(OwnerId{"bob"});
    CHECK(router.route(lead_from("L2", 50, "CH"), state).owner == OwnerId{"bob"});
}

TEST_CASE("weighted round robin: 3:1 without bursts", "[routing]") {
    const Router router = example_router();
    RoutingState state;
    std::string seq;
    for (int i = 0; i < 8; ++i) {
        seq += router.route(lead_from("E", 5000, "US"), state).owner.value().substr(0, 1);
    }
    // Smooth weighted round robin, worked by hand: weights (dan 3, eve 1), total 4.
    CHECK(seq == "ddeddded");
}

TEST_CASE("load balancing: most free capacity, ties by round robin", "[routing]") {
    const Router router = example_router();
    RoutingState state;
    state.set_open(OwnerId{"fay"}, 8);  // 2 free of 10
    // gus: 4 free, 3, 2 → then both have 2 free: round robin (gus waited less: fay).
    std::string seq;
    for (int i = 0; i < 6; ++i) {
        seq += router.route(lead_from("M", 300, "US"), state).owner.value() + " ";
    }
    CHECK(seq == "gus gus fay gus fay gus ");
    const auto d = router.route(lead_from("M", 300, "US"), state);
    CHECK(d.owner == OwnerId{"queue"});  // both full: 10/10 and 4/4
}

TEST_CASE("account matching goes first, by account id, then by email domain", "[routing]") {
    const Router router = example_router();
    RoutingState state;
    leadsla::Lead first = lead_from("L1", 50, "DE");
    first.account = leadsla::AccountId{"acme"};
    first.attributes["email"] = leadsla::AttributeValue{"jane@Acme.com"};
    const auto d1 = router.route(first, state);
    CHECK(d1.owner == OwnerId{"ada"});
    CHECK(state.account_owners.at(leadsla::AccountId{"acme"}) == OwnerId{"ada"});
    CHECK(state.domain_owners.at("acme.com") == OwnerId{"ada"});

    leadsla::Lead same_account = lead_from("L2", 5000, "US");
    same_account.account = leadsla::AccountId{"acme"};
    const auto d2 = router.route(same_account, state);
    CHECK(d2.owner == OwnerId{"ada"});
    CHECK(d2.kind == RouteKind::account_owner);
    CHECK(d2.trace == std::vector<std::string>{"account acme is owned by ada"});

    leadsla::Lead same_domain = lead_from("L3", 5000, "US");
    same_domain.attributes["email"] = leadsla::AttributeValue{"joe@acme.com"};
    CHECK(router.route(same_domain, state).kind == RouteKind::domain_owner);

    state.set_away(OwnerId{"ada"}, true);
    const auto d4 = router.route(same_account, state);
    CHECK(d4.owner == OwnerId{"dan"});  // enterprise territory
    CHECK(d4.trace.front() == "account acme is owned by ada, who is away");
}

TEST_CASE("route on a const state returns the new state and leaves the old", "[routing]") {
    const Router router = example_router();
    const RoutingState before;
    const auto out = router.route(lead_from("L1", 50, "ZZ"), before);
    CHECK(before == RoutingState{});
    CHECK(out.decision.owner == OwnerId{"fay"});  // 10 free beats gus's 4
    CHECK(out.decision.territory == "inside");
    CHECK(out.state.sequence == 1);
}

TEST_CASE("routing errors", "[routing][errors]") {
    using leadsla::ErrorCode;
    const auto segments = leadsla::test::example_segments();
    auto spec = leadsla::test::example_routing();
    spec.territories[1].team = "emea";
    spec.territories[2].segments.push_back("tiny");
    spec.owners.push_back({OwnerId{"ada"}, 1, "/routing/owners/7"});
    spec.teams[2].members.push_back({OwnerId{"dan"}, 1});
    spec.teams[0].members[1].weight = 0;
    spec.territories[0].when = "count(web_visit) > 0";
    spec.fallback = OwnerId{""};
    const auto router = Router::create(spec, leadsla::test::example_schema(), &segments);
    CHECK_FALSE(router);
    std::vector<std::string> got;
    for (const auto& e : router.errors()) {
        got.push_back(fmt::format("{}", e));
    }
    CHECK(got ==
          std::vector<std::string>{
              "error[json.missing_key] /routing/fallback: routing needs a \"fallback\" owner "
              "or queue for leads nobody else can take",
              "error[policy.duplicate_id] /routing/owners/7/id: owner \"ada\" is defined twice",
              "error[policy.invalid] /routing/teams/0/members/1/weight: a weight must be at "
              "least 1 (remove the member to give them no leads)",
              "error[policy.invalid] /routing/teams/2/members/2: team \"inside\" is load "
              "balanced, so \"dan\" needs a capacity",
              "error[policy.unknown_reference] /routing/territories/1/team: \"emea\" is not a "
              "team of the policy",
              "error[policy.unknown_reference] /routing/territories/2/segments/2: \"tiny\" is "
              "not a value of classification \"segment\"",
              "error[policy.invalid] /routing/territories/0/when: a territory reads lead "
              "attributes only, not activities"});
    auto no_segments = leadsla::test::example_routing();
    const auto e = Router::create(no_segments, leadsla::test::example_schema(), nullptr);
    REQUIRE_FALSE(e);
    CHECK(e.error().message ==
          "territories name segments, but \"segment\" is not a classification of the policy");
}

TEST_CASE("a routing state snapshot names what is wrong with it", "[routing][snapshot]") {
    struct Case {
        const char* text;
        leadsla::ErrorCode code;
        const char* where;
    };
    const Case cases[] = {
        {R"({"format": "leadsla.routing_state/2", "sequence": 0})",
         leadsla::ErrorCode::policy_invalid, "/format"},
        {R"({"format": "leadsla.routing_state/1"})", leadsla::ErrorCode::json_missing_key,
         "/sequence"},
        {R"({"format": "leadsla.routing_state/1", "sequence": -1})",
         leadsla::ErrorCode::parse_out_of_range, "/sequence"},
        {R"({"format": "leadsla.routing_state/1", "sequence": 3, "owners": {"anna": {"last_assigned": 4}}})",
         leadsla::ErrorCode::policy_invalid, "/owners/anna/last_assigned"},
        {R"({"format": "leadsla.routing_state/1", "sequence": 3, "owners": {"anna": {"open": 4294967296}}})",
         leadsla::ErrorCode::parse_out_of_range, "/owners/anna/open"},
        {R"({"format": "leadsla.routing_state/1", "sequence": 3, "owners": {"anna": {"away": "no"}}})",
         leadsla::ErrorCode::json_type, "/owners/anna/away"},
        {R"({"format": "leadsla.routing_state/1", "sequence": 3, "weights": {"dach": {"anna": 1.5}}})",
         leadsla::ErrorCode::json_type, "/weights/dach/anna"},
        {R"({"format": "leadsla.routing_state/1", "sequence": 3, "account_owners": {"A1": 7}})",
         leadsla::ErrorCode::json_type, "/account_owners/A1"},
        {R"({"format": "leadsla.routing_state/1", "sequence": 3, "owner": {}})",
         leadsla::ErrorCode::json_unknown_key, "/owner"},
        {R"({"format": "leadsla.routing_state/1", "sequence": 3,)", leadsla::ErrorCode::json_syntax,
         ""},
    };
    for (const Case& c : cases) {
        INFO(c.text);
        const auto r = leadsla::restore_routing_state(c.text);
        REQUIRE(!r);
        CHECK(r.error().code == c.code);
        if (c.code != leadsla::ErrorCode::json_syntax) {
            CHECK(r.error().where == c.where);
        }
    }
    // The smallest snapshot: no owners yet.
    const auto empty =
        leadsla::restore_routing_state(R"({"format": "leadsla.routing_state/1", "sequence": 0})");
    REQUIRE(empty);
    CHECK(*empty == leadsla::RoutingState{});
    CHECK(
        leadsla::snapshot_json(leadsla::RoutingState{}) ==
        R"({"account_owners":{},"domain_owners":{},"format":"leadsla.routing_state/1","owners":{},"sequence":0,"weights":{}})");
}
