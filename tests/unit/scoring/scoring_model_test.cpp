// SPDX-License-Identifier: Apache-2.0
// Scoring with hand-worked expected values. now = 2026-03-31T12:00:00Z; the history of
// tests/support/expr_fixture.hpp: visits on Jan 5, Mar 10, Mar 25, Mar 30 (and one after now), a
// whitepaper on Mar 20, contact attempts on Mar 30 11:00 and 15:00 and Mar 31 09:00.
#include <array>
#include <random>
#include <set>

#include <leadsla/policy/load.hpp>

#include <support/expr_fixture.hpp>

using leadsla::Points;
using leadsla::ScoreCard;
using leadsla::test::at;

namespace {

constexpr std::string_view schema_json = R"("schema": {
    "attributes": {"employees": "int", "industry": "string", "country": "string", "budget_indicated": "bool",
                   "revenue": "decimal", "signed_up": "instant", "nickname": "string"},
    "activities": {"web_visit": {"url": "string", "duration_s": "int"},
                   "content_download": {"asset_type": "string"},
                   "contact_attempt": {"channel": "string"}},
    "sets": {"core_industries": ["software", "financial_services", "manufacturing", "healthcare", "logistics"]}})";

leadsla::ScoringModel model(std::string_view scoring) {
    const auto load =
        leadsla::load_scoring_policy(fmt::format("{{{}, \"scoring\": {}}}", schema_json, scoring));
    if (!load.has_value()) {
        FAIL(fmt::format("{}", load.errors().front()));
    }
    return *load;
}

ScoreCard score(const leadsla::ScoringModel& m,
                leadsla::ExplainLevel level = leadsla::ExplainLevel::rules) {
    return m.score(leadsla::test::example_lead(),
                   leadsla::ActivityHistory{leadsla::test::example_history()},
                   leadsla::test::example_now(), level);
}

Points pts(std::int64_t milli) {
    return Points::from_milli(milli);
}

}  // namespace

TEST_CASE("attribute rules: negative points, axis max and min caps, total", "[scoring]") {
    const auto m = model(R"({"axes": [{"id": "fit", "max": 50}, {"id": "engagement", "min": -5}],
        "rules": [{"id": "big", "axis": "fit", "when": "employees >= 20", "points": 30},
                  {"id": "core", "axis": "fit", "when": "industry in core_industries", "points": 25},
                  {"id": "us", "axis": "fit", "when": "country == \"US\"", "points": -10},
                  {"id": "budget", "axis": "fit", "when": "budget_indicated", "points": 20},
                  {"id": "anonymous", "axis": "engagement", "when": "nickname is null", "points": -20},
                  {"id": "never", "axis": "engagement", "when": "employees > 5000", "points": 99}]})");
    const ScoreCard card = score(m);
    CHECK(card.axes[0].raw == Points::whole(65));  // 30 + 25 - 10 + 20
    CHECK(card.axes[0].score == Points::whole(50));
    CHECK(card.axes[1].raw == Points::whole(-20));
    CHECK(card.axes[1].score == Points::whole(-5));
    CHECK(card.total == Points::whole(45));
    REQUIRE(card.rules.size() == 6);
    CHECK(card.rules[2].held);
    CHECK(card.rules[2].points == Points::whole(-10));
    CHECK_FALSE(card.rules[5].held);
    CHECK(card.rules[5].points == Points{});
    CHECK_FALSE(card.next_change.has_value());
}

TEST_CASE("an axis outside the total scores and grades, and adds nothing to the total",
          "[scoring]") {
    const auto m = model(R"({"axes": [{"id": "fit"},
                  {"id": "predictive", "in_total": false,
                   "bands": [{"grade": "P", "min": 10}, {"grade": "Q"}]}],
        "rules": [{"id": "big", "axis": "fit", "when": "employees >= 20", "points": 30},
                  {"id": "p.base", "axis": "predictive", "when": "true", "points": -4},
                  {"id": "p.big", "axis": "predictive", "when": "employees >= 20", "points": 17}]})");
    CHECK(m.spec().axes[0].in_total);
    CHECK_FALSE(m.spec().axes[1].in_total);
    const ScoreCard card = score(m);
    CHECK(card.axes[1].score == Points::whole(13));  // -4 + 17
    CHECK(card.axes[1].band == "P");
    CHECK(card.total == Points::whole(30));
    CHECK(card.grade == "P");
    const auto bad = leadsla::load_scoring_policy(fmt::format(
        R"({{{}, "scoring": {{"axes": [{{"id": "fit", "in_total": "no"}}], "rules": []}}}})",
        schema_json));
    REQUIRE_FALSE(bad.has_value());
    CHECK(leadsla::without_position(bad.errors().front()) ==
          "error[json.type] /scoring/axes/0/in_total: expected true or false, got a string");
}

