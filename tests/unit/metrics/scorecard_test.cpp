// SPDX-License-Identifier: Apache-2.0
// The review's definitions on small histories worked out by hand (docs/metrics.md).
#include <leadsla/metrics/review_format.hpp>

#include "metrics/counters.hpp"
#include "metrics/distribution.hpp"

#include <support/engine_fixture.hpp>
#include <support/review_fixture.hpp>

using leadsla::Dimension;
using leadsla::Figure;
using leadsla::Lead;
using leadsla::Stage;
using leadsla::StageChange;
using leadsla::TargetStatus;
using leadsla::test::at;
using leadsla::test::company_scorecard;

namespace {

/// A DACH software lead of `employees` people, created at `created`.
Lead lead(const char* id,
          const char* created,
          std::int64_t employees = 120,
          const char* owner = "anna") {
    Lead l;
    l.id = leadsla::LeadId{id};
    l.created_at = at(created);
    l.owner = leadsla::OwnerId{owner};
    l.attributes = {
        {"employees", leadsla::AttributeValue{employees}},
        {"industry", leadsla::AttributeValue{"software"}},
        {"country", leadsla::AttributeValue{"DE"}},
        {"region", leadsla::AttributeValue{"dach"}},
        {"budget_indicated", leadsla::AttributeValue{true}},
        {"source", leadsla::AttributeValue{"event"}},
        {"deal_amount", leadsla::AttributeValue{leadsla::Decimal::from_integer(20000)}}};
    return l;
}

StageChange change(const char* when, Stage from, Stage to, const char* reason = "") {
    return StageChange{at(when), from, to, "anna", reason};
}

const Figure& window(const leadsla::Review& r,
                     std::string_view metric,
                     std::string_view detail = {},
                     Dimension d = Dimension::all,
                     std::string_view key = {}) {
    const leadsla::Series* s = r.find(metric, detail, d, key);
    INFO(fmt::format("{} {} {} {}", metric, detail, d, key));
    REQUIRE(s != nullptr);
    return s->window;
}

}  // namespace

TEST_CASE(
    "periods are placed in the reporting zone: an MQL at 00:30 on 1 February in Berlin is "
    "February's",
    "[metrics][periods]") {
    auto card = company_scorecard(at("2026-12-31T17:00:00Z"));
    // 2026-01-31T23:30Z is 1 February 00:30 CET.
    card.add(lead("L1", "2026-01-20T09:00:00Z"), {},
             std::vector{change("2026-01-31T23:30:00Z", Stage::lead, Stage::mql)});
    const leadsla::Review r = card.review();
    const leadsla::Series* mql = r.find("entries", "mql");
    REQUIRE(mql != nullptr);
    REQUIRE(r.periods.size() == 12);
    CHECK(r.periods[0].label == "2026-01");
    CHECK(r.periods[0].from == at("2025-12-31T23:00:00Z"));  // midnight in Berlin
    CHECK(r.periods[1].from == at("2026-01-31T23:00:00Z"));
    CHECK(mql->periods[0].count == 0);
    CHECK(mql->periods[1].count == 1);
    // The month with the spring DST change is an hour shorter: March ends at 22:00Z.
    CHECK(r.periods[2].to == at("2026-03-31T22:00:00Z"));
}

