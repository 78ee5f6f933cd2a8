// SPDX-License-Identifier: Apache-2.0
// The engine under examples/company/policy.json (the bundled example: 20 scoring rules, 3 SLAs,
// routing) and examples/policies/funnel.json (5 scoring rules and a qualification, 1 segmentation,
// the default lifecycle, routing over 5 owners, 3 SLAs on two calendars): evaluate with 50
// activities, apply one activity to a 50-activity state, and the population sweep over 1,000,000
// scheduled leads. The `BM_company_part_*` benchmarks time the parts of the company evaluation
// one by one (docs/performance.md, "Where the time goes"); `BM_evaluate_company_first_activities`
// how its time grows with the history (every fifth length from 0 to 50).
// Run from the source directory: build/bench/bench/leadsla_bench_engine --benchmark_repetitions=5
#include <fstream>
#include <sstream>

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <leadsla/leadsla.hpp>

#include "scoring/shared/bulk_scoring.hpp"

namespace {

using leadsla::Activity;
using leadsla::AttributeValue;
using leadsla::Instant;

Instant at(const char* text) {
    return leadsla::parse_instant(text).value();
}

leadsla::Engine load(const char* path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return leadsla::Engine{leadsla::load_policy(text.str()).value()};
}

const leadsla::Engine& engine() {
    static const leadsla::Engine e = load("examples/policies/funnel.json");
    return e;
}

/// The bundled example company: 20 scoring rules, 3 SLAs, routing over 3 teams.
const leadsla::Engine& company_engine() {
    static const leadsla::Engine e = load("examples/company/policy.json");
    return e;
}

leadsla::Lead lead() {
    leadsla::Lead l;
    l.id = leadsla::LeadId{"L-1"};
    l.created_at = at("2026-03-02T08:00:00Z");
    l.stage = leadsla::Stage::sql;
    l.attributes = {{"employees", AttributeValue{std::int64_t{120}}},
                    {"industry", AttributeValue{"software"}},
                    {"country", AttributeValue{"DE"}},
                    {"region", AttributeValue{"dach"}},
                    {"budget_indicated", AttributeValue{true}},
                    {"email", AttributeValue{"jana@acme.de"}}};
    return l;
}

/// 50 activities over five weeks: visits, downloads, contact attempts, meetings.
std::vector<Activity> history() {
    const char* types[] = {"web_visit", "content_download", "contact_attempt", "meeting",
                           "web_visit"};
    std::vector<Activity> out;
    for (int i = 0; i < 50; ++i) {
        Activity a;
        a.id = leadsla::ActivityId{fmt::format("a{:02}", i)};
        a.occurred_at = at("2026-03-02T09:00:00Z") + std::chrono::hours{17 * i};
        a.type = types[i % 5];
        if (a.type == "contact_attempt") {
            a.properties["channel"] = AttributeValue{i % 2 == 0 ? "phone" : "email"};
        } else if (a.type == "content_download") {
            a.properties["asset_type"] = AttributeValue{"whitepaper"};
        }
        out.push_back(std::move(a));
    }
    return out;
}

std::vector<leadsla::StageChange> changes() {
    return {{at("2026-03-04T10:00:00Z"), leadsla::Stage::lead, leadsla::Stage::mql, "auto", ""},
            {at("2026-03-04T13:00:00Z"), leadsla::Stage::mql, leadsla::Stage::sal, "anna", ""},
            {at("2026-03-09T10:00:00Z"), leadsla::Stage::sal, leadsla::Stage::sql, "anna", ""}};
}

/// The lead with the attributes the company policy's rules read, and an owner (a worked SQL).
leadsla::Lead company_lead() {
    auto l = lead();
    l.attributes["source"] = AttributeValue{"paid_search"};
    l.attributes["job_level"] = AttributeValue{"vp"};
    l.owner = leadsla::OwnerId{"anna"};
    return l;
}

/// evaluate of `l` with the 50 activities; Arg(0): no explanation, Arg(1): rule explanations.
void run_evaluate(benchmark::State& state, const leadsla::Engine& e, const leadsla::Lead& l) {
    const auto h = history();
    const auto c = changes();
    const Instant now = at("2026-04-10T12:00:00Z");
    leadsla::EvaluateOptions options;
    options.explain =
        state.range(0) == 0 ? leadsla::ExplainLevel::none : leadsla::ExplainLevel::rules;
    for (auto _ : state) {
        benchmark::DoNotOptimize(e.evaluate(l, h, c, now, options));
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void BM_evaluate_50_activities(benchmark::State& state) {
    run_evaluate(state, engine(), lead());
}
BENCHMARK(BM_evaluate_50_activities)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

/// The same lead and history under examples/company/policy.json (the "example policy").
void BM_evaluate_company_50_activities(benchmark::State& state) {
    run_evaluate(state, company_engine(), company_lead());
}
BENCHMARK(BM_evaluate_company_50_activities)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

/// The inputs of the company benchmark above, made once for the benchmarks below.
struct CompanyInputs {
    leadsla::Lead lead = company_lead();
    std::vector<Activity> activities = history();
    std::vector<leadsla::StageChange> stage_changes = changes();
    Instant now = at("2026-04-10T12:00:00Z");
    const leadsla::Policy& policy = company_engine().policy();
};

const CompanyInputs& company_inputs() {
    static const CompanyInputs inputs;
    return inputs;
}

/// The company evaluation without explanation over the first Arg(0) of the 50 activities: what
/// the history costs per activity, and what every evaluation costs whatever its history.
void BM_evaluate_company_first_activities(benchmark::State& state) {
    const CompanyInputs& in = company_inputs();
    const auto first =
        std::span<const Activity>{in.activities}.first(static_cast<std::size_t>(state.range(0)));
    leadsla::EvaluateOptions options;
    options.explain = leadsla::ExplainLevel::none;
    for (auto _ : state) {
        benchmark::DoNotOptimize(
            company_engine().evaluate(in.lead, first, in.stage_changes, in.now, options));
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_evaluate_company_first_activities)
    ->DenseRange(0, 50, 5)
    ->Unit(benchmark::kMicrosecond);

// The parts of the company `evaluate` without explanation, each timed alone through the public
// module API with the same lead, history and `now`: where the time of
// BM_evaluate_company_50_activities/0 goes. Run alone, a part has the caches and the branch
// predictor to itself, so the parts need not add up to the whole; and the SLAs here classify the
// lead themselves, where `evaluate` hands them the segments it has.

void BM_company_part_history(benchmark::State& state) {
    const CompanyInputs& in = company_inputs();
    for (auto _ : state) {
        const leadsla::ActivityHistory h{std::span<const Activity>{in.activities}};
        benchmark::DoNotOptimize(h.size());
    }
}
BENCHMARK(BM_company_part_history);

void BM_company_part_prepare_activities(benchmark::State& state) {
    const CompanyInputs& in = company_inputs();
    const leadsla::ExpressionSet& x = leadsla::detail::expressions_of(*in.policy.scoring);
    for (auto _ : state) {
        benchmark::DoNotOptimize(x.prepare(in.activities));
    }
}
BENCHMARK(BM_company_part_prepare_activities);

void BM_company_part_prepare_lead(benchmark::State& state) {
    const CompanyInputs& in = company_inputs();
    const leadsla::ExpressionSet& x = leadsla::detail::expressions_of(*in.policy.scoring);
    for (auto _ : state) {
        benchmark::DoNotOptimize(x.prepare(in.lead));
    }
}
BENCHMARK(BM_company_part_prepare_lead);

void BM_company_part_score(benchmark::State& state) {
    const CompanyInputs& in = company_inputs();
    const leadsla::ScoringModel& scoring = *in.policy.scoring;
    const leadsla::ExpressionSet& x = leadsla::detail::expressions_of(scoring);
    const leadsla::LeadRecord record = x.prepare(in.lead);
    const leadsla::ActivityRecords records = x.prepare(in.activities);
    for (auto _ : state) {
        leadsla::ScoreCard card;
        leadsla::detail::score_records(scoring, record, {records.data(), records.size()}, in.now,
                                       leadsla::ExplainLevel::none, card);
        benchmark::DoNotOptimize(card);
    }
}
BENCHMARK(BM_company_part_score);

void BM_company_part_segments(benchmark::State& state) {
    const CompanyInputs& in = company_inputs();
    for (auto _ : state) {
        benchmark::DoNotOptimize(
            in.policy.segments->classify(in.lead, leadsla::ExplainLevel::none));
    }
}
BENCHMARK(BM_company_part_segments);

/// The stage recommendation, the check of the reported changes, the cadence and recycling.
void BM_company_part_lifecycle(benchmark::State& state) {
    const CompanyInputs& in = company_inputs();
    const leadsla::Lifecycle& l = *in.policy.lifecycle;
    const leadsla::ActivityHistory h{std::span<const Activity>{in.activities}};
    const leadsla::ScoreCard card =
        in.policy.scoring->score(in.lead, h, in.now, leadsla::ExplainLevel::none);
    const leadsla::ScoreFacts facts = leadsla::score_facts(*in.policy.scoring, card);
    const Instant entered = in.stage_changes.back().at;
    for (auto _ : state) {
        benchmark::DoNotOptimize(l.recommend(in.lead, h, facts, in.now));
        benchmark::DoNotOptimize(
            l.check_history(in.stage_changes.front().from, in.stage_changes, h));
        benchmark::DoNotOptimize(l.cadence(h, in.now));
        benchmark::DoNotOptimize(l.recycling(in.lead.stage, entered, h, in.now));
    }
}
BENCHMARK(BM_company_part_lifecycle);

void BM_company_part_slas(benchmark::State& state) {
    const CompanyInputs& in = company_inputs();
    leadsla::SlaEvaluateOptions options;
    options.attached_at = in.now;
    options.explain = leadsla::ExplainLevel::none;
    const leadsla::ActivityHistory h{std::span<const Activity>{in.activities}};
    for (auto _ : state) {
        benchmark::DoNotOptimize(
            in.policy.slas->evaluate(in.lead, in.stage_changes, h, in.now, options));
    }
}
BENCHMARK(BM_company_part_slas);

/// A copy of the whole result, and its destruction: what materialising it costs.
void BM_company_part_result_copy(benchmark::State& state) {
    const CompanyInputs& in = company_inputs();
    leadsla::EvaluateOptions options;
    options.explain = leadsla::ExplainLevel::none;
    const leadsla::Evaluation e =
        company_engine().evaluate(in.lead, in.activities, in.stage_changes, in.now, options);
    for (auto _ : state) {
        leadsla::Evaluation copy = e;
        benchmark::DoNotOptimize(copy);
    }
}
BENCHMARK(BM_company_part_result_copy);

void BM_apply_one_activity_to_50(benchmark::State& state) {
    auto h = history();
    const Activity last = h.back();
    h.pop_back();
    leadsla::LeadState base = engine().start(lead(), at("2026-03-02T08:00:00Z"));
    base.activities = h;
    base.changes = changes();
    base.watermark = at("2026-04-10T12:00:00Z");
    for (auto _ : state) {
        benchmark::DoNotOptimize(engine().apply(base, last));
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_apply_one_activity_to_50)->Unit(benchmark::kMicrosecond);

/// 1,000,000 leads with next checks spread over 30 days; the sweep asks for the first hour's.
void BM_sweep_1M_leads(benchmark::State& state) {
    leadsla::BreachScanner scanner;
    const Instant base = at("2026-03-02T00:00:00Z");
    std::uint64_t x = 88172645463325252ULL;
    for (int i = 0; i < 1'000'000; ++i) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        scanner.schedule(leadsla::LeadId{fmt::format("L{:07}", i)},
                         base + std::chrono::seconds{static_cast<std::int64_t>(x % (30 * 86400))});
    }
    std::size_t due = 0;
    for (auto _ : state) {
        const auto list = scanner.due(base + std::chrono::hours{1});
        due = list.size();
        benchmark::DoNotOptimize(list);
    }
    state.counters["due"] = static_cast<double>(due);
}
BENCHMARK(BM_sweep_1M_leads)->Unit(benchmark::kMillisecond);

void BM_schedule_1M_leads(benchmark::State& state) {
    std::vector<leadsla::LeadId> ids;
    for (int i = 0; i < 1'000'000; ++i) {
        ids.emplace_back(fmt::format("L{:07}", i));
    }
    const Instant base = at("2026-03-02T00:00:00Z");
    for (auto _ : state) {
        leadsla::BreachScanner scanner;
        for (std::size_t i = 0; i < ids.size(); ++i) {
            scanner.schedule(
                ids[i],
                base + std::chrono::seconds{static_cast<std::int64_t>((i * 7919) % (30 * 86400))});
        }
        benchmark::DoNotOptimize(scanner.size());
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * 1'000'000);
}
BENCHMARK(BM_schedule_1M_leads)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