TEST_CASE("activity rules: every, once, once per day, max_times, windows",
          "[scoring][activities]") {
    const auto m = model(R"({"axes": [{"id": "engagement"}],
        "rules": [{"id": "visits", "axis": "engagement", "activity": "web_visit", "within": "30d", "points": 2},
                  {"id": "paper", "axis": "engagement", "activity": "content_download",
                   "where": "asset_type == \"whitepaper\"", "repeat": "once", "points": 10},
                  {"id": "calls", "axis": "engagement", "activity": "contact_attempt", "repeat": "once_per:1d", "points": 3},
                  {"id": "latest_two", "axis": "engagement", "activity": "web_visit", "max_times": 2, "points": 5},
                  {"id": "gated", "axis": "engagement", "activity": "web_visit", "when": "employees > 5000", "points": 100}]})");
    const ScoreCard card = score(m);
    REQUIRE(card.rules.size() == 5);
    // Mar 10, 25 and 30 are within 30 days; Jan 5 is not; the visit after now never counts.
    CHECK(card.rules[0].occurrences == 3);
    CHECK(card.rules[0].points == Points::whole(6));
    CHECK(card.rules[1].occurrences == 1);
    CHECK(card.rules[1].points == Points::whole(10));
    // Two UTC days with attempts (Mar 30 twice, Mar 31 once).
    CHECK(card.rules[2].occurrences == 2);
    CHECK(card.rules[2].points == Points::whole(6));
    // The two most recent visits.
    CHECK(card.rules[3].occurrences == 2);
    CHECK(card.rules[3].points == Points::whole(10));
    CHECK_FALSE(card.rules[4].held);
    CHECK(card.axes[0].score == Points::whole(32));
    // The Mar 10 visit leaves the 30-day window at 2026-04-09T10:00:01Z.
    CHECK(card.next_change == at("2026-04-09T10:00:01Z"));
}

TEST_CASE("decay by steps, exact, with the next change", "[scoring][decay]") {
    const auto m = model(R"({"axes": [{"id": "engagement"}],
        "rules": [{"id": "visits", "axis": "engagement", "activity": "web_visit", "points": 10,
                   "decay": {"steps": [{"within": "7d", "percent": 100}, {"within": "30d", "percent": 50}]}}]})");
    const ScoreCard card = score(m);
    // Ages: Mar 30 (1d2h) 100 %, Mar 25 (6d2h) 100 %, Mar 10 (21d2h) 50 %, Jan 5 (85 d) 0.
    CHECK(card.rules[0].points == Points::whole(25));
    CHECK(card.rules[0].occurrences == 4);
    // The Mar 25 visit drops to 50 % when it is older than 7 days.
    CHECK(card.next_change == at("2026-04-01T10:00:01Z"));
}

TEST_CASE("half-life decay in integer milli-points", "[scoring][decay]") {
    const auto m = model(R"({"axes": [{"id": "engagement"}],
        "rules": [{"id": "paper", "axis": "engagement", "activity": "content_download", "points": 8,
                   "decay": {"half_life": "7d"}}]})");
    const ScoreCard card = score(m);
    // Age 11d2h = 957,600 s; 957,600 * 64 / 604,800 = 101 sixty-fourths = 1 halving + 37/64:
    // 8,000 * table[37] >> 31 = 2,679 milli-points (8 * 2^-1.578125 = 2.6795...).
    CHECK(card.rules[0].points == pts(2679));
    CHECK(fmt::format("{}", card.rules[0].points) == "2.679");
    // The next sixty-fourth begins at age 102 * 604,800 / 64 = 963,900 s.
    CHECK(card.next_change == at("2026-03-31T13:45:00Z"));
}

