// SPDX-License-Identifier: Apache-2.0
// Versions of a policy in force one after another; clocks keep the version they started under.
#include <algorithm>
#include <map>

#include <leadsla/engine/policy_set.hpp>

#include "engine/evaluation_parts.hpp"
#include "engine/streaming.hpp"

namespace leadsla {
namespace {

Instant effective(const Engine& e) {
    return e.policy().effective_from.value_or(Instant::min());
}

/// The set as the streaming steps see it.
class SetStream final : public detail::StreamPolicy {
public:
    explicit SetStream(const PolicySet& set) : set_(set) {}
    [[nodiscard]] Evaluation evaluate(const LeadState& state,
                                      const ActivityHistory& /*history*/,
                                      Instant now) const override {
        EvaluateOptions options = detail::state_options(state);
        options.explain = ExplainLevel::none;
        return set_.evaluate(state.lead, state.activities, state.changes, now, options);
    }
    [[nodiscard]] const std::string& hash_at(Instant now) const override {
        return set_.in_force(now).policy().content_hash;
    }
    [[nodiscard]] bool settled(std::string_view hash) const override {
        return std::any_of(set_.versions().begin(), set_.versions().end(),
                           [&](const Engine& e) { return e.policy().content_hash == hash; });
    }

private:
    const PolicySet& set_;
};

}  // namespace

Loaded<PolicySet> PolicySet::create(std::vector<Engine> versions) {
    std::vector<Error> errors;
    if (versions.empty()) {
        errors.push_back(
            {ErrorCode::policy_invalid, "", "a policy set needs at least one version"});
        return errors;
    }
    std::stable_sort(versions.begin(), versions.end(),
                     [](const Engine& a, const Engine& b) { return effective(a) < effective(b); });
    const std::string& id = versions.front().policy().id;
    for (std::size_t i = 0; i < versions.size(); ++i) {
        const Policy& p = versions[i].policy();
        const std::string name = fmt::format("version \"{}\"", p.version);
        if (p.id != id) {
            errors.push_back({ErrorCode::policy_invalid, "/id",
                              fmt::format("{} has policy id \"{}\"; the set's id is \"{}\" (one "
                                          "set holds versions of one policy)",
                                          name, p.id, id)});
        }
        if (versions.size() > 1 && !p.effective_from) {
            errors.push_back({ErrorCode::policy_invalid, "/effective_from",
                              fmt::format("{} has no \"effective_from\": with several versions "
                                          "each must say when it comes into force",
                                          name)});
        }
        if (i > 0 && p.effective_from && effective(versions[i - 1]) == *p.effective_from) {
            errors.push_back(
                {ErrorCode::policy_duplicate_id, "/effective_from",
                 fmt::format("{} and version \"{}\" both come into force at {}", name,
                             versions[i - 1].policy().version, format_instant(*p.effective_from))});
        }
    }
    if (!errors.empty()) {
        return errors;
    }
    return PolicySet{std::move(versions)};
}

const Engine& PolicySet::in_force(Instant t) const noexcept {
    // The last version whose effective_from <= t, or the first one.
    const auto after =
        std::upper_bound(versions_.begin(), versions_.end(), t,
                         [](Instant x, const Engine& e) { return x < effective(e); });
    return after == versions_.begin() ? versions_.front() : *(after - 1);
}

Evaluation PolicySet::evaluate(const Lead& lead,
                               std::span<const Activity> activities,
                               std::span<const StageChange> changes,
                               Instant now,
                               const EvaluateOptions& options) const {
    const Engine& current = in_force(now);
    Evaluation e = current.evaluate(lead, activities, changes, now, options);
    if (versions_.size() == 1 || e.timers.empty()) {
        return e;
    }
    // Clocks that started under an earlier version: re-judge them under it.
    std::map<const Engine*, Evaluation> earlier;
    bool replaced = false;
    for (TimerResult& t : e.timers) {
        if (!t.started_at) {
            continue;
        }
        const Engine& then = in_force(*t.started_at);
        if (&then == &current) {
            continue;
        }
        auto it = earlier.find(&then);
        if (it == earlier.end()) {
            EvaluateOptions quiet = options;
            quiet.routing = nullptr;
            it = earlier.emplace(&then, then.evaluate(lead, activities, changes, now, quiet)).first;
        }
        const auto old = std::find_if(it->second.timers.begin(), it->second.timers.end(),
                                      [&](const TimerResult& o) { return o.sla == t.sla; });
        if (old != it->second.timers.end() && old->started_at == t.started_at) {
            t = *old;
            replaced = true;
        }
    }
    if (!replaced) {
        return e;
    }
    detail::collect_actions_and_next_check(e);
    return e;
}

LeadState PolicySet::start(Lead lead, Instant now) const {
    return detail::stream_start(SetStream{*this}, std::move(lead), now);
}

Step PolicySet::apply(LeadState state, const Activity& activity) const {
    return detail::stream_apply(SetStream{*this}, std::move(state), activity, nullptr);
}

Step PolicySet::apply(LeadState state, const Activity& activity, const HostClock& clock) const {
    return detail::stream_apply(SetStream{*this}, std::move(state), activity, &clock);
}

Step PolicySet::apply(LeadState state, const StageChange& change) const {
    return detail::stream_apply(SetStream{*this}, std::move(state), change, nullptr);
}

Step PolicySet::apply(LeadState state, const StageChange& change, const HostClock& clock) const {
    return detail::stream_apply(SetStream{*this}, std::move(state), change, &clock);
}

Step PolicySet::update(LeadState state, Lead lead) const {
    return detail::stream_update(SetStream{*this}, std::move(state), std::move(lead));
}

Step PolicySet::advance(LeadState state, Instant now) const {
    return detail::stream_advance(SetStream{*this}, std::move(state), HostClock{now, {}});
}

Step PolicySet::advance(LeadState state, const HostClock& clock) const {
    return detail::stream_advance(SetStream{*this}, std::move(state), clock);
}

Evaluation PolicySet::evaluate(const LeadState& state) const {
    return evaluate(state.lead, state.activities, state.changes, state.watermark,
                    detail::state_options(state));
}

bool PolicySet::settled_by(const LeadState& state) const noexcept {
    return SetStream{*this}.settled(state.policy_hash);
}

}  // namespace leadsla
