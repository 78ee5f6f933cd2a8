// SPDX-License-Identifier: Apache-2.0
// The backtest (docs/backtest.md): stage replays worked out by hand, and its properties over
// seeded random histories — a policy against itself changes nothing, a stricter MQL never adds
// MQLs, a tighter target never turns a breach into a met clock, partitions merge to one pass.
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include <leadsla/metrics/backtest_format.hpp>
#include <leadsla/policy/load.hpp>

#include <support/review_fixture.hpp>

using leadsla::Activity;
using leadsla::ActivityId;
using leadsla::AttributeValue;
using leadsla::Backtest;
using leadsla::BacktestResult;
using leadsla::Instant;
using leadsla::Lead;
using leadsla::LeadDifference;
using leadsla::PastAttributes;
using leadsla::PolicySet;
using leadsla::Stage;
using leadsla::StageChange;
using leadsla::test::at;
using leadsla::test::company_policies;

namespace {

leadsla::Attributes lead_attributes(std::int64_t employees) {
    return {{"employees", AttributeValue{employees}},
            {"industry", AttributeValue{"software"}},
            {"country", AttributeValue{"DE"}},
            {"region", AttributeValue{"dach"}},
            {"budget_indicated", AttributeValue{true}},
            {"source", AttributeValue{"event"}},
            {"deal_amount", AttributeValue{leadsla::Decimal::from_integer(20000)}}};
}

Lead new_lead(const char* id, const char* created, std::int64_t employees = 120) {
    Lead l;
    l.id = leadsla::LeadId{id};
    l.created_at = at(created);
    l.owner = leadsla::OwnerId{"anna"};
    l.attributes = lead_attributes(employees);
    return l;
}

Activity pricing_visit(const char* when, const char* id) {
    return {at(when), ActivityId{id}, "web_visit", {{"url", AttributeValue{"/pricing"}}}};
}

Activity whitepaper_download(const char* when, const char* id) {
    return {at(when),
            ActivityId{id},
            "content_download",
            {{"asset_type", AttributeValue{"whitepaper"}}}};
}

Activity phone_contact(const char* when, const char* id) {
    return {at(when), ActivityId{id}, "contact_attempt", {{"channel", AttributeValue{"phone"}}}};
}

StageChange person_moves(const char* when, Stage from, Stage to, const char* actor = "anna") {
    return StageChange{at(when), from, to, actor, ""};
}

/// The example company's policy with `edits` (search → replace, each found once) and a version.
PolicySet company_policy_variant(const std::vector<std::pair<std::string, std::string>>& edits,
                                 const std::string& version) {
    std::ifstream in(std::string{LEADSLA_SOURCE_DIR} + "/examples/company/policy.json");
    std::stringstream buffer;
    buffer << in.rdbuf();
    nlohmann::json doc = nlohmann::json::parse(buffer.str());
    doc["version"] = version;
    std::string text = doc.dump();
    for (const auto& [from, to] : edits) {
        const std::size_t at_pos = text.find(from);
        REQUIRE(at_pos != std::string::npos);
        REQUIRE(text.find(from, at_pos + 1) == std::string::npos);
        text.replace(at_pos, from.size(), to);
    }
    leadsla::Loaded<leadsla::Policy> p = leadsla::load_policy(text);
    REQUIRE(p);
    std::vector<leadsla::Engine> versions;
    versions.emplace_back(std::move(p).value());
    return PolicySet::create(std::move(versions)).value();
}

/// MQL needs five visits within 30 days instead of three.
const PolicySet& stricter_mql() {
    static const PolicySet set = company_policy_variant(
        {{"count(web_visit, within: 30d) >= 3", "count(web_visit, within: 30d) >= 5"}},
        "2026.1-stricter-mql");
    return set;
}

/// First contact within 1 business hour instead of 4.
const PolicySet& tighter_first_contact() {
    static const PolicySet set =
        company_policy_variant({{R"("target":{"business":"4h"})", R"("target":{"business":"1h"})"}},
                               "2026.1-tighter-first-contact");
    return set;
}

leadsla::BacktestOptions backtest_options() {
    return {{at("2025-12-31T23:00:00Z"), at("2026-12-31T23:00:00Z"), at("2026-12-31T23:00:00Z"),
             leadsla::Period::month, 25, 0},
            1000};
}

/// A seeded history in which qualification happens: visits, sometimes a whitepaper, a
/// reported MQL at a random instant (before or after the criteria hold), people's decisions
/// after it, contact attempts, sometimes a company-size change.
struct BacktestInput {
    Lead lead;
    std::vector<Activity> activities;
    std::vector<StageChange> changes;
    std::vector<PastAttributes> past;
};

std::vector<BacktestInput> backtest_histories(std::uint64_t seed, std::size_t n) {
    std::mt19937_64 rng(seed);
    const auto between = [&](std::int64_t lo, std::int64_t hi) {
        return lo + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(hi - lo + 1));
    };
    std::vector<BacktestInput> out;
    for (std::size_t i = 0; i < n; ++i) {
        BacktestInput in;
        Lead& l = in.lead;
        l.id = leadsla::LeadId{fmt::format("B{:04}", i)};
        l.created_at = at("2026-01-05T08:00:00Z") + std::chrono::minutes{between(0, 330 * 1440)};
        l.owner = leadsla::OwnerId{between(0, 1) == 0 ? "anna" : "ben"};
        l.attributes = lead_attributes(between(5, 2000));
        if (between(0, 3) == 0) {  // it was smaller before an update
            in.past.push_back(PastAttributes{l.created_at + std::chrono::hours{between(1, 400)},
                                             lead_attributes(between(5, 30))});
        }
        Instant t = l.created_at;
        const auto id = [&](const char* what, std::int64_t k) {
            return ActivityId{fmt::format("{}-{}{}", l.id.value(), what, k)};
        };
        for (std::int64_t v = between(0, 7); v > 0; --v) {
            t += std::chrono::minutes{between(10, 4000)};
            in.activities.push_back(
                {t, id("v", v), "web_visit", {{"url", AttributeValue{"/pricing"}}}});
            if (between(0, 5) == 0) {
                in.activities.push_back({t + std::chrono::minutes{5},
                                         id("w", v),
                                         "content_download",
                                         {{"asset_type", AttributeValue{"whitepaper"}}}});
            }
        }
        Instant d = l.created_at + std::chrono::minutes{between(60, 10000)};
        Stage stage = Stage::lead;
        const auto move = [&](Stage to, std::int64_t after, const char* reason = "") {
            d += std::chrono::minutes{after};
            in.changes.push_back({d, stage, to, "anna", reason});
            stage = to;
        };
        move(Stage::mql, 0);
        in.activities.push_back({d + std::chrono::minutes{between(5, 900)},
                                 id("c", 1),
                                 "contact_attempt",
                                 {{"channel", AttributeValue{"phone"}}}});
        const std::int64_t decision = between(0, 9);
        if (decision < 2) {
            move(Stage::nurture, between(30, 3000), "bad_timing");
        } else if (decision < 8) {
            move(Stage::sal, between(30, 3000));
            if (between(0, 1) == 0) {
                move(Stage::sql, between(600, 20000));
            }
        }
        l.stage = stage;
        out.push_back(std::move(in));
    }
    return out;
}

