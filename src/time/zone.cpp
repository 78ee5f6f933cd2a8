// SPDX-License-Identifier: Apache-2.0
#include <exception>
#include <string>

#include <date/tz.h>
#include <fmt/format.h>

#include <leadsla/time/zone.hpp>

namespace leadsla {

Result<Zone> Zone::locate(std::string_view name) {
    if (name.empty()) {
        return Error{
            ErrorCode::time_unknown_zone, "",
            "the time zone name is empty (expected an IANA name such as \"Europe/Berlin\")"};
    }
    try {
        const date::time_zone* tz = date::locate_zone(name);
        // Load the zone's rules now, so that later conversions never read the file system.
        (void)tz->get_info(date::sys_seconds{});
        return Zone{tz};
    } catch (const std::exception&) {
        return Error{ErrorCode::time_unknown_zone, "",
                     fmt::format("\"{}\" is not a time zone of the system tz database (expected an "
                                 "IANA name such as \"Europe/Berlin\"; is the tzdata package "
                                 "installed?)",
                                 name)};
    }
}

std::string_view Zone::name() const noexcept {
    return tz_->name();
}

std::chrono::seconds Zone::offset(Instant t) const {
    return tz_->get_info(t).offset;
}

LocalTime Zone::to_local(Instant t) const {
    return LocalTime{t.time_since_epoch() + tz_->get_info(t).offset};
}

Instant Zone::to_instant(LocalTime local) const {
    const date::local_info info = tz_->get_info(local);
    // unique: first.offset is the offset. nonexistent (gap): first is the period before the gap,
    // so 02:30 becomes 03:30 after a one-hour spring-forward. ambiguous (repeated hour): first is
    // the earlier occurrence. (cctz calls this civil_lookup::pre.)
    return Instant{local.time_since_epoch() - info.first.offset};
}

std::optional<Instant> Zone::next_transition(Instant t) const {
    date::sys_info info = tz_->get_info(t);
    const auto offset = info.offset;
    while (info.end < date::sys_seconds::max()) {
        const Instant boundary = info.end;
        info = tz_->get_info(boundary);
        if (info.offset != offset) {
            return boundary;
        }
        if (info.end <= boundary) {
            break;  // defensive: the database never reports an empty period
        }
    }
    return std::nullopt;
}

std::string format_instant(Instant t, const Zone& zone) {
    const std::int64_t offset = zone.offset(t).count();
    const auto local = t + std::chrono::seconds{offset};
    if (offset % 60 != 0 || !in_supported_range(local)) {
        // RFC 3339 offsets have no seconds (historic local mean times do), and the local date
        // of the first and last hours may fall outside years 0000-9999: say it in UTC.
        return format_instant(t);
    }
    std::string text = format_instant(local);
    text.pop_back();  // the 'Z'
    const std::int64_t magnitude = offset < 0 ? -offset : offset;
    return fmt::format("{}{}{:02}:{:02}", text, offset < 0 ? '-' : '+', magnitude / 3600,
                       magnitude / 60 % 60);
}

}  // namespace leadsla
