// SPDX-License-Identifier: Apache-2.0
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <leadsla/policy/calendar_json.hpp>

#include "json/shared/text.hpp"
#include "log_internal.hpp"

namespace leadsla {
namespace {

using detail::json_type_name;
using detail::pointer_append;
using nlohmann::json;

Error type_error(const std::string& where, std::string_view expected, const json& got) {
    return Error{ErrorCode::json_type, where,
                 fmt::format("expected {}, got {}", expected, json_type_name(got))};
}

Result<TimeOfDay> read_time(const json& value, const std::string& where) {
    if (!value.is_string()) {
        return type_error(where, "a time of day string such as \"08:00\"", value);
    }
    Result<TimeOfDay> t = TimeOfDay::parse(value.get_ref<const std::string&>());
    if (!t) {
        Error e = t.error();
        e.where = where;
        return e;
    }
    return t;
}

Result<std::vector<OpenInterval>> read_intervals(const json& value, const std::string& where) {
    if (!value.is_array()) {
        return type_error(where, "an array of [\"open\", \"close\"] pairs", value);
    }
    std::vector<OpenInterval> out;
    for (std::size_t i = 0; i < value.size(); ++i) {
        const std::string here = pointer_append(where, std::to_string(i));
        const json& pair = value[i];
        if (!pair.is_array() || pair.size() != 2) {
            return Error{
                ErrorCode::json_type, here,
                fmt::format("expected an [\"open\", \"close\"] pair such as "
                            "[\"08:00\", \"12:00\"], got {}",
                            pair.is_array() ? fmt::format("an array of {} elements", pair.size())
                                            : std::string{json_type_name(pair)})};
        }
        Result<TimeOfDay> open = read_time(pair[0], pointer_append(here, "0"));
        if (!open) {
            return open.error();
        }
        Result<TimeOfDay> close = read_time(pair[1], pointer_append(here, "1"));
        if (!close) {
            return close.error();
        }
        out.push_back(OpenInterval{*open, *close});
    }
    return out;
}

Result<CivilDate> read_date(const json& value, const std::string& where) {
    if (!value.is_string()) {
        return type_error(where, "a date string such as \"2026-12-25\"", value);
    }
    Result<CivilDate> d = parse_civil_date(value.get_ref<const std::string&>());
    if (!d) {
        Error e = d.error();
        e.where = where;
        return e;
    }
    return d;
}

Result<CalendarSpec> read_spec(const json& doc) {
    if (!doc.is_object()) {
        return type_error("", "a calendar object with \"tz\" and \"hours\"", doc);
    }
    for (const auto& [key, value] : doc.items()) {
        if (key != "tz" && key != "hours" && key != "holidays" && key != "special_dates") {
            return Error{ErrorCode::json_unknown_key, pointer_append("", key),
                         fmt::format("unknown key \"{}\" (a calendar has \"tz\", \"hours\", "
                                     "\"holidays\" and \"special_dates\")",
                                     key)};
        }
    }
    CalendarSpec spec;
    const auto tz = doc.find("tz");
    if (tz == doc.end()) {
        return Error{ErrorCode::json_missing_key, "/tz",
                     "missing \"tz\": the IANA time zone of the hours, e.g. \"Europe/Berlin\""};
    }
    if (!tz->is_string()) {
        return type_error("/tz", "a time zone name string", *tz);
    }
    spec.zone = tz->get<std::string>();

    const auto hours = doc.find("hours");
    if (hours == doc.end()) {
        return Error{
            ErrorCode::json_missing_key, "/hours",
            "missing \"hours\": an object from weekday (\"mon\" ... \"sun\") to intervals"};
    }
    if (!hours->is_object()) {
        return type_error("/hours", "an object from weekday to intervals", *hours);
    }
    for (const auto& [key, value] : hours->items()) {
        const std::string where = pointer_append("/hours", key);
        const std::optional<Weekday> day = parse_weekday(key);
        if (!day) {
            return Error{ErrorCode::json_unknown_key, where,
                         fmt::format("\"{}\" is not a weekday (expected mon, tue, wed, thu, fri, "
                                     "sat or sun)",
                                     key)};
        }
        Result<std::vector<OpenInterval>> intervals = read_intervals(value, where);
        if (!intervals) {
            return intervals.error();
        }
        spec.weekly[static_cast<std::size_t>(*day)] = *intervals;
    }

    if (const auto holidays = doc.find("holidays"); holidays != doc.end()) {
        if (!holidays->is_array()) {
            return type_error("/holidays", "an array of date strings", *holidays);
        }
        for (std::size_t i = 0; i < holidays->size(); ++i) {
            Result<CivilDate> d =
                read_date((*holidays)[i], pointer_append("/holidays", std::to_string(i)));
            if (!d) {
                return d.error();
            }
            spec.holidays.push_back(*d);
        }
    }

    if (const auto special = doc.find("special_dates"); special != doc.end()) {
        if (!special->is_object()) {
            return type_error("/special_dates", "an object from date to intervals", *special);
        }
        for (const auto& [key, value] : special->items()) {
            const std::string where = pointer_append("/special_dates", key);
            Result<CivilDate> d = parse_civil_date(key);
            if (!d) {
                Error e = d.error();
                e.where = where;
                return e;
            }
            Result<std::vector<OpenInterval>> intervals = read_intervals(value, where);
            if (!intervals) {
                return intervals.error();
            }
            spec.special_days.push_back(SpecialDay{*d, *intervals});
        }
    }
    return spec;
}

json intervals_json(const std::vector<OpenInterval>& intervals) {
    json out = json::array();
    for (const OpenInterval& i : intervals) {
        out.push_back(json::array({fmt::format("{}", i.open), fmt::format("{}", i.close)}));
    }
    return out;
}

/// `result`, with the error's line and column in `text` set.
template <typename T>
Result<T> located(std::string_view text, Result<T> result) {
    if (result) {
        return result;
    }
    std::vector<Error> errors{result.error()};
    detail::locate_errors(text, errors);
    return errors.front();
}

}  // namespace

Result<CalendarSpec> parse_calendar_spec(std::string_view json_text) {
    Result<json> doc = detail::parse_json_text(json_text);
    if (!doc) {
        return doc.error();
    }
    return located(json_text, read_spec(*doc));
}

Result<BusinessCalendar> parse_calendar(std::string_view json_text,
                                        const CalendarJsonOptions& options) {
    Result<CalendarSpec> spec = parse_calendar_spec(json_text);
    if (!spec) {
        return spec.error();
    }
    Result<BusinessCalendar> calendar =
        located(json_text, BusinessCalendar::create(std::move(spec).value()));
    if (calendar) {
        detail::log(options.logger, LogLevel::debug, fmt::format("calendar: {}", *calendar));
    }
    return calendar;
}

std::string to_json(const CalendarSpec& spec) {
    // Written by hand: nlohmann's object sorts its keys, and the documented order is mon..sun.
    std::string hours;
    for (std::size_t w = 0; w < 7; ++w) {
        if (!spec.weekly[w].empty()) {
            hours += fmt::format("{}\"{}\":{}", hours.empty() ? "" : ",",
                                 to_string(static_cast<Weekday>(w)),
                                 intervals_json(spec.weekly[w]).dump());
        }
    }
    json holidays = json::array();
    for (const CivilDate& d : spec.holidays) {
        holidays.push_back(format_civil_date(d));
    }
    json special = json::object();
    for (const SpecialDay& s : spec.special_days) {
        special[format_civil_date(s.date)] = intervals_json(s.hours);
    }
    return fmt::format(R"({{"tz":{},"hours":{{{}}},"holidays":{},"special_dates":{}}})",
                       json(spec.zone).dump(), hours, holidays.dump(), special.dump());
}

}  // namespace leadsla
