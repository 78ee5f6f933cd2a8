// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <tuple>

#include <leadsla/model/activity.hpp>

namespace leadsla {

std::vector<Activity> normalize_activities(std::span<const Activity> activities) {
    std::vector<Activity> out(activities.begin(), activities.end());
    // Among copies of one id the earliest (then the smallest) wins; then (occurred_at, id) order.
    std::sort(out.begin(), out.end(), [](const Activity& a, const Activity& b) {
        return std::tie(a.id, a.occurred_at) < std::tie(b.id, b.occurred_at) ||
               (a.id == b.id && a.occurred_at == b.occurred_at && a < b);
    });
    out.erase(std::unique(out.begin(), out.end(),
                          [](const Activity& a, const Activity& b) { return a.id == b.id; }),
              out.end());
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace leadsla
