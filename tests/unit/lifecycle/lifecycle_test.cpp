// SPDX-License-Identifier: Apache-2.0
#include <leadsla/lifecycle/lifecycle.hpp>

#include <support/expr_fixture.hpp>

using leadsla::Lifecycle;
using leadsla::LifecycleSpec;
using leadsla::ScoreFacts;
using leadsla::Stage;
using leadsla::StageChange;
using leadsla::StageChangeKind;
using leadsla::ViolationKind;
using leadsla::test::activity;
using leadsla::test::at;

namespace {

Lifecycle standard() {
    auto l = Lifecycle::create(LifecycleSpec::standard(), leadsla::test::example_schema(),
                               {"fit", "engagement"}, {"mql"});
    if (!l) {
        FAIL(fmt::format("{}", l.error()));
    }
    return *l;
}

leadsla::Error create_error(LifecycleSpec spec) {
    auto l = Lifecycle::create(std::move(spec), leadsla::test::example_schema(),
                               {"fit", "engagement"}, {"mql"});
    REQUIRE_FALSE(l);
    return l.error();
}

leadsla::Lead lead_in(Stage s) {
    leadsla::Lead lead = leadsla::test::example_lead();
    lead.stage = s;
    return lead;
}

}  // namespace

TEST_CASE("the standard model: stages, transitions, CRM values", "[lifecycle]") {
    const Lifecycle l = standard();
    CHECK(l.defines(Stage::mql));
    CHECK_FALSE(l.defines(Stage::mal));
    CHECK(l.allows(Stage::lead, Stage::mql));
    CHECK(l.allows(Stage::sql, Stage::nurture));
    CHECK_FALSE(l.allows(Stage::mql, Stage::customer));
    CHECK(l.next_stages(Stage::sal) ==
          std::vector<Stage>{Stage::sql, Stage::nurture, Stage::disqualified});
    CHECK(l.map_crm_stage("marketingqualifiedlead").value() == Stage::mql);
    CHECK(l.map_crm_stage("Working - Contacted").value() == Stage::sal);
    CHECK(l.map_crm_stage("sql").value() == Stage::sql);
    const auto bad = l.map_crm_stage("Closed - Won?");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code == leadsla::ErrorCode::model_unknown_stage);
    CHECK_THAT(bad.error().message,
               Catch::StartsWith("\"Closed - Won?\" is neither a mapped CRM stage (\""));
}

TEST_CASE("a CRM value the stage map lacks: an error, or the declared unmapped stage",
          "[lifecycle]") {
    auto spec = leadsla::LifecycleSpec::standard();
    spec.unmapped_stage = Stage::lead;
    const auto l =
        Lifecycle::create(spec, leadsla::test::example_schema(), {"fit", "engagement"}, {"mql"});
    REQUIRE(l);
    CHECK(l->map_crm_stage("Closed - Won?").value() == Stage::lead);
    CHECK(l->map_crm_stage("marketingqualifiedlead").value() == Stage::mql);  // mapped first
    CHECK(l->map_crm_stage("sql").value() == Stage::sql);                     // then by name
    // The fallback must be a stage of the model.
    spec.unmapped_stage = Stage::mal;
    const auto undefined =
        Lifecycle::create(spec, leadsla::test::example_schema(), {"fit", "engagement"}, {"mql"});
    REQUIRE_FALSE(undefined);
    CHECK(undefined.errors().front().where == "/lifecycle/unmapped_stage");
}