BacktestResult run_backtest(const PolicySet& current,
                            const PolicySet& candidate,
                            const std::vector<BacktestInput>& inputs) {
    Backtest bt = Backtest::create(current, candidate, backtest_options()).value();
    for (const BacktestInput& in : inputs) {
        bt.add(in.lead, in.activities, in.changes, in.past);
    }
    return bt.result();
}

}  // namespace

TEST_CASE("replay: MQL is re-derived at the instant the criteria first hold", "[backtest]") {
    // Three visits within 30 days and a whitepaper: the criteria hold at the third visit,
    // 4 March 10:00, not at the reported MQL on 5 March 09:00. The acceptance came two hours
    // after the MQL: it keeps that delay, at 4 March 12:00.
    const Lead l = new_lead("L1", "2026-03-02T08:00:00Z");
    const std::vector<Activity> acts{pricing_visit("2026-03-02T10:00:00Z", "a1"),
                                     pricing_visit("2026-03-03T10:00:00Z", "a2"),
                                     whitepaper_download("2026-03-03T12:00:00Z", "a3"),
                                     pricing_visit("2026-03-04T10:00:00Z", "a4")};
    const std::vector<StageChange> reported{
        person_moves("2026-03-05T09:00:00Z", Stage::lead, Stage::mql, "marketing-automation"),
        person_moves("2026-03-05T11:00:00Z", Stage::mql, Stage::sal)};
    const std::vector<StageChange> replayed = leadsla::replay_stages(
        company_policies(), l, acts, reported, {}, at("2026-12-31T00:00:00Z"));
    REQUIRE(replayed.size() == 2);
    CHECK(replayed[0] ==
          StageChange{at("2026-03-04T10:00:00Z"), Stage::lead, Stage::mql, "leadsla", ""});
    CHECK(replayed[1] == person_moves("2026-03-04T12:00:00Z", Stage::mql, Stage::sal));

    SECTION("the decisions after an MQL follow it, each with its delay") {
        // Reported an hour early; accepted 30 minutes and moved to SQL a week after it.
        const std::vector<StageChange> early{
            person_moves("2026-03-04T09:00:00Z", Stage::lead, Stage::mql, "marketing-automation"),
            person_moves("2026-03-04T09:30:00Z", Stage::mql, Stage::sal),
            person_moves("2026-03-11T09:00:00Z", Stage::sal, Stage::sql)};
        const std::vector<StageChange> r = leadsla::replay_stages(
            company_policies(), l, acts, early, {}, at("2026-12-31T00:00:00Z"));
        REQUIRE(r.size() == 3);
        CHECK(r[0].at == at("2026-03-04T10:00:00Z"));
        CHECK(r[1] == person_moves("2026-03-04T10:30:00Z", Stage::mql, Stage::sal));
        CHECK(r[2] == person_moves("2026-03-11T10:00:00Z", Stage::sal, Stage::sql));
    }
    SECTION("the delay is business time on the agreement's calendar (DACH, 08:00-18:00)") {
        // Reported MQL Friday 17:00 Berlin, accepted Monday 09:00: two business hours later.
        // After the replay's MQL, Wednesday 11:00 Berlin, that is Wednesday 13:00 (12:00Z) —
        // not Sunday evening, as 64 wall-clock hours would put it.
        const std::vector<StageChange> weekend{
            person_moves("2026-03-06T16:00:00Z", Stage::lead, Stage::mql, "marketing-automation"),
            person_moves("2026-03-09T08:00:00Z", Stage::mql, Stage::sal)};
        const std::vector<StageChange> r = leadsla::replay_stages(
            company_policies(), l, acts, weekend, {}, at("2026-12-31T00:00:00Z"));
        REQUIRE(r.size() == 2);
        CHECK(r[1] == person_moves("2026-03-04T12:00:00Z", Stage::mql, Stage::sal));
    }
    SECTION("a decision that lands after as_of is not known yet") {
        const std::vector<StageChange> r = leadsla::replay_stages(
            company_policies(), l, acts, reported, {}, at("2026-03-04T11:00:00Z"));
        REQUIRE(r.size() == 1);
        CHECK(r[0].to == Stage::mql);
    }
    SECTION("the attributes of the instant: too small until the update") {
        // 10 employees until 6 March 08:00: the size criterion holds from then on.
        const std::vector<PastAttributes> past{{at("2026-03-06T08:00:00Z"), lead_attributes(10)}};
        const std::vector<StageChange> r = leadsla::replay_stages(
            company_policies(), l, acts, reported, past, at("2026-12-31T00:00:00Z"));
        REQUIRE(r.size() == 2);
        CHECK(r[0].at == at("2026-03-06T08:00:00Z"));
        CHECK(r[0].to == Stage::mql);
        CHECK(r[1] == person_moves("2026-03-06T10:00:00Z", Stage::mql, Stage::sal));
    }
    SECTION("nothing after as_of is read") {
        const std::vector<StageChange> r = leadsla::replay_stages(
            company_policies(), l, acts, reported, {}, at("2026-03-04T09:59:59Z"));
        CHECK(r.empty());
    }
    SECTION("a lead that never qualifies keeps none of the funnel after it") {
        const std::vector<Activity> two_visits{pricing_visit("2026-03-02T10:00:00Z", "a1"),
                                               whitepaper_download("2026-03-03T12:00:00Z", "a3")};
        const std::vector<StageChange> more{
            person_moves("2026-03-05T09:00:00Z", Stage::lead, Stage::mql),
            person_moves("2026-03-05T11:00:00Z", Stage::mql, Stage::sal),
            person_moves("2026-03-09T11:00:00Z", Stage::sal, Stage::sql)};
        CHECK(leadsla::replay_stages(company_policies(), l, two_visits, more, {},
                                     at("2026-12-31T00:00:00Z"))
                  .empty());
    }
}

