// SPDX-License-Identifier: Apache-2.0
// The outcome fit (docs/outcome-fit.md): rule tallies, lifts and log-odds worked out by hand, the
// fit against the closed form, AUC and lift by hand, the predictive axis patch loaded and scored,
// and the properties — byte-reproducible, partition-independent — over seeded random leads.
#include <random>

#include <nlohmann/json.hpp>

#include <leadsla/metrics/outcome_fit_format.hpp>
#include <leadsla/policy/load.hpp>

#include "metrics/ranking.hpp"

#include <support/test_support.hpp>

using leadsla::Activity;
using leadsla::ActivityId;
using leadsla::AttributeValue;
using leadsla::Lead;
using leadsla::OutcomeFit;
using leadsla::OutcomeFitOptions;
using leadsla::OutcomeFitResult;
using leadsla::PolicySet;
using leadsla::RuleFit;
using leadsla::Stage;
using leadsla::StageChange;
using leadsla::test::at;

namespace {

constexpr const char* fit_policy_text = R"({
  "id": "fit-test", "version": "1",
  "schema": {"attributes": {"senior": "bool", "size": "int"}, "activities": {"demo_request": {}}},
  "scoring": {
    "axes": [{"id": "fit", "bands": [{"grade": "A", "min": 10}, {"grade": "B"}]}],
    "rules": [
      {"id": "senior", "axis": "fit", "when": "senior", "points": 10},
      {"id": "big", "axis": "fit", "when": "size >= 100", "points": 5},
      {"id": "everyone", "axis": "fit", "when": "size >= 0", "points": 1},
      {"id": "demo", "axis": "fit", "activity": "demo_request", "within": "30d", "points": 20,
       "max_times": 2}
    ]
  },
  "lifecycle": {
    "initial": "lead",
    "stages": [{"stage": "lead"}, {"stage": "mql"}, {"stage": "sal"}, {"stage": "sql"},
               {"stage": "nurture", "side": true}, {"stage": "disqualified", "side": true}],
    "transitions": [
      {"from": "lead", "to": "mql"}, {"from": "mql", "to": "sal"}, {"from": "sal", "to": "sql"},
      {"from": "mql", "to": "nurture", "reason_required": true},
      {"from": "mql", "to": "disqualified", "reason_required": true},
      {"from": "sal", "to": "nurture", "reason_required": true}
    ],
    "reasons": [{"id": "not_a_fit", "label": "Not a fit"}, {"id": "bad_timing", "label": "Later"}]
  }
})";

PolicySet policy_from(const std::string& text) {
    leadsla::Loaded<leadsla::Policy> p = leadsla::load_policy(text);
    INFO(fmt::format("{}", fmt::join(p.errors(), "\n")));
    REQUIRE(p);
    std::vector<leadsla::Engine> versions;
    versions.emplace_back(std::move(p).value());
    return PolicySet::create(std::move(versions)).value();
}

const PolicySet& fit_policy() {
    static const PolicySet set = policy_from(fit_policy_text);
    return set;
}

/// A studied lead: created, handed over (lead -> mql) at `handover`, then `next` (if any).
struct Handed {
    Lead lead;
    std::vector<Activity> activities;
    std::vector<StageChange> changes;
};

Handed handed(const char* id,
              bool senior,
              std::int64_t size,
              const char* handover,
              std::optional<Stage> next = std::nullopt,
              const char* reason = "") {
    Handed h;
    h.lead.id = leadsla::LeadId{id};
    h.lead.created_at = at("2026-01-02T09:00:00Z");
    h.lead.attributes = {{"senior", AttributeValue{senior}}, {"size", AttributeValue{size}}};
    h.changes.push_back(StageChange{at(handover), Stage::lead, Stage::mql, "automation", ""});
    if (next) {
        h.changes.push_back(
            StageChange{at(handover) + std::chrono::hours{30}, Stage::mql, *next, "anna", reason});
    }
    return h;
}

Activity demo(const char* when, const char* id) {
    return {at(when), ActivityId{id}, "demo_request", {}};
}

OutcomeFitOptions january() {
    OutcomeFitOptions o;
    o.from = at("2026-01-01T00:00:00Z");
    o.to = at("2026-02-01T00:00:00Z");
    o.as_of = at("2026-03-01T00:00:00Z");
    return o;
}

