// SPDX-License-Identifier: Apache-2.0
#include <leadsla/engine/breach_scanner.hpp>
#include <leadsla/engine/explanation.hpp>
#include <leadsla/io/evaluation_json.hpp>
#include <leadsla/io/lead_state_json.hpp>

#include <support/engine_fixture.hpp>

using leadsla::Activity;
using leadsla::AttributeValue;
using leadsla::Stage;
using leadsla::StageChange;
using leadsla::TimerStatus;
using leadsla::test::at;
using leadsla::test::funnel_engine;
using leadsla::test::funnel_lead;

namespace {

Activity act(const char* id, const char* when, const char* type, leadsla::Attributes p = {}) {
    return Activity{at(when), leadsla::ActivityId{id}, type, std::move(p)};
}

std::vector<Activity> engaged() {
    return {act("v1", "2026-03-05T09:00:00Z", "web_visit"),
            act("v2", "2026-03-09T09:00:00Z", "web_visit"),
            act("d1", "2026-03-10T09:00:00Z", "content_download",
                {{"asset_type", AttributeValue{"whitepaper"}}}),
            act("v3", "2026-03-12T09:00:00Z", "web_visit")};
}

}  // namespace

TEST_CASE("evaluate: score, stage, owner, clocks, actions and next_check_at in one value",
          "[engine]") {
    const auto& engine = funnel_engine();
    leadsla::Lead lead = funnel_lead();
    lead.stage = Stage::mql;
    // MQL on Thursday 12 March 12:00 CET (11:00Z). First contact within 4 business hours on the
    // DACH calendar (08:00–18:00): due 16:00 CET = 15:00Z; 50 % at 13:00Z, 75 % at 14:00Z.
    // Sales acceptance within 2 business days: the end of Monday 16 March, 18:00 CET = 17:00Z.
    const std::vector<StageChange> changes{
        {at("2026-03-12T11:00:00Z"), Stage::lead, Stage::mql, "automation", ""}};
    const leadsla::RoutingState routing;
    leadsla::EvaluateOptions options;
    options.routing = &routing;
    auto e = engine.evaluate(lead, engaged(), changes, at("2026-03-12T13:30:00Z"), options);
    CHECK(e.policy_id == "funnel-example");
    CHECK(e.policy_version == "1.0.0");
    CHECK(e.policy_hash == engine.policy().content_hash);
    CHECK(e.policy_hash.rfind("sha256:", 0) == 0);
    CHECK(e.policy_hash.size() == 7 + 64);
    REQUIRE(e.score);
    CHECK(e.score->total == leadsla::Points::whole(65));
    CHECK(e.stage->kind == leadsla::StageChangeKind::none);  // already an MQL
    REQUIRE(e.owner);
    CHECK(e.owner->owner == leadsla::OwnerId{"anna"});
    REQUIRE(e.timers.size() == 3);
    CHECK(e.timers[0].status == TimerStatus::running);
    CHECK(e.timers[0].due_at == at("2026-03-12T15:00:00Z"));
    CHECK(e.timers[1].due_at == at("2026-03-16T17:00:00Z"));
    CHECK(e.timers[1].target == "2 business days");
    CHECK(e.timers[2].status == TimerStatus::pending);
    // Seen first at 13:30Z: the 50 % warning (13:00Z) is not repeated; the next look is 14:00Z.
    CHECK(e.actions.empty());
    CHECK(e.next_check_at == at("2026-03-12T14:00:00Z"));
    // Seen from the start: the 50 % warning is owed.
    options.attached_at = at("2026-03-12T11:00:00Z");
    e = engine.evaluate(lead, engaged(), changes, at("2026-03-12T13:30:00Z"), options);
    REQUIRE(e.actions.size() == 1);
    CHECK(e.actions[0].id == "L-100/first_contact/1/warn:500");
    CHECK(e.actions[0].at == at("2026-03-12T13:00:00Z"));
}

