// SPDX-License-Identifier: Apache-2.0
// The engine: every module of the policy over one lead at one `now`, and the streaming form.
#include <algorithm>
#include <iterator>

#include <leadsla/engine/engine.hpp>

#include "engine/evaluation_parts.hpp"
#include "expr/local_records.hpp"
#include "sla/sla_impl.hpp"
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
/// the types alike (`ActivityRecord::type`).
[[nodiscard]] bool same_activity_types(const Schema& a, const Schema& b) {
    return std::equal(a.activities.begin(), a.activities.end(), b.activities.begin(),
                      b.activities.end(),
                      [](const auto& x, const auto& y) { return x.first == y.first; });
}

}  // namespace

Engine::Engine(PolicySections sections)
    : policy_(std::make_shared<const PolicySections>(std::move(sections))) {
    const PolicySections& p = *policy_;
    share_types_ = p.scoring && p.slas && p.slas->impl_->expressions &&
                   same_activity_types(p.scoring->expressions().schema(),
                                       p.slas->impl_->expressions->schema());
    // One classifier (copies share their compiled form): the SLAs read the engine's segments.
    share_segments_ = p.segments && p.slas && p.slas->impl_->classifier &&
                      &p.slas->impl_->classifier->specs() == &p.segments->specs();
}

std::optional<Engine> Engine::load(std::string_view json_text, std::vector<Error>& errors) {
    PolicySectionsLoad load = load_policy_sections(json_text);
    if (!load.ok()) {
        errors.insert(errors.end(), load.errors.begin(), load.errors.end());
        return std::nullopt;
    }
    return Engine{std::move(*load.sections)};
}

Result<Engine> Engine::load(std::string_view json_text) {
    std::vector<Error> errors;
    auto engine = load(json_text, errors);
    return value_or_first_error(std::move(engine), errors);
}

const PolicySections& Engine::policy() const noexcept {
    return *policy_;
}

Evaluation Engine::evaluate(const Lead& lead,
                            std::span<const Activity> activities,
                            std::span<const StageChange> changes,
                            Instant now,
                            const EvaluateOptions& options) const {
    // The history, checked and ordered once for every module (a history already in order,
    // always a LeadState's, is read in place).
    return evaluate_history(lead, ActivityHistory{activities}, changes, now, options);
}

Evaluation Engine::evaluate_history(const Lead& lead,
                                    const ActivityHistory& history,
                                    std::span<const StageChange> changes,
                                    Instant now,
                                    const EvaluateOptions& options) const {
    const PolicySections& p = *policy_;
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
    detail::LocalRecords records;  // scoring's; the SLAs read their activity types
    if (p.scoring) {
        const ExpressionSet& x = p.scoring->expressions();
        records.prepare(x, past.activities());
        p.scoring->score(x.prepare(lead), records.records(), now, options.explain,
                         e.score.emplace());
        facts = score_facts(*p.scoring, *e.score);
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
        detail::KnownInputs known;
        if (share_types_) {
            known.records = records.records();
        }
        if (share_segments_) {
            known.segments = e.segments;
        }
        e.timers = detail::evaluate_timers(*p.slas->impl_, lead, reported, past, known, now,
                                           options.attached_at.value_or(now), options.explain,
                                           options.past_attributes);
        for (TimerResult& t : e.timers) {
            t.policy_version = p.version;
        }
    }
    detail::collect_actions_and_next_check(e);
    return e;
}

LeadState Engine::start(Lead lead, Instant now) const {
    LeadState s;
    s.lead = std::move(lead);
    s.attached_at = now;
    s.watermark = now;
    s.policy_hash = policy_->content_hash;
    return s;
}

Step Engine::apply(LeadState state, const Activity& activity) const {
    state.activities.push_back(activity);
    // Checked once, for the state and its evaluation. In order (the common arrival) the history
    // reads the state's vector, whose buffer moves with the state; else it holds the ordered copy
    // the state takes too.
    const ActivityHistory history{state.activities};
    if (history.copied()) {
        state.activities.assign(history.begin(), history.end());
    }
    const Instant to = std::max(state.watermark, activity.occurred_at);
    return settle(std::move(state), to, &history);
}

Step Engine::apply(LeadState state, const StageChange& change) const {
    const auto at = std::upper_bound(state.changes.begin(), state.changes.end(), change.at,
                                     [](Instant t, const StageChange& c) { return t < c.at; });
    state.changes.insert(at, change);
    state.lead.stage = state.changes.back().to;
    const Instant to = std::max(state.watermark, change.at);
    return settle(std::move(state), to);
}

Step Engine::update(LeadState state, Lead lead) const {
    const Stage stage = state.lead.stage;
    if (lead.attributes != state.lead.attributes &&
        (state.past_attributes.empty() || state.past_attributes.back().until < state.watermark)) {
        // The old attributes held until now (a second update at one instant: the first one's
        // attributes held for no time, so the entry before stays as it is).
        state.past_attributes.push_back(
            PastAttributes{state.watermark, std::move(state.lead.attributes)});
    }
    state.lead = std::move(lead);
    if (!state.changes.empty()) {
        state.lead.stage = stage;  // the reported changes decide the stage
    }
    const Instant to = state.watermark;
    return settle(std::move(state), to);
}

Step Engine::advance(LeadState state, Instant now) const {
    const Instant to = std::max(state.watermark, now);
    return settle(std::move(state), to);
}

Evaluation Engine::evaluate(const LeadState& state) const {
    EvaluateOptions options;
    options.attached_at = state.attached_at;
    options.past_attributes = state.past_attributes;
    return evaluate(state.lead, state.activities, state.changes, state.watermark, options);
}

Step Engine::settle(LeadState state, Instant now, const ActivityHistory* history) const {
    state.watermark = now;
    state.policy_hash = policy_->content_hash;
    EvaluateOptions options;
    options.explain = ExplainLevel::none;
    options.attached_at = state.attached_at;
    options.past_attributes = state.past_attributes;
    Evaluation e = history != nullptr
                       ? evaluate_history(state.lead, *history, state.changes, now, options)
                       : evaluate(state.lead, state.activities, state.changes, now, options);
    Step out;
    for (OwedAction& a : e.actions) {
        if (state.emitted.insert(a.id).second) {
            out.actions.push_back(std::move(a));
        }
    }
    out.state = std::move(state);
    return out;
}

}  // namespace leadsla
