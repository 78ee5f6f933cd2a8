// SPDX-License-Identifier: Apache-2.0
#include <leadsla/engine/policy_set.hpp>

#include <support/test_support.hpp>

using leadsla::Stage;
using leadsla::StageChange;
using leadsla::TimerStatus;
using leadsla::test::at;

namespace {

/// One SLA, first contact within `target` business hours, on a Berlin 08:00–18:00 calendar.
std::string policy(const char* version,
                   const char* effective_from,
                   const char* target,
                   const char* id = "first-contact-sla") {
    return fmt::format(R"json({{
      "id": "{}", "version": "{}", {}
      "schema": {{"attributes": {{}}, "activities": {{"contact_attempt": {{}}}}}},
      "calendars": {{"dach": {{"tz": "Europe/Berlin", "hours": {{
          "mon": [["08:00", "18:00"]], "tue": [["08:00", "18:00"]], "wed": [["08:00", "18:00"]],
          "thu": [["08:00", "18:00"]], "fri": [["08:00", "18:00"]]}}}}}},
      "slas": [{{"id": "first_contact", "start": "entered(mql)",
                 "stop": "activity(contact_attempt)", "target": {{"business": "{}"}},
                 "calendar": "dach"}}]
    }})json",
                       id, version,
                       effective_from == nullptr
                           ? std::string{}
                           : fmt::format(R"("effective_from": "{}",)", effective_from),
                       target);
}

leadsla::PolicySet two_versions() {
    // v1: 4 business hours. v2, from Monday 30 March 2026 00:00 CEST: 2 business hours.
    const std::string v1 = policy("1", "2026-01-01T00:00:00+01:00", "4h");
    const std::string v2 = policy("2", "2026-03-30T00:00:00+02:00", "2h");
    const std::vector<std::string_view> texts{v2, v1};  // any order
    auto set = leadsla::load_policy_set(texts);
    for (const auto& e : set.errors()) {
        UNSCOPED_INFO(fmt::format("{}", e));
    }
    REQUIRE(set);
    return *set;
}

leadsla::Lead lead(const char* id) {
    leadsla::Lead l;
    l.id = leadsla::LeadId{id};
    l.created_at = at("2026-03-20T09:00:00Z");
    l.stage = Stage::mql;
    return l;
}

}  // namespace

TEST_CASE("policy set: a clock is judged under the version in force when it started",
          "[engine][policy_set]") {
    const auto set = two_versions();
    REQUIRE(set.versions().size() == 2);
    CHECK(set.versions()[0].policy().version == "1");
    CHECK(&set.in_force(at("2026-03-29T21:59:59Z")) == &set.versions()[0]);
    CHECK(&set.in_force(at("2026-03-29T22:00:00Z")) == &set.versions()[1]);
    CHECK(&set.in_force(at("2025-06-01T00:00:00Z")) == &set.versions()[0]);  // before all

    // MQL on Friday 27 March 16:00 CET, under v1 (4h): Fri 16–18 is 2h, Monday 08:00–10:00 CEST
    // the other 2h, so due Monday 10:00 CEST = 08:00Z. At Monday 09:00 CEST v2 is in force, but
    // the clock keeps v1's target; under v2 it would have been due Monday 08:00 CEST.
    const std::vector<StageChange> friday{
        {at("2026-03-27T15:00:00Z"), Stage::lead, Stage::mql, "automation", ""}};
    const auto e = set.evaluate(lead("L1"), {}, friday, at("2026-03-30T07:00:00Z"));
    CHECK(e.policy_version == "2");
    REQUIRE(e.timers.size() == 1);
    CHECK(e.timers[0].policy_version == "1");
    CHECK(e.timers[0].status == TimerStatus::running);
    CHECK(e.timers[0].due_at == at("2026-03-30T08:00:00Z"));
    CHECK(e.next_check_at == at("2026-03-30T08:00:00Z"));
    CHECK(e.actions.empty());

    // MQL on Monday 08:30 CEST, under v2 (2h): due 10:30 CEST = 08:30Z.
    const std::vector<StageChange> monday{
        {at("2026-03-30T06:30:00Z"), Stage::lead, Stage::mql, "automation", ""}};
    const auto m = set.evaluate(lead("L2"), {}, monday, at("2026-03-30T07:00:00Z"));
    CHECK(m.timers[0].policy_version == "2");
    CHECK(m.timers[0].due_at == at("2026-03-30T08:30:00Z"));

    // A single version judges everything and stamps its version.
    const leadsla::Engine only{leadsla::load_policy(policy("7", nullptr, "4h")).value()};
    CHECK(only.evaluate(lead("L1"), {}, friday, at("2026-03-30T07:00:00Z"))
              .timers[0]
              .policy_version == "7");
}

TEST_CASE("policy set: versions of one policy with distinct effective dates",
          "[engine][policy_set][errors]") {
    const auto messages = [](std::vector<std::string> texts) {
        std::vector<std::string_view> views(texts.begin(), texts.end());
        const auto set = leadsla::load_policy_set(views);
        CHECK_FALSE(set);
        std::vector<std::string> out;
        for (const auto& e : set.errors()) {
            out.push_back(leadsla::without_position(e));
        }
        return out;
    };
    CHECK(messages({policy("1", "2026-01-01T00:00:00Z", "4h"),
                    policy("2", "2026-02-01T00:00:00Z", "4h", "other")}) ==
          std::vector<std::string>{"error[policy.invalid] /id: version \"2\" has policy id "
                                   "\"other\"; the set's id is \"first-contact-sla\" (one set "
                                   "holds versions of one policy)"});
    CHECK(messages({policy("1", "2026-01-01T00:00:00Z", "4h"), policy("2", nullptr, "4h")}) ==
          std::vector<std::string>{"error[policy.invalid] /effective_from: version \"2\" has no "
                                   "\"effective_from\": with several versions each must say "
                                   "when it comes into force"});
    CHECK(messages({policy("1", "2026-01-01T00:00:00Z", "4h"),
                    policy("2", "2026-01-01T01:00:00+01:00", "4h")}) ==
          std::vector<std::string>{"error[policy.duplicate_id] /effective_from: version \"2\" "
                                   "and version \"1\" both come into force at "
                                   "2026-01-01T00:00:00Z"});
    CHECK(messages({policy("1", "2026-01-01T00:00:00Z", "4 hours")}) ==
          std::vector<std::string>{
              "error[time.bad_duration] [0]/slas/0/target/business: \"4 hours\" is not a "
              "business duration (expected e.g. 4h, 90m, 45s, 1h30m): unknown unit ' '"});
    CHECK(messages({}) == std::vector<std::string>{
                              "error[policy.invalid]: a policy set needs at least one version"});
}