TEST_CASE("evaluate: future activities are reported, not read, violations are data", "[engine]") {
    const auto& engine = funnel_engine();
    leadsla::Lead lead = funnel_lead();
    lead.stage = Stage::sal;
    auto history = engaged();
    history.push_back(act("c9", "2026-03-20T09:00:00Z", "contact_attempt",
                          {{"channel", AttributeValue{"phone"}}}));
    const std::vector<StageChange> changes{
        {at("2026-03-12T11:00:00Z"), Stage::lead, Stage::mql, "automation", ""},
        {at("2026-03-12T12:00:00Z"), Stage::mql, Stage::sal, "anna", ""},
        {at("2026-03-13T12:00:00Z"), Stage::sal, Stage::disqualified, "anna", ""},
    };
    const auto e = engine.evaluate(lead, history, changes, at("2026-03-14T00:00:00Z"));
    CHECK(e.future_activities == std::vector<leadsla::ActivityId>{leadsla::ActivityId{"c9"}});
    REQUIRE(e.violations.size() == 1);
    CHECK(e.violations[0].kind == leadsla::ViolationKind::reason_missing);
    // Acceptance stopped the sales-acceptance clock on time; nobody called, so first contact
    // was breached (15:00Z on the 12th) before the disqualification cancelled it.
    CHECK(e.timers[1].status == TimerStatus::met_on_time);
    CHECK(e.timers[0].status == TimerStatus::cancelled);
    CHECK(e.timers[0].breached_at == at("2026-03-12T15:00:00Z"));
}

TEST_CASE("streaming: apply and advance return each owed action once", "[engine]") {
    const auto& engine = funnel_engine();
    leadsla::LeadState state = engine.start(funnel_lead(), at("2026-03-12T10:00:00Z"));
    for (const Activity& a : engaged()) {
        state = engine.apply(std::move(state), a).state;
    }
    auto step = engine.apply(std::move(state), StageChange{at("2026-03-12T11:00:00Z"), Stage::lead,
                                                           Stage::mql, "automation", ""});
    CHECK(step.actions.empty());
    CHECK(step.state.lead.stage == Stage::mql);
    step = engine.advance(std::move(step.state), at("2026-03-12T14:30:00Z"));
    REQUIRE(step.actions.size() == 2);
    CHECK(step.actions[0].id == "L-100/first_contact/1/warn:500");
    CHECK(step.actions[1].id == "L-100/first_contact/1/warn:750");
    // Again at the same time, or earlier: nothing new, nothing un-breached.
    step = engine.advance(std::move(step.state), at("2026-03-12T14:30:00Z"));
    CHECK(step.actions.empty());
    step = engine.advance(std::move(step.state), at("2026-03-12T16:00:00Z"));
    REQUIRE(step.actions.size() == 2);
    CHECK(step.actions[0].kind == "breach");
    CHECK(step.actions[1].id == "L-100/first_contact/1/escalate:notify_manager");
    const auto before = engine.evaluate(step.state);
    step = engine.advance(std::move(step.state), at("2026-03-12T12:00:00Z"));
    CHECK(step.actions.empty());
    CHECK(engine.evaluate(step.state) == before);
    CHECK(before.timers[0].status == TimerStatus::breached);

    // The snapshot restores an equal state.
    const std::string json = leadsla::snapshot_json(step.state);
    const auto restored = leadsla::restore_lead_state(json);
    REQUIRE(restored);
    CHECK(*restored == step.state);
}

