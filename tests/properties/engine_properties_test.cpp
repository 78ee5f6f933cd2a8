// SPDX-License-Identifier: Apache-2.0
// Engine properties over seeded random histories under examples/policies/funnel.json:
// apply event by event then advance ≡ evaluate on the full history, whatever the arrival order
// and repeats; breaches are never retracted as `now` grows; snapshots round-trip.
#include <algorithm>
#include <random>
#include <variant>

#include <leadsla/io/lead_state_json.hpp>

#include <support/histories.hpp>

using leadsla::Activity;
using leadsla::AttributeValue;
using leadsla::Instant;
using leadsla::Stage;
using leadsla::StageChange;

using leadsla::test::Histories;

TEST_CASE("apply event by event then advance equals evaluate, in any order and with repeats",
          "[engine][properties]") {
    const auto& engine = leadsla::test::funnel_engine();
    Histories gen{20261127};
    int compared = 0;
    int with_actions = 0;
    for (int n = 0; n < 300; ++n) {
        leadsla::Lead lead = gen.lead(n);
        const auto activities = gen.activities();
        const auto changes = gen.changes();
        const Instant now = gen.now();
        if (!changes.empty()) {
            lead.stage = changes.back().to;
        }
        const Instant attached = leadsla::test::at("2026-03-02T07:00:00Z");
        leadsla::EvaluateOptions options;
        options.attached_at = attached;
        const auto expected = engine.evaluate(lead, activities, changes, now, options);

        // Shuffled activities with repeats; stage changes in order (the lifecycle follows them).
        // A streaming host has not seen what happens after `now` yet.
        std::vector<std::variant<Activity, StageChange>> events;
        for (const Activity& a : activities) {
            if (a.occurred_at > now) {
                continue;
            }
            events.emplace_back(a);
            if (gen.pick(0, 4) == 0) {
                events.emplace_back(a);
            }
        }
        std::shuffle(events.begin(), events.end(), gen.rng());
        for (const StageChange& c : changes) {
            if (c.at <= now) {
                events.emplace_back(c);
            }
        }
        leadsla::Lead start = lead;
        start.stage = changes.empty() ? lead.stage : changes.front().from;
        leadsla::LeadState state = engine.start(start, attached);
        std::set<std::string> emitted;
        for (const auto& ev : events) {
            auto step =
                std::visit([&](const auto& x) { return engine.apply(std::move(state), x); }, ev);
            for (const auto& a : step.actions) {
                REQUIRE(emitted.insert(a.id).second);  // never twice
            }
            // The step says when to look again, as evaluating its state would.
            REQUIRE(step.next_check_at == engine.evaluate(step.state).next_check_at);
            state = std::move(step.state);
        }
        const leadsla::Step last = engine.advance(std::move(state), now);
        state = last.state;
        REQUIRE(state.watermark == now);
        if (!changes.empty() && changes.back().at > now) {
            continue;  // the lead's stage is the host's later one: not comparable
        }
        REQUIRE(last.next_check_at == expected.next_check_at);
        const auto got = engine.evaluate(state);
        INFO("lead " << n);
        REQUIRE(got.score->axes == expected.score->axes);
        REQUIRE(got.score->qualified == expected.score->qualified);
        REQUIRE(got.timers == expected.timers);
        REQUIRE(got.actions == expected.actions);
        REQUIRE(got.next_check_at == expected.next_check_at);
        REQUIRE(got.stage == expected.stage);
        REQUIRE(got.violations == expected.violations);
        ++compared;
        with_actions += expected.actions.empty() ? 0 : 1;
    }
    CHECK(compared > 100);
    CHECK(with_actions > 20);
}

