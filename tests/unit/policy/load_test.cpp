// SPDX-License-Identifier: Apache-2.0
#include <functional>

#include <nlohmann/json.hpp>

#include <leadsla/policy/load.hpp>

#include <support/test_support.hpp>

namespace {

/// A small valid document; each case below breaks one thing in it.
nlohmann::json base_policy() {
    return nlohmann::json::parse(R"json({
      "id": "t", "version": "1",
      "schema": {"attributes": {"employees": "int", "country": "string"},
                 "activities": {"contact_attempt": {"channel": "string"}},
                 "sets": {"dach": ["DE", "AT", "CH"]}},
      "scoring": {"axes": [{"id": "fit"}],
                  "rules": [{"id": "size", "axis": "fit", "when": "employees >= 20", "points": 10}],
                  "qualifications": [{"id": "mql", "when": "fit >= 10"}]},
      "segments": [{"id": "segment", "rules": [{"value": "enterprise", "when": "employees >= 1000"}],
                    "otherwise": "smb"}],
      "lifecycle": {"stages": [{"stage": "lead"}, {"stage": "mql", "qualification": "mql"},
                               {"stage": "disqualified", "side": true}],
                    "transitions": [{"from": "lead", "to": "mql"},
                                    {"from": "mql", "to": "disqualified", "reason_required": true}],
                    "reasons": [{"id": "unresponsive", "requires_cadence": true}],
                    "cadence": {"min_attempts": 5, "min_channels": 2, "window": "14d"},
                    "stage_map": {"marketingqualifiedlead": "mql"}},
      "routing": {"owners": [{"id": "a", "capacity": 5}, {"id": "b"}],
                  "teams": [{"id": "t", "distribution": "round_robin", "members": ["a", {"owner": "b", "weight": 2}]}],
                  "territories": [{"id": "dach", "when": "country in dach", "segments": ["smb"], "team": "t"}],
                  "fallback": "queue"}
    })json");
}

std::vector<std::string> errors_of(const nlohmann::json& doc) {
    const auto load = leadsla::load_policy(doc.dump());
    std::vector<std::string> out;
    for (const auto& e : load.errors()) {
        out.push_back(leadsla::without_position(e));
    }
    return out;
}

}  // namespace

TEST_CASE("policy sections: a valid document compiles every section", "[policy][sections]") {
    const auto load = leadsla::load_policy(base_policy().dump());
    REQUIRE(load.has_value());
    const auto& s = *load;
    REQUIRE(s.scoring);
    REQUIRE(s.segments);
    REQUIRE(s.lifecycle);
    REQUIRE(s.routing);
    CHECK(s.lifecycle->map_crm_stage("marketingqualifiedlead").value() == leadsla::Stage::mql);
    CHECK(s.routing->spec().teams[0].members[1].weight == 2);
    CHECK(s.lifecycle->spec().cadence->activity == "contact_attempt");
    // The scoring loader reads the same document (it skips the other sections).
    CHECK(leadsla::load_scoring_policy(base_policy().dump()).has_value());
}