TEST_CASE("streaming: an activity id repeated with other contents is reported, not chosen silently",
          "[engine]") {
    const auto& engine = funnel_engine();
    leadsla::LeadState state = engine.start(funnel_lead(), at("2026-03-12T10:00:00Z"));
    const Activity first = act("v1", "2026-03-05T09:00:00Z", "web_visit");
    auto step = engine.apply(std::move(state), first);
    CHECK_FALSE(step.conflict);
    step = engine.apply(std::move(step.state), first);  // an exact repeat: no conflict
    CHECK_FALSE(step.conflict);
    // The CRM moved the visit a day later under the same id: the earlier copy counts.
    const Activity later = act("v1", "2026-03-06T09:00:00Z", "web_visit");
    step = engine.apply(std::move(step.state), later);
    REQUIRE(step.conflict);
    CHECK(step.conflict->kept == first);
    CHECK(step.conflict->dropped == later);
    REQUIRE(step.state.activities.size() == 1);
    CHECK(step.state.activities[0] == first);
    CHECK(fmt::format("{}", step) ==
          "L-100 at 2026-03-12T10:00:00Z: 1 activities, 0 stage changes, 0 actions given; 0 new "
          "actions; activity v1 given twice with different contents");
    // An earlier copy arriving late takes the place of the one held.
    const Activity earliest = act("v1", "2026-03-04T09:00:00Z", "web_visit");
    step = engine.apply(std::move(step.state), earliest);
    REQUIRE(step.conflict);
    CHECK(step.conflict->kept == earliest);
    CHECK(step.conflict->dropped == first);
    CHECK(step.state.activities[0] == earliest);
}

TEST_CASE("streaming: an event dated beyond the host's clock is held, not applied, until reached",
          "[engine][skew]") {
    const auto& engine = funnel_engine();
    // MQL Thursday 12 March 2026 12:00 CET = 11:00Z; first contact within 4 business hours on
    // the DACH calendar: warning 500 at 13:00Z, due 15:00Z.
    leadsla::LeadState state = engine.start(funnel_lead(), at("2026-03-12T10:00:00Z"));
    for (const Activity& a : engaged()) {
        state = engine.apply(std::move(state), a).state;
    }
    state = engine
                .apply(std::move(state), StageChange{at("2026-03-12T11:00:00Z"), Stage::lead,
                                                     Stage::mql, "automation", ""})
                .state;
    REQUIRE(state.watermark == at("2026-03-12T11:00:00Z"));
    const leadsla::HostClock noon{at("2026-03-12T12:00:00Z"), std::chrono::minutes{5}};

    // A visit the CRM dated a year ahead. Applied as it is, it would carry the lead to 2027:
    // breached, escalated — all of which the corrected record contradicts.
    const Activity misdated = act("v9", "2027-03-12T11:30:00Z", "web_visit");
    const auto unguarded = engine.apply(state, misdated);
    CHECK(unguarded.state.watermark == at("2027-03-12T11:30:00Z"));
    CHECK_FALSE(unguarded.actions.empty());
    // With the host's clock it is held: the history, the watermark and the clocks stay.
    auto step = engine.apply(state, misdated, noon);
    CHECK(step.held);
    CHECK(step.actions.empty());
    CHECK(step.state.activities == state.activities);
    CHECK(step.state.watermark == at("2026-03-12T11:00:00Z"));
    CHECK(step.state.held_activities == std::vector<Activity>{misdated});
    CHECK(step.next_check_at == at("2026-03-12T13:00:00Z"));  // the warning, not 2027
    CHECK(fmt::format("{}", step) ==
          "L-100 at 2026-03-12T11:00:00Z: 4 activities, 1 stage changes, 0 actions given, 1 "
          "held; 0 new actions; event held (dated beyond the host's clock)");
    // The snapshot keeps what is held.
    const auto restored = leadsla::restore_lead_state(leadsla::snapshot_json(step.state));
    REQUIRE(restored);
    CHECK(*restored == step.state);

    // The corrected record (same id, 11:30Z) counts and replaces the held copy.
    const Activity corrected = act("v9", "2026-03-12T11:30:00Z", "web_visit");
    step = engine.apply(std::move(step.state), corrected, noon);
    CHECK_FALSE(step.held);
    REQUIRE(step.conflict);
    CHECK(step.conflict->kept == corrected);
    CHECK(step.conflict->dropped == misdated);
    CHECK(step.state.held_activities.empty());
    CHECK(step.state.activities.back() == corrected);
    CHECK(step.state.watermark == at("2026-03-12T11:30:00Z"));

    // Within the tolerance an event counts: 12:04Z is less than 5 minutes ahead of noon.
    step =
        engine.apply(std::move(step.state), act("v10", "2026-03-12T12:04:00Z", "web_visit"), noon);
    CHECK_FALSE(step.held);
    CHECK(step.state.watermark == at("2026-03-12T12:04:00Z"));

    // Sales accepts at 13:00Z, but the host's clock says 12:00Z: held, and the state asks to be
    // looked at again when the clock comes within 5 minutes of it, at 12:55Z.
    const StageChange accepted{at("2026-03-12T13:00:00Z"), Stage::mql, Stage::sal, "rep", ""};
    step = engine.apply(std::move(step.state), accepted, noon);
    CHECK(step.held);
    CHECK(step.state.lead.stage == Stage::mql);
    CHECK(step.state.held_changes == std::vector<StageChange>{accepted});
    CHECK(step.next_check_at == at("2026-03-12T12:55:00Z"));
    // A plain advance to 12:56Z does not reach it; the host's clock with its tolerance does.
    CHECK(engine.advance(step.state, at("2026-03-12T12:56:00Z")).state.held_changes.size() == 1);
    step = engine.advance(std::move(step.state),
                          leadsla::HostClock{at("2026-03-12T12:56:00Z"), std::chrono::minutes{5}});
    CHECK(step.state.held_changes.empty());
    CHECK(step.state.lead.stage == Stage::sal);
    CHECK(step.state.watermark == at("2026-03-12T13:00:00Z"));
    const auto e = engine.evaluate(step.state);
    CHECK(e.timers[1].sla == "sales_acceptance");
    CHECK(e.timers[1].status == TimerStatus::met_on_time);
}