TEST_CASE("qualification moves forward along allowed transitions only", "[lifecycle]") {
    const Lifecycle l = standard();
    const auto now = leadsla::test::example_now();
    struct Row {
        Stage current;
        bool mql_holds;
        Stage expected;
        StageChangeKind kind;
    };
    // Worked out from the standard model: only Lead and Nurture have a transition into MQL,
    // and nothing qualifies past MQL automatically (SAL needs sales).
    const Row rows[] = {
        {Stage::lead, true, Stage::mql, StageChangeKind::qualified},
        {Stage::lead, false, Stage::lead, StageChangeKind::none},
        {Stage::nurture, true, Stage::mql, StageChangeKind::qualified},
        {Stage::mql, true, Stage::mql, StageChangeKind::none},
        {Stage::sql, true, Stage::sql, StageChangeKind::none},
        {Stage::sql, false, Stage::sql, StageChangeKind::none},  // never regresses on its own
        {Stage::disqualified, true, Stage::disqualified, StageChangeKind::none},
    };
    for (const Row& row : rows) {
        ScoreFacts facts{{30000, 25000}, {}};
        if (row.mql_holds) {
            facts.qualifications.emplace_back("mql");
        }
        const auto r = l.recommend(lead_in(row.current), {}, facts, now);
        INFO(fmt::format("{} with mql={}", row.current, row.mql_holds));
        CHECK(r.recommended == row.expected);
        CHECK(r.kind == row.kind);
    }
    const auto r = l.recommend(lead_in(Stage::lead), {}, ScoreFacts{{}, {"mql"}}, now);
    CHECK(r.path == std::vector<Stage>{Stage::mql});
    CHECK(r.trace == std::vector<std::string>{"mql: qualification mql: true"});
    CHECK(fmt::format("{}", r) == "lead → mql (qualified)");
    const auto outside = standard().recommend(lead_in(Stage::mal), {}, {}, now);
    CHECK(outside.kind == StageChangeKind::not_in_the_model);
    CHECK(outside.recommended == Stage::mal);
}

TEST_CASE("criteria as expressions over attributes, activities and scores, two-stage MAL/SRL",
          "[lifecycle]") {
    LifecycleSpec spec = LifecycleSpec::two_stage();
    spec.stages[1].qualification.clear();
    spec.stages[1].when =
        "employees >= 20 and industry in core_industries and budget_indicated and "
        "count(web_visit, within: 30d) >= 3 and count(content_download where asset_type == "
        "\"whitepaper\") >= 1";
    spec.stages[2].qualification.clear();
    spec.stages[2].when = "fit >= 30 and engagement >= 25";
    auto l = Lifecycle::create(spec, leadsla::test::example_schema(), {"fit", "engagement"}, {});
    REQUIRE(l);
    const auto history = leadsla::test::example_history();
    const auto now = leadsla::test::example_now();
    // MAL holds (120 employees, software, budget, 3 visits within 30 d, 1 whitepaper); SRL too.
    auto r = l->recommend(lead_in(Stage::lead), leadsla::ActivityHistory{history},
                          ScoreFacts{{30000, 25000}, {}}, now);
    CHECK(r.recommended == Stage::srl);
    CHECK(r.path == std::vector<Stage>{Stage::mal, Stage::srl});
    // SRL fails on engagement: only MAL.
    r = l->recommend(lead_in(Stage::lead), leadsla::ActivityHistory{history},
                     ScoreFacts{{30000, 24999}, {}}, now);
    CHECK(r.recommended == Stage::mal);
    CHECK(r.trace.back() == "srl: engagement >= 25: false (engagement = 24.999)");
    // One visit fewer (the newest is dropped): MAL fails, with the count in the trace.
    std::vector<leadsla::Activity> fewer(history.begin(), history.begin() + 4);
    r = l->recommend(lead_in(Stage::lead), leadsla::ActivityHistory{fewer},
                     ScoreFacts{{30000, 25000}, {}}, now);
    CHECK(r.recommended == Stage::lead);
    CHECK_THAT(r.trace.front(), Catch::Contains("count(web_visit, within: 30d) = 2"));
}

TEST_CASE("regression happens only when configured", "[lifecycle]") {
    LifecycleSpec spec = LifecycleSpec::standard();
    spec.transitions.push_back({Stage::mql, Stage::lead, false, "/t"});
    spec.stages[1].regress_to = Stage::lead;  // when the mql qualification no longer holds
    auto l =
        Lifecycle::create(spec, leadsla::test::example_schema(), {"fit", "engagement"}, {"mql"});
    REQUIRE(l);
    const auto now = leadsla::test::example_now();
    auto r = l->recommend(lead_in(Stage::mql), {}, ScoreFacts{{}, {}}, now);
    CHECK(r.recommended == Stage::lead);
    CHECK(r.kind == StageChangeKind::regressed);
    CHECK(r.trace.back() == "mql: entry criteria no longer hold: regress to lead is due");
    r = l->recommend(lead_in(Stage::mql), {}, ScoreFacts{{}, {"mql"}}, now);
    CHECK(r.kind == StageChangeKind::none);

    spec.stages[1].regress_when = "engagement < 10";
    l = Lifecycle::create(spec, leadsla::test::example_schema(), {"fit", "engagement"}, {"mql"});
    REQUIRE(l);
    r = l->recommend(lead_in(Stage::mql), {}, ScoreFacts{{0, 9000}, {"mql"}}, now);
    CHECK(r.recommended == Stage::lead);
    CHECK(r.trace.back() == "mql: regress to lead when engagement < 10: true (engagement = 9)");
}

