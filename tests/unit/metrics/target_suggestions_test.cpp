// SPDX-License-Identifier: Apache-2.0
// Target suggestions worked out by hand: the median of the closed periods, the step, the
// rounding to a value people state, and the JSON Patch of the policy.
#include <nlohmann/json.hpp>

#include <leadsla/metrics/target_suggestions.hpp>

#include <support/test_support.hpp>

using leadsla::AgreementMetric;
using leadsla::AgreementTarget;
using leadsla::BusinessDuration;
using leadsla::Figure;
using leadsla::MetricKind;
using leadsla::TargetPeriod;
using leadsla::TargetStatus;
using leadsla::TargetSuggestion;
using leadsla::TargetValue;

namespace {

TargetValue stated(MetricKind kind, std::int64_t n) {
    TargetValue v;
    v.kind = kind;
    switch (kind) {
        case MetricKind::count:
            v.count = n;
            break;
        case MetricKind::rate:
            v.basis_points = n;
            break;
        case MetricKind::duration:
            v.duration = BusinessDuration::seconds(n);
            break;
        case MetricKind::amount:
            v.amount = leadsla::Decimal::from_integer(n);
            break;
    }
    return v;
}

AgreementTarget target_of(
    const char* id, AgreementMetric metric, bool at_least, TargetValue value, int index) {
    AgreementTarget t;
    t.id = id;
    t.metric = metric;
    t.at_least = at_least;
    t.value = value;
    t.sla = metric == AgreementMetric::response_time_p90 ? "first_contact" : "";
    t.pointer = fmt::format("/agreement/targets/{}", index);
    return t;
}

/// A period's figure for a target of `kind`: a count, a rate `n` of 10,000, a p90 of `n`
/// seconds, an amount of `n`.
TargetPeriod period_of(MetricKind kind, std::int64_t n, TargetStatus status) {
    TargetPeriod p;
    p.status = status;
    switch (kind) {
        case MetricKind::count:
            p.actual = Figure{Figure::Kind::count, n, 0, 0, 0, {}};
            break;
        case MetricKind::rate:
            p.actual = Figure{Figure::Kind::rate, n, 10000, 0, 0, {}};
            break;
        case MetricKind::duration:
            p.actual = Figure{Figure::Kind::duration, 20, 0, n / 2, n, {}};
            break;
        case MetricKind::amount:
            p.actual = Figure{Figure::Kind::amount, 3, 0, 0, 0, leadsla::Decimal::from_integer(n)};
            break;
    }
    return p;
}

leadsla::TargetReview reviewed(AgreementTarget t,
                               std::initializer_list<std::int64_t> closed,
                               TargetStatus running = TargetStatus::at_risk) {
    leadsla::TargetReview tr{std::move(t), {}};
    const MetricKind kind = tr.target.value.kind;
    for (const std::int64_t n : closed) {
        tr.periods.push_back(period_of(kind, n, TargetStatus::missed));
    }
    tr.periods.push_back(period_of(kind, 1, running));  // partial: never read
    return tr;
}

}  // namespace