TEST_CASE("policy sections: every error, with its pointer and what was expected",
          "[policy][sections][errors]") {
    struct Case {
        const char* name;
        std::function<void(nlohmann::json&)> breaks;
        std::vector<std::string> expected;
    };
    const std::vector<Case> cases{
        {"an SLA target beyond 100000h (it validated, and showed a due date in the year 1018)",
         [](auto& d) {
             d["slas"] = nlohmann::json::parse(R"json([{"id": "s", "start": "entered(mql)",
                 "stop": ["activity(contact_attempt)"], "target": {"business": "9999999999h"},
                 "escalate": [{"id": "late", "after": "100001h"}]}])json");
         },
         {"error[parse.out_of_range] /slas/0/target/business: 9999999999h is longer than an SLA "
          "duration may be (at most 100000h)",
          "error[parse.out_of_range] /slas/0/escalate/0/after: 100001h is longer than an SLA "
          "duration may be (at most 100000h)"}},
        {"unknown key in lifecycle",
         [](auto& d) { d["lifecycle"]["stagess"] = nlohmann::json::array(); },
         {"error[json.unknown_key] /lifecycle/stagess: unknown key \"stagess\" (expected one of: "
          "initial, stages, transitions, reasons, cadence, recycling, stage_map, unmapped_stage)"}},
        {"bad stage name",
         [](auto& d) { d["lifecycle"]["transitions"][0]["to"] = "MQL"; },
         {"error[model.unknown_stage] /lifecycle/transitions/0/to: \"MQL\" is not a stage "
          "(expected one of lead, mql, sal, sql, opportunity, customer, nurture, disqualified, "
          "mal, srl)"}},
        {"stage not in the model",
         [](auto& d) { d["lifecycle"]["stage_map"]["won"] = "customer"; },
         {"error[lifecycle.undefined_stage] /lifecycle/stage_map/won: mapped stage \"customer\" "
          "is not a stage of this model (defined: lead, mql, disqualified)"}},
        {"unreachable stage",
         [](auto& d) { d["lifecycle"]["transitions"].erase(1); },
         {"error[lifecycle.unreachable_stage] /lifecycle/stages/2: no chain of transitions "
          "leads from \"lead\" to \"disqualified\": add a transition into it or remove the "
          "stage"}},
        {"cadence window type",
         [](auto& d) { d["lifecycle"]["cadence"]["window"] = 14; },
         {"error[json.type] /lifecycle/cadence/window: expected a string, got an integer"}},
        {"qualification unknown",
         [](auto& d) { d["lifecycle"]["stages"][1]["qualification"] = "sql_ready"; },
         {"error[policy.unknown_reference] /lifecycle/stages/1/qualification: \"sql_ready\" is "
          "not a scoring qualification (defined: mql)"}},
        {"criteria reading an unknown attribute",
         [](auto& d) { d["lifecycle"]["stages"][1]["when"] = "employes >= 20"; },
         {}},  // checked by code below: the expression error names the field
        {"bad distribution",
         [](auto& d) { d["routing"]["teams"][0]["distribution"] = "random"; },
         {"error[json.type] /routing/teams/0/distribution: \"random\" is not a distribution "
          "(expected round_robin, weighted_round_robin or load_balanced)"}},
        {"member of the wrong type",
         [](auto& d) { d["routing"]["teams"][0]["members"][0] = 7; },
         {"error[json.type] /routing/teams/0/members/0: expected an owner id or {\"owner\", "
          "\"weight\"}, got an integer"}},
        {"capacity out of range",
         [](auto& d) { d["routing"]["owners"][0]["capacity"] = -1; },
         {"error[parse.out_of_range] /routing/owners/0/capacity: expected an integer from 0 to "
          "1000000, got -1"}},
        {"unknown segment value",
         [](auto& d) { d["routing"]["territories"][0]["segments"][0] = "smbs"; },
         {"error[policy.unknown_reference] /routing/territories/0/segments/0: \"smbs\" is not a "
          "value of classification \"segment\""}},
        {"segment without otherwise",
         [](auto& d) { d["segments"][0].erase("otherwise"); },
         {"error[json.missing_key] /segments/0/otherwise: missing \"otherwise\""}},
        {"several errors at once",
         [](auto& d) {
             d["routing"].erase("fallback");
             d["lifecycle"]["reasons"][0]["id"] = 3;
         },
         {"error[json.type] /lifecycle/reasons/0/id: expected a string, got an integer",
          "error[json.missing_key] /routing/fallback: missing \"fallback\""}},
    };
    for (const Case& c : cases) {
        INFO(c.name);
        auto doc = base_policy();
        c.breaks(doc);
        const auto got = errors_of(doc);
        if (c.expected.empty()) {
            REQUIRE(got.size() == 1);
            CHECK_THAT(got[0],
                       Catch::StartsWith("error[expr.unknown_name] /lifecycle/stages/1/when:"));
        } else {
            CHECK(got == c.expected);
        }
    }
}

