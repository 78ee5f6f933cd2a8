// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <tuple>

#include <leadsla/model/activity.hpp>
#include <leadsla/model/activity_history.hpp>

#include "byte_order.hpp"

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

bool is_normalized(std::span<const Activity> activities) {
    // Strictly ascending by (occurred_at, id), in one pass. That does not rule out one id at two
    // instants: when the ids ascend along the sequence too (ids issued in time order, the common
    // case), they are distinct without a sort.
    bool ids_ascend = true;
    for (std::size_t i = 1; i < activities.size(); ++i) {
        const Activity& a = activities[i - 1];
        const Activity& b = activities[i];
        if (b.occurred_at < a.occurred_at) {
            return false;
        }
        const bool tie = a.occurred_at == b.occurred_at;
        if (ids_ascend || tie) {
            const int order = detail::compare_bytes(a.id.value(), b.id.value());
            if (tie && order >= 0) {
                return false;
            }
            ids_ascend = ids_ascend && order < 0;
        }
    }
    if (ids_ascend) {
        return true;
    }
    std::vector<const ActivityId*> ids;
    ids.reserve(activities.size());
    for (const Activity& a : activities) {
        ids.push_back(&a.id);
    }
    std::sort(ids.begin(), ids.end(),
              [](const ActivityId* x, const ActivityId* y) { return *x < *y; });
    return std::adjacent_find(ids.begin(), ids.end(), [](const ActivityId* x, const ActivityId* y) {
               return *x == *y;
           }) == ids.end();
}

ActivityHistory::ActivityHistory(std::span<const Activity> activities) : items_(activities) {
    if (!is_normalized(activities)) {
        owned_ = std::make_shared<const std::vector<Activity>>(normalize_activities(activities));
        items_ = *owned_;
    }
}

ActivityHistory::ActivityHistory(std::vector<Activity> activities) {
    if (!is_normalized(activities)) {
        activities = normalize_activities(activities);
    }
    owned_ = std::make_shared<const std::vector<Activity>>(std::move(activities));
    items_ = *owned_;
}

namespace {

/// How many of `items` (in time order) occurred at or before `t`.
std::size_t count_until(std::span<const Activity> items, Instant t) noexcept {
    if (items.empty() || items.back().occurred_at <= t) {
        return items.size();  // the common case: nothing after `t`
    }
    return static_cast<std::size_t>(
        std::partition_point(items.begin(), items.end(),
                             [&](const Activity& a) { return a.occurred_at <= t; }) -
        items.begin());
}

}  // namespace

ActivityHistory ActivityHistory::until(Instant t) const {
    ActivityHistory out = *this;
    out.items_ = items_.first(count_until(items_, t));
    return out;
}

std::span<const Activity> ActivityHistory::after(Instant t) const {
    return items_.subspan(count_until(items_, t));
}

}  // namespace leadsla