TEST_CASE("acceptance, rejection and their reasons over the MQL cohort", "[metrics]") {
    auto card = company_scorecard(at("2026-12-31T17:00:00Z"));
    // A: accepted. B: rejected (bad timing). C: pending. D: rejected (not a fit), as
    // disqualified. E: re-qualifies after a rejection and is accepted the second time.
    card.add(lead("A", "2026-03-02T09:00:00Z"), {},
             std::vector{change("2026-03-03T09:00:00Z", Stage::lead, Stage::mql),
                         change("2026-03-04T09:00:00Z", Stage::mql, Stage::sal)});
    card.add(lead("B", "2026-03-02T09:00:00Z"), {},
             std::vector{change("2026-03-03T09:00:00Z", Stage::lead, Stage::mql),
                         change("2026-03-05T09:00:00Z", Stage::mql, Stage::nurture, "bad_timing")});
    card.add(lead("C", "2026-03-02T09:00:00Z"), {},
             std::vector{change("2026-03-03T09:00:00Z", Stage::lead, Stage::mql)});
    card.add(
        lead("D", "2026-03-02T09:00:00Z"), {},
        std::vector{change("2026-03-03T09:00:00Z", Stage::lead, Stage::mql),
                    change("2026-03-06T09:00:00Z", Stage::mql, Stage::disqualified, "not_a_fit")});
    card.add(lead("E", "2026-03-02T09:00:00Z"), {},
             std::vector{change("2026-03-03T09:00:00Z", Stage::lead, Stage::mql),
                         change("2026-03-04T09:00:00Z", Stage::mql, Stage::nurture, "bad_timing"),
                         change("2026-04-14T09:00:00Z", Stage::nurture, Stage::mql),
                         change("2026-04-15T09:00:00Z", Stage::mql, Stage::sal)});
    const leadsla::Review r = card.review();
    // Six MQL cycles (E counts twice): accepted A, E (April); rejected B, D, E (March); C pending.
    CHECK(window(r, "mql_cycles").count == 6);
    CHECK(window(r, "mql_outcome", "accepted").count == 2);
    CHECK(window(r, "mql_outcome", "rejected").count == 3);
    CHECK(window(r, "mql_outcome", "pending").count == 1);
    const Figure& acceptance = window(r, "acceptance_rate");
    CHECK(acceptance.count == 2);
    CHECK(acceptance.denominator == 5);  // pending MQLs are not decided
    CHECK(acceptance.basis_points() == 4000);
    CHECK(window(r, "rejection_rate").basis_points() == 6000);
    CHECK(window(r, "rejection_reasons", "bad_timing").count == 2);
    CHECK(window(r, "rejection_reasons", "not_a_fit").count == 1);
    // The cohort is placed by the MQL: March has five cycles, April E's second.
    const leadsla::Series* per_month = r.find("mql_cycles");
    CHECK(per_month->periods[2].count == 5);
    CHECK(per_month->periods[3].count == 1);
    // Entries count every entry: E entered MQL twice.
    CHECK(window(r, "entries", "mql").count == 6);
    // Leads created: five in March, each reached MQL.
    CHECK(window(r, "mql_rate").count == 5);
    CHECK(window(r, "mql_rate").denominator == 5);
}

TEST_CASE("a skipped stage: an SQL that was never an MQL", "[metrics]") {
    auto card = company_scorecard(at("2026-12-31T17:00:00Z"));
    card.add(lead("S", "2026-05-04T09:00:00Z"), {},
             std::vector{change("2026-05-05T09:00:00Z", Stage::lead, Stage::sql),
                         change("2026-05-20T09:00:00Z", Stage::sql, Stage::opportunity),
                         change("2026-06-20T09:00:00Z", Stage::opportunity, Stage::customer)});
    const leadsla::Review r = card.review();
    CHECK(r.find("mql_cycles") == nullptr);         // not in any MQL cohort
    CHECK(window(r, "entries", "sql").count == 1);  // but an SQL entry
    CHECK(window(r, "mql_rate").count == 1);        // and it passed the MQL bar
    CHECK(window(r, "lead_to_customer").count == 1);
    CHECK(window(r, "sql_to_opportunity").basis_points() == 10000);
    CHECK(window(r, "win_rate").basis_points() == 10000);
    CHECK(window(r, "pipeline").amount == leadsla::Decimal::from_integer(20000));
    CHECK(window(r, "deal_size").count == 1);
    // SQL on 5 May 09:00Z to customer on 20 June 09:00Z: 46 days, a whole number of days.
    const Figure& cycle = window(r, "sales_cycle");
    CHECK(cycle.p50 == 46 * 24 * 3600);
}

