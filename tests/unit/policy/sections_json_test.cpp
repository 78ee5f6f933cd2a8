// SPDX-License-Identifier: Apache-2.0
#include <nlohmann/json.hpp>

#include <leadsla/policy/policy_sections.hpp>
#include <leadsla/policy/scoring_json.hpp>

#include <support/test_support.hpp>

namespace {

/// A small valid document; each case below breaks one thing in it.
nlohmann::json base() {
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
    const auto load = leadsla::load_policy_sections(doc.dump());
    std::vector<std::string> out;
    for (const auto& e : load.errors) {
        out.push_back(fmt::format("{}", e));
    }
    return out;
}

}  // namespace

TEST_CASE("policy sections: a valid document compiles every section", "[policy][sections]") {
    const auto load = leadsla::load_policy_sections(base().dump());
    REQUIRE(load.ok());
    const auto& s = *load.sections;
    REQUIRE(s.scoring);
    REQUIRE(s.segments);
    REQUIRE(s.lifecycle);
    REQUIRE(s.routing);
    CHECK(s.lifecycle->map_crm_stage("marketingqualifiedlead").value() == leadsla::Stage::mql);
    CHECK(s.routing->spec().teams[0].members[1].weight == 2);
    CHECK(s.lifecycle->spec().cadence->activity == "contact_attempt");
    // The scoring loader reads the same document (it skips the other sections).
    CHECK(leadsla::load_scoring_policy(base().dump()).ok());
}

TEST_CASE("policy sections: every error, with its pointer and what was expected",
          "[policy][sections][errors]") {
    struct Case {
        const char* name;
        std::function<void(nlohmann::json&)> breaks;
        std::vector<std::string> expected;
    };
    const std::vector<Case> cases{
        {"unknown key in lifecycle",
         [](auto& d) { d["lifecycle"]["stagess"] = nlohmann::json::array(); },
         {"error[json.unknown_key] /lifecycle/stagess: unknown key \"stagess\" (expected one of: "
          "initial, stages, transitions, reasons, cadence, recycling, stage_map)"}},
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
        auto doc = base();
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
    CHECK_FALSE(leadsla::load_policy_sections("{").ok());
    CHECK_FALSE(leadsla::load_policy_sections(std::string(10000, '[')).ok());
    const auto dup = leadsla::load_policy_sections(R"({"schema": {}, "schema": {}})");
    REQUIRE(dup.errors.size() == 1);
    CHECK(dup.errors[0].code == leadsla::ErrorCode::json_syntax);
    const auto no_schema = leadsla::load_policy_sections(R"({"id": "x"})");
    REQUIRE(no_schema.errors.size() == 1);
    CHECK(fmt::format("{}", no_schema.errors[0]) ==
          "error[json.missing_key] /schema: missing \"schema\"");
}
