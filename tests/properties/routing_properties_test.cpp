// SPDX-License-Identifier: Apache-2.0
// Routing properties over seeded random inputs: capacity caps hold, round robin is fair, and the
// order of owners in the policy does not change any decision.
#include <algorithm>
#include <map>
#include <random>

#include <leadsla/io/routing_state_json.hpp>

#include <support/routing_fixture.hpp>

using leadsla::OwnerId;
using leadsla::Router;
using leadsla::RoutingSpec;
using leadsla::RoutingState;

namespace {

struct Step {
    enum Kind { route, release, away, back } kind = route;
    leadsla::Lead lead;
    OwnerId owner;
};

std::vector<Step> random_steps(std::mt19937_64& rng, int n) {
    const char* countries[] = {"DE", "AT", "US", "FR", "CH", "GB"};
    const char* owners[] = {"ada", "bob", "cyd", "dan", "eve", "fay", "gus"};
    const std::int64_t sizes[] = {5, 50, 250, 999, 1000, 20000};
    std::uniform_int_distribution<int> pick(0, 99);
    std::vector<Step> steps;
    for (int i = 0; i < n; ++i) {
        Step s;
        const int p = pick(rng);
        s.kind = p < 70 ? Step::route : p < 90 ? Step::release : p < 95 ? Step::away : Step::back;
        s.lead = leadsla::test::lead_from("L", sizes[pick(rng) % 6], countries[pick(rng) % 6]);
        if (pick(rng) < 30) {
            s.lead.account = leadsla::AccountId{fmt::format("acct-{}", pick(rng) % 10)};
        }
        s.owner = OwnerId{owners[pick(rng) % 7]};
        steps.push_back(std::move(s));
    }
    return steps;
}

/// Takes one step on `state`; a routed lead's owner goes to `out`.
void take(const Router& router, RoutingState& state, const Step& s, std::vector<std::string>& out) {
    switch (s.kind) {
        case Step::route:
            out.push_back(router.route(s.lead, state).owner.value());
            break;
        case Step::release:
            state.release(s.owner);
            break;
        case Step::away:
        case Step::back:
            state.set_away(s.owner, s.kind == Step::away);
            break;
    }
}

std::vector<std::string> run(const Router& router, const std::vector<Step>& steps) {
    RoutingState state;
    std::vector<std::string> out;
    for (const Step& s : steps) {
        take(router, state, s, out);
    }
    return out;
}

}  // namespace

TEST_CASE("routing never exceeds a capacity cap", "[routing][properties]") {
    const auto segments = leadsla::test::example_segments();
    const RoutingSpec spec = leadsla::test::example_routing();
    const Router router = Router::create(spec, leadsla::test::example_schema(), &segments).value();
    std::mt19937_64 rng{20261127};
    int routed = 0;
    for (int trial = 0; trial < 50; ++trial) {
        RoutingState state;
        for (const Step& s : random_steps(rng, 400)) {
            if (s.kind == Step::route) {
                const auto d = router.route(s.lead, state);
                ++routed;
                for (const auto& o : spec.owners) {
                    const auto it = state.owners.find(o.id);
                    if (o.capacity && it != state.owners.end()) {
                        INFO(o.id.value());
                        REQUIRE(it->second.open <= *o.capacity);
                    }
                }
                REQUIRE(!d.owner.value().empty());
            } else if (s.kind == Step::release) {
                state.release(s.owner);
            } else {
                state.set_away(s.owner, s.kind == Step::away);
            }
        }
    }
    CHECK(routed > 10000);
}

TEST_CASE("round robin over K eligible owners is fair within ±1 over any K·n leads",
          "[routing][properties]") {
    std::mt19937_64 rng{7};
    for (int k = 1; k <= 6; ++k) {
        RoutingSpec spec;
        spec.fallback = OwnerId{"queue"};
        leadsla::TeamSpec team{"t", leadsla::Distribution::round_robin, {}, "/t"};
        for (int i = 0; i < k; ++i) {
            const OwnerId id{fmt::format("o{}", i)};
            spec.owners.push_back({id, std::nullopt, ""});
            team.members.push_back({id, 1});
        }
        spec.teams.push_back(team);
        spec.territories.push_back({"all", "", {}, "t", "/territories/0"});
        const Router router = Router::create(spec, leadsla::test::example_schema()).value();
        // A random starting state: earlier assignments in any order.
        RoutingState state;
        std::uniform_int_distribution<std::uint64_t> last(0, 1000);
        for (const auto& m : team.members) {
            state.owners[m.owner].last_assigned = last(rng);
        }
        state.sequence = 1000;
        std::vector<OwnerId> sequence;
        for (int i = 0; i < 40 * k; ++i) {
            sequence.push_back(router.route(leadsla::test::lead_from("L", 10, "US"), state).owner);
        }
        for (int n = 1; n <= 5; ++n) {
            const auto window = static_cast<std::size_t>(k * n);
            for (std::size_t start = 0; start + window <= sequence.size(); start += 3) {
                std::map<OwnerId, int> counts;
                for (std::size_t i = start; i < start + window; ++i) {
                    ++counts[sequence[i]];
                }
                for (const auto& m : team.members) {
                    INFO(fmt::format("k={} n={} start={}", k, n, start));
                    REQUIRE(std::abs(counts[m.owner] - n) <= 1);
                }
            }
        }
    }
}

TEST_CASE("routing is deterministic under reordering of the owner lists", "[routing][properties]") {
    const auto segments = leadsla::test::example_segments();
    const RoutingSpec spec = leadsla::test::example_routing();
    const Router router = Router::create(spec, leadsla::test::example_schema(), &segments).value();
    std::mt19937_64 rng{42};
    for (int trial = 0; trial < 30; ++trial) {
        RoutingSpec shuffled = spec;
        std::shuffle(shuffled.owners.begin(), shuffled.owners.end(), rng);
        for (auto& team : shuffled.teams) {
            std::shuffle(team.members.begin(), team.members.end(), rng);
        }
        const Router other =
            Router::create(shuffled, leadsla::test::example_schema(), &segments).value();
        const auto steps = random_steps(rng, 300);
        const auto a = run(router, steps);
        REQUIRE(a == run(other, steps));
        REQUIRE(a == run(router, steps));  // and the same again
    }
}

TEST_CASE("a routing state snapshotted and restored at any step routes on as if never stopped",
          "[routing][properties][snapshot]") {
    const auto segments = leadsla::test::example_segments();
    const RoutingSpec spec = leadsla::test::example_routing();
    const Router router = Router::create(spec, leadsla::test::example_schema(), &segments).value();
    std::mt19937_64 rng{31};
    const std::vector<Step> steps = random_steps(rng, 600);
    const std::vector<std::string> expected = run(router, steps);
    RoutingState state;
    state.domain_owners.emplace("acme.example", OwnerId{"ada"});
    std::vector<std::string> got;
    for (const Step& s : steps) {
        const std::string saved = leadsla::snapshot_json(state);
        RoutingState back = leadsla::restore_routing_state(saved).value();
        REQUIRE(back == state);
        REQUIRE(leadsla::snapshot_json(back) == saved);  // the same bytes again
        state = std::move(back);
        state.domain_owners.clear();  // `run` starts without the seeded domain
        take(router, state, s, got);
    }
    REQUIRE(got == expected);
    CHECK(!state.weights.empty());
    CHECK(!state.account_owners.empty());
}