TEST_CASE("first contact: on time, response time buckets, and clocks that never started",
          "[metrics][sla]") {
    auto card = company_scorecard(at("2026-12-31T17:00:00Z"));
    const auto attempt = [](const char* id, const char* when) {
        return leadsla::Activity{at(when),
                                 leadsla::ActivityId{id},
                                 "contact_attempt",
                                 {{"channel", leadsla::AttributeValue{"phone"}}}};
    };
    // MQL on Monday 2 March 09:00 CET (08:00Z); the DACH calendar opens 08:00-18:00 CET.
    // F: contacted at 09:30 CET (30 min, on time). G: at 15:00 CET (6 h: late, 4-24h).
    // H: never an MQL: its clocks never start and do not count as pending first contact.
    card.add(lead("F", "2026-03-02T07:00:00Z"), std::vector{attempt("f1", "2026-03-02T08:30:00Z")},
             std::vector{change("2026-03-02T08:00:00Z", Stage::lead, Stage::mql)});
    card.add(lead("G", "2026-03-02T07:00:00Z"), std::vector{attempt("g1", "2026-03-02T14:00:00Z")},
             std::vector{change("2026-03-02T08:00:00Z", Stage::lead, Stage::mql)});
    card.add(lead("H", "2026-03-02T07:00:00Z"), {}, {});
    const leadsla::Review r = card.review();
    const Figure& on_time = window(r, "on_time_rate", "first_contact");
    CHECK(on_time.count == 1);
    CHECK(on_time.denominator == 2);
    CHECK(window(r, "response_buckets", "first_contact:< 1h").count == 1);
    CHECK(window(r, "response_buckets", "first_contact:4-24h").count == 1);
    const Figure& response = window(r, "response_time", "first_contact");
    CHECK(response.count == 2);
    CHECK(response.p50 == 30 * 60);   // nearest rank of two: the first
    CHECK(response.p90 == 6 * 3600);  // 6 h is on a 5-minute bucket's edge
    CHECK(r.find("clocks", "first_contact:pending") == nullptr);
    // G's first contact (due 13:00 CET, 4 business hours after 09:00; met late), and both
    // leads' sales acceptance: nobody accepted them within 2 business days (due Wednesday
    // 4 March 18:00 CET), still open.
    REQUIRE(r.breach_count == 3);
    REQUIRE(r.breaches.size() == 3);
    CHECK(r.breaches[0].breached_at == at("2026-03-04T17:00:00Z"));  // most recent first
    CHECK(r.breaches[0].lead == "F");
    CHECK(r.breaches[0].sla == "sales_acceptance");
    CHECK(r.breaches[0].status == leadsla::TimerStatus::breached);
    CHECK(r.breaches[1].lead == "G");
    CHECK(r.breaches[2].breached_at == at("2026-03-02T12:00:00Z"));
    CHECK(r.breaches[2].lead == "G");
    CHECK(r.breaches[2].sla == "first_contact");
    CHECK(r.breaches[2].status == leadsla::TimerStatus::met_late);
}

TEST_CASE("as of: what happened later does not exist yet", "[metrics][as_of]") {
    auto card = company_scorecard(at("2026-03-10T12:00:00Z"));
    card.add(lead("Early", "2026-03-02T09:00:00Z"), {},
             std::vector{change("2026-03-03T09:00:00Z", Stage::lead, Stage::mql),
                         change("2026-03-20T09:00:00Z", Stage::mql, Stage::sal)});
    card.add(lead("Late", "2026-03-15T09:00:00Z"), {}, {});
    const leadsla::Review r = card.review();
    CHECK(r.leads == 1);
    CHECK(r.leads_not_yet_created == 1);
    CHECK(window(r, "mql_outcome", "pending").count == 1);  // accepted only after as_of
    CHECK(r.find("entries", "sal") == nullptr);
}

TEST_CASE("a stage change or an activity reported twice counts once", "[metrics]") {
    auto once = company_scorecard(at("2026-12-31T17:00:00Z"));
    auto twice = company_scorecard(at("2026-12-31T17:00:00Z"));
    const std::vector changes{change("2026-03-03T09:00:00Z", Stage::lead, Stage::mql),
                              change("2026-03-04T09:00:00Z", Stage::mql, Stage::sal)};
    const std::vector doubled{changes[0], changes[1], changes[1], changes[0]};
    const leadsla::Activity a{at("2026-03-03T10:00:00Z"),
                              leadsla::ActivityId{"a1"},
                              "contact_attempt",
                              {{"channel", leadsla::AttributeValue{"phone"}}}};
    once.add(lead("A", "2026-03-02T09:00:00Z"), std::vector{a}, changes);
    twice.add(lead("A", "2026-03-02T09:00:00Z"), std::vector{a, a}, doubled);
    CHECK(leadsla::review_json(once.review()) == leadsla::review_json(twice.review()));
    CHECK(window(twice.review(), "entries", "mql").count == 1);
}

TEST_CASE("agreement targets: met and missed periods, the running period projected",
          "[metrics][targets]") {
    // As of Monday 16 March 12:00Z. Mid-March, the running month.
    auto card = company_scorecard(at("2026-03-16T12:00:00Z"));
    for (int i = 0; i < 3; ++i) {
        card.add(lead(fmt::format("J{}", i).c_str(), "2026-01-05T09:00:00Z"), {},
                 std::vector{change("2026-01-06T09:00:00Z", Stage::lead, Stage::mql)});
        card.add(lead(fmt::format("M{}", i).c_str(), "2026-03-02T09:00:00Z"), {},
                 std::vector{change("2026-03-03T09:00:00Z", Stage::lead, Stage::mql)});
    }
    const leadsla::Review r = card.review();
    const auto target = std::find_if(r.targets.begin(), r.targets.end(),
                                     [](const auto& t) { return t.target.id == "mql_volume"; });
    REQUIRE(target != r.targets.end());
    REQUIRE(target->periods.size() == 3);  // January to the running March
    CHECK(target->periods[0].actual.count == 3);
    CHECK(target->periods[0].status == TargetStatus::missed);  // 3 < 60
    CHECK(target->periods[1].actual.count == 0);
    CHECK(target->periods[2].period.running);
    REQUIRE(target->periods[2].projected);
    // March on the DACH calendar: 22 working days of 10 h = 220 h; by Monday 16 March 12:00Z
    // (13:00 CET) 10 days and 5 h have passed = 105 h. 3 × 220 / 105 = 6.29 -> 6.
    CHECK(target->periods[2].projected->count == 6);
    CHECK(target->periods[2].status == TargetStatus::at_risk);
}