/// The leads worked out in the test below.
std::vector<Handed> hand_worked_leads() {
    std::vector<Handed> leads;
    leads.push_back(handed("L1", true, 200, "2026-01-05T10:00:00Z", Stage::sal));
    leads.back().activities.push_back(demo("2026-01-04T10:00:00Z", "d1"));
    leads.push_back(handed("L2", true, 50, "2026-01-06T10:00:00Z", Stage::sal));
    leads.push_back(handed("L3", false, 200, "2026-01-07T10:00:00Z", Stage::nurture, "bad_timing"));
    leads.push_back(
        handed("L4", false, 50, "2026-01-08T10:00:00Z", Stage::disqualified, "not_a_fit"));
    leads.push_back(
        handed("L5", true, 50, "2026-01-09T10:00:00Z", Stage::disqualified, "not_a_fit"));
    leads.push_back(handed("L6", false, 200, "2026-01-12T10:00:00Z", Stage::sal));
    leads.push_back(handed("L7", true, 200, "2026-01-13T10:00:00Z"));  // no decision yet
    leads.push_back(handed("L8", true, 200, "2025-12-20T10:00:00Z", Stage::sal));  // before
    leads.push_back(handed("L9", true, 200, "2026-01-14T10:00:00Z", Stage::sal));
    leads.back().changes.clear();  // never handed over
    leads.push_back(handed("L10", false, 50, "2026-01-15T10:00:00Z", Stage::nurture, "bad_timing"));
    leads.back().activities.push_back(demo("2026-01-16T10:00:00Z", "d2"));  // after the hand-over
    return leads;
}

OutcomeFitResult fit_of(const std::vector<Handed>& leads, const OutcomeFitOptions& options) {
    OutcomeFit fit = OutcomeFit::create(fit_policy(), options).value();
    for (const Handed& h : leads) {
        fit.add(h.lead, h.activities, h.changes);
    }
    return fit.result();
}

const RuleFit& rule(const OutcomeFitResult& r, const char* id) {
    for (const RuleFit& f : r.rules) {
        if (f.rule == id) {
            return f;
        }
    }
    FAIL("no rule " << id);
    return r.rules.front();
}

}  // namespace

