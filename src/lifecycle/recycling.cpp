// SPDX-License-Identifier: Apache-2.0
// Recycling: a lead that sits in a stage without activity is recommended a side state.
#include <algorithm>

#include "lifecycle/lifecycle_impl.hpp"

namespace leadsla {

std::optional<RecycleStatus> Lifecycle::recycling(Stage stage,
                                                  Instant entered_at,
                                                  const ActivityHistory& history,
                                                  Instant now) const {
    for (const RecycleSpec& rule : impl_->spec.recycling) {
        if (std::find(rule.from.begin(), rule.from.end(), stage) == rule.from.end()) {
            continue;
        }
        RecycleStatus out;
        out.rule = rule.id;
        out.to = rule.to;
        out.reason = rule.reason;
        out.quiet_since = entered_at;
        // The history is in time order: the newest counted activity up to now is the last
        // activity that matters, so it is searched from the end.
        const std::span<const Activity> all = history.activities();
        for (auto it = all.rbegin(); it != all.rend() && it->occurred_at > out.quiet_since; ++it) {
            const bool counted =
                rule.activities.empty() || std::find(rule.activities.begin(), rule.activities.end(),
                                                     it->type) != rule.activities.end();
            if (counted && it->occurred_at <= now) {
                out.quiet_since = it->occurred_at;
                break;
            }
        }
        out.due_at = out.quiet_since + rule.after;
        out.due = now >= out.due_at;
        return out;
    }
    return std::nullopt;
}

}  // namespace leadsla