TEST_CASE("streaming: a state another policy settled is migrated and says so, or refused",
          "[engine]") {
    const auto& engine = funnel_engine();
    // The same rules under another version: another content hash.
    std::ifstream in(std::string{LEADSLA_SOURCE_DIR} + "/examples/policies/funnel.json");
    std::stringstream text;
    text << in.rdbuf();
    std::string doc = text.str();
    const std::string version = R"("version": ")";
    doc.insert(doc.find(version) + version.size(), "next-");
    const leadsla::Engine next{leadsla::load_policy(doc).value()};
    REQUIRE(next.policy().content_hash != engine.policy().content_hash);

    leadsla::LeadState state = engine.start(funnel_lead(), at("2026-03-12T10:00:00Z"));
    auto step = engine.advance(state, at("2026-03-12T11:00:00Z"));
    CHECK_FALSE(step.migrated_from);
    CHECK(engine.settled_by(step.state));
    // A host that refuses asks first; one that migrates sees which policy the state came from.
    CHECK_FALSE(next.settled_by(step.state));
    step = next.advance(std::move(step.state), at("2026-03-12T12:00:00Z"));
    CHECK(step.migrated_from == engine.policy().content_hash);
    CHECK(step.state.policy_hash == next.policy().content_hash);
    CHECK(fmt::format("{}", step)
              .ends_with("; migrated from policy " + engine.policy().content_hash));
    step = next.advance(std::move(step.state), at("2026-03-12T13:00:00Z"));
    CHECK_FALSE(step.migrated_from);
}

