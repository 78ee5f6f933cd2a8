// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include <date/date.h>

#include <leadsla/result.hpp>

namespace leadsla {

/// An absolute point in time, UTC, second resolution. Zone-free: convert through a `Zone`.
using Instant = std::chrono::sys_seconds;

/// A wall-clock reading (local date and time of day); meaningless without a `Zone`.
using LocalTime = date::local_seconds;

/// A local calendar date (holidays, special days).
using CivilDate = date::year_month_day;

/// The first and last supported instants: 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z, what
/// RFC 3339's four-digit year can write. Readers refuse instants outside; an instant outside is
/// never printed as a date (see `format_instant`).
inline constexpr Instant min_instant{date::sys_days{date::year{0} / 1 / 1}.time_since_epoch()};
inline constexpr Instant max_instant{date::sys_days{date::year{9999} / 12 / 31}.time_since_epoch() +
                                     std::chrono::seconds{86399}};

/// True when `min_instant <= t <= max_instant`.
[[nodiscard]] constexpr bool in_supported_range(Instant t) noexcept {
    return min_instant <= t && t <= max_instant;
}

/// Parses an RFC 3339 timestamp: `YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)`.
///
/// The offset is mandatory: `2026-03-27T16:00:00` (no `Z`, no offset) is rejected with
/// `time.missing_offset`, never guessed. A fractional part is accepted and truncated to the
/// second (instants have second resolution). `t`/`z` in lower case and a space instead of `T`
/// are accepted, as RFC 3339 §5.6 allows.
///
/// Errors: time.missing_offset, time.bad_instant (also for an instant that an offset moves out of
/// the supported range, e.g. `0000-01-01T00:00:00+01:00`).
[[nodiscard]] Result<Instant> parse_instant(std::string_view text);

/// The instant `ms` milliseconds from 1970-01-01T00:00:00Z (as CRMs send timestamps), floored to
/// the second. Errors: parse.out_of_range outside the supported instants (about +-2.5e14 ms).
[[nodiscard]] Result<Instant> instant_from_unix_ms(std::int64_t ms);

/// Parses a `YYYY-MM-DD` date. Errors: time.bad_date.
[[nodiscard]] Result<CivilDate> parse_civil_date(std::string_view text);

/// Formats as RFC 3339 in UTC: `2026-03-27T15:00:00Z`. An instant outside the supported range
/// has no such form: it prints as `out-of-range instant (N s from 1970-01-01T00:00:00Z)`, which
/// no reader accepts, never as a wrong date.
[[nodiscard]] std::string format_instant(Instant t);

/// Formats as `YYYY-MM-DD`.
[[nodiscard]] std::string format_civil_date(CivilDate d);

}  // namespace leadsla
