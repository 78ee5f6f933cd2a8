// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <leadsla/time/business_calendar.hpp>

namespace leadsla::cli {

/// The longest business duration a request takes (`duration_s`), about 34,000 years.
inline constexpr std::int64_t max_request_seconds = std::int64_t{1} << 40;

/// What `leadsla time batch` keeps between lines: the --calendar default and the calendars seen.
class TimeRequestContext {
public:
    explicit TimeRequestContext(std::optional<BusinessCalendar> default_calendar)
        : default_calendar_(std::move(default_calendar)) {}

    [[nodiscard]] const std::optional<BusinessCalendar>& default_calendar() const noexcept {
        return default_calendar_;
    }
    /// The calendar for a line's inline calendar JSON, built once per distinct text.
    [[nodiscard]] Result<BusinessCalendar> calendar_for(const std::string& canonical_json);

private:
    std::optional<BusinessCalendar> default_calendar_;
    std::map<std::string, BusinessCalendar> cache_;
};

/// The answer to one request line, as a JSON line and as a human-readable line.
struct TimeAnswer {
    bool ok = false;
    std::string json;  ///< {"result":...} or {"error":"..."}, with the request's "id" first if any
    std::string text;  ///< e.g. "add 2026-03-27T16:00:00+01:00 + 4h = 2026-03-30T10:00:00+02:00"
    std::optional<Error> error;  ///< when not ok: what was wrong, with the request's pointer
};

/// Answers one NDJSON request of `leadsla time batch` (docs/cli.md lists the forms). Never throws
/// for bad input: the answer carries the error instead.
[[nodiscard]] TimeAnswer answer_time_request(std::string_view line, TimeRequestContext& context);

/// The answer that carries `error`, for a line that could not be read at all.
[[nodiscard]] TimeAnswer error_answer(const Error& error);

}  // namespace leadsla::cli