TEST_CASE("policy sections: malformed and hostile JSON is an error, not a crash",
          "[policy][sections][errors]") {
    CHECK_FALSE(leadsla::load_policy("{").has_value());
    CHECK_FALSE(leadsla::load_policy(std::string(10000, '[')).has_value());
    const auto dup = leadsla::load_policy(R"({"schema": {}, "schema": {}})");
    REQUIRE(dup.errors().size() == 1);
    CHECK(dup.errors()[0].code == leadsla::ErrorCode::json_syntax);
    // Strings and member counts are bounded while parsing, before anything is copied.
    const auto long_string =
        leadsla::load_policy(R"({"schema": {}, "id": ")" + std::string(70'000, 'x') + R"("})");
    REQUIRE(long_string.errors().size() == 1);
    CHECK(fmt::format("{}", long_string.errors()[0]) ==
          "error[json.limit]: a string is 70000 bytes long; the limit is 65536 bytes");
    std::string many = R"({"schema": {"attributes": {}, "sets": {"s": [)";
    for (int i = 0; i <= 100'000; ++i) {
        many += i == 0 ? "\"a\"" : ",\"a\"";
    }
    many += "]}}}";
    const auto too_many = leadsla::load_policy(many);
    REQUIRE(too_many.errors().size() == 1);
    CHECK(fmt::format("{}", too_many.errors()[0]) ==
          "error[json.limit]: an object or array has more than 100000 members");
    // nlohmann's lexer ends the input at a NUL byte: `{...}\0 garbage {` must not validate.
    const std::string valid = R"({"schema": {"attributes": {}}, "id": "p", "version": "1"})";
    REQUIRE(leadsla::load_policy(valid).has_value());
    const auto nul = leadsla::load_policy(valid + std::string(1, '\0') + " garbage {");
    REQUIRE(nul.errors().size() == 1);
    CHECK(fmt::format("{}", nul.errors()[0]) ==
          "error[json.syntax] (line 1, column 58): a NUL byte: JSON text cannot contain one "
          "(inside a string, write \\u0000)");
    const auto no_schema = leadsla::load_policy(R"({"id": "x"})");
    REQUIRE(no_schema.errors().size() == 1);
    CHECK(fmt::format("{}", no_schema.errors()[0]) ==
          "error[json.missing_key] /schema (line 1, column 1): missing \"schema\"");
}

TEST_CASE("policy sections: each error has the line and column of the value it names",
          "[policy][sections][errors]") {
    // A missing key points at the object that lacks it; an escaped key (~1 for '/') is found.
    const auto load = leadsla::load_policy(R"({
  "id": "p",
  "schema": {
    "attributes": {"employees": "int", "a/b": "strin"}
  },
  "scoring": {
    "axes": [{"id": "fit", "min": 0, "max": 100}],
    "rules": [
      {"id": "big", "axis": "fit", "when": "employees > 10", "points": 1.5},
      {"axis": "fit", "when": "employees > 10", "points": 1}
    ]
  }
})");
    std::vector<std::string> got;
    for (const auto& e : load.errors()) {
        got.push_back(fmt::format("{} {}:{}", e.where, e.line, e.column));
    }
    CHECK(got == std::vector<std::string>{"/schema/attributes/a~1b 4:47",
                                          "/scoring/rules/0/points 9:72",
                                          "/scoring/rules/1/id 10:7"});
}