TEST_CASE("a segment change streamed through update equals evaluate with the attribute history",
          "[engine][properties][segment]") {
    const auto& engine = leadsla::test::funnel_engine();
    Histories gen{4242};
    int changed = 0;
    for (int n = 0; n < 300; ++n) {
        const leadsla::Lead before = gen.lead(n);
        leadsla::Lead after = before;
        after.attributes["employees"] = AttributeValue{gen.pick(5, 3000)};  // another segment?
        const auto activities = gen.activities();
        const auto changes = gen.changes();
        const Instant now = gen.now();
        const Instant update = leadsla::test::at("2026-03-02T07:00:00Z") +
                               std::chrono::minutes{gen.pick(0, 60 * 24 * 60) / 15 * 15};
        if (update > now || (!changes.empty() && changes.back().at > now)) {
            continue;
        }
        // Stream: what happened up to the update (shuffled), the update, then the rest.
        std::vector<std::variant<Activity, StageChange>> early;
        std::vector<std::variant<Activity, StageChange>> late;
        for (const Activity& a : activities) {
            if (a.occurred_at <= now) {
                (a.occurred_at <= update ? early : late).emplace_back(a);
            }
        }
        std::shuffle(early.begin(), early.end(), gen.rng());
        std::shuffle(late.begin(), late.end(), gen.rng());
        for (const StageChange& c : changes) {  // in order: the lifecycle follows them
            (c.at <= update ? early : late).emplace_back(c);
        }
        leadsla::Lead start = before;
        start.stage = changes.empty() ? before.stage : changes.front().from;
        const Instant attached = leadsla::test::at("2026-03-02T07:00:00Z");
        leadsla::LeadState state = engine.start(start, attached);
        const auto feed = [&](const auto& list) {
            for (const auto& ev : list) {
                state =
                    std::visit([&](const auto& x) { return engine.apply(std::move(state), x); }, ev)
                        .state;
            }
        };
        feed(early);
        state = engine.advance(std::move(state), update).state;
        leadsla::Lead updated = after;
        updated.stage = state.lead.stage;
        state = engine.update(std::move(state), updated).state;
        feed(late);
        state = engine.advance(std::move(state), now).state;

        leadsla::Lead final_lead = after;
        final_lead.stage = changes.empty() ? before.stage : changes.back().to;
        const std::vector<leadsla::PastAttributes> history{{update, before.attributes}};
        leadsla::EvaluateOptions options;
        options.attached_at = attached;
        options.past_attributes = history;
        if (before.attributes == after.attributes) {
            options.past_attributes = {};
        }
        const auto expected = engine.evaluate(final_lead, activities, changes, now, options);
        const auto got = engine.evaluate(state);
        INFO("lead " << n);
        REQUIRE(got.timers == expected.timers);
        REQUIRE(got.actions == expected.actions);
        REQUIRE(got.next_check_at == expected.next_check_at);
        const std::string& seg_before = engine.policy().segments->value(0, before);
        const std::string& seg_after = engine.policy().segments->value(0, after);
        changed += seg_before != seg_after ? 1 : 0;
    }
    CHECK(changed > 30);
}

TEST_CASE("evaluate ignores arrival order and repeated activity ids", "[engine][properties]") {
    const auto& engine = leadsla::test::funnel_engine();
    Histories gen{7};
    for (int n = 0; n < 200; ++n) {
        leadsla::Lead lead = gen.lead(n);
        auto activities = gen.activities();
        const auto changes = gen.changes();
        if (!changes.empty()) {
            lead.stage = changes.back().to;
        }
        const Instant now = gen.now();
        const auto expected = engine.evaluate(lead, activities, changes, now);
        if (!activities.empty()) {
            activities.push_back(activities[static_cast<std::size_t>(
                gen.pick(0, static_cast<std::int64_t>(activities.size()) - 1))]);
        }
        std::shuffle(activities.begin(), activities.end(), gen.rng());
        REQUIRE(engine.evaluate(lead, activities, changes, now) == expected);
    }
}

TEST_CASE("the engine's clocks equal the SLA set's own, which works out types and segments itself",
          "[engine][properties]") {
    // The engine hands the SLAs the activity types scoring has looked up and the segments it has
    // classified (the funnel policy's SLA targets go by segment).
    const auto& engine = leadsla::test::funnel_engine();
    REQUIRE(engine.policy().slas);
    REQUIRE(engine.policy().scoring);
    Histories gen{2718};
    int running = 0;
    for (int n = 0; n < 300; ++n) {
        leadsla::Lead lead = gen.lead(n);
        const auto activities = gen.activities();
        const auto changes = gen.changes();
        if (!changes.empty()) {
            lead.stage = changes.back().to;
        }
        const Instant now = gen.now();
        const auto e = engine.evaluate(lead, activities, changes, now);
        auto direct =
            engine.policy().slas->evaluate(lead, changes, leadsla::ActivityHistory{activities}, now,
                                           leadsla::test::attached_at(now));
        for (leadsla::TimerResult& t : direct) {
            t.policy_version = engine.policy().version;
        }
        CAPTURE(n);
        REQUIRE(e.timers == direct);
        running += static_cast<int>(
            std::count_if(direct.begin(), direct.end(), [](const leadsla::TimerResult& t) {
                return t.status != leadsla::TimerStatus::pending &&
                       t.status != leadsla::TimerStatus::not_applicable;
            }));
    }
    CHECK(running > 300);  // the clocks do run
}

