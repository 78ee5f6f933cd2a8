// SPDX-License-Identifier: Apache-2.0
#include "commands/time_request.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <leadsla/policy/calendar_json.hpp>

namespace leadsla::cli {
namespace {

using nlohmann::json;

constexpr int max_depth = 32;
constexpr std::size_t max_cached_calendars = 64;
constexpr std::int64_t max_days = 100000;

/// Dumps `value` as compact JSON; invalid UTF-8 from the input is replaced, never thrown on.
std::string dump(const json& value) {
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

struct RequestError {
    Error error;
};

[[noreturn]] void fail(ErrorCode code, std::string where, std::string message) {
    throw RequestError{Error{code, std::move(where), std::move(message)}};
}

json parse_line(std::string_view line) {
    // nlohmann's lexer stops at a NUL byte: `{...}\0garbage` would read as `{...}`.
    if (line.find('\0') != std::string_view::npos) {
        fail(ErrorCode::json_syntax, "",
             "a NUL byte: JSON text cannot contain one (inside a string, write \\u0000)");
    }
    std::vector<std::vector<std::string>> keys;  // of each open object, to refuse duplicates
    const auto check = [&](int depth, json::parse_event_t event, json& parsed) {
        if (depth > max_depth) {
            fail(ErrorCode::json_limit, "",
                 fmt::format("the request nests deeper than {} levels", max_depth));
        }
        if (event == json::parse_event_t::object_start) {
            keys.emplace_back();
        } else if (event == json::parse_event_t::object_end && !keys.empty()) {
            keys.pop_back();
        } else if (event == json::parse_event_t::key && !keys.empty()) {
            const auto& key = parsed.get_ref<const std::string&>();
            if (std::find(keys.back().begin(), keys.back().end(), key) != keys.back().end()) {
                fail(ErrorCode::json_syntax, "",
                     fmt::format("duplicate key \"{}\" in one object", key));
            }
            keys.back().push_back(key);
        }
        return true;
    };
    try {
        return json::parse(line.begin(), line.end(), check);
    } catch (const json::parse_error& e) {
        std::string what = e.what();
        const auto colon = what.find(": ");
        fail(ErrorCode::json_syntax, "",
             colon == std::string::npos ? what : what.substr(colon + 2));
    } catch (const json::out_of_range&) {  // a number beyond double, e.g. 1e400
        fail(ErrorCode::parse_out_of_range, "", "a number is beyond the range of a double");
    } catch (const json::exception& e) {
        fail(ErrorCode::json_syntax, "", e.what());
    }
}

Instant read_instant(const json& request, const char* key) {
    const auto it = request.find(key);
    const std::string where = fmt::format("/{}", key);
    if (it == request.end()) {
        fail(ErrorCode::json_missing_key, where,
             fmt::format("missing \"{}\": an RFC 3339 timestamp", key));
    }
    if (!it->is_string()) {
        fail(ErrorCode::json_type, where, "expected an RFC 3339 timestamp string");
    }
    Result<Instant> t = parse_instant(it->get_ref<const std::string&>());
    if (!t) {
        fail(t.error().code, where, t.error().message);
    }
    return *t;
}

std::int64_t read_integer(const json& request, const char* key, std::int64_t lo, std::int64_t hi) {
    const json& value = request.at(key);
    const std::string where = fmt::format("/{}", key);
    if (!value.is_number_integer()) {
        fail(ErrorCode::json_type, where,
             fmt::format("expected an integer from {} to {}, got {}", lo, hi, dump(value)));
    }
    const bool in_range = value.is_number_unsigned()
                              ? value.get<std::uint64_t>() <= static_cast<std::uint64_t>(hi)
                              : value.get<std::int64_t>() >= lo && value.get<std::int64_t>() <= hi;
    if (!in_range) {
        fail(ErrorCode::parse_out_of_range, where,
             fmt::format("expected an integer from {} to {}", lo, hi));
    }
    return value.get<std::int64_t>();
}

BusinessCalendar calendar_of(const json& request, TimeRequestContext& context) {
    const auto it = request.find("calendar");
    if (it == request.end()) {
        if (!context.default_calendar()) {
            fail(ErrorCode::json_missing_key, "/calendar",
                 "no calendar: give \"calendar\" on the line or --calendar FILE");
        }
        return *context.default_calendar();
    }
    Result<BusinessCalendar> cal = context.calendar_for(dump(*it));
    if (!cal) {
        fail(cal.error().code, "/calendar" + cal.error().where, cal.error().message);
    }
    return *cal;
}

void check_keys(const json& request) {
    static constexpr std::array<std::string_view, 7> known{"id",  "calendar",   "op",  "start",
                                                           "end", "duration_s", "days"};
    for (const auto& [key, value] : request.items()) {
        if (std::find(known.begin(), known.end(), key) == known.end()) {
            fail(ErrorCode::json_unknown_key, "/" + key,
                 fmt::format("unknown key \"{}\" (a request has id, calendar, op, start, end, "
                             "duration_s, days)",
                             key));
        }
    }
}

/// Fills `result` (the JSON value) and returns the text line.
std::string evaluate(const json& request, TimeRequestContext& context, json& result) {
    const auto op_it = request.find("op");
    if (op_it == request.end() || !op_it->is_string()) {
        fail(ErrorCode::json_missing_key, "/op",
             "missing \"op\": one of add, subtract, elapsed, is_open, next_open");
    }
    const auto& op = op_it->get_ref<const std::string&>();
    const BusinessCalendar cal = calendar_of(request, context);
    const Zone& zone = cal.zone();
    const Instant start = read_instant(request, "start");
    const std::string start_text = format_instant(start, zone);

    if (op == "add" || op == "subtract") {
        const bool has_seconds = request.contains("duration_s");
        const bool has_days = request.contains("days");
        if (has_seconds == has_days) {
            fail(ErrorCode::json_missing_key, "/duration_s",
                 fmt::format(
                     "\"{}\" needs exactly one of \"duration_s\" (business seconds) or \"days\" "
                     "(business days)",
                     op));
        }
        Instant due;
        std::string amount;
        if (has_days) {
            if (op == "subtract") {
                fail(ErrorCode::json_unknown_key, "/days",
                     "\"subtract\" takes \"duration_s\", not \"days\"");
            }
            const auto days = BusinessDays{
                static_cast<std::uint32_t>(read_integer(request, "days", 0, max_days))};
            due = cal.add(start, days);
            amount = fmt::format("{}", days);
        } else {
            auto d = BusinessDuration::seconds(
                read_integer(request, "duration_s", -max_request_seconds, max_request_seconds));
            amount = fmt::format("{}", d);
            due = op == "add" ? cal.add(start, d) : cal.subtract(start, d);
        }
        if (!in_supported_range(due)) {
            fail(ErrorCode::parse_out_of_range, has_days ? "/days" : "/duration_s",
                 fmt::format("the result is outside the supported instants, 0000-01-01T00:00:00Z "
                             "to 9999-12-31T23:59:59Z (\"{}\" by {})",
                             op, amount));
        }
        result = format_instant(due, zone);
        return fmt::format("{} {} {} {} = {}", op, start_text, op == "add" ? "+" : "-", amount,
                           format_instant(due, zone));
    }
    if (op == "elapsed") {
        const Instant end = read_instant(request, "end");
        const BusinessDuration d = cal.elapsed(start, end);
        result = d.count();
        return fmt::format("elapsed {} .. {} = {} ({} s)", start_text, format_instant(end, zone), d,
                           d.count());
    }
    if (op == "is_open") {
        const bool open = cal.is_open(start);
        result = open;
        return fmt::format("is_open {} = {}", start_text, open);
    }
    if (op == "next_open") {
        const Instant next = cal.next_open(start);
        if (!in_supported_range(next)) {
            fail(ErrorCode::parse_out_of_range, "/start",
                 "the calendar does not open again before 9999-12-31T23:59:59Z");
        }
        result = format_instant(next, zone);
        return fmt::format("next_open {} = {}", start_text, format_instant(next, zone));
    }
    fail(ErrorCode::json_type, "/op",
         fmt::format("unknown op \"{}\" (expected add, subtract, elapsed, is_open or next_open)",
                     op));
}

}  // namespace

Result<BusinessCalendar> TimeRequestContext::calendar_for(const std::string& canonical_json) {
    if (const auto it = cache_.find(canonical_json); it != cache_.end()) {
        return it->second;
    }
    Result<BusinessCalendar> cal = parse_calendar(canonical_json);
    if (cal) {
        if (cache_.size() >= max_cached_calendars) {
            cache_.clear();
        }
        cache_.emplace(canonical_json, *cal);
    }
    return cal;
}

namespace {

/// The answer that carries `error`, with the request's `id` first when it has one.
TimeAnswer answer_error(const Error& error, const json& id) {
    const std::string message = fmt::format("{}", error);
    std::string out = id.is_null() ? "{" : fmt::format("{{\"id\":{},", dump(id));
    out += fmt::format("\"error\":{}}}", dump(json(message)));
    return TimeAnswer{false, std::move(out), message, error};
}

}  // namespace

TimeAnswer answer_time_request(std::string_view line, TimeRequestContext& context) {
    json id;
    try {
        const json request = parse_line(line);
        if (!request.is_object()) {
            fail(ErrorCode::json_type, "",
                 "expected a request object such as {\"op\":\"is_open\",\"start\":\"...\"}");
        }
        if (const auto it = request.find("id"); it != request.end()) {
            id = *it;
        }
        check_keys(request);
        json result;
        std::string text = evaluate(request, context, result);
        if (id.is_string()) {
            text = fmt::format("{}\n    {}", id.get_ref<const std::string&>(), text);
        }
        std::string out = id.is_null() ? "{" : fmt::format("{{\"id\":{},", dump(id));
        out += fmt::format("\"result\":{}}}", dump(result));
        return TimeAnswer{true, std::move(out), std::move(text), std::nullopt};
    } catch (const RequestError& e) {
        return answer_error(e.error, id);
    }
}

TimeAnswer error_answer(const Error& error) {
    return answer_error(error, nullptr);
}

}  // namespace leadsla::cli