TEST_CASE("target suggestions: the closed periods' median, improved and rounded", "[suggest]") {
    leadsla::Review review;
    // 60 MQLs a month, missed in all 11 closed months: median 19; +10 % = 20.9 -> 21.
    review.targets.push_back(reviewed(
        target_of("mql_volume", AgreementMetric::entries, true, stated(MetricKind::count, 60), 0),
        {7, 19, 19, 23, 15, 26, 18, 18, 16, 23, 25}));
    // Acceptance at least 65 %: 70 %, 60 %, 80 % -> median 70 %; +10 % = 77 %.
    review.targets.push_back(reviewed(target_of("acceptance", AgreementMetric::acceptance_rate,
                                                true, stated(MetricKind::rate, 6500), 1),
                                      {7000, 6000, 8000}));
    // On time at least 90 %: median 95.5 % (even count: the middle two, 95 % and 96 %);
    // +10 % is over 100 %: 100 %.
    review.targets.push_back(reviewed(target_of("on_time", AgreementMetric::on_time_rate, true,
                                                stated(MetricKind::rate, 9000), 2),
                                      {9000, 9500, 9600, 9900}));
    // p90 first contact at most 5h: 3h, 5h, 4h30m -> median 4h30m (16,200 s); -10 % =
    // 14,580 s = 4h3m, to 5 minutes towards better: 4h.
    review.targets.push_back(reviewed(target_of("p90", AgreementMetric::response_time_p90, false,
                                                stated(MetricKind::duration, 5 * 3600), 3),
                                      {3 * 3600, 5 * 3600, 16200}));
    // Rejection at most 20 %: 25 %, 30 %, 20 % -> median 25 %; -10 % = 22.5 % -> 22 %.
    review.targets.push_back(reviewed(target_of("rejection", AgreementMetric::rejection_rate, false,
                                                stated(MetricKind::rate, 2000), 4),
                                      {2500, 3000, 2000}));
    // Pipeline at least 750000: 930200 and 500000 -> median 715100; +10 % = 786610, to three
    // significant digits upwards: 787000.
    review.targets.push_back(reviewed(target_of("pipeline", AgreementMetric::pipeline, true,
                                                stated(MetricKind::amount, 750000), 5),
                                      {930200, 500000}));
    // Lead to customer at least 5 %: 0.5 %, 0.8 %, 1.71 % -> median 0.8 %; +10 % = 0.88 %,
    // to a tenth of a percent under 10 %: 0.9 %.
    review.targets.push_back(
        reviewed(target_of("lead_to_customer", AgreementMetric::lead_to_customer, true,
                           stated(MetricKind::rate, 500), 7),
                 {50, 80, 171}));
    // No closed period with data: kept as stated.
    review.targets.push_back(reviewed(
        target_of("win_rate", AgreementMetric::win_rate, true, stated(MetricKind::rate, 3000), 6),
        {}, TargetStatus::no_data));

    const std::vector<TargetSuggestion> s = leadsla::suggest_targets(review);
    REQUIRE(s.size() == 8);
    CHECK(s[0].suggested == stated(MetricKind::count, 21));
    CHECK(s[0].achieved == stated(MetricKind::count, 19));
    CHECK(s[0].lowest == stated(MetricKind::count, 7));
    CHECK(s[0].highest == stated(MetricKind::count, 26));
    CHECK(s[0].periods == 11);
    CHECK(s[0].periods_met == 0);
    CHECK(s[1].suggested == stated(MetricKind::rate, 7700));
    CHECK(s[2].achieved == stated(MetricKind::rate, 9550));
    CHECK(s[2].suggested == stated(MetricKind::rate, 10000));
    CHECK(s[3].achieved == stated(MetricKind::duration, 16200));
    CHECK(s[3].suggested == stated(MetricKind::duration, 14400));
    CHECK(s[4].suggested == stated(MetricKind::rate, 2200));
    CHECK(s[5].suggested.amount == leadsla::Decimal::from_integer(787000));
    CHECK(s[6].suggested == stated(MetricKind::rate, 90));
    CHECK(s[0].direction() == "looser");  // the history does not support 60
    CHECK(s[1].direction() == "stricter");
    CHECK(s[3].direction() == "stricter");
    CHECK(s[6].direction() == "looser");
    CHECK(s[7].direction() == "unchanged");
    CHECK_FALSE(s[7].changes());
    CHECK_FALSE(s[7].achieved);
    CHECK(s[7].rationale == "no closed month with data in the window: kept as stated");
    CHECK(s[0].rationale ==
          "entries(mql) was 19 at the median of 11 closed months (7 to 26), which met the stated "
          ">= 60 in 0 of 11; improved 10.0 % and rounded: >= 21");
    CHECK(fmt::format("{}", s[3]).starts_with("p90: <= 5h -> <= 4h ("));

    SECTION("the steps are options") {
        const std::vector<TargetSuggestion> t =
            leadsla::suggest_targets(review, leadsla::SuggestionOptions{150, 0});
        CHECK(t[0].suggested == stated(MetricKind::count, 22));        // 19 * 1.15 = 21.85 -> 22
        CHECK(t[3].suggested == stated(MetricKind::duration, 16200));  // as achieved: 4h30m
    }
    SECTION("the JSON Patch replaces the values that change, in the policy's syntax") {
        const nlohmann::json patch = nlohmann::json::parse(leadsla::suggestions_patch_json(s));
        REQUIRE(patch.size() == 7);
        CHECK(patch[0] ==
              nlohmann::json::parse(
                  R"({"op":"replace","path":"/agreement/targets/0/at_least","value":21})"));
        CHECK(patch[1]["value"] == "77%");
        CHECK(patch[3]["path"] == "/agreement/targets/3/at_most");
        CHECK(patch[3]["value"] == "4h");
        CHECK(patch[5]["value"] == "787000");
        CHECK(patch[6]["value"] == "0.9%");
        CHECK(leadsla::suggestions_patch_json({}) == "[]\n");
    }
    SECTION("text") {
        const std::string text = leadsla::suggestions_text(s);
        CHECK(text.find("  mql_volume (shared): entries(mql) per month\n"
                        "    stated >= 60, suggested >= 21 (looser)\n") != std::string::npos);
        CHECK(text.find("stated >= 30%, suggested >= 30% (unchanged)") != std::string::npos);
    }
}
