// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include <leadsla/result.hpp>

namespace leadsla {

/// Parses a wall-clock (calendar) duration: `30d`, `12h`, `2w`, `90m`, `45s`, or combinations in
/// descending units such as `1d12h`. A day is 86,400 s here: this is elapsed real time (decay
/// windows, activity windows), not business time. Errors: time.bad_duration.
[[nodiscard]] Result<std::chrono::seconds> parse_wall_duration(std::string_view text);

/// The inverse of `parse_wall_duration` in its shortest form: `30d`, `1d12h`, `90s` → `1m30s`,
/// `0s`; negative durations get a leading `-`.
[[nodiscard]] std::string format_wall_duration(std::chrono::seconds d);

}  // namespace leadsla
