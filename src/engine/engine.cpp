// SPDX-License-Identifier: Apache-2.0
// The engine: every module of the policy over one lead at one `now`, and the streaming form.
#include <algorithm>
#include <iterator>
#include <optional>

#include <leadsla/engine/engine.hpp>

#include "engine/evaluation_parts.hpp"
#include "engine/streaming.hpp"
#include "expr/shared/local_records.hpp"
#include "scoring/shared/bulk_scoring.hpp"
#include "small_sort.hpp"

namespace leadsla {
namespace detail {

void collect_actions_and_next_check(Evaluation& e) {
    e.actions.clear();
    std::optional<Instant> next;
    const auto consider = [&](std::optional<Instant> t) {
        if (t && *t > e.now && (!next || *t < *next)) {
            next = t;
        }
    };
    if (e.score) {
        consider(e.score->next_change);
    }
    if (e.recycling && !e.recycling->due) {
        consider(e.recycling->due_at);
    }
    for (const TimerResult& t : e.timers) {
        e.actions.insert(e.actions.end(), t.actions.begin(), t.actions.end());
        consider(t.next_change);
    }
    stable_sort_small(e.actions.begin(), e.actions.end(),
                      [](const OwedAction& a, const OwedAction& b) {
                          return std::tie(a.at, a.id) < std::tie(b.at, b.id);
                      });
    e.next_check_at = next;
}

}  // namespace detail

namespace {

/// Whether two schemas declare the same activity types: sets compiled against them then number
/// the types alike.
[[nodiscard]] bool same_activity_types(const Schema& a, const Schema& b) {
    return std::equal(a.activities.begin(), a.activities.end(), b.activities.begin(),
                      b.activities.end(),
                      [](const auto& x, const auto& y) { return x.first == y.first; });
}

}  // namespace

struct Engine::Impl {
    explicit Impl(Policy p)
        : policy(std::move(p)),
          share_types(policy.scoring && policy.slas &&
                      same_activity_types(policy.scoring->spec().schema, policy.slas->schema())) {}