TEST_CASE("policy sections: calendars and SLAs", "[policy][sections][sla]") {
    auto doc = base_policy();
    doc["calendars"] = nlohmann::json::parse(
        R"({"dach": {"tz": "Europe/Berlin", "hours": {"mon": [["08:00", "18:00"]]}}})");
    doc["slas"] = nlohmann::json::parse(R"json([
        {"id": "first_contact", "start": "entered(mql)", "stop": ["activity(contact_attempt)"],
         "target": {"business": "4h"}, "targets": [{"segment": "enterprise", "target": {"business": "1h"}}],
         "calendar": "dach", "warn_at": [500, 750], "on_segment_change": "restart",
         "escalate": [{"id": "notify", "after": "0h"}, {"id": "reassign", "after": "4h", "action": "reassign"}]
},
        {"id": "recycle", "start": "entered(mql)", "reset": "activity(*)", "target": {"calendar": "30d"},
         "on_breach": {"recommend": "disqualified", "reason": "unresponsive"}}])json");
    const auto load = leadsla::load_policy(doc.dump());
    for (const auto& e : load.errors()) {
        UNSCOPED_INFO(fmt::format("{}", e));
    }
    REQUIRE(load.has_value());
    const auto& slas = load->slas;
    REQUIRE(slas);
    CHECK(slas->specs()[0].escalate[0].action == "notify");  // the id when no action is given
    CHECK(slas->specs()[0].targets[0].target.duration == leadsla::BusinessDuration::hours(1));
    CHECK(slas->specs()[1].target->kind == leadsla::SlaTarget::Kind::calendar);
    CHECK(slas->specs()[1].on_breach->stage == leadsla::Stage::disqualified);
    CHECK(slas->specs()[0].on_segment_change == leadsla::SegmentChange::restart);
    CHECK(slas->specs()[1].on_segment_change == leadsla::SegmentChange::keep_elapsed);

    const std::vector<std::pair<std::function<void(nlohmann::json&)>, std::string>> cases{
        {[](auto& d) { d["calendars"]["dach"]["tz"] = "Europe/Berlinn"; },
         "error[time.unknown_zone] /calendars/dach/tz:"},
        {[](auto& d) { d["slas"][0]["start"] = "on(mql)"; },
         "error[parse.syntax] /slas/0/start: \"on(mql)\" is not a trigger (unknown trigger \"on\""},
        {[](auto& d) {
             d["slas"][0]["target"] = {{"business", "2d"}};
         },
         "error[time.bad_duration] /slas/0/target/business:"},
        {[](auto& d) {
             d["slas"][0]["target"] = {{"business", "4h"}, {"calendar", "4h"}};
         },
         "error[policy.invalid] /slas/0/target: a target is one of"},
        {[](auto& d) { d["slas"][0]["calendar"] = "emea"; },
         "error[policy.unknown_reference] /slas/0/calendar: \"emea\" is not a calendar of the "
         "policy (defined: dach)"},
        {[](auto& d) { d["slas"][0]["targets"][0]["segment"] = "large"; },
         "error[policy.unknown_reference] /slas/0/targets/0/segment: \"large\" is not a value"},
        {[](auto& d) { d["slas"][1]["id"] = "first_contact"; },
         "error[policy.duplicate_id] /slas/1/id: SLA \"first_contact\" is defined twice"},
        {[](auto& d) { d["slas"][0]["warn_at"] = {1000}; },
         "error[policy.invalid] /slas/0/warn_at/0: warnings are per mille"},
        {[](auto& d) { d["slas"][0]["escalate"][1]["after"] = "0h"; },
         "error[policy.invalid] /slas/0/escalate/1/after: escalation steps come in ascending"},
        {[](auto& d) { d["slas"][0]["on_segment_change"] = "reset"; },
         "error[json.type] /slas/0/on_segment_change: \"reset\" is not a segment-change rule "
         "(expected keep_elapsed or restart)"},
        {[](auto& d) { d["slas"][0]["paws"] = "activity(x)"; },
         "error[json.unknown_key] /slas/0/paws: unknown key \"paws\""},
        {[](auto& d) { d["slas"][0]["pause"] = "activity(contact_attempt)"; },
         "error[policy.invalid] /slas/0/resume: an SLA that pauses needs a resume trigger"},
    };
    for (const auto& [breaks, expected] : cases) {
        auto broken = doc;
        breaks(broken);
        const auto got = errors_of(broken);
        INFO(expected);
        REQUIRE(got.size() == 1);
        CHECK_THAT(got[0], Catch::StartsWith(expected));
    }
}