TEST_CASE("reported changes: violations are data", "[lifecycle]") {
    const Lifecycle l = standard();
    const auto t = at("2026-03-31T12:00:00Z");
    CHECK(l.check({t, Stage::lead, Stage::mql, "automation", ""}).empty());
    CHECK(l.check({t, Stage::mql, Stage::nurture, "rep-1", "no_budget"}).empty());

    auto v = l.check({t, Stage::mql, Stage::customer, "rep-1", ""});
    REQUIRE(v.size() == 1);
    CHECK(v[0].kind == ViolationKind::transition_not_allowed);
    CHECK(v[0].message ==
          "the model does not allow mql → customer (from mql: sal, nurture, disqualified)");

    v = l.check({t, Stage::sal, Stage::disqualified, "rep-1", ""});
    REQUIRE(v.size() == 1);
    CHECK(v[0].kind == ViolationKind::reason_missing);
    CHECK(v[0].message ==
          "sal → disqualified needs a reason code (one of: not_a_fit, no_budget, no_authority, "
          "no_need, bad_timing, duplicate, unresponsive, stalled)");
    CHECK(fmt::format("{}", v[0]) ==
          "reason_missing: sal → disqualified at 2026-03-31T12:00:00Z: sal → disqualified needs "
          "a reason code (one of: not_a_fit, no_budget, no_authority, no_need, bad_timing, "
          "duplicate, unresponsive, stalled)");

    v = l.check({t, Stage::sal, Stage::disqualified, "rep-1", "too_small"});
    REQUIRE(v.size() == 1);
    CHECK(v[0].kind == ViolationKind::reason_unknown);

    v = l.check({t, Stage::lead, Stage::mal, "rep-1", ""});
    REQUIRE(v.size() == 1);
    CHECK(v[0].kind == ViolationKind::undefined_stage);
    CHECK(v[0].message == "\"mal\" is not a stage of this model");
}

TEST_CASE("unresponsive needs the working cadence: 5 attempts over 2 channels in 14 days",
          "[lifecycle]") {
    const Lifecycle l = standard();
    const auto attempt = [](const char* id, const char* when, const char* channel) {
        return activity(id, when, "contact_attempt",
                        {{"channel", leadsla::AttributeValue{channel}}});
    };
    std::vector<leadsla::Activity> history{
        attempt("c1", "2026-03-16T09:00:00Z", "phone"),  // exactly 14 days before: counts
        attempt("c2", "2026-03-18T09:00:00Z", "phone"),
        attempt("c3", "2026-03-20T09:00:00Z", "phone"),
        attempt("c4", "2026-03-24T09:00:00Z", "phone"),
        attempt("c0", "2026-03-01T09:00:00Z", "email"),  // outside the window
    };
    const auto t = at("2026-03-30T09:00:00Z");
    const StageChange change{t, Stage::sal, Stage::disqualified, "rep-1", "unresponsive"};
    auto v = l.check(change, leadsla::ActivityHistory{history});
    REQUIRE(v.size() == 1);
    CHECK(v[0].kind == ViolationKind::cadence_not_met);
    CHECK(v[0].message ==
          "reason \"unresponsive\" needs the working cadence first: 4 attempts over 1 channel "
          "(phone) in the 14d before, the policy requires at least 5 over 2");
    history.push_back(attempt("c5", "2026-03-27T09:00:00Z", "email"));
    history.push_back(attempt("c5", "2026-03-27T09:00:00Z", "email"));  // a duplicate: once
    const auto status = l.cadence(leadsla::ActivityHistory{history}, t);
    REQUIRE(status);
    CHECK(status->attempts == 5);
    CHECK(status->channels == std::vector<std::string>{"email", "phone"});
    CHECK(status->met);
    CHECK(l.check(change, leadsla::ActivityHistory{history}).empty());
    // An attempt after the change does not count for it.
    history.pop_back();
    history.pop_back();
    history.push_back(attempt("c6", "2026-03-30T09:00:01Z", "email"));
    CHECK(l.check(change, leadsla::ActivityHistory{history}).size() == 1);
}

