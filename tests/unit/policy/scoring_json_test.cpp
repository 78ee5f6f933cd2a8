// SPDX-License-Identifier: Apache-2.0
#include <leadsla/policy/load.hpp>

#include <support/test_support.hpp>

namespace {
std::vector<std::string> errors_of(std::string_view text) {
    const auto load = leadsla::load_scoring_policy(text);
    REQUIRE_FALSE(load.has_value());
    std::vector<std::string> out;
    for (const auto& e : load.errors()) {
        out.push_back(leadsla::without_position(e));
    }
    return out;
}
}  // namespace

TEST_CASE("a scoring policy reports every error, each with its pointer", "[policy][scoring_json]") {
    const auto errors = errors_of(R"({
      "schema": {"attributes": {"employees": "int", "industry": "text"},
                 "activities": {"web_visit": {"url": "string", "occurred_at": "instant"}},
                 "sets": {"core": ["software", 7]}},
      "scoring": {
        "axes": [{"id": "fit", "max": 50, "bands": [{"grade": "A", "min": 40}, {"grade": "B", "min": 45}, {"grade": "C"}]}],
        "rules": [{"id": "r1", "axis": "fit", "when": "employes >= 20", "points": 10},
                  {"id": "r1", "axis": "fitt", "when": "employees >= 20", "points": 1.5},
                  {"id": "r3", "axis": "fit", "activity": "web_visit", "points": 2, "repeat": "twice", "decay": {"half_life": "0"}},
                  {"id": "r4", "axis": "fit", "when": "employees > 1", "points": 1, "max_times": 3, "wehn": "x"}],
        "qualifications": [{"id": "mql", "when": "fit >= 30 and"}]}})");
    const std::vector<std::string> expected{
        "error[json.type] /schema/attributes/industry: \"text\" is not a type (expected bool, int, "
        "decimal, string, instant or string_list)",
        "error[json.type] /schema/activities/web_visit/occurred_at: \"occurred_at\" is built into "
        "every activity; do not declare it",
        "error[json.type] /schema/sets/core/1: expected a string, got an integer",
        "error[json.type] /scoring/rules/1/points: expected an integer from -1000000000 to "
        "1000000000, got a decimal number",
        "error[json.type] /scoring/rules/2/repeat: \"twice\" is not a repetition (expected every, "
        "once or once_per:<duration> such as once_per:1d)",
        "error[time.bad_duration] /scoring/rules/2/decay/half_life: \"0\" is not a duration "
        "(expected e.g. 30d, 12h, 2w, 1d12h): a unit (w, d, h, m or s) must follow the number",
        "error[json.unknown_key] /scoring/rules/3/wehn: unknown key \"wehn\" (expected one of: id, "
        "axis, points, when, activity, where, within, repeat, max_times, decay)",
    };
    CHECK(errors == expected);
}

TEST_CASE("semantic errors are collected after the document reads cleanly",
          "[policy][scoring_json]") {
    const auto errors = errors_of(R"({
      "schema": {"attributes": {"employees": "int"}, "activities": {"web_visit": {"url": "string"}}},
      "scoring": {
        "axes": [{"id": "fit", "max": 5, "min": 10, "bands": [{"grade": "A", "min": 40}, {"grade": "B", "min": 45}, {"grade": "C"}]}],
        "rules": [{"id": "r1", "axis": "fit", "when": "employes >= 20", "points": 10},
                  {"id": "r1", "axis": "fitt", "when": "employees >= 20", "points": 1},
                  {"id": "r3", "axis": "fit", "when": "employees > 1", "points": 1, "max_times": 3},
                  {"id": "r4", "axis": "fit", "when": "fit > 3", "points": 1}],
        "qualifications": [{"id": "mql", "when": "fit >= 30 and"}]}})");
    REQUIRE(errors.size() == 8);
    CHECK(errors[0] == "error[parse.out_of_range] /scoring/axes/0: min (10) is above max (5)");
    CHECK(errors[1] ==
          "error[parse.out_of_range] /scoring/axes/0/bands/1/min: bands go from the highest "
          "\"min\" down, each lower than the one before");
    CHECK(errors[2].rfind(
              "error[expr.unknown_name] /scoring/rules/0/when: unknown name \"employes\"", 0) == 0);
    CHECK(errors[3] ==
          "error[json.type] /scoring/rules/1/id: rule ids must be unique and non-empty; \"r1\" is "
          "not");
    CHECK(
        errors[4] ==
        "error[json.type] /scoring/rules/1/axis: \"fitt\" is not an axis of the model (axes: fit)");
    CHECK(errors[5] ==
          "error[json.type] /scoring/rules/2: \"where\", \"within\", \"repeat\", \"max_times\" and "
          "\"decay\" apply to activity rules only (set \"activity\")");
    CHECK(errors[6].rfind("error[expr.unknown_name] /scoring/rules/3/when: unknown name \"fit\"",
                          0) == 0);
    CHECK(errors[7] ==
          "error[expr.syntax] /scoring/qualifications/0/when: the expression ends too early at "
          "column 14\n"
          "    fit >= 30 and\n                 ^");
}

TEST_CASE("malformed JSON is one clear error", "[policy][scoring_json]") {
    CHECK(errors_of("{").front().rfind("error[json.syntax]: syntax error while parsing object key",
                                       0) == 0);
    CHECK(errors_of("[]") ==
          std::vector<std::string>{"error[json.type]: expected an object, got an array"});
    CHECK(errors_of(R"({"scoring": {}})") ==
          std::vector<std::string>{"error[json.missing_key] /schema: missing \"schema\"",
                                   "error[json.missing_key] /scoring/axes: missing \"axes\"",
                                   "error[json.missing_key] /scoring/rules: missing \"rules\""});
}
