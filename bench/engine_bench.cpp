// SPDX-License-Identifier: Apache-2.0
// The engine under examples/company/policy.json (the bundled example: 20 scoring rules, 3 SLAs,
// routing) and examples/policies/funnel.json (5 scoring rules and a qualification, 1 segmentation,
// the default lifecycle, routing over 5 owners, 3 SLAs on two calendars): evaluate with 50
// activities, apply one activity to a 50-activity state, and the population sweep over 1,000,000
// scheduled leads.
// Run from the source directory: build/bench/bench/leadsla_bench_engine --benchmark_repetitions=5
#include <fstream>
#include <sstream>

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <leadsla/leadsla.hpp>

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
    return leadsla::Engine::load(text.str()).value();
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
    auto l = lead();
    l.attributes["source"] = AttributeValue{"paid_search"};
    l.attributes["job_level"] = AttributeValue{"vp"};
    l.owner = leadsla::OwnerId{"anna"};
    run_evaluate(state, company_engine(), l);
}
BENCHMARK(BM_evaluate_company_50_activities)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

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