TEST_CASE("replay: a rejected lead re-qualifies on new facts, not on those already weighed",
          "[backtest]") {
    // Qualifies on 4 March, rejected (nurture) on 5 March. The visit on 10 March finds the
    // criteria holding, but they held the moment before too: the facts sales weighed. Three
    // new visits in April make them hold again at the third, 14 April 10:00.
    const Lead l = new_lead("L2", "2026-03-02T08:00:00Z");
    const std::vector<Activity> acts{pricing_visit("2026-03-02T10:00:00Z", "a1"),
                                     pricing_visit("2026-03-03T10:00:00Z", "a2"),
                                     whitepaper_download("2026-03-03T12:00:00Z", "a3"),
                                     pricing_visit("2026-03-04T10:00:00Z", "a4"),
                                     pricing_visit("2026-03-10T10:00:00Z", "a5"),
                                     pricing_visit("2026-04-12T10:00:00Z", "a6"),
                                     pricing_visit("2026-04-13T10:00:00Z", "a7"),
                                     pricing_visit("2026-04-14T10:00:00Z", "a8")};
    const std::vector<StageChange> reported{
        person_moves("2026-03-04T10:00:00Z", Stage::lead, Stage::mql),
        StageChange{at("2026-03-05T10:00:00Z"), Stage::mql, Stage::nurture, "anna", "bad_timing"}};
    const std::vector<StageChange> r = leadsla::replay_stages(company_policies(), l, acts, reported,
                                                              {}, at("2026-12-31T00:00:00Z"));
    REQUIRE(r.size() == 3);
    CHECK(r[0] == StageChange{at("2026-03-04T10:00:00Z"), Stage::lead, Stage::mql, "leadsla", ""});
    CHECK(r[1] == reported[1]);  // kept with its reason
    // 10 March's visit: four visits within 30 days, three the moment before: not new. By
    // 12 April even 10 March's visit is older than 30 days, so the criteria first hold again
    // at the third new visit.
    CHECK(r[2] ==
          StageChange{at("2026-04-14T10:00:00Z"), Stage::nurture, Stage::mql, "leadsla", ""});
}