TEST_CASE("policy sections: the content hash ignores layout and follows content",
          "[policy][sections]") {
    auto doc = base_policy();
    doc["id"] = "p";
    doc["version"] = "1";
    doc["effective_from"] = "2026-01-01T00:00:00+01:00";
    const auto compact = leadsla::load_policy(doc.dump());
    const auto pretty = leadsla::load_policy(doc.dump(4));
    REQUIRE(compact.has_value());
    REQUIRE(pretty.has_value());
    CHECK(compact->content_hash == pretty->content_hash);
    CHECK(compact->effective_from == leadsla::test::at("2025-12-31T23:00:00Z"));
    // Key order in the text does not matter either: the canonical form sorts keys.
    const auto reordered =
        leadsla::load_policy(R"({"version": "1", "schema": {"attributes": {}}, "id": "p"})");
    const auto ordered =
        leadsla::load_policy(R"({"id":"p","schema":{"attributes":{}},"version":"1"})");
    REQUIRE(reordered.has_value());
    REQUIRE(ordered.has_value());
    CHECK(reordered->content_hash == ordered->content_hash);
    doc["version"] = "2";
    CHECK(leadsla::load_policy(doc.dump())->content_hash != compact->content_hash);
    // The hash of the empty-schema policy, worked out with `sha256sum`:
    //   printf '%s' '{"id":"p","schema":{"attributes":{}},"version":"1"}' | sha256sum
    CHECK(ordered->content_hash ==
          "sha256:14180483e9b818476a09743fb04462618655827ab77213855c14f1e945732ada");

    doc["effective_from"] = "2026-01-01T00:00:00";
    CHECK(errors_of(doc) ==
          std::vector<std::string>{"error[time.missing_offset] /effective_from: "
                                   "\"2026-01-01T00:00:00\" has no UTC offset: local times are "
                                   "not guessed; append 'Z' for UTC or an offset such as "
                                   "'+01:00'"});
}

