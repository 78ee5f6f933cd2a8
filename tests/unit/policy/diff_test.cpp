// SPDX-License-Identifier: Apache-2.0
#include <nlohmann/json.hpp>

#include <leadsla/policy/diff.hpp>

#include <support/test_support.hpp>

using Kind = leadsla::PolicyChange::Kind;

namespace {

nlohmann::json base() {
    return nlohmann::json::parse(R"json({
      "id": "p", "version": "1",
      "schema": {"attributes": {"employees": "int"}, "sets": {"core": ["a", "b"]}},
      "scoring": {"axes": [{"id": "fit"}],
                  "rules": [{"id": "r1", "axis": "fit", "when": "employees >= 20", "points": 10},
                            {"id": "r2", "axis": "fit", "when": "employees >= 200", "points": 5},
                            {"id": "r3", "axis": "fit", "when": "employees >= 2000", "points": 5}]}
    })json");
}

std::vector<std::string> diff(const nlohmann::json& before, const nlohmann::json& after) {
    const auto changes = leadsla::diff_policies(before.dump(), after.dump(2));
    REQUIRE(changes);
    std::vector<std::string> out;
    for (const auto& c : *changes) {
        out.push_back(fmt::format("{}", c));
    }
    return out;
}

}  // namespace

TEST_CASE("diff: layout and key order are not changes", "[policy][diff]") {
    CHECK(diff(base(), base()).empty());
}

TEST_CASE("diff: list entries are matched by id, so an insertion is one change", "[policy][diff]") {
    auto after = base();
    auto& rules = after["scoring"]["rules"];
    rules.insert(rules.begin(),
                 nlohmann::json::parse(
                     R"({"id": "r0", "axis": "fit", "when": "employees >= 5", "points": 1})"));
    rules[2]["points"] = 6;  // r2
    CHECK(
        diff(base(), after) ==
        std::vector<std::string>{
            "~ scoring.rules[r2].points: 5 -> 6",
            R"(+ scoring.rules[r0]: {"axis":"fit","id":"r0","points":1,"when":"employees >= 5"})"});
}

TEST_CASE("diff: removal, reordering and plain-value lists as sets", "[policy][diff]") {
    auto after = base();
    auto& rules = after["scoring"]["rules"];
    std::swap(rules[0], rules[2]);   // r3, r2, r1
    rules.erase(rules.begin() + 1);  // r3, r1
    after["schema"]["sets"]["core"] = {"b", "c"};
    after["version"] = "2";
    const auto changes = leadsla::diff_policies(base().dump(), after.dump()).value();
    REQUIRE(changes.size() == 5);
    CHECK(changes[0] == leadsla::PolicyChange{Kind::removed, "schema.sets.core", "\"a\"", ""});
    CHECK(changes[1] == leadsla::PolicyChange{Kind::added, "schema.sets.core", "", "\"c\""});
    CHECK(changes[2].kind == Kind::removed);
    CHECK(changes[2].path == "scoring.rules[r2]");
    CHECK(changes[3] ==
          leadsla::PolicyChange{Kind::reordered, "scoring.rules", "r1, r3", "r3, r1"});
    CHECK(changes[4] == leadsla::PolicyChange{Kind::changed, "version", "\"1\"", "\"2\""});
}

TEST_CASE("diff: an invalid policy is an error that says which one", "[policy][diff][errors]") {
    auto bad = base();
    bad["scoring"]["rules"][0]["when"] = "employes >= 20";
    const auto r = leadsla::diff_policies(base().dump(), bad.dump());
    REQUIRE_FALSE(r);
    CHECK(r.error().code == leadsla::ErrorCode::expr_unknown_name);
    CHECK(r.error().where == "new:/scoring/rules/0/when");
    CHECK_FALSE(leadsla::diff_policies("{", base().dump()));
}

TEST_CASE("diff: the rationale is the reason for the changes, not one of them",
          "[policy][diff][rationale]") {
    auto after = base();
    after["rationale"] = {{"why", "Bigger companies convert better"}};
    after["scoring"]["rules"][1]["points"] = 8;
    CHECK(diff(base(), after) == std::vector<std::string>{"~ scoring.rules[r2].points: 5 -> 8"});
    auto reworded = after;
    reworded["rationale"]["why"] = "Companies of 200+ convert better";
    CHECK(diff(after, reworded).empty());
}
