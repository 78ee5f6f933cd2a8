// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include <leadsla/model/stage.hpp>
#include <leadsla/result.hpp>
#include <leadsla/time/business_duration.hpp>

namespace leadsla {

/// What starts, stops, pauses, resumes, resets or cancels an SLA clock.
enum class TriggerKind : std::uint8_t {
    created,    ///< `created`: the lead was created (at `Lead::created_at`)
    entered,    ///< `entered(mql)`: a reported stage change into the stage
    left,       ///< `left(mql)`: a reported stage change out of the stage
    activity,   ///< `activity(contact_attempt)`, `activity(t where <condition>)`, `activity(*)`
    condition,  ///< `when(<condition>)`: the condition becomes true at an event
};

/// One trigger, parsed from its text form (see `parse_trigger`).
struct Trigger {
    TriggerKind kind = TriggerKind::created;
    Stage stage = Stage::lead;  ///< entered, left
    std::string activity;       ///< activity: the type
    std::string condition;      ///< activity: the `where` filter; condition: the condition
    std::string text;           ///< as written, for traces

    friend bool operator==(const Trigger&, const Trigger&) = default;
};

/// Parses `created`, `entered(<stage>)`, `left(<stage>)`, `activity(<type>)`,
/// `activity(<type> where <condition>)`, `activity(*)` (any activity) or `when(<condition>)`.
/// Conditions are compiled later against the schema. Errors: parse.syntax, model.unknown_stage.
[[nodiscard]] Result<Trigger> parse_trigger(std::string_view text);

/// The target of an SLA: a business duration on the SLA's calendar, a calendar (wall-clock)
/// duration — business time on an always-open calendar — or business days (the end of the n-th
/// business day, fixed when the clock starts and then counted as business time, so pauses
/// extend it by the business time they took).
struct SlaTarget {
    enum class Kind : std::uint8_t { business, calendar, business_days };
    Kind kind = Kind::business;
    BusinessDuration duration;  ///< business, calendar
    BusinessDays days{0};       ///< business_days

    friend bool operator==(const SlaTarget&, const SlaTarget&) = default;
};

/// `4h business`, `24h calendar`, `2 business days`.
[[nodiscard]] std::string to_string(const SlaTarget& target);

/// A target for the leads of one segment (value of the SLA's classification) or that meet a
/// condition over their attributes; the first matching rule wins, then `SlaSpec::target`.
struct TargetRule {
    std::string segment;
    std::string when;
    SlaTarget target;
    std::string pointer;

    friend bool operator==(const TargetRule&, const TargetRule&) = default;
};

/// Which business calendar an SLA counts on, chosen explicitly: one named calendar, or by a
/// lead attribute's value (e.g. `region`: "dach" → the DACH calendar). A value without a
/// calendar is reported, never silently counted in UTC.
struct CalendarChoice {
    std::string fixed;                            ///< a calendar name, or empty
    std::string attribute;                        ///< by attribute: its name
    std::map<std::string, std::string> by_value;  ///< attribute value → calendar name
    /// By the owner's team: routing team id → calendar name (`"by_owner_team"` in JSON).
    std::map<std::string, std::string> by_team;
    /// Owner id → calendar name: `by_team` resolved through the routing teams when the policy
    /// is loaded (an owner in two teams with different calendars is an error).
    std::map<std::string, std::string> by_owner;
    std::string otherwise;  ///< calendar for other values (or owners), or empty

    friend bool operator==(const CalendarChoice&, const CalendarChoice&) = default;
};

/// A step of the escalation ladder: `after` business time on the SLA's calendar after the due
/// time (0: at the due time), the host performs `action` (e.g. "notify_manager",
/// "reassign_to_fallback"). `id` is stable, so hosts can deduplicate.
struct EscalationStep {
    std::string id;
    BusinessDuration after;
    std::string action;

    friend bool operator==(const EscalationStep&, const EscalationStep&) = default;
};

/// A stage change recommended when the SLA is breached (e.g. a stalled SQL → nurture).
struct BreachRecommendation {
    Stage stage = Stage::nurture;
    std::string reason;

    friend bool operator==(const BreachRecommendation&, const BreachRecommendation&) = default;
};

/// What a running clock does when the lead's target changes (its segment, or what a `when`
/// target rule reads), known from the lead's attribute history (`PastAttributes`).
enum class SegmentChange : std::uint8_t {
    keep_elapsed,  ///< the business time counted so far stays; the new target applies from the
                   ///< start
    restart,       ///< a new round from the change, with the new target (like a reset)
};

/// One SLA of a policy.
///
/// Simultaneous triggers (on one event) apply in the order stop, cancel, reset, pause, resume,
/// start; events at the same instant apply in the order (instant, kind: created, stage changes,
/// activities; then activity id).
struct SlaSpec {
    std::string id;
    std::string applies_when;  ///< a condition over lead attributes; empty: every lead
    std::vector<Trigger> start;
    std::vector<Trigger> stop;
    std::vector<Trigger> cancel;
    std::vector<Trigger> reset;
    std::vector<Trigger> pause;
    std::vector<Trigger> resume;
    std::optional<SlaTarget> target;  ///< when no `targets` rule matches
    std::vector<TargetRule> targets;
    std::string classification = "segment";  ///< whose values `TargetRule::segment` names
    CalendarChoice calendar;
    std::vector<std::int32_t> warn_at;  ///< per-mille of the target, e.g. 500, 750
    std::vector<EscalationStep> escalate;
    std::optional<BreachRecommendation> on_breach;
    SegmentChange on_segment_change = SegmentChange::keep_elapsed;
    std::string pointer;

    friend bool operator==(const SlaSpec&, const SlaSpec&) = default;
};

}  // namespace leadsla

template <>
struct fmt::formatter<leadsla::SlaTarget> : fmt::formatter<std::string_view> {
    template <typename FormatContext>
    auto format(const leadsla::SlaTarget& t, FormatContext& ctx) const {
        return fmt::formatter<std::string_view>::format(leadsla::to_string(t), ctx);
    }
};
