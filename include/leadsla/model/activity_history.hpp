// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>
#include <span>
#include <vector>

#include <leadsla/model/activity.hpp>
#include <leadsla/time/instant.hpp>

namespace leadsla {

/// A lead's activities in the form every leadsla computation reads: ordered by (occurred_at,
/// id), each id once (`normalize_activities`).
///
/// Modules take their history as an `ActivityHistory`, so the order is a property of the type
/// rather than a precondition. Built from activities in any order it normalises them, copying
/// only when they are not in that form already; the engine builds one per evaluation and hands it
/// to every module, so the check is paid once.
///
/// Like `std::span`, it refers to the activities it was built from (a copy it had to make is
/// shared by its copies): keep those alive while the history is used.
///
/// Example:
///   ActivityHistory history{activities};      // any order, duplicates allowed
///   model.score(lead, history.until(now), now);
class ActivityHistory {
public:
    ActivityHistory() = default;
    /// Normalises `activities` (implicit, so a span or vector of activities can be passed where a
    /// history is expected).
    ActivityHistory(std::span<const Activity> activities);    // NOLINT(google-explicit-constructor)
    ActivityHistory(const std::vector<Activity>& activities)  // NOLINT(google-explicit-constructor)
        : ActivityHistory(std::span<const Activity>{activities}) {}

    [[nodiscard]] std::span<const Activity> activities() const noexcept { return items_; }
    [[nodiscard]] auto begin() const noexcept { return items_.begin(); }
    [[nodiscard]] auto end() const noexcept { return items_.end(); }
    [[nodiscard]] std::size_t size() const noexcept { return items_.size(); }
    [[nodiscard]] bool empty() const noexcept { return items_.empty(); }
    [[nodiscard]] const Activity& operator[](std::size_t i) const noexcept { return items_[i]; }

    /// The activities that occurred at or before `t` (a prefix).
    [[nodiscard]] ActivityHistory until(Instant t) const;
    /// The activities that occurred after `t` (the rest).
    [[nodiscard]] std::span<const Activity> after(Instant t) const;

    /// Whether normalising made a copy (the activities were out of order or repeated an id).
    [[nodiscard]] bool copied() const noexcept { return owned_ != nullptr; }

private:
    std::shared_ptr<const std::vector<Activity>> owned_;
    std::span<const Activity> items_;
};

}  // namespace leadsla
