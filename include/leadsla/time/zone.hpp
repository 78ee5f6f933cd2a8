// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include <leadsla/result.hpp>
#include <leadsla/time/instant.hpp>

namespace date {
class time_zone;
}  // namespace date

namespace leadsla {

/// A handle to an IANA time zone of the system tzdb (Debian's `tzdata`), like `cctz::time_zone`.
///
/// Cheap to copy; two handles are equal when they name the same zone entry. Legacy links such as
/// `US/Eastern` are accepted and keep their name. The zone's data is loaded when it is located,
/// so later conversions never touch the file system.
///
/// Example:
///   auto berlin = Zone::locate("Europe/Berlin");   // Result<Zone>
///   Instant open = berlin->to_instant(LocalTime{date::local_days{2026_y / 3 / 30} + 8h});
///
/// Thread safety: immutable; share freely.
class Zone {
public:
    /// Errors: time.unknown_zone (the message names the zone).
    [[nodiscard]] static Result<Zone> locate(std::string_view name);

    [[nodiscard]] std::string_view name() const noexcept;

    /// The UTC offset in force at `t` (local = UTC + offset).
    [[nodiscard]] std::chrono::seconds offset(Instant t) const;

    /// The wall-clock reading at `t`.
    [[nodiscard]] LocalTime to_local(Instant t) const;

    /// The instant a wall-clock reading denotes — the only place where local time becomes absolute.
    ///
    /// A reading inside a DST gap moves forward by the gap's length (New York 2024-03-10 02:30 →
    /// 03:30 EDT, as java.time does; date's `choose::earliest` would give 03:00). A reading inside
    /// a repeated hour takes its earlier occurrence (2024-11-03 01:30 → 01:30 EDT).
    [[nodiscard]] Instant to_instant(LocalTime local) const;

    /// The first instant after `t` at which the UTC offset changes; nullopt when the tz database
    /// knows no later change. (Debian's date reads the system TZif files, whose explicit
    /// transitions end in 2037; later years keep the last offset.)
    [[nodiscard]] std::optional<Instant> next_transition(Instant t) const;

    friend bool operator==(const Zone& a, const Zone& b) noexcept { return a.tz_ == b.tz_; }

private:
    explicit Zone(const date::time_zone* tz) noexcept : tz_(tz) {}
    const date::time_zone* tz_;
};

/// Formats `t` as RFC 3339 with the zone's offset at `t`: `2026-03-30T10:00:00+02:00`.
/// In UTC (`Z`) when that offset has seconds (historic local mean time) or the local date would
/// fall outside years 0000-9999.
[[nodiscard]] std::string format_instant(Instant t, const Zone& zone);

}  // namespace leadsla

template <>
struct fmt::formatter<leadsla::Zone> : fmt::formatter<std::string_view> {
    template <typename FormatContext>
    auto format(const leadsla::Zone& zone, FormatContext& ctx) const {
        return fmt::formatter<std::string_view>::format(zone.name(), ctx);
    }
};
