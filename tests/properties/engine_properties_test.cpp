// SPDX-License-Identifier: Apache-2.0
// Engine properties over seeded random histories under examples/policies/funnel.json:
// apply event by event then advance ≡ evaluate on the full history, whatever the arrival order
// and repeats; breaches are never retracted as `now` grows; snapshots round-trip.
#include <algorithm>
#include <array>
#include <random>
#include <variant>

#include <leadsla/engine/policy_set.hpp>
#include <leadsla/io/lead_state_json.hpp>

#include <support/histories.hpp>

using leadsla::Activity;
using leadsla::AttributeValue;
using leadsla::Instant;
using leadsla::Stage;
using leadsla::StageChange;

using leadsla::test::Histories;

namespace {

Instant event_time(const Activity& a) {
    return a.occurred_at;
}
Instant event_time(const StageChange& c) {
    return c.at;
}

using Event = std::variant<Activity, StageChange>;

/// A random lead of the funnel policy, its history, and that history as a streaming host
/// receives it by `now`: the activities up to `now` shuffled (each repeated one time in five when
/// `repeats`), then the stage changes up to `now` in order (the lifecycle follows them).
struct StreamCase {
    leadsla::Lead lead;   ///< at the stage of its last change
    leadsla::Lead start;  ///< as first seen: at the stage before its first change
    std::vector<Activity> activities;
    std::vector<StageChange> changes;
    Instant now;
    Instant attached = leadsla::test::at("2026-03-02T07:00:00Z");
    std::vector<Event> events;

    StreamCase(Histories& gen, int n, bool repeats)
        : lead(gen.lead(n)), activities(gen.activities()), changes(gen.changes()), now(gen.now()) {
        if (!changes.empty()) {
            lead.stage = changes.back().to;
        }
        start = lead;
        start.stage = changes.empty() ? lead.stage : changes.front().from;
        for (const Activity& a : activities) {
            if (a.occurred_at > now) {
                continue;  // a streaming host has not seen it yet
            }
            events.emplace_back(a);
            if (repeats && gen.pick(0, 4) == 0) {
                events.emplace_back(a);
            }
        }
        std::shuffle(events.begin(), events.end(), gen.rng());
        for (const StageChange& c : changes) {
            if (c.at <= now) {
                events.emplace_back(c);
            }
        }
    }

    /// Whether the streamed lead ends at the stage `evaluate` is given (no change after `now`).
    [[nodiscard]] bool comparable() const { return changes.empty() || changes.back().at <= now; }

    [[nodiscard]] leadsla::EvaluateOptions options() const {
        leadsla::EvaluateOptions o;
        o.attached_at = attached;
        return o;
    }
};

}  // namespace