TEST_CASE("grades from bands and qualifications over the capped scores", "[scoring][grades]") {
    const auto m = model(R"({"axes": [
            {"id": "fit", "max": 50, "bands": [{"grade": "A", "min": 40}, {"grade": "B", "min": 25}, {"grade": "C", "min": 10}, {"grade": "D"}]},
            {"id": "engagement", "bands": [{"grade": "1", "min": 30}, {"grade": "2", "min": 15}, {"grade": "3", "min": 5}, {"grade": "4"}]}],
        "rules": [{"id": "big", "axis": "fit", "when": "employees >= 20", "points": 30},
                  {"id": "core", "axis": "fit", "when": "industry in core_industries", "points": 25},
                  {"id": "visits", "axis": "engagement", "activity": "web_visit", "within": "30d", "points": 4}],
        "qualifications": [{"id": "mql", "when": "fit >= 50 and engagement >= 10"},
                           {"id": "sales_ready", "when": "fit >= 50 and engagement >= 15"}]})");
    const ScoreCard card = score(m, leadsla::ExplainLevel::conditions);
    CHECK(card.axes[0].score == Points::whole(50));  // 55, capped
    CHECK(card.axes[1].score == Points::whole(12));
    CHECK(card.axes[0].band == "A");
    CHECK(card.axes[1].band == "3");
    CHECK(card.grade == "A3");
    CHECK(card.qualified == std::vector<bool>{true, false});
    // A false `and` is explained by its first false part.
    CHECK(card.qualification_explanations[1] == "engagement >= 15: false (engagement = 12)");
    CHECK(card.qualification_explanations[0] ==
          "fit >= 50: true (fit = 50); engagement >= 10: true (engagement = 12)");
}

TEST_CASE("explanations name the failed sub-condition with its value", "[scoring][explain]") {
    const auto m = model(R"({"axes": [{"id": "fit"}],
        "rules": [{"id": "mql_shape", "axis": "fit", "when": "employees >= 500 and industry in core_industries", "points": 10}]})");
    const ScoreCard card = score(m, leadsla::ExplainLevel::conditions);
    CHECK(card.rules[0].explanation == "employees >= 500: false (employees = 120)");
    CHECK(score(m, leadsla::ExplainLevel::rules).rules[0].explanation.empty());
    CHECK(score(m, leadsla::ExplainLevel::none).rules.empty());
}

TEST_CASE("duplicate activities count once and order does not matter", "[scoring][activities]") {
    const auto m = model(R"({"axes": [{"id": "engagement"}],
        "rules": [{"id": "visits", "axis": "engagement", "activity": "web_visit", "points": 1},
                  {"id": "calls", "axis": "engagement", "activity": "contact_attempt", "repeat": "once_per:1d", "points": 3}]})");
    auto history = leadsla::test::example_history();
    const ScoreCard base = m.score(leadsla::test::example_lead(), leadsla::ActivityHistory{history},
                                   leadsla::test::example_now());
    auto shuffled = history;
    std::reverse(shuffled.begin(), shuffled.end());
    shuffled.push_back(history[1]);
    shuffled.push_back(history[5]);
    const ScoreCard again =
        m.score(leadsla::test::example_lead(), leadsla::ActivityHistory{shuffled},
                leadsla::test::example_now());
    CHECK(again == base);
    CHECK(base.rules[0].occurrences == 4);
}

TEST_CASE("the bulk path equals the explained path", "[scoring]") {
    const auto m = model(R"json({"axes": [{"id": "fit", "max": 30}, {"id": "engagement"}],
        "rules": [{"id": "big", "axis": "fit", "when": "employees >= 20 and not (country in core_industries)", "points": 30},
                  {"id": "core", "axis": "fit", "when": "industry in core_industries or budget_indicated", "points": 25},
                  {"id": "visits", "axis": "engagement", "activity": "web_visit", "within": "30d", "points": 4}],
        "qualifications": [{"id": "mql", "when": "fit >= 30 and count(web_visit) >= 2"}]})json");
    const ScoreCard full = score(m, leadsla::ExplainLevel::conditions);
    const ScoreCard bulk = score(m, leadsla::ExplainLevel::none);
    CHECK(bulk.total == full.total);
    CHECK(bulk.axes == std::vector<leadsla::AxisScore>{full.axes});
    CHECK(bulk.qualified == full.qualified);
    CHECK(bulk.next_change == full.next_change);
}