TEST_CASE("outcome fit: tallies, lifts and log-odds worked out by hand") {
    const OutcomeFitResult r = fit_of(hand_worked_leads(), january());
    // Studied and decided: L1-L6 and L10 (L7 undecided; L8 before the window; L9 never handed
    // over). Converted (reached SAL): L1, L2, L6.
    CHECK(r.learnt == leadsla::OutcomeCount{7, 3});
    CHECK(r.measured == r.learnt);
    CHECK_FALSE(r.held_out);
    CHECK(r.undecided == 1);
    CHECK(r.learnt.rate_bp() == 4286);
    REQUIRE(r.fitted);

    // senior: L1, L2, L5 (2 converted) vs L3, L4, L6, L10 (1). Lift (2/3) / (3/7) = 14/9;
    // log-odds ln(2.5 * 3.5 / (1.5 * 1.5)) = ln 3.8889 = 1.358.
    const RuleFit& senior = rule(r, "senior");
    CHECK(senior.fired == leadsla::OutcomeCount{3, 2});
    CHECK(senior.not_fired == leadsla::OutcomeCount{4, 1});
    CHECK(senior.lift_bp == 15556);
    CHECK(senior.log_odds_milli == 1358);
    CHECK(senior.varies());
    // big: L1, L3, L6 (2 converted) vs L2, L4, L5, L10 (1): the same figures.
    CHECK(rule(r, "big").fired == leadsla::OutcomeCount{3, 2});
    CHECK(rule(r, "big").log_odds_milli == 1358);
    // everyone: held for all seven, nothing to learn, no weight.
    const RuleFit& everyone = rule(r, "everyone");
    CHECK(everyone.fired == leadsla::OutcomeCount{7, 3});
    CHECK_FALSE(everyone.varies());
    CHECK(everyone.weight_milli == 0);
    CHECK(everyone.suggested == leadsla::Points{});
    // demo: only L1's (L10's came after its hand-over). Lift 1 / (3/7) = 2.3333;
    // log-odds ln(1.5 * 4.5 / (0.5 * 2.5)) = ln 5.4 = 1.686.
    const RuleFit& demo_rule = rule(r, "demo");
    CHECK(demo_rule.fired == leadsla::OutcomeCount{1, 1});
    CHECK(demo_rule.lift_bp == 23333);
    CHECK(demo_rule.log_odds_milli == 1686);
    // Positive evidence gets positive weight and points.
    CHECK(senior.weight_milli > 0);
    CHECK(senior.suggested.milli() > 0);

    // Rejected at the first decision: bad_timing L3, L10; not_a_fit L4, L5. Over all seven,
    // senior and big held for 3 (42.86 %), demo for 1 (14.29 %); `everyone` does not vary.
    REQUIRE(r.rejections.size() == 2);
    CHECK(r.rejections[0].reason == "bad_timing");
    CHECK(r.rejections[0].leads == 2);
    REQUIRE(r.rejections[0].rules.size() == 3);
    CHECK(r.rejections[0].rules[0] == leadsla::SharedRule{"big", 5000, 4286});
    CHECK(r.rejections[0].rules[1] == leadsla::SharedRule{"demo", 0, 1429});
    CHECK(r.rejections[0].rules[2] == leadsla::SharedRule{"senior", 0, 4286});
    CHECK(r.rejections[1].reason == "not_a_fit");
    CHECK(r.rejections[1].rules[0] == leadsla::SharedRule{"senior", 5000, 4286});

    // Ranking on the learnt leads: predictive, the policy's axis, the total.
    REQUIRE(r.power.size() == 3);
    CHECK(r.power[0].score == "predictive");
    CHECK(r.power[1].score == "fit");
    CHECK(r.power[2].score == "total");
    std::int64_t calibrated = 0;
    for (const leadsla::CalibrationBand& b : r.calibration) {
        calibrated += b.observed.leads;
        CHECK(b.from_bp <= b.predicted_bp);
        CHECK(b.predicted_bp <= b.to_bp);
    }
    CHECK(calibrated == 7);

    // Every value prints.
    const std::string printed = fmt::format("{}", senior);
    CHECK(printed.starts_with("senior: 3 of 7 leads, weight "));
    CHECK(printed.ends_with(fmt::format(", suggested {}", senior.suggested)));
    CHECK(fmt::format("{}", r.rejections[1]) == "not_a_fit: 2 leads");
    CHECK(fmt::format("{}", r.rejections[1].rules[0]) == "senior 5000 bp (all leads 4286 bp)");
    CHECK(fmt::format("{}", r) ==
          "outcome fit of 1 (sal after mql): learnt 7 leads, 3 converted; measured 7 leads, 3 "
          "converted (the learnt leads)");
    CHECK(fmt::format("{}", leadsla::CalibrationBand{5000, 6000, {3, 2}, 5200}) ==
          "predicted 50-60 %: 3 leads, 2 converted, mean prediction 5200 bp");
    CHECK(fmt::format("{}", leadsla::RankingPower{"fit", 7045, std::nullopt}) ==
          "fit: AUC 0.7045, top-decile lift n/a");
}

TEST_CASE("outcome fit: one rule alone, the fit's weight is the log odds ratio") {
    // 40 leads with the rule, 30 accepted; 40 without, 10 accepted: odds ratio (30/10)/(10/30)
    // = 9, ln 9 = 2.1972. A tiny ridge barely shrinks it; the intercept is ln(10/30) = -1.0986.
    std::vector<Handed> leads;
    for (int i = 0; i < 80; ++i) {
        const bool senior = i < 40;
        const bool accepted = senior ? i < 30 : i < 50;
        const std::string id = fmt::format("S{:02}", i);
        leads.push_back(handed(id.c_str(), senior, 10, "2026-01-05T10:00:00Z",
                               accepted ? Stage::sal : Stage::nurture,
                               accepted ? "" : "bad_timing"));
    }
    OutcomeFitOptions o = january();
    o.ridge_milli = 1;
    const OutcomeFitResult r = fit_of(leads, o);
    CHECK(rule(r, "senior").weight_milli >= 2190);
    CHECK(rule(r, "senior").weight_milli <= 2198);
    CHECK(r.intercept_milli >= -1099);
    CHECK(r.intercept_milli <= -1096);
    // 20 points per doubling: 2.1972 / ln 2 * 20 = 63.4 -> 63; -1.0986 / ln 2 * 20 = -31.7 -> -32.
    CHECK(rule(r, "senior").suggested == leadsla::Points::whole(63));
    CHECK(r.base == leadsla::Points::whole(-32));
    // The stronger the ridge, the smaller the weight.
    o.ridge_milli = 20000;
    CHECK(fit_of(leads, o).rules[0].weight_milli < rule(r, "senior").weight_milli);
}