TEST_CASE("the cadence window is exact wall-clock time, holidays do not pause it",
          "[lifecycle][dst][holiday]") {
    // The window is 14 × 24 h back from `now`, whatever the clocks do: from Wednesday 8 April
    // 2026 10:00Z back to Wednesday 25 March 10:00Z — 11:00 CET then, 12:00 CEST now, since
    // Berlin moved to summer time on 29 March. Attempts on Good Friday (3 April) and Easter
    // Monday (6 April) count: the cadence is about attempts made, not business hours.
    const Lifecycle l = standard();
    const auto attempt = [](const char* id, const char* when, const char* channel) {
        return activity(id, when, "contact_attempt",
                        {{"channel", leadsla::AttributeValue{channel}}});
    };
    const std::vector<leadsla::Activity> history{
        attempt("a0", "2026-03-25T09:59:59Z", "phone"),     // one second too early
        attempt("a1", "2026-03-25T10:00:00Z", "email"),     // the window's first instant
        attempt("a2", "2026-03-30T07:00:00Z", "phone"),     // Monday after the DST change
        attempt("a3", "2026-04-03T09:00:00Z", "phone"),     // Good Friday
        attempt("a4", "2026-04-06T09:00:00Z", "phone"),     // Easter Monday
        attempt("a5", "2026-04-08T10:00:00Z", "linkedin"),  // now: inclusive
    };
    const auto status = l.cadence(leadsla::ActivityHistory{history}, at("2026-04-08T10:00:00Z"));
    REQUIRE(status);
    CHECK(status->window_start == at("2026-03-25T10:00:00Z"));
    CHECK(status->attempts == 5);
    CHECK(status->channels == std::vector<std::string>{"email", "linkedin", "phone"});
    CHECK(status->met);
    // One second later a1 has left the window: 4 attempts, not met.
    const auto later = l.cadence(leadsla::ActivityHistory{history}, at("2026-04-08T10:00:01Z"));
    CHECK(later->attempts == 4);
    CHECK_FALSE(later->met);
}

TEST_CASE("a history of changes is checked in time order", "[lifecycle]") {
    const Lifecycle l = standard();
    const std::vector<StageChange> changes{
        {at("2026-03-03T09:00:00Z"), Stage::sal, Stage::sql, "rep-1", ""},
        {at("2026-03-01T09:00:00Z"), Stage::lead, Stage::mql, "automation", ""},
        {at("2026-03-02T09:00:00Z"), Stage::mql, Stage::sal, "rep-1", ""},
        {at("2026-03-05T09:00:00Z"), Stage::nurture, Stage::customer, "rep-1", ""},
        {at("2026-03-04T09:00:00Z"), Stage::mql, Stage::nurture, "rep-1", ""},
    };
    const auto v = l.check_history(Stage::lead, changes, {});
    REQUIRE(v.size() == 3);
    CHECK(v[0].kind == ViolationKind::from_mismatch);
    CHECK(v[0].message == "the change says the lead left mql, but it was in sql");
    CHECK(v[1].kind == ViolationKind::reason_missing);
    CHECK(v[1].change.at == at("2026-03-04T09:00:00Z"));
    CHECK(v[2].kind == ViolationKind::transition_not_allowed);
    CHECK(v[2].change.to == Stage::customer);
}