TEST_CASE("streaming: a segment change takes effect at the update, across the DST change",
          "[engine][segment][dst]") {
    const auto& engine = funnel_engine();
    // first_contact: 4 h by default, enterprise 1 h, on the DACH calendar. MQL Friday 27 March
    // 16:00 CET = 15:00Z as an SMB lead: 2 h counted by 18:00 CET (warning 500 at 17:00Z); Monday
    // 30 March 09:00 CEST = 07:00Z: 3 h counted (warning 750). Then the CRM says 5,000 employees:
    // enterprise, 1 h, already used up: breached at the update, notify at once, reassign 4
    // business hours later at 13:00 CEST = 11:00Z.
    const auto first_contact = [](const std::vector<leadsla::OwedAction>& actions) {
        std::vector<std::string> out;
        for (const auto& a : actions) {
            if (a.sla == "first_contact") {
                out.push_back(fmt::format("{} {}", a.id, leadsla::format_instant(a.at)));
            }
        }
        return out;
    };
    const leadsla::Lead smb = funnel_lead("L-200");
    leadsla::LeadState state = engine.start(smb, at("2026-03-27T14:00:00Z"));
    state = engine
                .apply(std::move(state), StageChange{at("2026-03-27T15:00:00Z"), Stage::lead,
                                                     Stage::mql, "automation", ""})
                .state;
    auto step = engine.advance(std::move(state), at("2026-03-30T07:00:00Z"));
    CHECK(first_contact(step.actions) ==
          std::vector<std::string>{"L-200/first_contact/1/warn:500 2026-03-27T17:00:00Z",
                                   "L-200/first_contact/1/warn:750 2026-03-30T07:00:00Z"});
    leadsla::Lead enterprise = smb;
    enterprise.attributes["employees"] = AttributeValue{std::int64_t{5000}};
    step = engine.update(std::move(step.state), enterprise);
    CHECK(first_contact(step.actions) ==
          std::vector<std::string>{
              "L-200/first_contact/1/breach 2026-03-30T07:00:00Z",
              "L-200/first_contact/1/escalate:notify_manager 2026-03-30T07:00:00Z"});
    REQUIRE(step.state.past_attributes.size() == 1);
    CHECK(step.state.past_attributes[0].until == at("2026-03-30T07:00:00Z"));
    CHECK(step.state.past_attributes[0].attributes == smb.attributes);

    // A second update at the same instant: the first one's attributes held for no time.
    leadsla::Lead bigger = enterprise;
    bigger.attributes["employees"] = AttributeValue{std::int64_t{6000}};
    step = engine.update(std::move(step.state), bigger);
    CHECK(step.actions.empty());
    CHECK(step.state.past_attributes.size() == 1);

    step = engine.advance(std::move(step.state), at("2026-03-30T10:59:59Z"));
    CHECK(first_contact(step.actions).empty());
    step = engine.advance(std::move(step.state), at("2026-03-30T11:00:00Z"));
    CHECK(first_contact(step.actions) ==
          std::vector<std::string>{"L-200/first_contact/1/escalate:reassign 2026-03-30T11:00:00Z"});

    // The same from the whole history at once.
    const auto streamed = engine.evaluate(step.state);
    leadsla::EvaluateOptions options;
    options.attached_at = at("2026-03-27T14:00:00Z");
    options.past_attributes = step.state.past_attributes;
    CHECK(step.state.lead.attributes == bigger.attributes);
    const auto whole = engine.evaluate(step.state.lead, {}, step.state.changes,
                                       at("2026-03-30T11:00:00Z"), options);
    CHECK(whole == streamed);
    CHECK(whole.timers[0].breached_at == at("2026-03-30T07:00:00Z"));
    CHECK(whole.timers[0].segment == "enterprise");

    // The snapshot keeps the attribute history.
    const auto restored = leadsla::restore_lead_state(leadsla::snapshot_json(step.state));
    REQUIRE(restored);
    CHECK(*restored == step.state);
}

TEST_CASE("snapshots: text that is not UTF-8 is replaced, never thrown on", "[engine][errors]") {
    // Readers refuse such text; a host can still build it in code. Every JSON output of the
    // library writes U+FFFD for each ill-formed byte, as evaluation_json does.
    leadsla::LeadState state;
    state.lead.id = leadsla::LeadId{
        "L\xff"
        "1"};
    state.lead.attributes.emplace("industry", leadsla::AttributeValue{std::string{"soft\xc3"}});
    std::string json;
    REQUIRE_NOTHROW(json = leadsla::snapshot_json(state));
    const auto restored = leadsla::restore_lead_state(json);
    REQUIRE(restored);
    CHECK(restored->lead.id.value() ==
          "L\xef\xbf\xbd"
          "1");
    CHECK(*restored->lead.attributes.at("industry").as_string() == "soft\xef\xbf\xbd");
}