TEST_CASE("outcome fit: AUC and top-decile lift by hand") {
    using leadsla::detail::ScoreTallies;
    // Scores 0: two failures; 1: a success and a failure; 2: two successes. Of the 9
    // (success, failure) pairs, 8 are ordered right and one is a tie: AUC 8.5 / 9 = 0.9444.
    const ScoreTallies scores{{0, {2, 0}}, {1, {2, 1}}, {2, {2, 2}}};
    CHECK(leadsla::detail::auc_bp(scores) == 9444);
    // The top tenth (0.6 leads) are all in score 2: success 1 over 0.5 overall = 2.
    CHECK(leadsla::detail::top_decile_lift_bp(scores) == 20000);
    // A tie across the cut counts in proportion: 20 leads at one score, 10 successes: lift 1.
    CHECK(leadsla::detail::top_decile_lift_bp({{5, {20, 10}}}) == 10000);
    CHECK(leadsla::detail::auc_bp({{5, {20, 10}}}) == 5000);
    CHECK_FALSE(leadsla::detail::auc_bp({{1, {3, 3}}}));
    CHECK_FALSE(leadsla::detail::top_decile_lift_bp({{1, {3, 0}}}));
}

TEST_CASE("outcome fit: held-out leads are measured, not learnt from") {
    OutcomeFitOptions o = january();
    o.test_from = at("2026-01-10T00:00:00Z");
    const OutcomeFitResult r = fit_of(hand_worked_leads(), o);
    CHECK(r.held_out);
    CHECK(r.learnt == leadsla::OutcomeCount{5, 2});    // L1-L5
    CHECK(r.measured == leadsla::OutcomeCount{2, 1});  // L6, L10
    CHECK(rule(r, "senior").fired == leadsla::OutcomeCount{3, 2});
    std::int64_t calibrated = 0;
    for (const leadsla::CalibrationBand& b : r.calibration) {
        calibrated += b.observed.leads;
    }
    CHECK(calibrated == 2);
    // Rejections cover every studied lead.
    CHECK(r.rejections[0].leads == 2);
}

TEST_CASE("outcome fit: the outcome stage and later funnel stages count as success") {
    OutcomeFitOptions o = january();
    o.outcome = Stage::sql;
    std::vector<Handed> leads;
    leads.push_back(handed("A", true, 10, "2026-01-05T10:00:00Z", Stage::sal));
    leads.back().changes.push_back(
        StageChange{at("2026-01-09T10:00:00Z"), Stage::sal, Stage::sql, "anna", ""});
    leads.push_back(handed("B", false, 10, "2026-01-05T10:00:00Z", Stage::sal));  // still SAL
    leads.push_back(handed("C", false, 10, "2026-01-05T10:00:00Z", Stage::sal));
    leads.back().changes.push_back(
        StageChange{at("2026-01-20T10:00:00Z"), Stage::sal, Stage::nurture, "anna", "bad_timing"});
    const OutcomeFitResult r = fit_of(leads, o);
    CHECK(r.learnt == leadsla::OutcomeCount{2, 1});  // A converted, C failed
    CHECK(r.undecided == 1);                         // B
    CHECK(r.rejections.empty());  // C was accepted first: not a rejection at the first decision
}