    Policy policy;
    bool share_types;  // scoring and the SLAs number activity types alike
};

Engine::Engine(Policy policy) : impl_(std::make_shared<const Impl>(std::move(policy))) {}

const Policy& Engine::policy() const noexcept {
    return impl_->policy;
}

namespace {

/// `Engine::evaluate` of a history already checked (`apply` checks the state's once for both).
Evaluation evaluate_history(const Engine::Impl& engine,
                            const Lead& lead,
                            const ActivityHistory& history,
                            std::span<const StageChange> changes,
                            Instant now,
                            const EvaluateOptions& options) {
    const Policy& p = engine.policy;
    Evaluation e;
    e.policy_id = p.id;
    e.policy_version = p.version;
    e.policy_hash = p.content_hash;
    e.lead = lead.id;
    e.now = now;

    // The history up to now is read; later activities are reported.
    for (const Activity& a : history.after(now)) {
        e.future_activities.push_back(a.id);
    }
    const ActivityHistory past = history.until(now);
    // The reported changes up to now in time order: read in place when in order (a LeadState's
    // are), else copied and sorted.
    const auto by_instant = [](const StageChange& a, const StageChange& b) { return a.at < b.at; };
    std::vector<StageChange> sorted;
    std::span<const StageChange> reported = changes;
    if (std::is_sorted(changes.begin(), changes.end(), by_instant)) {
        reported = changes.first(static_cast<std::size_t>(
            std::partition_point(changes.begin(), changes.end(),
                                 [&](const StageChange& c) { return c.at <= now; }) -
            changes.begin()));
    } else {
        std::copy_if(changes.begin(), changes.end(), std::back_inserter(sorted),
                     [&](const StageChange& c) { return c.at <= now; });
        std::stable_sort(sorted.begin(), sorted.end(), by_instant);
        reported = sorted;
    }

    ScoreFacts facts;
    // Scoring's records of the history; the SLAs read their activity types instead of looking
    // each up again (both number the types by the same schema: checked in the constructor).
    detail::LocalRecords records;
    if (p.scoring) {
        const ExpressionSet& x = detail::expressions_of(*p.scoring);
        records.prepare(x, past.activities());
        detail::score_records(*p.scoring, x.prepare(lead), records.records(), now, options.explain,
                              e.score.emplace());
        facts = score_facts(*p.scoring, *e.score);
    }
    // What the rules could not read. The records know each activity's type number already
    // (-1: not in the schema); without scoring, the schema is asked.
    e.input_problems = check_lead(lead, p.schema);
    const std::span<const Activity> read = past.activities();
    for (std::size_t i = 0; i < read.size(); ++i) {
        const bool unknown =
            p.scoring ? records.types()[i] < 0 : !p.schema.activities.contains(read[i].type);
        if (unknown) {
            std::vector<InputProblem> found = check_activity(read[i], p.schema);
            e.input_problems.push_back(std::move(found.front()));
        }
    }
    if (p.segments) {
        e.segments = p.segments->classify(lead, options.explain);
    }
    if (p.lifecycle) {
        const Lifecycle& l = *p.lifecycle;
        e.stage = l.recommend(lead, past, facts, now);
        if (!reported.empty()) {
            e.violations = l.check_history(reported.front().from, reported, past);
        }
        e.cadence = l.cadence(past, now);
        Instant entered = lead.created_at;
        for (const StageChange& c : reported) {
            if (c.to == lead.stage) {
                entered = c.at;
            }
        }
        e.recycling = l.recycling(lead.stage, entered, past, now);
    }
    if (p.routing && options.routing != nullptr && !lead.owner) {
        e.owner = p.routing->route(lead, *options.routing).decision;
    }
    if (p.slas) {
        SlaEvaluateOptions sla_options;
        sla_options.attached_at = options.attached_at.value_or(now);
        sla_options.explain = options.explain;
        sla_options.past_attributes = options.past_attributes;
        sla_options.segments = e.segments;  // classified above with the classifier the SLAs use
        if (engine.share_types) {
            sla_options.activity_types = records.types();
        }
        e.timers = p.slas->evaluate(lead, reported, past, now, sla_options);
        for (TimerResult& t : e.timers) {
            t.policy_version = p.version;
        }
    }
    detail::collect_actions_and_next_check(e);
    return e;
}

/// The engine as the streaming steps see it.
class EngineStream final : public detail::StreamPolicy {
public:
    explicit EngineStream(const Engine::Impl& engine) : engine_(engine) {}
    [[nodiscard]] Evaluation evaluate(const LeadState& state,
                                      const ActivityHistory& history,
                                      Instant now) const override {
        EvaluateOptions options = detail::state_options(state);
        options.explain = ExplainLevel::none;
        return evaluate_history(engine_, state.lead, history, state.changes, now, options);
    }
    [[nodiscard]] const std::string& hash_at(Instant /*now*/) const override {
        return engine_.policy.content_hash;
    }
    [[nodiscard]] bool settled(std::string_view hash) const override {
        return hash == engine_.policy.content_hash;
    }

private:
    const Engine::Impl& engine_;
};

}  // namespace

Evaluation Engine::evaluate(const Lead& lead,
                            std::span<const Activity> activities,
                            std::span<const StageChange> changes,
                            Instant now,
                            const EvaluateOptions& options) const {
    // The history, checked and ordered once for every module (a history already in order,
    // always a LeadState's, is read in place).
    return evaluate_history(*impl_, lead, ActivityHistory{activities}, changes, now, options);
}

LeadState Engine::start(Lead lead, Instant now) const {
    return detail::stream_start(EngineStream{*impl_}, std::move(lead), now);
}

Step Engine::apply(LeadState state, const Activity& activity) const {
    return detail::stream_apply(EngineStream{*impl_}, std::move(state), activity, nullptr);
}

Step Engine::apply(LeadState state, const Activity& activity, const HostClock& clock) const {
    return detail::stream_apply(EngineStream{*impl_}, std::move(state), activity, &clock);
}

Step Engine::apply(LeadState state, const StageChange& change) const {
    return detail::stream_apply(EngineStream{*impl_}, std::move(state), change, nullptr);
}

Step Engine::apply(LeadState state, const StageChange& change, const HostClock& clock) const {
    return detail::stream_apply(EngineStream{*impl_}, std::move(state), change, &clock);
}

Step Engine::update(LeadState state, Lead lead) const {
    return detail::stream_update(EngineStream{*impl_}, std::move(state), std::move(lead));
}

Step Engine::advance(LeadState state, Instant now) const {
    return detail::stream_advance(EngineStream{*impl_}, std::move(state), HostClock{now, {}});
}

Step Engine::advance(LeadState state, const HostClock& clock) const {
    return detail::stream_advance(EngineStream{*impl_}, std::move(state), clock);
}

bool Engine::settled_by(const LeadState& state) const noexcept {
    return state.policy_hash == impl_->policy.content_hash;
}

Evaluation Engine::evaluate(const LeadState& state) const {
    return evaluate(state.lead, state.activities, state.changes, state.watermark,
                    detail::state_options(state));
}

}  // namespace leadsla