TEST_CASE("recycling: 30 days without activity after the later of entry and last activity",
          "[lifecycle]") {
    const Lifecycle l = standard();
    const auto entered = at("2026-02-01T10:00:00Z");
    const std::vector<leadsla::Activity> history{
        activity("a1", "2026-01-20T10:00:00Z", "web_visit"),  // before entry: entry counts
        activity("a2", "2026-02-10T08:30:00Z", "contact_attempt",
                 {{"channel", leadsla::AttributeValue{"phone"}}}),
        activity("a3", "2026-04-01T00:00:00Z", "web_visit"),  // after now: not read
    };
    auto s = l.recycling(Stage::sql, entered, leadsla::ActivityHistory{history},
                         at("2026-03-12T08:29:59Z"));
    REQUIRE(s);
    CHECK(s->rule == "stalled_sql");
    CHECK(s->to == Stage::nurture);
    CHECK(s->reason == "stalled");
    CHECK(s->quiet_since == at("2026-02-10T08:30:00Z"));
    CHECK(s->due_at == at("2026-03-12T08:30:00Z"));
    CHECK_FALSE(s->due);
    s = l.recycling(Stage::sql, entered, leadsla::ActivityHistory{history},
                    at("2026-03-12T08:30:00Z"));
    CHECK(s->due);
    CHECK_FALSE(l.recycling(Stage::sal, entered, leadsla::ActivityHistory{history},
                            at("2026-06-01T00:00:00Z")));
}

TEST_CASE("the loader rejects broken models with precise errors", "[lifecycle][errors]") {
    using leadsla::ErrorCode;
    {
        LifecycleSpec spec = LifecycleSpec::standard();
        spec.transitions.push_back({Stage::sql, Stage::srl, false, "/lifecycle/transitions/20"});
        const auto e = create_error(spec);
        CHECK(e.code == ErrorCode::lifecycle_undefined_stage);
        CHECK(e.where == "/lifecycle/transitions/20/to");
        CHECK(e.message ==
              "transition target \"srl\" is not a stage of this model (defined: lead, mql, sal, "
              "sql, opportunity, customer, nurture, disqualified)");
    }
    {
        LifecycleSpec spec = LifecycleSpec::standard();
        std::erase_if(spec.transitions, [](const auto& t) { return t.to == Stage::customer; });
        const auto e = create_error(spec);
        CHECK(e.code == ErrorCode::lifecycle_unreachable_stage);
        CHECK(e.where == "/lifecycle/stages/5");
        CHECK(e.message ==
              "no chain of transitions leads from \"lead\" to \"customer\": add a transition into "
              "it or remove the stage");
    }
    {
        LifecycleSpec spec = LifecycleSpec::standard();
        spec.stages.push_back(spec.stages[2]);
        spec.stages.back().pointer = "/lifecycle/stages/8";
        const auto e = create_error(spec);
        CHECK(e.code == ErrorCode::policy_duplicate_id);
        CHECK(e.where == "/lifecycle/stages/8/stage");
    }
    {
        LifecycleSpec spec = LifecycleSpec::standard();
        spec.stages[1].qualification = "hot";
        const auto e = create_error(spec);
        CHECK(e.code == ErrorCode::policy_unknown_reference);
        CHECK(e.message == "\"hot\" is not a scoring qualification (defined: mql)");
    }
    {
        LifecycleSpec spec = LifecycleSpec::standard();
        spec.recycling[0].reason = "bored";
        const auto e = create_error(spec);
        CHECK(e.code == ErrorCode::policy_unknown_reference);
        CHECK(e.where == "/lifecycle/recycling/0/reason");
    }
    {
        LifecycleSpec spec = LifecycleSpec::standard();
        spec.recycling[0].from = {Stage::customer};
        const auto e = create_error(spec);
        CHECK(e.code == ErrorCode::policy_invalid);
        CHECK(e.message ==
              "recycling moves customer to nurture, but the model has no such transition");
    }
    {
        LifecycleSpec spec = LifecycleSpec::standard();
        spec.cadence->channel = "medium";
        const auto e = create_error(spec);
        CHECK(e.code == ErrorCode::expr_unknown_property);
        CHECK(e.where == "/lifecycle/cadence/channel");
    }
    {
        LifecycleSpec spec = LifecycleSpec::standard();
        spec.stages[1].when = "employes >= 20";
        const auto e = create_error(spec);
        CHECK(e.code == ErrorCode::expr_unknown_name);
        CHECK(e.where == "/lifecycle/stages/1/when");
    }
    {
        LifecycleSpec spec = LifecycleSpec::standard();
        spec.transitions.push_back({Stage::sql, Stage::sql, false, "/lifecycle/transitions/20"});
        CHECK(create_error(spec).code == ErrorCode::policy_invalid);
    }
}