TEST_CASE("apply event by event then advance equals evaluate, in any order and with repeats",
          "[engine][properties]") {
    const auto& engine = leadsla::test::funnel_engine();
    Histories gen{20261127};
    int compared = 0;
    int with_actions = 0;
    for (int n = 0; n < 300; ++n) {
        const StreamCase c{gen, n, true};
        const auto expected = engine.evaluate(c.lead, c.activities, c.changes, c.now, c.options());
        leadsla::LeadState state = engine.start(c.start, c.attached);
        std::set<std::string> emitted;
        for (const auto& ev : c.events) {
            auto step =
                std::visit([&](const auto& x) { return engine.apply(std::move(state), x); }, ev);
            for (const auto& a : step.actions) {
                REQUIRE(emitted.insert(a.id).second);  // never twice
            }
            // The step says when to look again, as evaluating its state would.
            REQUIRE(step.next_check_at == engine.evaluate(step.state).next_check_at);
            state = std::move(step.state);
        }
        const leadsla::Step last = engine.advance(std::move(state), c.now);
        state = last.state;
        REQUIRE(state.watermark == c.now);
        if (!c.comparable()) {
            continue;
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

TEST_CASE("with the host's clock, held events wait and the stream still ends where evaluate does",
          "[engine][properties][skew]") {
    const auto& engine = leadsla::test::funnel_engine();
    Histories gen{20261207};
    int held = 0;
    int compared = 0;
    for (int n = 0; n < 300; ++n) {
        StreamCase c{gen, n, false};
        const auto expected = engine.evaluate(c.lead, c.activities, c.changes, c.now, c.options());
        // A record the CRM dated a year ahead: held to the end, never counted.
        const Activity misdated{
            c.now + std::chrono::days{365}, leadsla::ActivityId{"misdated"}, "contact_attempt", {}};
        c.events.insert(c.events.begin() + gen.pick(0, static_cast<std::int64_t>(c.events.size())),
                        misdated);
        leadsla::LeadState state = engine.start(c.start, c.attached);
        // The host's clock runs from the attachment to `now`, each event arriving at a random
        // moment of it, with a tolerance of 0, 15 minutes or 2 hours.
        const std::chrono::seconds span = c.now - c.attached;
        for (const auto& ev : c.events) {
            const leadsla::HostClock clock{
                c.attached + std::chrono::seconds{gen.pick(0, span.count())},
                std::chrono::seconds{
                    std::array{0, 900, 7200}[static_cast<std::size_t>(gen.pick(0, 2))]}};
            const Instant dated = std::visit([](const auto& x) { return event_time(x); }, ev);
            auto step = std::visit(
                [&](const auto& x) { return engine.apply(std::move(state), x, clock); }, ev);
            REQUIRE(step.held == (dated > clock.now + clock.future_tolerance));
            // Released held activities join the history in order, each id once.
            REQUIRE(step.state.activities == leadsla::normalize_activities(step.state.activities));
            held += step.held ? 1 : 0;
            // Nothing held lies within the clock; the step asks to be woken when the first does.
            for (const Activity& a : step.state.held_activities) {
                REQUIRE(a.occurred_at > clock.now + clock.future_tolerance);
            }
            for (const StageChange& h : step.state.held_changes) {
                REQUIRE(h.at > clock.now + clock.future_tolerance);
            }
            if (!step.state.held_activities.empty()) {
                REQUIRE(step.next_check_at);
                REQUIRE(*step.next_check_at <=
                        std::max(
                            step.state.held_activities.front().occurred_at - clock.future_tolerance,
                            step.state.watermark + std::chrono::seconds{1}));
            }
            state = std::move(step.state);
        }
        const leadsla::Step last = engine.advance(std::move(state), c.now);
        REQUIRE(last.state.held_activities == std::vector<Activity>{misdated});
        REQUIRE(last.state.held_changes.empty());
        REQUIRE(last.state.watermark == c.now);
        if (!c.comparable()) {
            continue;
        }
        const auto got = engine.evaluate(last.state);
        INFO("lead " << n);
        REQUIRE(got.timers == expected.timers);
        REQUIRE(got.actions == expected.actions);
        REQUIRE(got.stage == expected.stage);
        REQUIRE(
            last.next_check_at ==
            std::min(expected.next_check_at.value_or(misdated.occurred_at), misdated.occurred_at));
        ++compared;
    }
    CHECK(held > 300);
    CHECK(compared > 100);
}

TEST_CASE("a policy set streams as it evaluates, across the day a new version comes into force",
          "[engine][properties][policy_set]") {
    // The funnel policy, and a version from 20 March 2026 with first contact in 2 hours (1 for
    // enterprise) and sales acceptance in one business day.
    std::ifstream in(std::string{LEADSLA_SOURCE_DIR} + "/examples/policies/funnel.json");
    std::stringstream text;
    text << in.rdbuf();
    const std::string v1 = text.str();
    const auto replaced = [](std::string doc, const std::string& from, const std::string& to) {
        const auto at = doc.find(from);
        REQUIRE(at != std::string::npos);
        return doc.replace(at, from.size(), to);
    };
    std::string v2 = replaced(v1, R"("version": "1.0.0",)",
                              R"("version": "2.0.0", "effective_from": "2026-03-20T00:00:00Z",)");
    v2 = replaced(v2, R"("business": "4h")", R"("business": "2h")");
    v2 = replaced(v2, R"("business_days": 2)", R"("business_days": 1)");
    const std::string v1_dated =
        replaced(v1, R"("version": "1.0.0",)",
                 R"("version": "1.0.0", "effective_from": "2026-01-01T00:00:00Z",)");
    const std::vector<std::string_view> texts{v1_dated, v2};
    const auto set = leadsla::load_policy_set(texts);
    REQUIRE(set);

    Histories gen{20261208};
    int compared = 0;
    int judged_by_both = 0;
    for (int n = 0; n < 200; ++n) {
        const StreamCase c{gen, n, true};
        if (!c.comparable()) {
            continue;
        }
        const auto expected = set->evaluate(c.lead, c.activities, c.changes, c.now, c.options());
        leadsla::LeadState state = set->start(c.start, c.attached);
        std::set<std::string> emitted;
        for (const auto& ev : c.events) {
            auto step =
                std::visit([&](const auto& x) { return set->apply(std::move(state), x); }, ev);
            REQUIRE_FALSE(step.migrated_from);  // a new version in force is no migration
            for (const auto& a : step.actions) {
                REQUIRE(emitted.insert(a.id).second);
            }
            REQUIRE(step.next_check_at == set->evaluate(step.state).next_check_at);
            REQUIRE(step.state.policy_hash ==
                    set->in_force(step.state.watermark).policy().content_hash);
            state = std::move(step.state);
        }
        const leadsla::Step last = set->advance(std::move(state), c.now);
        const auto got = set->evaluate(last.state);
        INFO("lead " << n);
        REQUIRE(got.timers == expected.timers);
        REQUIRE(got.actions == expected.actions);
        REQUIRE(got.stage == expected.stage);
        REQUIRE(last.next_check_at == expected.next_check_at);
        ++compared;
        std::set<std::string> versions;
        for (const auto& t : got.timers) {
            if (t.started_at) {
                versions.insert(t.policy_version);
            }
        }
        judged_by_both += versions.size() > 1 ? 1 : 0;
    }
    CHECK(compared > 100);
    CHECK(judged_by_both > 5);
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

TEST_CASE("snapshots round-trip on 100,000 random states (20,000 under a sanitizer)",
          "[engine][properties]") {
    Histories gen{31337};
    const auto& engine = leadsla::test::funnel_engine();
    for (int n = 0; n < leadsla::test::property_cases(100000); ++n) {
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
        if (n % 11 == 0) {  // events held beyond the host's clock
            const auto held = gen.activities();
            s.held_activities = leadsla::normalize_activities(held);
            s.held_changes = gen.changes();
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