TEST_CASE("backtest: the per-lead differences and the reviews, worked by hand", "[backtest]") {
    // L1 qualifies (three visits) under the current policy on 4 March 10:00 and not under the
    // stricter one; L2 has five visits, so it qualifies under both, the stricter one at the
    // fifth visit.
    const Lead l1 = new_lead("L1", "2026-03-02T08:00:00Z");
    const std::vector<Activity> a1{pricing_visit("2026-03-02T10:00:00Z", "a1"),
                                   pricing_visit("2026-03-03T10:00:00Z", "a2"),
                                   whitepaper_download("2026-03-03T12:00:00Z", "a3"),
                                   pricing_visit("2026-03-04T10:00:00Z", "a4")};
    const Lead l2 = new_lead("L2", "2026-03-02T08:00:00Z");
    const std::vector<Activity> a2{pricing_visit("2026-03-02T10:00:00Z", "b1"),
                                   pricing_visit("2026-03-03T10:00:00Z", "b2"),
                                   whitepaper_download("2026-03-03T12:00:00Z", "b3"),
                                   pricing_visit("2026-03-04T10:00:00Z", "b4"),
                                   pricing_visit("2026-03-05T10:00:00Z", "b5"),
                                   pricing_visit("2026-03-06T10:00:00Z", "b6"),
                                   phone_contact("2026-03-06T11:00:00Z", "b7")};
    Backtest bt = Backtest::create(company_policies(), stricter_mql(), backtest_options()).value();
    bt.add(l1, a1, std::vector{person_moves("2026-03-04T10:00:00Z", Stage::lead, Stage::mql)});
    bt.add(l2, a2, std::vector{person_moves("2026-03-04T10:00:00Z", Stage::lead, Stage::mql)});
    const BacktestResult r = bt.result();
    CHECK(r.leads_changed == 2);
    CHECK(r.replay_differs_from_reported == 0);  // both MQLs were reported when they held
    const std::vector<LeadDifference> expected{
        {"L1", LeadDifference::Kind::loses, "mql", at("2026-03-04T10:00:00Z"), std::nullopt},
        // L1's first-contact clock ran from 4 March 10:00 with no contact: breached under the
        // current policy, never started under the candidate.
        {"L1", LeadDifference::Kind::met, "first_contact", at("2026-03-04T14:00:00Z"),
         std::nullopt},
        // Nor was it accepted: the acceptance clock (two business days, to the end of Friday's
        // hours) breached under the current policy only.
        {"L1", LeadDifference::Kind::met, "sales_acceptance", at("2026-03-06T17:00:00Z"),
         std::nullopt},
        {"L2", LeadDifference::Kind::later, "mql", at("2026-03-04T10:00:00Z"),
         at("2026-03-06T10:00:00Z")},
        // L2's first contact on 6 March 11:00 was three days late for the current MQL, an hour
        // after the candidate's; unaccepted, its acceptance clock breached under both.
        {"L2", LeadDifference::Kind::met, "first_contact", at("2026-03-04T14:00:00Z"),
         std::nullopt},
    };
    CHECK(r.differences == expected);
    CHECK(r.current.find("entries", "mql")->window.count == 2);
    CHECK(r.candidate.find("entries", "mql")->window.count == 1);
    const std::vector<leadsla::SeriesDelta> deltas = leadsla::series_deltas(r.current, r.candidate);
    const auto mql = std::find_if(deltas.begin(), deltas.end(), [](const auto& d) {
        return d.metric == "entries" && d.detail == "mql" && d.dimension == leadsla::Dimension::all;
    });
    REQUIRE(mql != deltas.end());
    CHECK(mql->change() == -1);
    CHECK(mql->change_text() == "-1");

    const std::string text = leadsla::backtest_text(r);
    CHECK(text.find("Leads that changed: 2 of 2") != std::string::npos);
    CHECK(text.find("L1 loses mql (current 2026-03-04T10:00:00Z)") != std::string::npos);
    CHECK(text.find("L2 later mql (2026-03-04T10:00:00Z -> 2026-03-06T10:00:00Z)") !=
          std::string::npos);
    const nlohmann::json doc = nlohmann::json::parse(leadsla::backtest_json(r));
    CHECK(doc["format"] == "leadsla.backtest/1");
    CHECK(doc["current"]["format"] == "leadsla.review/1");
    CHECK(doc["candidate"]["policy"]["version"] == "2026.1-stricter-mql");
    CHECK(doc["leads"]["changed"] == 2);
    CHECK(doc["leads"]["differences"].size() == 5);
    CHECK(doc["leads"]["differences"][0]["candidate"].is_null());

    const std::string html = leadsla::backtest_html(r);
    CHECK(html.find("<tr data-target=\"mql_volume\" data-side=\"candidate\">") !=
          std::string::npos);
    CHECK(html.find("data-changed=\"2\"") != std::string::npos);
    CHECK(html.find("<td class=\"name\">L2</td><td class=\"name\">later</td>") !=
          std::string::npos);
    CHECK(html == leadsla::backtest_html(r));
}