TEST_CASE("snapshots: bad input gets precise errors", "[engine][errors]") {
    CHECK(leadsla::restore_lead_state("{").error().code == leadsla::ErrorCode::json_syntax);
    const auto wrong = leadsla::restore_lead_state(
        R"({"format": "leadsla.lead_state/9", "lead": {}, "activities": [], "changes": [],
            "attached_at": "2026-01-01T00:00:00Z", "watermark": "2026-01-01T00:00:00Z", "emitted": []})");
    CHECK(wrong.error().message ==
          "\"leadsla.lead_state/9\" is not a snapshot format this version reads (expected "
          "\"leadsla.lead_state/1\")");
    const auto bad_value = leadsla::restore_lead_state(
        R"({"format": "leadsla.lead_state/1",
            "lead": {"id": "L", "created_at": "2026-01-01T00:00:00Z", "stage": "lead",
                     "attributes": {"employees": {"int": "12"}}},
            "activities": [], "changes": [], "attached_at": "2026-01-01T00:00:00Z",
            "watermark": "2026-01-01T00:00:00Z", "emitted": []})");
    REQUIRE_FALSE(bad_value);
    CHECK(fmt::format("{}", bad_value.error()) ==
          "error[json.type] /lead/attributes/employees: \"int\" with a string is not a typed "
          "value (bool, int, decimal, string, instant, string_list)");
    const auto local_time = leadsla::restore_lead_state(
        R"({"format": "leadsla.lead_state/1",
            "lead": {"id": "L", "created_at": "2026-01-01T00:00:00", "stage": "lead"},
            "activities": [], "changes": [], "attached_at": "2026-01-01T00:00:00Z",
            "watermark": "2026-01-01T00:00:00Z", "emitted": []})");
    CHECK(local_time.error().code == leadsla::ErrorCode::time_missing_offset);
    CHECK(local_time.error().where == "/lead/created_at");
    const auto unordered = leadsla::restore_lead_state(
        R"({"format": "leadsla.lead_state/1",
            "lead": {"id": "L", "created_at": "2026-01-01T00:00:00Z", "stage": "lead"},
            "activities": [], "changes": [], "attached_at": "2026-01-01T00:00:00Z",
            "watermark": "2026-01-03T00:00:00Z", "emitted": [],
            "past_attributes": [{"until": "2026-01-02T00:00:00Z", "attributes": {}},
                                {"until": "2026-01-01T12:00:00Z", "attributes": {}}]})");
    REQUIRE_FALSE(unordered);
    CHECK(unordered.error().where == "/past_attributes/1/until");
    CHECK(unordered.error().message ==
          "attribute history entries come in ascending \"until\" order");
    const auto held = [](const char* held_json) {
        return leadsla::restore_lead_state(fmt::format(
            R"({{"format": "leadsla.lead_state/1",
                 "lead": {{"id": "L", "created_at": "2026-01-01T00:00:00Z", "stage": "lead"}},
                 "activities": [], "changes": [], "attached_at": "2026-01-01T00:00:00Z",
                 "watermark": "2026-01-03T00:00:00Z", "emitted": [], "held": {}}})",
            held_json));
    };
    CHECK(fmt::format("{}", held("[]").error()) ==
          "error[json.type] /held: expected an object, got an array");
    const auto late_first = held(R"({"activities": [
        {"id": "b", "occurred_at": "2027-01-02T00:00:00Z", "type": "web_visit", "properties": {}},
        {"id": "a", "occurred_at": "2027-01-01T00:00:00Z", "type": "web_visit", "properties": {}}],
        "changes": []})");
    REQUIRE_FALSE(late_first);
    CHECK(fmt::format("{}", late_first.error()) ==
          "error[policy.invalid] /held/activities/1/occurred_at: held activities come in "
          "(occurred_at, id) order");
    CHECK(held(R"({"activities": []})").error().where == "/held/changes");
}

