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
        for (const Activity& a : history) {
            const bool counted =
                rule.activities.empty() || std::find(rule.activities.begin(), rule.activities.end(),
                                                     a.type) != rule.activities.end();
            if (counted && a.occurred_at <= now && a.occurred_at > out.quiet_since) {
                out.quiet_since = a.occurred_at;
            }
        }
        out.due_at = out.quiet_since + rule.after;
        out.due = now >= out.due_at;
        return out;
    }
    return std::nullopt;
}

}  // namespace leadsla
