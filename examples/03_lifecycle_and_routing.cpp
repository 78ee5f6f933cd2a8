// SPDX-License-Identifier: Apache-2.0
// Score a lead, see which stage it qualifies for, route it, and check what sales reports back —
// all from examples/policies/funnel.json. Run from the examples/ directory.
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include <leadsla/leadsla.hpp>

namespace {

std::string read(const char* path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

leadsla::Instant at(const char* text) {
    return leadsla::parse_instant(text).value();
}

}  // namespace

int main() {
    const leadsla::Loaded<leadsla::Policy> load =
        leadsla::load_policy(read("policies/funnel.json"));
    if (!load) {
        for (const leadsla::Error& e : load.errors()) {
            fmt::print(stderr, "{}\n", e);
        }
        return 1;
    }
    const leadsla::Policy& policy = *load;

    leadsla::Lead lead;
    lead.id = leadsla::LeadId{"L-100"};
    lead.account = leadsla::AccountId{"acme"};
    lead.attributes = {{"employees", leadsla::AttributeValue{std::int64_t{120}}},
                       {"industry", leadsla::AttributeValue{"software"}},
                       {"country", leadsla::AttributeValue{"DE"}},
                       {"budget_indicated", leadsla::AttributeValue{true}}};
    const leadsla::ActivityHistory history{std::vector<leadsla::Activity>{
        {at("2026-03-05T09:00:00Z"), leadsla::ActivityId{"v1"}, "web_visit", {}},
        {at("2026-03-09T09:00:00Z"), leadsla::ActivityId{"v2"}, "web_visit", {}},
        {at("2026-03-10T09:00:00Z"),
         leadsla::ActivityId{"d1"},
         "content_download",
         {{"asset_type", leadsla::AttributeValue{"whitepaper"}}}},
        {at("2026-03-12T09:00:00Z"), leadsla::ActivityId{"v3"}, "web_visit", {}},
    }};
    const leadsla::Instant now = at("2026-03-12T12:00:00Z");

    // 1. Score, then ask the lifecycle which stage the lead qualifies for.
    const leadsla::ScoreCard card = policy.scoring->score(lead, history, now);
    fmt::print("score: fit {}, engagement {}\n", card.axes[0].score, card.axes[1].score);
    const leadsla::StageRecommendation stage = policy.lifecycle->recommend(
        lead, history, leadsla::score_facts(*policy.scoring, card), now);
    fmt::print("stage: {}\n", stage);
    lead.stage = stage.recommended;

    // 2. Route it; the routing state is a value the host keeps.
    leadsla::RoutingState routing;
    const leadsla::RoutingDecision owner = policy.routing->route(lead, routing);
    fmt::print("owner: {}\n", owner);
    for (const std::string& line : owner.trace) {
        fmt::print("  {}\n", line);
    }

    // 3. What sales reports back is checked against the SLA's rules.
    const std::vector<leadsla::StageChange> reported{
        {at("2026-03-12T14:00:00Z"), leadsla::Stage::mql, leadsla::Stage::sal, "anna", ""},
        {at("2026-03-13T09:00:00Z"), leadsla::Stage::sal, leadsla::Stage::disqualified, "anna", ""},
        {at("2026-03-13T09:05:00Z"), leadsla::Stage::sal, leadsla::Stage::disqualified, "anna",
         "unresponsive"},
    };
    for (const leadsla::StageChange& change : reported) {
        const auto violations = policy.lifecycle->check(change, history);
        fmt::print("{} → {} ({}): {}\n", change.from, change.to,
                   change.reason.empty() ? "no reason" : change.reason,
                   violations.empty() ? "ok" : violations[0].message);
    }
}
