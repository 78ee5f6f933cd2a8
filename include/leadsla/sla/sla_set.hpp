// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
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

/// Options of `SlaSet::evaluate`.
struct SlaEvaluateOptions {
    /// When the host first saw the lead: actions that fell due before it are not owed, and a
    /// clock already past due then owes one `breached_on_attach` at `attached_at` instead of
    /// back-dated reminders. Empty: every action since the clock started is owed.
    std::optional<Instant> attached_at;
    /// With `ExplainLevel::none` the results carry no `trace`.
    ExplainLevel explain = ExplainLevel::rules;
    /// The lead's attribute history (`PastAttributes`, any order): a clock's target follows the
    /// segment in force at each instant, and a change while the clock runs is handled by the
    /// SLA's `on_segment_change`. Empty: the current attributes choose the target for the whole
    /// history. Calendars and `applies_when` read the current lead.
    std::span<const PastAttributes> past_attributes;
    /// The lead's classifications as the caller has worked them out already (the engine does):
    /// `Classifier::classify(lead)` of the classifier the set was created with, every
    /// classification in its order. Empty (or of another size): classified here.
    std::span<const ClassValue> segments;
    /// For each activity of the history, the index of its type among the schema's activity
    /// types (`Schema::activities`, in name order), -1 for a type the schema does not declare —
    /// as a caller that has typed the history already has them (the engine, from scoring).
    /// Empty (or of another length than the history): looked up here.
    std::span<const std::int32_t> activity_types;
};

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
    [[nodiscard]] static Loaded<SlaSet> create(std::vector<SlaSpec> specs,
                                               const Schema& schema,
                                               CalendarMap calendars,
                                               const Classifier* classifier = nullptr);

    [[nodiscard]] const std::vector<SlaSpec>& specs() const noexcept;
    [[nodiscard]] const CalendarMap& calendars() const noexcept;
    /// The schema the set was compiled against.
    [[nodiscard]] const Schema& schema() const noexcept;

    /// Every SLA's clock for `lead` at `now`, in the order of `specs()`.
    ///
    /// `changes` may come in any order. Events after `now` are not read.
    [[nodiscard]] std::vector<TimerResult> evaluate(const Lead& lead,
                                                    std::span<const StageChange> changes,
                                                    const ActivityHistory& activities,
                                                    Instant now,
                                                    const SlaEvaluateOptions& options = {}) const;

    struct Impl;  ///< opaque: the compiled SLAs

private:
    [[nodiscard]] static std::optional<SlaSet> build(std::vector<SlaSpec> specs,
                                                     const Schema& schema,
                                                     CalendarMap calendars,
                                                     const Classifier* classifier,
                                                     std::vector<Error>& errors);
    explicit SlaSet(std::shared_ptr<const Impl> impl) noexcept;
    std::shared_ptr<const Impl> impl_;
};

}  // namespace leadsla
