// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <leadsla/expr/classifier.hpp>
#include <leadsla/expr/schema.hpp>
#include <leadsla/model/activity.hpp>
#include <leadsla/model/activity_history.hpp>
#include <leadsla/model/explain_level.hpp>
#include <leadsla/model/lead.hpp>
#include <leadsla/model/past_attributes.hpp>
#include <leadsla/model/stage_change.hpp>
#include <leadsla/result.hpp>
#include <leadsla/sla/sla_spec.hpp>
#include <leadsla/sla/timer.hpp>
#include <leadsla/time/business_calendar.hpp>

namespace leadsla {

/// Named business calendars, as a policy declares them.
using CalendarMap = std::map<std::string, BusinessCalendar, std::less<>>;

/// A policy's SLAs, compiled: immutable, cheap to copy, safe to share across threads.
///
/// A clock's run is a pure function of the lead, its reported stage changes and its activities up
/// to `now` (docs/sla.md): the events are replayed in order — (instant; created, stage changes,
/// activities; id) — the triggers move the clock, and counted time is business time on the SLA's
/// calendar with paused spans left out.
class SlaSet {
public:
    /// Errors: trigger and expression errors, policy.unknown_reference (a calendar, a segment
    /// value, the classification), policy.duplicate_id (two SLAs or escalation steps with one
    /// id), policy.invalid (no start trigger, no target, a warning outside 1..999 per mille,
    /// escalation steps out of order, activities read where only lead attributes may be).
    [[nodiscard]] static Result<SlaSet> create(std::vector<SlaSpec> specs,
                                               const Schema& schema,
                                               CalendarMap calendars,
                                               const Classifier* classifier = nullptr);
    /// Like `create`, appending every error to `errors`.
    [[nodiscard]] static std::optional<SlaSet> create(std::vector<SlaSpec> specs,
                                                      const Schema& schema,
                                                      CalendarMap calendars,
                                                      const Classifier* classifier,
                                                      std::vector<Error>& errors);

    [[nodiscard]] const std::vector<SlaSpec>& specs() const noexcept;
    [[nodiscard]] const CalendarMap& calendars() const noexcept;

    /// Every SLA's clock for `lead` at `now`, in the order of `specs()`.
    ///
    /// `changes` may come in any order. Events after `now` are not read.
    /// With `attached_at`, actions that fell due before it are not owed: a clock already past due
    /// then owes one `breached_on_attach` at `attached_at` instead of back-dated reminders.
    /// With `ExplainLevel::none` the results carry no `trace`.
    ///
    /// `past_attributes` is the lead's attribute history (`PastAttributes`, any order): a clock's
    /// target follows the segment in force at each instant, and a change while the clock runs is
    /// handled by the SLA's `on_segment_change`. Without it the current attributes choose the
    /// target for the whole history. Calendars and `applies_when` read the current lead.
    [[nodiscard]] std::vector<TimerResult> evaluate(
        const Lead& lead,
        std::span<const StageChange> changes,
        const ActivityHistory& activities,
        Instant now,
        std::optional<Instant> attached_at = {},
        ExplainLevel explain = ExplainLevel::rules,
        std::span<const PastAttributes> past_attributes = {}) const;

    struct Impl;  ///< opaque: the compiled SLAs

private:
    friend class Engine;  // hands over what it has worked out already: activity types, segments
    explicit SlaSet(std::shared_ptr<const Impl> impl) noexcept;
    std::shared_ptr<const Impl> impl_;
};

}  // namespace leadsla
