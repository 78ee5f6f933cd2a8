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
/// Built from a span it is a view, like `std::span`: it refers to the activities it was built
/// from (a copy it had to make to normalise them is shared by its copies), so keep those alive
/// while the history is used. Built from a vector it owns its activities (the vector is moved in,
/// or copied), so it can outlive what it was built from.
///
/// Example:
///   ActivityHistory history{activities};                      // owns a copy; any order
///   ActivityHistory view{std::span<const Activity>{stored}};  // reads `stored` in place
///   model.score(lead, history.until(now), now);
class ActivityHistory {
public:
    ActivityHistory() = default;
    /// A view of `activities`, normalised (copied only when they are out of order or repeat an
    /// id). Implicit: a span of activities can be passed where a history is expected.
    ActivityHistory(std::span<const Activity> activities);  // NOLINT(google-explicit-constructor)
    /// Owns `activities`, normalised.
    explicit ActivityHistory(std::vector<Activity> activities);

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

    /// Whether it holds its own activities (built from a vector, or normalising a span made a
    /// copy because the activities were out of order or repeated an id).
    [[nodiscard]] bool copied() const noexcept { return owned_ != nullptr; }

private:
    std::shared_ptr<const std::vector<Activity>> owned_;
    std::span<const Activity> items_;
};

}  // namespace leadsla
