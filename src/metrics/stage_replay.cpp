// SPDX-License-Identifier: Apache-2.0
// The stages a lead would have gone through under a policy: qualification re-derived from its
// facts, people's decisions following the move they reacted to (docs/backtest.md).
#include "metrics/stage_replay.hpp"

#include <algorithm>
#include <chrono>
#include <map>

#include <leadsla/metrics/backtest.hpp>
#include <leadsla/model/activity_history.hpp>

#include "metrics/known_changes.hpp"

namespace leadsla {
namespace {

/// Whether `stage` has entry criteria in `lifecycle`: the policy, not a person, moves leads in.
bool derived(const Lifecycle& lifecycle, Stage stage) {
    const auto& stages = lifecycle.spec().stages;
    const auto it = std::find_if(stages.begin(), stages.end(),
                                 [&](const StageSpec& s) { return s.stage == stage; });
    return it != stages.end() && (!it->when.empty() || !it->qualification.empty());
}

/// Whether a lead in `stage` can move by the policy alone: a transition into a stage with
/// criteria, or a configured regression. Only then is it scored (the cost of a replay).
bool may_move(const Lifecycle& lifecycle, Stage stage) {
    const auto& stages = lifecycle.spec().stages;
    const auto it = std::find_if(stages.begin(), stages.end(),
                                 [&](const StageSpec& s) { return s.stage == stage; });
    if (it != stages.end() && it->regress_to) {
        return true;
    }
    const std::vector<Stage> next = lifecycle.next_stages(stage);
    return std::any_of(next.begin(), next.end(), [&](Stage s) { return derived(lifecycle, s); });
}

constexpr std::string_view replay_actor = "leadsla";

/// When a decision reported at `decided` after the policy's move at `reported_move` comes after
/// the replay's same move at `move`: at the same delay, counted in business time on the
/// agreement's calendar when the policy has one (people decide in working hours), else in
/// wall-clock time; where the replay makes the move when the history did, exactly when it came.
Instant decision_at(const Policy& policy, Instant reported_move, Instant decided, Instant move) {
    if (move == reported_move) {
        return decided;
    }
    if (policy.agreement && !policy.agreement->calendar.empty()) {
        const auto it = policy.calendars.find(policy.agreement->calendar);
        if (it != policy.calendars.end()) {
            return it->second.add(move, it->second.elapsed(reported_move, decided));
        }
    }
    return move + (decided - reported_move);
}

}  // namespace

namespace detail {

ReplayedStages replay(const PolicySet& policies,
                      const Lead& lead,
                      std::span<const Activity> activities,
                      std::span<const StageChange> reported,
                      std::span<const PastAttributes> past_attributes,
                      Instant as_of) {
    // The reported changes known at as_of, in time order (ties keep their order), each once.
    std::vector<StageChange> changes = detail::known_changes(reported, as_of);
    const Policy& first_policy = policies.in_force(lead.created_at).policy();
    if (!first_policy.lifecycle) {
        const Stage initial = changes.empty() ? lead.stage : changes.front().from;
        return ReplayedStages{initial, std::move(changes)};
    }
    Stage stage = lead.stage;
    if (!reported.empty()) {
        stage =
            std::min_element(reported.begin(), reported.end(),
                             [](const StageChange& x, const StageChange& y) { return x.at < y.at; })
                ->from;
    }
    if (derived(*first_policy.lifecycle, stage)) {
        stage = first_policy.lifecycle->spec().initial;
    }
    const Stage initial = stage;

    // People's decisions, each tied to the policy's move it followed: a reported change into
    // a stage with criteria (an MQL) anchors the decisions after it, up to the next anchor. A
    // replay that makes the same move (the k-th entry into that stage) takes the decisions
    // with their delays after it; one that never makes it takes none of them. Decisions before
    // any anchor (a sales-sourced lead) keep their own instants.
    struct Decision {
        Instant anchor_at;  // the reported move it followed
        StageChange change;
    };
    const auto decided_by_policy = [&](const StageChange& c) {
        const Policy& p = policies.in_force(c.at).policy();
        return p.lifecycle && derived(*p.lifecycle, c.to);
    };
    std::vector<std::vector<Decision>> anchored;             // by anchor
    std::map<Stage, std::vector<std::size_t>> anchors_into;  // the k-th entry's anchor
    std::multimap<Instant, StageChange> pending;  // decisions due, by instant; ties in order
    Instant anchor_at;
    for (const StageChange& c : changes) {
        if (decided_by_policy(c)) {
            anchors_into[c.to].push_back(anchored.size());
            anchored.emplace_back();
            anchor_at = c.at;
        } else if (!anchored.empty()) {
            anchored.back().push_back(Decision{anchor_at, c});
        } else {
            pending.emplace(c.at, c);
        }
    }

    // The facts about the lead (its creation, an activity, an attribute change), in order:
    // only a fact makes the policy look again, so it never overrules a person's decision at
    // the decision's instant.
    std::vector<Instant> facts{lead.created_at};
    for (const Activity& a : activities) {
        if (a.occurred_at <= as_of && a.occurred_at >= lead.created_at) {
            facts.push_back(a.occurred_at);
        }
    }
    for (const PastAttributes& p : past_attributes) {
        if (p.until <= as_of && p.until >= lead.created_at) {
            facts.push_back(p.until);
        }
    }
    std::sort(facts.begin(), facts.end());
    facts.erase(std::unique(facts.begin(), facts.end()), facts.end());

    // Scoring reads the history once, through an index; each instant only reads up to itself.
    const ActivityHistory history{activities};
    std::vector<StageChange> out;
    std::map<Stage, std::size_t> entries_made;  // the policy's entries into each stage so far
    bool after_decision = false;  // a person moved the lead since the policy last looked
    auto next_fact = facts.begin();
    while (next_fact != facts.end() || !pending.empty()) {
        const Instant t = pending.empty()            ? *next_fact
                          : next_fact == facts.end() ? pending.begin()->first
                                                     : std::min(*next_fact, pending.begin()->first);
        if (t > as_of) {
            break;
        }
        const bool fact = next_fact != facts.end() && *next_fact == t;
        if (fact) {
            ++next_fact;
        }
        const Policy& policy = policies.in_force(t).policy();
        // People's decisions due at t, where the lifecycle allows them from where the lead is.
        while (!pending.empty() && pending.begin()->first == t) {
            const StageChange c = pending.begin()->second;
            pending.erase(pending.begin());
            if (t >= lead.created_at && policy.lifecycle && c.to != stage &&
                policy.lifecycle->allows(stage, c.to)) {
                out.push_back(StageChange{t, stage, c.to, c.actor, c.reason});
                stage = c.to;
                after_decision = true;
            }
        }
        // Then what the policy makes of the lead at t.
        if (!fact || !policy.lifecycle || !may_move(*policy.lifecycle, stage)) {
            continue;
        }
        const Lifecycle& lifecycle = *policy.lifecycle;
        const auto recommend_at = [&](Instant when) {
            Lead then = lead;
            then.stage = stage;
            then.attributes = detail::attributes_at(lead, past_attributes, when);
            ScoreFacts scores;
            if (policy.scoring) {
                scores = score_facts(*policy.scoring, policy.scoring->score(then, history, when,
                                                                            ExplainLevel::none));
            }
            StageRecommendation r = lifecycle.recommend(then, history, scores, when);
            const bool moves = r.changes() && (r.kind == StageChangeKind::qualified ||
                                               r.kind == StageChangeKind::regressed);
            return std::pair{moves, std::move(r)};
        };
        const auto [moves, r] = recommend_at(t);
        if (!moves) {
            after_decision = false;  // the criteria do not hold: the next time they do is new
            continue;
        }
        // After a person's decision the policy moves the lead only on a new fact that makes the
        // criteria hold: not because the facts the person already weighed still hold.
        if (after_decision && t > lead.created_at &&
            recommend_at(t - std::chrono::seconds{1}).first) {
            continue;
        }
        after_decision = false;
        for (const Stage next : r.path) {
            if (next == stage) {
                continue;
            }
            out.push_back(StageChange{t, stage, next, std::string{replay_actor}, {}});
            stage = next;
            // The decisions that followed the same move in the history follow it here.
            const std::size_t k = entries_made[next]++;
            const auto anchors = anchors_into.find(next);
            if (anchors != anchors_into.end() && k < anchors->second.size()) {
                for (const Decision& d : anchored[anchors->second[k]]) {
                    pending.emplace(decision_at(policy, d.anchor_at, d.change.at, t), d.change);
                }
            }
        }
    }
    return ReplayedStages{initial, std::move(out)};
}

}  // namespace detail

std::vector<StageChange> replay_stages(const PolicySet& policies,
                                       const Lead& lead,
                                       std::span<const Activity> activities,
                                       std::span<const StageChange> reported,
                                       std::span<const PastAttributes> past_attributes,
                                       Instant as_of) {
    return detail::replay(policies, lead, activities, reported, past_attributes, as_of).changes;
}

}  // namespace leadsla
