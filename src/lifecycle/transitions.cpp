// SPDX-License-Identifier: Apache-2.0
// Reported stage changes against the model: transitions, reason codes, the working cadence.
#include <algorithm>
#include <span>

#include <fmt/format.h>

#include <leadsla/time/duration_text.hpp>

#include "lifecycle/lifecycle_impl.hpp"

namespace leadsla {
namespace {

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& s : items) {
        out += out.empty() ? "" : ", ";
        out += s;
    }
    return out;
}

std::string reason_ids(const LifecycleSpec& spec) {
    std::vector<std::string> ids;
    for (const ReasonCode& r : spec.reasons) {
        ids.push_back(r.id);
    }
    return ids.empty() ? "none defined" : join(ids);
}

}  // namespace

std::string_view to_string(ViolationKind kind) noexcept {
    switch (kind) {
        case ViolationKind::undefined_stage:
            return "undefined_stage";
        case ViolationKind::transition_not_allowed:
            return "transition_not_allowed";
        case ViolationKind::reason_missing:
            return "reason_missing";
        case ViolationKind::reason_unknown:
            return "reason_unknown";
        case ViolationKind::cadence_not_met:
            return "cadence_not_met";
        case ViolationKind::from_mismatch:
            return "from_mismatch";
    }
    return "unknown";
}

std::optional<CadenceStatus> Lifecycle::cadence(const ActivityHistory& history, Instant at) const {
    const auto& spec = impl_->spec.cadence;
    if (!spec) {
        return std::nullopt;
    }
    CadenceStatus out;
    out.at = at;
    out.window_start = at - spec->window;
    // The history is in time order: only the window is read.
    const std::span<const Activity> all = history.activities();
    const auto first = std::partition_point(all.begin(), all.end(), [&](const Activity& a) {
        return a.occurred_at < out.window_start;
    });
    for (auto it = first; it != all.end() && it->occurred_at <= at; ++it) {
        if (it->type != spec->activity) {
            continue;
        }
        ++out.attempts;
        const auto* channel = it->property(spec->channel).as_string();
        if (channel == nullptr) {
            continue;
        }
        // Kept sorted as they come: channels are few, so this beats a set, and a sort after.
        if (out.channels.empty()) {
            out.channels.reserve(spec->min_channels + 1);  // grown once at most, as a rule
            out.channels.push_back(*channel);
            continue;
        }
        const auto place = std::lower_bound(out.channels.begin(), out.channels.end(), *channel);
        if (place == out.channels.end() || *place != *channel) {
            out.channels.insert(place, *channel);
        }
    }
    out.met = out.attempts >= spec->min_attempts && out.channels.size() >= spec->min_channels;
    return out;
}

std::vector<Violation> Lifecycle::check(const StageChange& change,
                                        const ActivityHistory& history) const {
    const Impl& m = *impl_;
    std::vector<Violation> out;
    const auto add = [&](ViolationKind kind, std::string message) {
        out.push_back(Violation{kind, change, std::move(message)});
    };
    if (!defines(change.from) || !defines(change.to)) {
        add(ViolationKind::undefined_stage,
            fmt::format("\"{}\" is not a stage of this model",
                        defines(change.from) ? change.to : change.from));
        return out;
    }
    const std::int32_t t = m.transition[stage_index(change.from)][stage_index(change.to)];
    if (t < 0) {
        std::vector<std::string> next;
        for (const Stage s : next_stages(change.from)) {
            next.emplace_back(to_string(s));
        }
        add(ViolationKind::transition_not_allowed,
            fmt::format("the model does not allow {} → {} (from {}: {})", change.from, change.to,
                        change.from, next.empty() ? "no transitions" : join(next)));
    }
    const bool required = t >= 0 && m.spec.transitions[static_cast<std::size_t>(t)].reason_required;
    if (change.reason.empty()) {
        if (required) {
            add(ViolationKind::reason_missing,
                fmt::format("{} → {} needs a reason code (one of: {})", change.from, change.to,
                            reason_ids(m.spec)));
        }
        return out;
    }
    const auto reason = std::find_if(m.spec.reasons.begin(), m.spec.reasons.end(),
                                     [&](const ReasonCode& r) { return r.id == change.reason; });
    if (reason == m.spec.reasons.end()) {
        add(ViolationKind::reason_unknown,
            fmt::format("\"{}\" is not a reason code of the policy (one of: {})", change.reason,
                        reason_ids(m.spec)));
        return out;
    }
    if (reason->requires_cadence) {
        const CadenceStatus status = *cadence(history, change.at);
        if (!status.met) {
            const CadenceSpec& c = *m.spec.cadence;
            add(ViolationKind::cadence_not_met,
                fmt::format("reason \"{}\" needs the working cadence first: {} attempt{} over {} "
                            "channel{} ({}) in the {} before, the policy requires at least {} "
                            "over {}",
                            reason->id, status.attempts, status.attempts == 1 ? "" : "s",
                            status.channels.size(), status.channels.size() == 1 ? "" : "s",
                            status.channels.empty() ? "none" : join(status.channels),
                            format_wall_duration(c.window), c.min_attempts, c.min_channels));
        }
    }
    return out;
}

std::vector<Violation> Lifecycle::check_history(Stage initial,
                                                std::span<const StageChange> changes,
                                                const ActivityHistory& history) const {
    // In time order; changes in order already (the engine's) are read in place.
    const auto by_instant = [](const StageChange& a, const StageChange& b) { return a.at < b.at; };
    std::vector<StageChange> sorted;
    if (!std::is_sorted(changes.begin(), changes.end(), by_instant)) {
        sorted.assign(changes.begin(), changes.end());
        std::stable_sort(sorted.begin(), sorted.end(), by_instant);
        changes = sorted;
    }
    std::vector<Violation> out;
    Stage current = initial;
    for (const StageChange& change : changes) {
        if (change.from != current) {
            out.push_back(
                Violation{ViolationKind::from_mismatch, change,
                          fmt::format("the change says the lead left {}, but it was in {}",
                                      change.from, current)});
        }
        auto found = check(change, history);
        out.insert(out.end(), std::make_move_iterator(found.begin()),
                   std::make_move_iterator(found.end()));
        current = change.to;
    }
    return out;
}

}  // namespace leadsla