TEST_CASE("policy sections: an SLA's calendar chosen by the owner's team",
          "[policy][sections][sla]") {
    // Team t (owners a, b) works Berlin hours; team u (owner c) New York hours. A lead that
    // became an MQL on Wednesday 25 November 2026 at 16:30 EST (21:30Z, 22:30 CET):
    //   owner a (Berlin 08:00–18:00): 4 business hours from Thursday 08:00 CET → 12:00 CET =
    //   11:00Z; owner c (New York 09:00–18:00, Thanksgiving on the 26th): 16:30–18:00 Wednesday is
    //   1h30m, Friday 09:00–11:30 the rest → 11:30 EST = 16:30Z.
    auto doc = base_policy();
    doc["routing"]["owners"].push_back({{"id", "c"}});
    doc["routing"]["teams"].push_back(
        {{"id", "u"}, {"distribution", "round_robin"}, {"members", {"c"}}});
    doc["calendars"] = nlohmann::json::parse(R"({
        "berlin": {"tz": "Europe/Berlin", "hours": {"mon": [["08:00", "18:00"]], "tue": [["08:00", "18:00"]],
                   "wed": [["08:00", "18:00"]], "thu": [["08:00", "18:00"]], "fri": [["08:00", "18:00"]]}},
        "new_york": {"tz": "America/New_York", "hours": {"mon": [["09:00", "18:00"]], "tue": [["09:00", "18:00"]],
                     "wed": [["09:00", "18:00"]], "thu": [["09:00", "18:00"]], "fri": [["09:00", "18:00"]]},
                     "holidays": ["2026-11-26"]}})");
    doc["slas"] = nlohmann::json::parse(R"json([{"id": "first_contact", "start": "entered(mql)",
        "stop": "activity(contact_attempt)", "target": {"business": "4h"},
        "calendar": {
        "by_owner_team" : {
            "t" : "berlin", "u" : "new_york"
        }}
}])json");
    const auto load = leadsla::load_policy(doc.dump());
    for (const auto& e : load.errors()) {
        UNSCOPED_INFO(fmt::format("{}", e));
    }
    REQUIRE(load.has_value());
    const leadsla::SlaSet& slas = *load->slas;
    const std::vector<leadsla::StageChange> mql{{leadsla::test::at("2026-11-25T21:30:00Z"),
                                                 leadsla::Stage::lead, leadsla::Stage::mql, "",
                                                 ""}};
    const auto now = leadsla::test::at("2026-11-25T22:00:00Z");
    leadsla::Lead lead;
    lead.id = leadsla::LeadId{"L"};
    lead.created_at = leadsla::test::at("2026-11-20T10:00:00Z");
    lead.stage = leadsla::Stage::mql;
    const auto due_for = [&](std::optional<const char*> owner) {
        lead.owner = owner ? std::optional{leadsla::OwnerId{*owner}} : std::nullopt;
        return slas.evaluate(lead, mql, {}, now, leadsla::test::attached_at(now)).front();
    };
    CHECK(due_for("a").calendar == "berlin");
    CHECK(due_for("a").due_at == leadsla::test::at("2026-11-26T11:00:00Z"));
    CHECK(due_for("c").calendar == "new_york");
    CHECK(due_for("c").due_at == leadsla::test::at("2026-11-27T16:30:00Z"));
    CHECK(due_for(std::nullopt).status == leadsla::TimerStatus::unresolved);
    CHECK(due_for(std::nullopt).problem ==
          "no calendar: the lead has no owner (the calendar is the owner's team's)");

    auto both = doc;
    both["slas"][0]["calendar"]["by_attribute"] = "country";
    auto unknown = doc;
    unknown["slas"][0]["calendar"]["by_owner_team"]["v"] = "berlin";
    auto conflict = doc;
    conflict["routing"]["teams"][1]["members"].push_back("a");  // a in t (berlin) and u (new_york)
    auto no_routing = doc;
    no_routing.erase("routing");
    no_routing["lifecycle"].erase("stage_map");
    CHECK(errors_of(both) ==
          std::vector<std::string>{"error[policy.invalid] /slas/0/calendar: choose the calendar "
                                   "either \"by_attribute\" (with \"calendars\") or "
                                   "\"by_owner_team\", not both"});
    CHECK(errors_of(unknown) == std::vector<std::string>{"error[policy.unknown_reference] "
                                                         "/slas/0/calendar/by_owner_team/v: \"v\" "
                                                         "is not a routing team"});
    CHECK(errors_of(conflict) ==
          std::vector<std::string>{"error[policy.invalid] /slas/0/calendar/by_owner_team/u: owner "
                                   "a is in two teams with different calendars (\"berlin\" and "
                                   "\"new_york\"): the owner's calendar would be ambiguous"});
    CHECK(errors_of(no_routing) ==
          std::vector<std::string>{"error[policy.unknown_reference] "
                                   "/slas/0/calendar/by_owner_team: a calendar by the owner's team "
                                   "needs a \"routing\" section with the teams"});
}