TEST_CASE("outcome fit: bad options and policies are errors that say what is wrong") {
    OutcomeFitOptions o = january();
    o.to = o.from;
    CHECK(OutcomeFit::create(fit_policy(), o).error().message.find("empty") != std::string::npos);
    o = january();
    o.test_from = at("2026-03-01T00:00:00Z");
    CHECK(OutcomeFit::create(fit_policy(), o).error().message.find("not inside") !=
          std::string::npos);
    o = january();
    o.as_of = at("2025-12-15T00:00:00Z");
    CHECK(OutcomeFit::create(fit_policy(), o).error().message ==
          "as_of is not after the window's start: nothing was known yet");
    o = january();
    o.outcome = Stage::mql;
    o.handover = Stage::sal;
    CHECK(OutcomeFit::create(fit_policy(), o).error().message.find("does not come after") !=
          std::string::npos);
    o = january();
    o.outcome = Stage::customer;  // not in this lifecycle
    CHECK(OutcomeFit::create(fit_policy(), o).error().message ==
          "customer is not a funnel stage of policy fit-test 1's lifecycle");
    o = january();
    o.points_to_double_odds = 0;
    CHECK_FALSE(OutcomeFit::create(fit_policy(), o));
    const PolicySet no_lifecycle = policy_from(R"({"id": "x", "version": "1",
        "schema": {"attributes": {"size": "int"}},
        "scoring": {"axes": [{"id": "fit"}], "rules": [
            {"id": "r", "axis": "fit", "when": "size > 1", "points": 1}]}})");
    CHECK(OutcomeFit::create(no_lifecycle, january()).error().message ==
          "policy x 1 has no lifecycle: the hand-over and outcome stages are its");
    // Nothing to learn: no failures.
    std::vector<Handed> all_accepted{handed("A", true, 10, "2026-01-05T10:00:00Z", Stage::sal)};
    const OutcomeFitResult r = fit_of(all_accepted, january());
    CHECK_FALSE(r.fitted);
    CHECK(leadsla::outcome_fit_text(r).find("Nothing to learn") != std::string::npos);
    const auto patch = leadsla::predictive_axis_patch_json(
        r, fit_policy().versions().front().policy().scoring->spec());
    CHECK(patch.error().message.find("nothing to learn") != std::string::npos);
}

namespace {

/// Seeded random leads: the chance of acceptance is 20 %, plus 25 % when senior, 10 % when big
/// and 40 % with a demo request before the hand-over; the rest are rejected with a reason; one
/// in ten is undecided.
std::vector<Handed> random_leads(std::uint64_t seed, int n) {
    std::mt19937_64 rng(seed);
    const auto below = [&](std::uint64_t k) { return rng() % k; };
    std::vector<Handed> leads;
    for (int i = 0; i < n; ++i) {
        const bool senior = below(2) == 0;
        const std::int64_t size = static_cast<std::int64_t>(below(400));
        const auto handover = at("2026-01-01T08:00:00Z") + std::chrono::hours{below(24 * 60)};
        std::uint64_t chance = 20U + (senior ? 25U : 0U) + (size >= 100 ? 10U : 0U);
        const bool with_demo = below(4) == 0;
        chance += with_demo ? 40U : 0U;
        const std::uint64_t fate = below(100);
        Handed h = handed(fmt::format("R{:05}", i).c_str(), senior, size, "2026-01-01T08:00:00Z");
        h.changes.front().at = handover;
        if (with_demo) {
            h.activities.push_back(Activity{handover - std::chrono::hours{below(200) + 1},
                                            ActivityId{fmt::format("d{}", i)},
                                            "demo_request",
                                            {}});
        }
        if (below(10) != 0) {
            const bool accepted = fate < chance;
            h.changes.push_back(
                StageChange{handover + std::chrono::hours{5}, Stage::mql,
                            accepted ? Stage::sal : Stage::nurture, "anna",
                            accepted ? "" : (size < 100 ? "not_a_fit" : "bad_timing")});
        }
        leads.push_back(std::move(h));
    }
    return leads;
}

OutcomeFitOptions two_months() {
    OutcomeFitOptions o;
    o.from = at("2026-01-01T00:00:00Z");
    o.to = at("2026-03-01T00:00:00Z");
    o.as_of = at("2026-04-01T00:00:00Z");
    o.test_from = at("2026-02-10T00:00:00Z");
    return o;
}

}  // namespace