TEST_CASE("the explanation level changes the traces, never the results", "[engine][properties]") {
    const auto& engine = leadsla::test::funnel_engine();
    Histories gen{314};
    int traced = 0;
    for (int n = 0; n < 200; ++n) {
        leadsla::Lead lead = gen.lead(n);
        const auto activities = gen.activities();
        const auto changes = gen.changes();
        if (!changes.empty()) {
            lead.stage = changes.back().to;
        }
        const Instant now = gen.now();
        leadsla::EvaluateOptions quiet;
        quiet.explain = leadsla::ExplainLevel::none;
        const auto bare = engine.evaluate(lead, activities, changes, now, quiet);
        auto full = engine.evaluate(lead, activities, changes, now);
        INFO("lead " << n);
        for (auto& t : full.timers) {
            traced += t.trace.empty() ? 0 : 1;
            t.trace.clear();
        }
        for (const auto& t : bare.timers) {
            REQUIRE(t.trace.empty());
        }
        REQUIRE(bare.timers == full.timers);
        REQUIRE(bare.actions == full.actions);
        REQUIRE(bare.next_check_at == full.next_check_at);
        REQUIRE(bare.score->axes == full.score->axes);
        REQUIRE(bare.stage->recommended == full.stage->recommended);
    }
    CHECK(traced > 100);
}

TEST_CASE("a breach, once recorded, stays as now grows", "[engine][properties]") {
    const auto& engine = leadsla::test::funnel_engine();
    Histories gen{99};
    int breaches = 0;
    for (int n = 0; n < 150; ++n) {
        leadsla::Lead lead = gen.lead(n);
        const auto activities = gen.activities();
        const auto changes = gen.changes();
        if (!changes.empty()) {
            lead.stage = changes.back().to;
        }
        std::set<std::string> seen;
        leadsla::EvaluateOptions options;
        options.attached_at = leadsla::test::at("2026-03-01T00:00:00Z");
        for (int h = 0; h <= 24 * 60; h += 12) {
            const Instant now = leadsla::test::at("2026-03-02T00:00:00Z") + std::chrono::hours{h};
            const auto e = engine.evaluate(lead, activities, changes, now, options);
            std::set<std::string> current;
            for (const auto& a : e.actions) {
                if (a.kind == "breach") {
                    current.insert(a.id);
                }
            }
            for (const std::string& id : seen) {
                INFO(id);
                REQUIRE(current.contains(id));
            }
            seen = std::move(current);
        }
        breaches += static_cast<int>(seen.size());
    }
    CHECK(breaches > 20);
}

TEST_CASE("snapshots round-trip on 100,000 random states", "[engine][properties]") {
    Histories gen{31337};
    const auto& engine = leadsla::test::funnel_engine();
    for (int n = 0; n < 100000; ++n) {
        leadsla::LeadState s = engine.start(gen.lead(n), gen.now());
        if (n % 3 == 0) {
            s.lead.attributes["score_at"] =
                AttributeValue{leadsla::test::at("2026-03-05T10:00:00Z")};
            s.lead.attributes["revenue"] =
                AttributeValue{leadsla::Decimal::parse("1234.5").value()};
            s.lead.attributes["tags"] = AttributeValue{std::vector<std::string>{"a", "b"}};
            s.lead.attributes["missing"] = AttributeValue{};
            s.lead.owner = leadsla::OwnerId{"anna"};
        }
        if (n % 10 == 0) {
            s.activities = leadsla::normalize_activities(gen.activities());
            s.changes = gen.changes();
            s.emitted = {fmt::format("L-{}/first_contact/1/breach", n)};
        }
        if (n % 7 == 0) {  // an attribute history: the lead was smaller, then mid-sized
            leadsla::Lead earlier = gen.lead(n + 1);
            s.past_attributes = {{leadsla::test::at("2026-03-03T09:00:00Z"), earlier.attributes},
                                 {leadsla::test::at("2026-03-04T09:30:00Z"), {}}};
        }
        s.watermark = gen.now();
        const auto back = leadsla::restore_lead_state(leadsla::snapshot_json(s));
        REQUIRE(back);
        REQUIRE(*back == s);
    }
}