TEST_CASE("agreement: targets and reporting are read and checked against the policy",
          "[policy][agreement]") {
    nlohmann::json doc = base_policy();
    doc["schema"]["attributes"]["source"] = "string";
    doc["schema"]["attributes"]["amount"] = "decimal";
    doc["calendars"] = nlohmann::json::parse(
        R"json({"berlin": {"tz": "Europe/Berlin", "hours": {"mon": [["08:00", "18:00"]]}}})json");
    doc["slas"] = nlohmann::json::parse(
        R"json([{"id": "first_contact", "start": "entered(mql)", "stop": "activity(contact_attempt)",
             "target": {"business": "4h"}, "calendar": "berlin"}])json");
    doc["agreement"] = nlohmann::json::parse(R"json({
        "calendar": "berlin", "source": "source", "amount": "amount",
        "targets": [
          {"id": "mqls", "metric": "entries", "stage": "mql", "period": "month", "at_least": 60,
           "responsible": "marketing"},
          {"id": "on_time", "metric": "on_time_rate", "sla": "first_contact", "period": "week",
           "at_least": "92.5%", "responsible": "sales", "scope": {"segment": "enterprise"}},
          {"id": "p90", "metric": "response_time_p90", "sla": "first_contact", "period": "month",
           "at_most": "4h", "responsible": "sales", "scope": {"team": "t"}},
          {"id": "pipeline", "metric": "pipeline", "period": "quarter", "at_least": "250000.50",
           "responsible": "marketing"}]})json");
    const auto load = leadsla::load_policy(doc.dump());
    for (const auto& e : load.errors()) {
        UNSCOPED_INFO(fmt::format("{}", e));
    }
    REQUIRE(load);
    REQUIRE(load->agreement);
    const auto& targets = load->agreement->targets;
    REQUIRE(targets.size() == 4);
    CHECK(fmt::format("{}", targets[0]) == "mqls: entries(mql) >= 60 per month (marketing)");
    CHECK(fmt::format("{}", targets[1]) ==
          "on_time: on_time_rate(first_contact) [segment enterprise] >= 92.5% per week (sales)");
    CHECK(targets[1].value.basis_points == 9250);
    CHECK(fmt::format("{}", targets[2]) ==
          "p90: response_time_p90(first_contact) [team t] <= 4h per month (sales)");
    CHECK(targets[3].value.amount == leadsla::Decimal::parse("250000.5").value());

    struct Case {
        const char* name;
        std::function<void(nlohmann::json&)> breaks;
        std::string expected;
    };
    const std::vector<Case> cases{
        {"an unknown metric", [](auto& a) { a["targets"][0]["metric"] = "mql_volume"; },
         "error[policy.unknown_reference] /agreement/targets/0/metric: \"mql_volume\" is not a "
         "metric (one of: leads, entries, mql_rate, acceptance_rate, rejection_rate, "
         "sql_conversion, win_rate, lead_to_customer, on_time_rate, response_time_p50, "
         "response_time_p90, pipeline)"},
        {"a stage the lifecycle lacks", [](auto& a) { a["targets"][0]["stage"] = "sql"; },
         "error[lifecycle.undefined_stage] /agreement/targets/0/stage: stage sql is not a stage "
         "of the lifecycle"},
        {"an SLA the policy lacks", [](auto& a) { a["targets"][1]["sla"] = "first_response"; },
         "error[policy.unknown_reference] /agreement/targets/1/sla: \"first_response\" is not an "
         "SLA of the policy"},
        {"a rate without a percent sign", [](auto& a) { a["targets"][1]["at_least"] = 0.925; },
         "error[json.type] /agreement/targets/1/at_least: a rate target is a percentage such as "
         "\"65%\" or \"92.5%\" (0% to 100%), got 0.925"},
        {"a count that is not a whole number", [](auto& a) { a["targets"][0]["at_least"] = "60"; },
         "error[json.type] /agreement/targets/0/at_least: a count target is a whole number from 0 "
         "to 1000000000, got \"60\""},
        {"both bounds", [](auto& a) { a["targets"][0]["at_most"] = 90; },
         "error[policy.invalid] /agreement/targets/0: a target needs exactly one of \"at_least\" "
         "and \"at_most\""},
        {"a period the review cannot place",
         [](auto& a) { a["targets"][0]["period"] = "fortnight"; },
         "error[policy.invalid] /agreement/targets/0/period: \"fortnight\" is not a period (day, "
         "week, month, quarter, year)"},
        {"a segment value the classification cannot give",
         [](auto& a) { a["targets"][1]["scope"]["segment"] = "strategic"; },
         "error[policy.unknown_reference] /agreement/targets/1/scope/segment: \"strategic\" is not "
         "a value of the reporting segment classification"},
        {"an amount attribute that is not a decimal", [](auto& a) { a["amount"] = "source"; },
         "error[expr.type_mismatch] /agreement/amount: \"source\" is declared string; the amount "
         "attribute must be decimal"},
        {"no reporting calendar or zone", [](auto& a) { a.erase("calendar"); },
         "error[json.missing_key] /agreement/calendar: the review needs a reporting \"calendar\" "
         "or \"zone\" to place its periods (an MQL at 00:30 on 1 February in Berlin counts in "
         "February, not in UTC's January)"},
        {"an unknown zone",
         [](auto& a) {
             a.erase("calendar");
             a["zone"] = "Europe/Berlinn";
         },
         "error[time.unknown_zone] /agreement/zone: \"Europe/Berlinn\" is not a time zone of the "
         "system tz database (expected an IANA name such as \"Europe/Berlin\"; is the tzdata "
         "package installed?)"},
        {"a team the routing lacks", [](auto& a) { a["targets"][2]["scope"]["team"] = "emea"; },
         "error[policy.unknown_reference] /agreement/targets/2/scope/team: \"emea\" is not a team "
         "of the routing section"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        nlohmann::json broken = doc;
        c.breaks(broken["agreement"]);
        const auto errors = errors_of(broken);
        REQUIRE(errors.size() == 1);
        CHECK(errors[0] == c.expected);
        // Every error is placed in the document: line and column.
        const auto located = leadsla::load_policy(broken.dump(2));
        REQUIRE_FALSE(located);
        CHECK(located.errors().front().line > 0);
    }
    nlohmann::json old = base_policy();
    old["lifecycle"]["volume_targets"] = nlohmann::json::array();
    CHECK(errors_of(old) ==
          std::vector<std::string>{
              "error[json.unknown_key] /lifecycle/volume_targets: volume targets moved to the "
              "agreement: write {\"metric\": \"entries\", \"stage\": ..., \"period\": \"month\", "
              "\"at_least\": ...} in /agreement/targets (docs/metrics.md)"});
}