TEST_CASE("outcome fit properties: byte-reproducible, the same for any partition and order") {
    for (const std::uint64_t seed : {1U, 2U, 3U}) {
        INFO("seed " << seed);
        std::vector<Handed> leads = random_leads(seed, 600);
        const OutcomeFitResult one = fit_of(leads, two_months());
        REQUIRE(one.fitted);
        const std::string bytes = leadsla::outcome_fit_json(one);
        CHECK(leadsla::outcome_fit_json(fit_of(leads, two_months())) == bytes);
        // Shuffled, and split into three partitions merged in another order.
        std::mt19937_64 rng(seed * 7);
        std::shuffle(leads.begin(), leads.end(), rng);
        std::vector<OutcomeFit> parts(3, OutcomeFit::create(fit_policy(), two_months()).value());
        for (std::size_t i = 0; i < leads.size(); ++i) {
            parts[i % 3].add(leads[i].lead, leads[i].activities, leads[i].changes);
        }
        OutcomeFit merged = merge(merge(std::move(parts[2]), parts[0]).value(), parts[1]).value();
        CHECK(leadsla::outcome_fit_json(merged.result()) == bytes);
        CHECK(merged.result() == one);
        // The hidden rules come back: demo (+40 points of chance), senior (+25) and big (+10)
        // all raise the odds, in that order.
        CHECK(rule(one, "demo").weight_milli > rule(one, "senior").weight_milli);
        CHECK(rule(one, "senior").weight_milli > rule(one, "big").weight_milli);
        CHECK(rule(one, "big").weight_milli > 0);
        // The learnt axis ranks held-out leads better than chance.
        REQUIRE(one.power[0].auc_bp);
        CHECK(*one.power[0].auc_bp > 5500);
    }
    OutcomeFitOptions other = two_months();
    other.ridge_milli = 2000;
    CHECK_FALSE(merge(OutcomeFit::create(fit_policy(), two_months()).value(),
                      OutcomeFit::create(fit_policy(), other).value()));
}

TEST_CASE("outcome fit: the predictive axis patch loads, scores the fit and leaves the total") {
    const std::vector<Handed> leads = random_leads(11, 600);
    const OutcomeFitResult r = fit_of(leads, two_months());
    REQUIRE(r.fitted);
    const leadsla::ScoringSpec& spec = fit_policy().versions().front().policy().scoring->spec();
    const leadsla::Result<std::string> patch = leadsla::predictive_axis_patch_json(r, spec);
    REQUIRE(patch);
    nlohmann::json doc = nlohmann::json::parse(fit_policy_text);
    doc = doc.patch(nlohmann::json::parse(*patch));
    const PolicySet patched = policy_from(doc.dump());
    const leadsla::ScoringModel& before = *fit_policy().versions().front().policy().scoring;
    const leadsla::ScoringModel& after = *patched.versions().front().policy().scoring;
    REQUIRE(after.spec().axes.size() == 2);
    CHECK(after.spec().axes[1].id == "predictive");
    CHECK_FALSE(after.spec().axes[1].in_total);
    for (std::size_t i = 0; i < 50; ++i) {
        const Handed& h = leads[i];
        const leadsla::Instant t = h.changes.front().at;
        const leadsla::ScoreCard old_card =
            before.score(h.lead, leadsla::ActivityHistory{h.activities}, t);
        const leadsla::ScoreCard new_card =
            after.score(h.lead, leadsla::ActivityHistory{h.activities}, t);
        CHECK(new_card.total == old_card.total);
        CHECK(new_card.grade == old_card.grade);
        leadsla::Points expected = r.base;
        for (const leadsla::RuleOutcome& o : old_card.rules) {
            if (o.held) {
                expected += r.rules[o.rule].suggested;
            }
        }
        CHECK(new_card.axes[1].score == expected);
    }
    // Patched twice: the axis exists already.
    CHECK(
        leadsla::predictive_axis_patch_json(r, after.spec()).error().message.find("not the one") !=
        std::string::npos);
    CHECK(leadsla::predictive_axis_patch_json(r, spec, "fit").error().message ==
          "the policy has an axis \"fit\" already");
}