TEST_CASE("points print whole points plainly and fractions exactly", "[scoring][points]") {
    CHECK(fmt::format("{}", Points::whole(42)) == "42");
    CHECK(fmt::format("{}", Points::from_milli(12500)) == "12.5");
    CHECK(fmt::format("{}", Points::from_milli(-125)) == "-0.125");
    CHECK(fmt::format("{}", Points{}) == "0");
    CHECK(Points::whole(2) + Points::from_milli(500) == Points::from_milli(2500));
    CHECK(Points::whole(3) * 2 == Points::whole(6));
}

TEST_CASE("activity rules count what a scan of the whole history counts, short and long",
          "[scoring][activities][properties]") {
    // Each rule reads only the activities of its type (chained through the history, on the stack
    // for a short one). The reference scans every activity. Histories of 0-150 activities cover
    // both chains; some activities lie after now.
    const auto m = model(R"({"axes": [{"id": "engagement"}],
        "rules": [{"id": "visits", "axis": "engagement", "activity": "web_visit", "within": "30d", "points": 2},
                  {"id": "paper", "axis": "engagement", "activity": "content_download",
                   "where": "asset_type == \"whitepaper\"", "repeat": "once", "points": 10},
                  {"id": "calls", "axis": "engagement", "activity": "contact_attempt", "repeat": "once_per:1d", "points": 3},
                  {"id": "latest_two", "axis": "engagement", "activity": "web_visit", "max_times": 2, "points": 5}]})");
    std::mt19937_64 rng{20261127};
    const auto pick = [&](std::int64_t lo, std::int64_t hi) {
        return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
    };
    const leadsla::Instant now = leadsla::test::example_now();
    const std::array<const char*, 3> types{"web_visit", "content_download", "contact_attempt"};
    int long_histories = 0;
    for (int n = 0; n < 400; ++n) {
        std::vector<leadsla::Activity> history;
        for (std::int64_t k = pick(0, 150); k > 0; --k) {
            leadsla::Activity a{now - std::chrono::minutes{pick(-3 * 24 * 60, 90 * 24 * 60)},
                                leadsla::ActivityId{fmt::format("a{:03}", k)},
                                types[static_cast<std::size_t>(pick(0, 2))],
                                {}};
            if (a.type == "content_download") {
                a.properties["asset_type"] =
                    leadsla::AttributeValue{pick(0, 3) == 0 ? "whitepaper" : "case_study"};
            }
            history.push_back(std::move(a));
        }
        long_histories += history.size() > 96 ? 1 : 0;
        // The reference: every activity up to now, by type.
        std::int64_t visits = 0;
        std::int64_t visits_in_window = 0;
        bool paper = false;
        std::set<std::int64_t> call_days;
        for (const leadsla::Activity& a : history) {
            if (a.occurred_at > now) {
                continue;
            }
            if (a.type == "web_visit") {
                ++visits;
                visits_in_window += now - a.occurred_at <= std::chrono::days{30} ? 1 : 0;
            } else if (a.type == "content_download") {
                paper = paper || *a.property("asset_type").as_string() == "whitepaper";
            } else {
                const std::int64_t s = a.occurred_at.time_since_epoch().count();
                call_days.insert(s >= 0 ? s / 86400 : (s - 86399) / 86400);
            }
        }
        const std::int64_t calls = static_cast<std::int64_t>(call_days.size());
        const std::int64_t latest = std::min<std::int64_t>(visits, 2);
        const ScoreCard card =
            m.score(leadsla::test::example_lead(), leadsla::ActivityHistory{history}, now);
        CAPTURE(n, history.size());
        REQUIRE(card.rules.size() == 4);
        CHECK(card.rules[0].occurrences == visits_in_window);
        CHECK(card.rules[1].occurrences == (paper ? 1 : 0));
        CHECK(card.rules[2].occurrences == calls);
        CHECK(card.rules[3].occurrences == latest);
        const Points expected =
            Points::whole(2 * visits_in_window + (paper ? 10 : 0) + 3 * calls + 5 * latest);
        CHECK(card.total == expected);
        CHECK(m.score(leadsla::test::example_lead(), leadsla::ActivityHistory{history}, now,
                      leadsla::ExplainLevel::none)
                  .total == expected);
    }
    CHECK(long_histories > 100);  // longer than the chain kept on the stack
}