TEST_CASE("backtest page: names from the policy are text, never markup", "[backtest][html]") {
    const PolicySet hostile_candidate = company_policy_variant(
        {{R"("why":"The first written agreement)", R"("why":"<script>alert(1)</script> & more)"}},
        "<b>2027</b>");
    Backtest bt =
        Backtest::create(company_policies(), hostile_candidate, backtest_options()).value();
    bt.add(new_lead("L1", "2026-03-02T08:00:00Z"), {}, {});
    const std::string html = leadsla::backtest_html(bt.result());
    CHECK(html.find("<script>alert") == std::string::npos);
    CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more") != std::string::npos);
    CHECK(html.find("<b>2027</b>") == std::string::npos);
    CHECK(html.find("&lt;b&gt;2027&lt;/b&gt;") != std::string::npos);
}

TEST_CASE("backtest: a policy against itself finds no difference", "[backtest][property]") {
    const std::vector<BacktestInput> inputs = backtest_histories(7, 400);
    const BacktestResult r = run_backtest(company_policies(), company_policies(), inputs);
    CHECK(r.current.leads == 400);
    CHECK(r.leads_changed == 0);
    CHECK(r.counts.empty());
    CHECK(r.differences.empty());
    CHECK(r.current == r.candidate);
    CHECK(leadsla::series_deltas(r.current, r.candidate).empty());
    // And the replay is not trivial: leads qualify, are accepted, rejected, re-qualify.
    CHECK(r.current.find("entries", "mql")->window.count > 50);
    CHECK(r.current.find("entries", "sal")->window.count > 20);
    // The reported MQLs came at random instants: most replays move them.
    CHECK(r.replay_differs_from_reported > 200);
    const std::string text = leadsla::backtest_text(r);
    CHECK(text.find("Leads that changed: 0 of 400") != std::string::npos);
    CHECK(text.find("none: all") != std::string::npos);
}

