// SPDX-License-Identifier: Apache-2.0
// Routes 1,000,000 leads across 50 owners in 5 territories (an enterprise territory by segment,
// four regional ones; round robin, weighted and load-balanced teams; capacity caps with churn:
// each owner's oldest open lead is released 2,000 assignments later).
// Run: build/bench/bench/leadsla_bench_routing --benchmark_repetitions=5
#include <deque>
#include <vector>

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <leadsla/leadsla.hpp>

namespace {

using leadsla::OwnerId;

leadsla::Schema schema() {
    leadsla::Schema s;
    s.attributes = {{"employees", leadsla::AttributeType::integer},
                    {"country", leadsla::AttributeType::string},
                    {"industry", leadsla::AttributeType::string},
                    {"email", leadsla::AttributeType::string}};
    s.sets["dach"] = {"DE", "AT", "CH"};
    s.sets["nordics"] = {"SE", "DK", "NO", "FI"};
    s.sets["north_america"] = {"US", "CA"};
    return s;
}

struct Setup {
    leadsla::Classifier segments;
    leadsla::Router router;
    std::vector<leadsla::Lead> leads;
};

Setup make_setup() {
    const leadsla::Schema s = schema();
    auto segments =
        leadsla::Classifier::create(
            {{"segment",
              {{"enterprise", "employees >= 1000", "/0"}, {"mid_market", "employees >= 200", "/1"}},
              "smb",
              "/segments/0"}},
            s)
            .value();
    leadsla::RoutingSpec spec;
    const char* teams[] = {"enterprise", "dach", "nordics", "north_america", "rest"};
    const leadsla::Distribution distributions[] = {
        leadsla::Distribution::weighted_round_robin, leadsla::Distribution::round_robin,
        leadsla::Distribution::load_balanced, leadsla::Distribution::round_robin,
        leadsla::Distribution::load_balanced};
    for (int t = 0; t < 5; ++t) {
        leadsla::TeamSpec team{teams[t], distributions[t], {}, fmt::format("/teams/{}", t)};
        for (int i = 0; i < 10; ++i) {
            const OwnerId id{fmt::format("{}-{}", teams[t], i)};
            spec.owners.push_back({id, 60U, ""});
            team.members.push_back({id, static_cast<std::uint32_t>(1 + i % 3)});
        }
        spec.teams.push_back(std::move(team));
    }
    spec.territories = {{"enterprise", "", {"enterprise"}, "enterprise", "/t/0"},
                        {"dach", "country in dach", {}, "dach", "/t/1"},
                        {"nordics", "country in nordics", {}, "nordics", "/t/2"},
                        {"north_america", "country in north_america", {}, "north_america", "/t/3"},
                        {"rest", "employees >= 1", {}, "rest", "/t/4"}};
    spec.fallback = OwnerId{"queue"};
    auto router = leadsla::Router::create(spec, s, &segments).value();

    // 4,096 distinct leads, cycled; a third of them with an account (ABM matches).
    std::vector<leadsla::Lead> leads;
    const char* countries[] = {"DE", "AT", "CH", "SE", "DK", "US", "CA", "FR", "GB", "BR"};
    std::uint64_t x = 88172645463325252ULL;
    for (int i = 0; i < 4096; ++i) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        leadsla::Lead lead;
        lead.id = leadsla::LeadId{fmt::format("L{}", i)};
        const auto employees = static_cast<std::int64_t>(x % 1200) + 10;  // ~17 % enterprise
        lead.attributes = {{"employees", leadsla::AttributeValue{employees}},
                           {"country", leadsla::AttributeValue{countries[(x >> 20) % 10]}}};
        if ((x >> 30) % 3 == 0) {
            lead.account = leadsla::AccountId{fmt::format("A{}", (x >> 32) % 5000)};
        }
        leads.push_back(std::move(lead));
    }
    return Setup{std::move(segments), std::move(router), std::move(leads)};
}

void BM_route_1M_leads(benchmark::State& state) {
    const Setup setup = make_setup();
    for (auto _ : state) {
        leadsla::RoutingState routing;
        std::deque<OwnerId> open;
        std::size_t fallback = 0;
        for (std::size_t i = 0; i < 1'000'000; ++i) {
            const auto d = setup.router.route(setup.leads[i % setup.leads.size()], routing);
            fallback += d.kind == leadsla::RouteKind::fallback ? 1 : 0;
            open.push_back(d.owner);
            if (open.size() > 2000) {
                routing.release(open.front());
                open.pop_front();
            }
        }
        benchmark::DoNotOptimize(fallback);
        state.counters["fallback_share"] = static_cast<double>(fallback) / 1e6;
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * 1'000'000);
}
BENCHMARK(BM_route_1M_leads)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
