// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
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

/// Parses an RFC 3339 timestamp: `YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)`.
///
/// The offset is mandatory: `2026-03-27T16:00:00` (no `Z`, no offset) is rejected with
/// `time.missing_offset`, never guessed. A fractional part is accepted and truncated to the
/// second (instants have second resolution). `t`/`z` in lower case and a space instead of `T`
/// are accepted, as RFC 3339 §5.6 allows.
///
/// Errors: time.missing_offset, time.bad_instant.
[[nodiscard]] Result<Instant> parse_instant(std::string_view text);

/// Parses a `YYYY-MM-DD` date. Errors: time.bad_date.
[[nodiscard]] Result<CivilDate> parse_civil_date(std::string_view text);

/// Formats as RFC 3339 in UTC: `2026-03-27T15:00:00Z`.
[[nodiscard]] std::string format_instant(Instant t);

/// Formats as `YYYY-MM-DD`.
[[nodiscard]] std::string format_civil_date(CivilDate d);

}  // namespace leadsla