TEST_CASE("the breach scanner lists due leads earliest first", "[engine]") {
    leadsla::BreachScanner scanner;
    scanner.schedule(leadsla::LeadId{"b"}, at("2026-03-02T10:00:00Z"));
    scanner.schedule(leadsla::LeadId{"a"}, at("2026-03-02T10:00:00Z"));
    scanner.schedule(leadsla::LeadId{"c"}, at("2026-03-02T09:00:00Z"));
    scanner.schedule(leadsla::LeadId{"d"}, at("2026-03-03T09:00:00Z"));
    scanner.schedule(leadsla::LeadId{"d"}, at("2026-03-02T11:00:00Z"));  // moved
    scanner.schedule(leadsla::LeadId{"e"}, std::nullopt);                // nothing to check
    CHECK(scanner.size() == 4);
    const auto due = scanner.due(at("2026-03-02T10:00:00Z"));
    REQUIRE(due.size() == 3);
    CHECK(due[0].second == leadsla::LeadId{"c"});
    CHECK(due[1].second == leadsla::LeadId{"a"});
    CHECK(due[2].second == leadsla::LeadId{"b"});
    scanner.remove(leadsla::LeadId{"c"});
    CHECK(scanner.next() == at("2026-03-02T10:00:00Z"));
    CHECK(scanner.due(at("2026-03-02T12:00:00Z"), 1).size() == 1);
}

TEST_CASE("evaluate: what the rules cannot read is reported, not scored as missing in silence",
          "[engine][input]") {
    const auto& engine = funnel_engine();
    const auto now = at("2026-03-14T00:00:00Z");
    const auto clean = engine.evaluate(funnel_lead(), engaged(), {}, now);
    CHECK(clean.input_problems.empty());

    // A CRM sent the head count as text, and a call under a type the policy does not know.
    leadsla::Lead lead = funnel_lead();
    lead.attributes["employees"] = AttributeValue{"120"};
    auto history = engaged();
    history.push_back(
        act("x1", "2026-03-12T10:00:00Z", "phone_call", {{"channel", AttributeValue{"phone"}}}));
    history.push_back(act("x2", "2026-03-20T10:00:00Z", "phone_call", {}));  // after now: unread
    const auto e = engine.evaluate(lead, history, {}, now);
    using Kind = leadsla::InputProblem::Kind;
    REQUIRE(e.input_problems.size() == 2);
    CHECK(e.input_problems[0] == leadsla::InputProblem{Kind::wrong_type, "/attributes/employees",
                                                       leadsla::AttributeType::integer,
                                                       leadsla::AttributeType::string});
    CHECK(e.input_problems[1].kind == Kind::unknown_activity_type);
    CHECK(e.input_problems[1].where == "/activities/x1/type");
    CHECK(fmt::format("{}", e.input_problems[0]) ==
          "/attributes/employees: wrong_type (string, the schema declares int)");
    // The wrongly typed head count counts as missing: the fit rules on it do not fire.
    CHECK(e.score->total < clean.score->total);
    // The same through the streaming steps, and in the JSON and the explanation.
    leadsla::LeadState s = engine.start(lead, at("2026-03-02T08:00:00Z"));
    for (const auto& a : history) {
        if (a.occurred_at <= now) {  // a streaming host has not seen x2 yet
            s = engine.apply(std::move(s), a).state;
        }
    }
    CHECK(engine.evaluate(engine.advance(std::move(s), now).state).input_problems ==
          e.input_problems);
    CHECK(
        leadsla::evaluation_json(e, engine.policy())
            .find(
                R"("input_problems":[{"actual":"string","expected":"int","kind":"wrong_type","where":"/attributes/employees"})") !=
        std::string::npos);
    CHECK(leadsla::explanation_text(e, engine.policy(), lead, history, {})
              .find("  not read: /activities/x1/type: unknown_activity_type\n") !=
          std::string::npos);
}