TEST_CASE("scorecards: bad options and mismatched merges are refused", "[metrics][errors]") {
    using leadsla::Scorecard;
    const auto& policies = leadsla::test::company_policies();
    const auto empty =
        Scorecard::create(policies, {at("2026-02-01T00:00:00Z"), at("2026-02-01T00:00:00Z"),
                                     at("2026-02-01T00:00:00Z"), leadsla::Period::month, 10});
    REQUIRE_FALSE(empty);
    CHECK(empty.error().message.find("is empty") != std::string::npos);
    const auto days =
        Scorecard::create(policies, {at("2000-01-01T00:00:00Z"), at("2030-01-01T00:00:00Z"),
                                     at("2030-01-01T00:00:00Z"), leadsla::Period::day, 10});
    REQUIRE_FALSE(days);
    CHECK(days.error().message.find("at most 10 years") != std::string::npos);
    auto month = company_scorecard(at("2026-12-31T17:00:00Z"));
    auto week = company_scorecard(at("2026-12-31T17:00:00Z"), leadsla::Period::week);
    const auto merged = leadsla::merge(month, week);
    REQUIRE_FALSE(merged);
    CHECK(merged.error().code == leadsla::ErrorCode::policy_invalid);
    // A policy without an agreement has no reporting zone to place periods in.
    const auto funnel = leadsla::PolicySet::create({leadsla::test::funnel_engine()}).value();
    const auto no_agreement =
        Scorecard::create(funnel, {at("2026-01-01T00:00:00Z"), at("2026-02-01T00:00:00Z"),
                                   at("2026-02-01T00:00:00Z"), leadsla::Period::month, 10});
    REQUIRE_FALSE(no_agreement);
    CHECK(no_agreement.error().where == "/agreement");
}

TEST_CASE("distributions: buckets keep percentiles within their resolution", "[metrics]") {
    using leadsla::detail::Distribution;
    using Unit = Distribution::Unit;
    CHECK(Distribution::bucket(Unit::seconds, 0) == 0);
    CHECK(Distribution::bucket(Unit::seconds, 1) == 60);
    CHECK(Distribution::bucket(Unit::seconds, 3600) == 3600);
    CHECK(Distribution::bucket(Unit::seconds, 3601) == 3600 + 300);
    CHECK(Distribution::bucket(Unit::seconds, 24 * 3600 + 1) == 25 * 3600);
    CHECK(Distribution::bucket(Unit::seconds, 31 * 24 * 3600 + 1) == 32 * 24 * 3600);
    CHECK(Distribution::bucket(Unit::milli_points, 12345) == 12345);
    Distribution d;
    for (int i = 1; i <= 10; ++i) {
        d.add(Unit::seconds, i * 600);  // 10, 20, ... 100 minutes
    }
    CHECK(d.percentile(Unit::seconds, 50) == 3000);
    CHECK(d.percentile(Unit::seconds, 90) == 5400);
    CHECK(d.percentile(Unit::seconds, 100) == 6000);
}

TEST_CASE("the metric table names every metric in the order of the enum", "[metrics]") {
    const auto& table = leadsla::detail::metric_table();
    for (std::size_t i = 0; i < table.size(); ++i) {
        CHECK(static_cast<std::size_t>(table[i].metric) == i);
    }
    CHECK(table.back().metric == leadsla::detail::Metric::at_risk_now);
}

