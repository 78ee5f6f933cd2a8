// SPDX-License-Identifier: Apache-2.0
// A compiled policy is immutable and safe to share: threads evaluate and stream through one
// PolicySet (and one Engine) while another thread loads new versions and swaps them in, the way a
// service reloads its policy. Every answer must equal the single-threaded one for the set the
// thread picked up. Run under ThreadSanitizer in CI (the tsan preset).
#include <atomic>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <nlohmann/json.hpp>

#include <leadsla/engine/policy_set.hpp>
#include <leadsla/policy/load.hpp>

#include <support/histories.hpp>

using leadsla::Evaluation;
using leadsla::PolicySet;

namespace {

struct History {
    leadsla::Lead lead;
    std::vector<leadsla::Activity> activities;
    std::vector<leadsla::StageChange> changes;
    leadsla::Instant now;
};

std::string funnel_text() {
    std::ifstream in(std::string{LEADSLA_SOURCE_DIR} + "/examples/policies/funnel.json");
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

/// Version 1 from 1 January 2026; version 2 from 20 March 2026 with a first-contact target of
/// 2 business hours instead of 4 (so clocks started after the change are judged differently).
std::pair<std::string, std::string> two_versions() {
    auto v1 = nlohmann::json::parse(funnel_text());
    v1["effective_from"] = "2026-01-01T00:00:00Z";
    auto v2 = v1;
    v2["version"] = "2.0.0";
    v2["effective_from"] = "2026-03-20T00:00:00Z";
    REQUIRE(v2["slas"][0]["id"] == "first_contact");
    v2["slas"][0]["target"]["business"] = "2h";
    return {v1.dump(), v2.dump()};
}

/// Throws rather than asserting: it runs on other threads too, and Catch2's assertions are for
/// the test's own thread.
std::shared_ptr<const PolicySet> load(const std::vector<std::string_view>& texts) {
    auto set = leadsla::load_policy_set(texts);
    if (!set) {
        throw std::runtime_error(fmt::format("{}", set.errors().front()));
    }
    return std::make_shared<const PolicySet>(*std::move(set));
}

/// The host's "current policy": readers take a reference-counted copy, a reload replaces it.
/// (A mutex, not std::atomic<std::shared_ptr>: libstdc++ 12 implements that with a lock bit
/// ThreadSanitizer cannot see, so it would report its own internals.)
class CurrentPolicy {
public:
    explicit CurrentPolicy(std::shared_ptr<const PolicySet> set) : set_(std::move(set)) {}
    [[nodiscard]] std::shared_ptr<const PolicySet> load() const {
        const std::lock_guard lock{mutex_};
        return set_;
    }
    void store(std::shared_ptr<const PolicySet> set) {
        const std::lock_guard lock{mutex_};
        set_.swap(set);
    }

private:
    mutable std::mutex mutex_;
    std::shared_ptr<const PolicySet> set_;
};

}  // namespace

TEST_CASE("threads share one policy set while another thread swaps versions in",
          "[engine][threads]") {
    const auto [v1, v2] = two_versions();
    const std::vector<std::string_view> one{v1};
    const std::vector<std::string_view> both{v1, v2};

    leadsla::test::Histories gen{60221};
    std::vector<History> histories;
    for (int i = 0; i < 120; ++i) {
        History h{gen.lead(i), gen.activities(), gen.changes(), gen.now()};
        histories.push_back(std::move(h));
    }
    // The answers, worked out on this thread, for each set; the sets must differ on some leads
    // or the test could not tell which set a thread used.
    const auto first = load(one);
    const auto second = load(both);
    std::vector<Evaluation> under_first;
    std::vector<Evaluation> under_second;
    std::size_t differing = 0;
    for (const auto& h : histories) {
        under_first.push_back(first->evaluate(h.lead, h.activities, h.changes, h.now));
        under_second.push_back(second->evaluate(h.lead, h.activities, h.changes, h.now));
        if (under_first.back() != under_second.back()) {
            ++differing;
        }
    }
    REQUIRE(differing > 10);

    CurrentPolicy current{first};
    std::atomic<bool> done{false};
    std::atomic<int> mismatches{0};
    std::atomic<long> evaluations{0};

    std::thread swapper([&] {
        // Loads each version afresh (as a service does on a policy change) and swaps it in.
        try {
            for (int round = 0; round < 30; ++round) {
                current.store(load(round % 2 == 0 ? both : one));
                std::this_thread::yield();
            }
        } catch (const std::exception&) {
            ++mismatches;
        }
        done.store(true);
    });
    std::vector<std::thread> readers;
    for (int t = 0; t < 3; ++t) {
        readers.emplace_back([&, t] {
            std::size_t i = static_cast<std::size_t>(t) * 17;
            // At least one full pass over the histories, and on until the swapper is done.
            for (std::size_t n = 0; n < histories.size() || !done.load(); ++n, ++i) {
                const auto set = current.load();
                const auto& h = histories[i % histories.size()];
                const auto& expected = set->versions().size() == 1
                                           ? under_first[i % histories.size()]
                                           : under_second[i % histories.size()];
                if (set->evaluate(h.lead, h.activities, h.changes, h.now) != expected) {
                    ++mismatches;
                }
                ++evaluations;
            }
        });
    }
    swapper.join();
    for (auto& r : readers) {
        r.join();
    }
    CHECK(mismatches.load() == 0);
    CHECK(evaluations.load() >= 3 * static_cast<long>(histories.size()));
}

TEST_CASE("threads stream events through one shared engine", "[engine][threads]") {
    const auto& engine = leadsla::test::funnel_engine();
    leadsla::test::Histories gen{1123};
    std::vector<History> histories;
    for (int i = 0; i < 60; ++i) {
        histories.push_back({gen.lead(i), gen.activities(), gen.changes(), gen.now()});
    }
    // Every activity and stage change applied in turn, then advanced to `now`: the final state and
    // every action owed on the way.
    const auto stream = [&engine](const History& h) {
        std::vector<leadsla::OwedAction> actions;
        auto state = engine.start(h.lead, h.lead.created_at);
        const auto take = [&](leadsla::Step step) {
            actions.insert(actions.end(), step.actions.begin(), step.actions.end());
            state = std::move(step.state);
        };
        for (const auto& a : h.activities) {
            take(engine.apply(std::move(state), a));
        }
        for (const auto& c : h.changes) {
            take(engine.apply(std::move(state), c));
        }
        take(engine.advance(std::move(state), h.now));
        return std::pair{std::move(state), std::move(actions)};
    };
    std::vector<std::pair<leadsla::LeadState, std::vector<leadsla::OwedAction>>> expected;
    for (const auto& h : histories) {
        expected.push_back(stream(h));
    }
    std::atomic<int> mismatches{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (std::size_t k = 0; k < histories.size(); ++k) {
                const auto i = (k + static_cast<std::size_t>(t) * 13) % histories.size();
                if (stream(histories[i]) != expected[i]) {
                    ++mismatches;
                }
            }
        });
    }
    for (auto& th : threads) {
        th.join();
    }
    CHECK(mismatches.load() == 0);
}
