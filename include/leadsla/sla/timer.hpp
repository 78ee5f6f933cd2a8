// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include <leadsla/model/stage.hpp>
#include <leadsla/time/business_duration.hpp>
#include <leadsla/time/instant.hpp>

namespace leadsla {

/// Where an SLA clock stands.
enum class TimerStatus : std::uint8_t {
    not_applicable,  ///< `applies_when` does not hold for the lead
    pending,         ///< not started
    running,         ///< counting, not yet due
    paused,          ///< stopped counting for now (the due time moves)
    breached,        ///< due and not stopped (still owed)
    met_on_time,     ///< stopped strictly before the due time
    met_late,        ///< stopped at or after the due time
    cancelled,       ///< a cancel trigger ended it
    unresolved,      ///< it cannot run: e.g. no calendar for the lead's region (see `problem`)
};

[[nodiscard]] std::string_view to_string(TimerStatus s) noexcept;

/// A span during which the clock was paused, [from, to); `to` empty while still paused.
struct PausedSpan {
    Instant from;
    std::optional<Instant> to;

    friend bool operator==(const PausedSpan&, const PausedSpan&) = default;
};

/// A warning threshold the clock passed, and when.
struct ThresholdPassed {
    std::int32_t permille = 0;
    Instant at;

    friend bool operator==(const ThresholdPassed&, const ThresholdPassed&) = default;
};

/// Something the host should do, with a deterministic id to deduplicate by:
/// `<lead>/<sla>/<cycle>/<what>`, e.g. `L-1/first_contact/1/warn:750`.
struct OwedAction {
    std::string id;
    std::string sla;
    std::string kind;    ///< warn, breach, escalate, breached_on_attach
    std::string action;  ///< escalate: the step's action; otherwise empty
    Instant at;          ///< when it fell due

    friend bool operator==(const OwedAction&, const OwedAction&) = default;
};

/// One SLA clock of one lead at `now`.
struct TimerResult {
    std::string sla;
    TimerStatus status = TimerStatus::pending;
    std::uint32_t cycle = 0;  ///< 1 for the first start; a start after a stop begins the next
    std::string calendar;     ///< the calendar counted on ("24/7" for calendar targets)
    std::string target;       ///< e.g. "4h business"
    std::string segment;      ///< the classification value that chose the target, if any
    std::optional<Instant> started_at;
    std::optional<Instant> due_at;           ///< running or paused: the current due time
    std::optional<Instant> original_due_at;  ///< start + target, ignoring pauses
    std::optional<Instant> stopped_at;
    std::optional<Instant> breached_at;  ///< == the due time it passed; never retracted
    BusinessDuration elapsed;            ///< counted time, pauses and closed hours excluded
    BusinessDuration remaining;          ///< target − elapsed, 0 when breached or met
    std::vector<PausedSpan> paused;
    std::vector<ThresholdPassed> thresholds;
    std::vector<OwedAction> actions;  ///< everything owed up to now (see `attached_at`)
    std::optional<Stage> recommend;   ///< on breach, when the SLA says so
    std::string recommend_reason;
    std::optional<Instant> next_change;  ///< the next instant the result changes by time alone
    std::string problem;                 ///< why the status is `unresolved`
    /// The policy version the clock was judged under (set by the engine; with a `PolicySet`, the
    /// version in force when the clock started).
    std::string policy_version;
    std::vector<std::string> trace;

    friend bool operator==(const TimerResult&, const TimerResult&) = default;
};

}  // namespace leadsla

template <>
struct fmt::formatter<leadsla::TimerStatus> : fmt::formatter<std::string_view> {
    template <typename FormatContext>
    auto format(leadsla::TimerStatus s, FormatContext& ctx) const {
        return fmt::formatter<std::string_view>::format(leadsla::to_string(s), ctx);
    }
};

/// `first_contact: running, due 2026-03-09T09:00:00Z`.
template <>
struct fmt::formatter<leadsla::TimerResult> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    template <typename FormatContext>
    auto format(const leadsla::TimerResult& t, FormatContext& ctx) const {
        auto out = fmt::format_to(ctx.out(), "{}: {}", t.sla, t.status);
        if (t.due_at) {
            out = fmt::format_to(out, ", due {}", leadsla::format_instant(*t.due_at));
        }
        return out;
    }
};

/// `2026-03-30T08:00:00Z .. 2026-03-30T09:00:00Z` (`.. now` while still paused).
template <>
struct fmt::formatter<leadsla::PausedSpan> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    template <typename FormatContext>
    auto format(const leadsla::PausedSpan& p, FormatContext& ctx) const {
        return fmt::format_to(ctx.out(), "{} .. {}", leadsla::format_instant(p.from),
                              p.to ? leadsla::format_instant(*p.to) : std::string{"now"});
    }
};

/// `75.0% at 2026-03-30T07:00:00Z`.
template <>
struct fmt::formatter<leadsla::ThresholdPassed> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    template <typename FormatContext>
    auto format(const leadsla::ThresholdPassed& t, FormatContext& ctx) const {
        return fmt::format_to(ctx.out(), "{}.{}% at {}", t.permille / 10, t.permille % 10,
                              leadsla::format_instant(t.at));
    }
};

/// `2026-03-30T09:00:00Z first_contact escalate notify_manager (L-1/first_contact/1/...)`.
template <>
struct fmt::formatter<leadsla::OwedAction> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    template <typename FormatContext>
    auto format(const leadsla::OwedAction& a, FormatContext& ctx) const {
        auto out =
            fmt::format_to(ctx.out(), "{} {} {}", leadsla::format_instant(a.at), a.sla, a.kind);
        if (!a.action.empty()) {
            out = fmt::format_to(out, " {}", a.action);
        }
        return fmt::format_to(out, " ({})", a.id);
    }
};