TEST_CASE("the drill-down keeps the leads with the most recent facts behind each count",
          "[metrics][drill-down]") {
    // Four MQLs: A in March, B and C at the same instant in May, D in June (owner ben). With
    // two leads per figure, entries(mql) keeps D, then B before C (same instant: by id).
    auto card = company_scorecard(at("2026-12-31T17:00:00Z"), leadsla::Period::month, 2);
    const auto mql = [](const char* when) {
        return std::vector{change(when, Stage::lead, Stage::mql)};
    };
    card.add(lead("A", "2026-03-02T09:00:00Z"), {}, mql("2026-03-03T09:00:00Z"));
    card.add(lead("C", "2026-05-04T09:00:00Z"), {}, mql("2026-05-05T09:00:00Z"));
    card.add(lead("B", "2026-05-04T09:00:00Z"), {}, mql("2026-05-05T09:00:00Z"));
    card.add(lead("D", "2026-06-01T09:00:00Z", 120, "ben"), {}, mql("2026-06-02T09:00:00Z"));
    // A lead created after the window's MQL facts but whose MQL falls outside it: not listed.
    card.add(lead("E", "2025-12-01T09:00:00Z"), {}, mql("2025-12-02T09:00:00Z"));
    const leadsla::Review r = card.review();
    const auto leads_of = [&](std::string_view metric, std::string_view detail, Dimension d,
                              std::string_view key) {
        const leadsla::Series* s = r.find(metric, detail, d, key);
        REQUIRE(s != nullptr);
        return s->leads;
    };
    using V = std::vector<std::string>;
    CHECK(leads_of("entries", "mql", Dimension::all, "") == V{"D", "B"});
    CHECK(leads_of("entries", "mql", Dimension::owner, "anna") == V{"B", "C"});
    CHECK(leads_of("entries", "mql", Dimension::owner, "ben") == V{"D"});
    // Leads created in the window, by creation: E was created before it.
    CHECK(leads_of("leads", "", Dimension::all, "") == V{"D", "B"});
    CHECK(window(r, "leads").count == 4);
    // Rates and distributions list no leads.
    CHECK(leads_of("mql_rate", "", Dimension::all, "").empty());

    // Without the option, no lists.
    auto plain = company_scorecard(at("2026-12-31T17:00:00Z"));
    plain.add(lead("A", "2026-03-02T09:00:00Z"), {}, mql("2026-03-03T09:00:00Z"));
    for (const leadsla::Series& s : plain.review().series) {
        CHECK(s.leads.empty());
    }
}

TEST_CASE("the review's change log: the versions in force during the window, with why",
          "[metrics][versions]") {
    const auto text_of = [](const char* path) {
        std::ifstream in(std::string{LEADSLA_SOURCE_DIR} + path);
        std::stringstream buffer;
        buffer << in.rdbuf();
        return buffer.str();
    };
    std::vector<leadsla::Engine> versions;
    versions.emplace_back(leadsla::load_policy(text_of("/examples/company/policy.json")).value());
    versions.emplace_back(
        leadsla::load_policy(text_of("/tests/cli/company_policy_v2.json")).value());
    const leadsla::PolicySet set = leadsla::PolicySet::create(std::move(versions)).value();
    const auto versions_of = [&](const char* from, const char* to, const char* as_of) {
        const leadsla::Review r =
            leadsla::Scorecard::create(set, {at(from), at(to), at(as_of), leadsla::Period::month})
                .value()
                .review();
        std::vector<std::string> out;
        for (const leadsla::PolicyVersionNote& v : r.policy_versions) {
            REQUIRE(v.rationale);
            out.push_back(fmt::format("{} {} {}", v.version,
                                      leadsla::format_instant(v.effective_from.value()),
                                      v.rationale->review));
        }
        return out;
    };
    // 2026.2 comes into force on 1 July (Berlin): a year's review shows both.
    CHECK(versions_of("2025-12-31T23:00:00Z", "2026-12-31T23:00:00Z", "2026-12-31T23:00:00Z") ==
          std::vector<std::string>{"2026.1 2025-12-31T23:00:00Z 2025-Q4 planning",
                                   "2026.2 2026-06-30T22:00:00Z 2026-H1 SLA review"});
    // A review of the first half, or of the year as known in May, only the first.
    CHECK(versions_of("2025-12-31T23:00:00Z", "2026-06-30T22:00:00Z", "2026-06-30T22:00:00Z") ==
          std::vector<std::string>{"2026.1 2025-12-31T23:00:00Z 2025-Q4 planning"});
    CHECK(versions_of("2025-12-31T23:00:00Z", "2026-12-31T23:00:00Z", "2026-05-15T00:00:00Z")
              .size() == 1);
    // A review of November: only the version in force then.
    CHECK(versions_of("2026-10-31T23:00:00Z", "2026-11-30T23:00:00Z", "2026-11-30T23:00:00Z") ==
          std::vector<std::string>{"2026.2 2026-06-30T22:00:00Z 2026-H1 SLA review"});
}