TEST_CASE("rationale: why a version exists is read, and a blank or malformed one is an error",
          "[policy][sections][rationale]") {
    auto doc = base_policy();
    CHECK_FALSE(leadsla::load_policy(doc.dump())->rationale);
    doc["rationale"] = {{"why", "Sales asked for one more day to accept"},
                        {"decided_by", "Head of Sales"},
                        {"review", "2026-Q1 SLA review"}};
    const auto load = leadsla::load_policy(doc.dump());
    REQUIRE(load);
    REQUIRE(load->rationale);
    CHECK(*load->rationale == leadsla::PolicyRationale{"Sales asked for one more day to accept",
                                                       "Head of Sales", "2026-Q1 SLA review"});
    CHECK(fmt::format("{}", *load->rationale) ==
          "Sales asked for one more day to accept (decided by Head of Sales; 2026-Q1 SLA review)");
    CHECK(fmt::format("{}", leadsla::PolicyRationale{"Only why", "", ""}) == "Only why");
    CHECK(fmt::format("{}", leadsla::PolicyRationale{"Why", "", "Q3 review"}) == "Why (Q3 review)");

    doc["rationale"] = {{"decided_by", "nobody"}, {"reveiw", "x"}};
    CHECK(errors_of(doc) ==
          std::vector<std::string>{
              "error[json.unknown_key] /rationale/reveiw: unknown key \"reveiw\" (expected one "
              "of: why, decided_by, review)",
              "error[json.missing_key] /rationale/why: missing \"why\""});
    doc["rationale"] = {{"why", "  "}};
    CHECK(errors_of(doc) == std::vector<std::string>{
                                "error[policy.invalid] /rationale/why: the rationale is blank: say "
                                "why this version exists"});
    doc["rationale"] = "because";
    CHECK(errors_of(doc) == std::vector<std::string>{
                                "error[json.type] /rationale: expected an object, got a string"});
}