TEST_CASE("backtest: a stricter MQL never adds an MQL, and never an earlier one",
          "[backtest][property]") {
    const std::vector<BacktestInput> inputs = backtest_histories(11, 400);
    const BacktestResult r = run_backtest(company_policies(), stricter_mql(), inputs);
    for (const LeadDifference& d : r.differences) {
        INFO(fmt::format("{}", d));
        CHECK_FALSE((d.subject == "mql" && (d.kind == LeadDifference::Kind::gains ||
                                            d.kind == LeadDifference::Kind::earlier)));
    }
    const leadsla::Figure& cur = r.current.find("mql_rate")->window;
    const leadsla::Figure& cand = r.candidate.find("mql_rate")->window;
    CHECK(cand.count <= cur.count);
    CHECK(cand.count < cur.count);  // and this history has leads it holds back
    CHECK(r.leads_changed > 0);
}

TEST_CASE("backtest: a tighter target never turns a breach into a met clock",
          "[backtest][property]") {
    const std::vector<BacktestInput> inputs = backtest_histories(13, 400);
    const BacktestResult r = run_backtest(company_policies(), tighter_first_contact(), inputs);
    bool breached_more = false;
    for (const leadsla::DifferenceCount& c : r.counts) {
        INFO(fmt::format("{}", c));
        CHECK(c.subject == "first_contact");  // stages replay the same way
        CHECK(c.kind == LeadDifference::Kind::breached);
        breached_more = breached_more || c.leads > 0;
    }
    CHECK(breached_more);
    CHECK(r.candidate.find("breaches", "first_contact")->window.count >
          r.current.find("breaches", "first_contact")->window.count);
}

TEST_CASE("backtest: partitions merged give one pass's result", "[backtest][property]") {
    const std::vector<BacktestInput> inputs = backtest_histories(17, 300);
    leadsla::BacktestOptions o = backtest_options();
    o.lead_limit = 20;  // the listed leads are the smallest ids, whatever the partition
    Backtest whole = Backtest::create(company_policies(), stricter_mql(), o).value();
    std::vector<Backtest> parts(3, Backtest::create(company_policies(), stricter_mql(), o).value());
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        whole.add(inputs[i].lead, inputs[i].activities, inputs[i].changes, inputs[i].past);
        const std::size_t p = (i * 7) % 3;
        parts[p].add(inputs[i].lead, inputs[i].activities, inputs[i].changes, inputs[i].past);
    }
    Backtest merged = leadsla::merge(std::move(parts[2]), parts[0]).value();
    merged = leadsla::merge(std::move(merged), parts[1]).value();
    const BacktestResult a = whole.result();
    const BacktestResult b = merged.result();
    CHECK(a == b);
    CHECK(a.truncated);
    CHECK(leadsla::backtest_json(a) == leadsla::backtest_json(b));

    SECTION("other policies do not merge") {
        Backtest other = Backtest::create(company_policies(), company_policies(), o).value();
        CHECK_FALSE(leadsla::merge(std::move(other), whole));
    }
}
