// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include <leadsla/result.hpp>
#include <leadsla/time/business_duration.hpp>
#include <leadsla/time/instant.hpp>
#include <leadsla/time/time_of_day.hpp>
#include <leadsla/time/zone.hpp>

namespace leadsla {

/// Days of the week, Monday first (ISO 8601).
enum class Weekday : std::uint8_t {
    monday,
    tuesday,
    wednesday,
    thursday,
    friday,
    saturday,
    sunday
};

/// `mon`, `tue`, ... `sun`: the keys of a calendar's JSON `hours` object.
[[nodiscard]] std::string_view to_string(Weekday day) noexcept;
/// Parses `mon` ... `sun`; nullopt for anything else.
[[nodiscard]] std::optional<Weekday> parse_weekday(std::string_view text) noexcept;

/// A half-open local interval `[open, close)` of one day; `close` may be `24:00`.
struct OpenInterval {
    TimeOfDay open;
    TimeOfDay close;

    friend bool operator==(const OpenInterval&, const OpenInterval&) = default;
    friend auto operator<=>(const OpenInterval&, const OpenInterval&) = default;
};

/// A dated exception whose intervals replace that day's weekly hours (empty = closed all day).
struct SpecialDay {
    CivilDate date;
    std::vector<OpenInterval> hours;

    friend bool operator==(const SpecialDay&, const SpecialDay&) = default;
};

/// The unvalidated description of a calendar; `BusinessCalendar::create` checks it.
struct CalendarSpec {
    std::string zone;                                 ///< IANA name, e.g. `Europe/Berlin`
    std::array<std::vector<OpenInterval>, 7> weekly;  ///< by `Weekday`; empty = closed
    std::vector<CivilDate> holidays;                  ///< local dates, closed all day, any order
    std::vector<SpecialDay> special_days;             ///< any order; a holiday beats a special day

    friend bool operator==(const CalendarSpec&, const CalendarSpec&) = default;
};

/// Opening hours in one IANA zone: weekly local intervals, holidays and special days.
///
/// All operations take and return UTC `Instant`s with second resolution. The conventions
/// (docs/concepts/business-time.md) in one paragraph: intervals are half-open, so a closing
/// instant is closed; hours and holidays are local wall-clock values and each interval counts the
/// real seconds between the instants of its two edges (a 00:00–24:00 day lasts 23 h or 25 h when
/// DST changes); an edge inside a DST gap moves forward by the gap's length and an edge inside a
/// repeated hour takes its earlier occurrence (`Zone::to_instant`); where two intervals' instants
/// overlap after that mapping, the overlap counts once.
///
/// Example:
///   auto cal = BusinessCalendar::create(spec).value();
///   Instant due = cal.add(received, BusinessDuration::hours(4));
///   BusinessDuration used = cal.elapsed(received, now);
///
/// Complexity: every operation is O(log(holidays + DST changes)); none grows with the duration.
/// Thread safety: immutable after creation; copies share their data; use from any thread.
class BusinessCalendar {
public:
    /// Validates `spec` and precomputes the business timeline.
    ///
    /// Errors (each names the field as a JSON pointer into the calendar's JSON form, e.g.
    /// `/hours/mon/1`): time.unknown_zone, calendar.empty_interval (open >= close),
    /// calendar.unsorted_intervals, calendar.overlapping_intervals, calendar.duplicate_date,
    /// calendar.never_open (no weekly open time at all).
    [[nodiscard]] static Result<BusinessCalendar> create(CalendarSpec spec);

    [[nodiscard]] const CalendarSpec& spec() const noexcept;
    [[nodiscard]] const Zone& zone() const noexcept;
    /// The open time of a regular week (no holidays, no DST change), in local time.
    [[nodiscard]] BusinessDuration weekly_hours() const noexcept;

    /// Whether `t` lies inside business hours (a closing instant is closed).
    [[nodiscard]] bool is_open(Instant t) const noexcept;

    /// `t` itself when open, else the next opening instant.
    [[nodiscard]] Instant next_open(Instant t) const noexcept;

    /// The deadline `d` of business time after `start`.
    ///
    /// `d > 0`: the earliest instant at which `d` has fully elapsed since `start` (a clock started
    /// outside hours counts from the next opening; a result on a closing boundary is that closing
    /// instant, not the next opening). `d == 0`: `next_open(start)`. `d < 0`: walks backward — the
    /// latest instant from which `-d` of business time elapses until `start` (a result on an
    /// opening boundary is that opening, not the previous close).
    /// Properties: `elapsed(t, add(t, d)) == d` for `d >= 0`; `elapsed(add(t, -d), t) == d` for
    /// open `t` and `d >= 0`.
    [[nodiscard]] Instant add(Instant start, BusinessDuration d) const noexcept;

    /// `add(start, -d)`: "remind `d` business hours before `start`".
    [[nodiscard]] Instant subtract(Instant start, BusinessDuration d) const noexcept {
        return add(start, -d);
    }

    /// The end of the `days.count()`-th business day after the local date of `start`.
    ///
    /// A business day is a local date with open hours (after holidays and special days). The
    /// result is the closing instant of that day's last interval ("by end of day"). With
    /// `BusinessDays{0}`: the end of `start`'s own date if it is a business day whose last close is
    /// still ahead, else the end of the next business day.
    [[nodiscard]] Instant add(Instant start, BusinessDays days) const noexcept;

    /// Business time in `[from, to)`; negative when `to < from` (`elapsed(b, a) == -elapsed(a,
    /// b)`).
    [[nodiscard]] BusinessDuration elapsed(Instant from, Instant to) const noexcept;

    /// Equal when created from equal specs.
    friend bool operator==(const BusinessCalendar& a, const BusinessCalendar& b) noexcept;

private:
    struct Impl;
    explicit BusinessCalendar(std::shared_ptr<const Impl> impl) noexcept;
    std::shared_ptr<const Impl> impl_;
};

}  // namespace leadsla

template <>
struct fmt::formatter<leadsla::Weekday> : fmt::formatter<std::string_view> {
    template <typename FormatContext>
    auto format(leadsla::Weekday d, FormatContext& ctx) const {
        return fmt::formatter<std::string_view>::format(leadsla::to_string(d), ctx);
    }
};

/// `[08:00, 12:00)`.
template <>
struct fmt::formatter<leadsla::OpenInterval> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    template <typename FormatContext>
    auto format(const leadsla::OpenInterval& i, FormatContext& ctx) const {
        return fmt::format_to(ctx.out(), "[{}, {})", i.open, i.close);
    }
};

/// `Europe/Berlin, 40h/week, 9 holidays, 2 special days`.
template <>
struct fmt::formatter<leadsla::BusinessCalendar> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    template <typename FormatContext>
    auto format(const leadsla::BusinessCalendar& c, FormatContext& ctx) const {
        const std::size_t holidays = c.spec().holidays.size();
        const std::size_t special = c.spec().special_days.size();
        return fmt::format_to(ctx.out(), "{}, {}/week, {} holiday{}, {} special day{}", c.zone(),
                              c.weekly_hours(), holidays, holidays == 1 ? "" : "s", special,
                              special == 1 ? "" : "s");
    }
};
