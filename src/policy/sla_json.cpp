// SPDX-License-Identifier: Apache-2.0
// Reader of the `slas` section (docs/sla.md).
#include <algorithm>

#include "policy/sections.hpp"

namespace leadsla::detail {
namespace {

using nlohmann::json;

/// A trigger list: one string or an array of strings.
std::vector<Trigger> read_triggers(Reader& r,
                                   const json& object,
                                   std::string_view key,
                                   const std::string& where) {
    std::vector<Trigger> out;
    const json* v = r.member(object, key, where, false);
    if (v == nullptr) {
        return out;
    }
    const std::string here = pointer_append(where, key);
    const auto one = [&](const json& item, const std::string& at) {
        if (!item.is_string()) {
            r.type_error(at, "a trigger such as \"entered(mql)\"", item);
            return;
        }
        Result<Trigger> t = parse_trigger(item.get<std::string>());
        if (!t) {
            r.error(t.error().code, at, t.error().message);
            return;
        }
        out.push_back(*std::move(t));
    };
    if (v->is_array()) {
        for (std::size_t i = 0; i < v->size(); ++i) {
            one((*v)[i], pointer_append(here, std::to_string(i)));
        }
    } else {
        one(*v, here);
    }
    return out;
}

/// SLA durations (targets and escalation steps) are at most this long: about eleven years
/// around the clock, far beyond any agreement, and short enough that every deadline stays inside
/// the supported instants.
constexpr std::int64_t max_sla_seconds = std::int64_t{100'000} * 3600;

/// False, after recording why, when `d` is beyond max_sla_seconds.
bool sla_length_ok(Reader& r, std::chrono::seconds d, const std::string& where) {
    if (d.count() > max_sla_seconds) {
        r.error(ErrorCode::parse_out_of_range, where,
                fmt::format("{} is longer than an SLA duration may be (at most 100000h)",
                            BusinessDuration::seconds(d.count())));
        return false;
    }
    return true;
}

std::optional<SlaTarget> read_target(Reader& r, const json& value, const std::string& where) {
    if (!r.object(value, where, {"business", "calendar", "business_days"})) {
        return std::nullopt;
    }
    if (value.size() != 1) {
        r.error(ErrorCode::policy_invalid, where,
                "a target is one of {\"business\": \"4h\"}, {\"calendar\": \"30d\"} or "
                "{\"business_days\": 2}");
        return std::nullopt;
    }
    SlaTarget t;
    if (const auto text = r.string(value, "business", where, false)) {
        Result<BusinessDuration> d = BusinessDuration::parse(*text);
        if (!d) {
            r.error(d.error().code, where + "/business", d.error().message);
            return std::nullopt;
        }
        if (!sla_length_ok(r, std::chrono::seconds{d->count()}, where + "/business")) {
            return std::nullopt;
        }
        t.kind = SlaTarget::Kind::business;
        t.duration = *d;
        return t;
    }
    if (const auto d = r.duration(value, "calendar", where, false)) {
        if (!sla_length_ok(r, *d, where + "/calendar")) {
            return std::nullopt;
        }
        t.kind = SlaTarget::Kind::calendar;
        t.duration = BusinessDuration::seconds(d->count());
        return t;
    }
    if (const auto n = r.integer(value, "business_days", where, false, 1, 1000)) {
        t.kind = SlaTarget::Kind::business_days;
        t.days = BusinessDays{static_cast<std::uint32_t>(*n)};
        return t;
    }
    return std::nullopt;
}

CalendarChoice read_calendar_choice(Reader& r, const json& value, const std::string& where) {
    CalendarChoice c;
    if (value.is_string()) {
        c.fixed = value.get<std::string>();
        return c;
    }
    if (!value.is_object()) {
        r.type_error(where,
                     "a calendar name, {\"by_attribute\", \"calendars\"} or {\"by_owner_team\"}",
                     value);
        return c;
    }
    if (!r.object(value, where, {"by_attribute", "calendars", "by_owner_team", "otherwise"})) {
        return c;
    }
    c.otherwise = r.string(value, "otherwise", where, false).value_or("");
    if (const json* teams = r.member(value, "by_owner_team", where, false)) {
        if (value.contains("by_attribute") || value.contains("calendars")) {
            r.error(ErrorCode::policy_invalid, where,
                    "choose the calendar either \"by_attribute\" (with \"calendars\") or "
                    "\"by_owner_team\", not both");
        }
        if (!teams->is_object()) {
            r.type_error(where + "/by_owner_team", "an object from routing team to calendar name",
                         *teams);
            return c;
        }
        for (auto it = teams->begin(); it != teams->end(); ++it) {
            if (!it->is_string()) {
                r.type_error(pointer_append(where + "/by_owner_team", it.key()), "a calendar name",
                             *it);
            } else {
                c.by_team.emplace(it.key(), it->get<std::string>());
            }
        }
        return c;
    }
    c.attribute = r.string(value, "by_attribute", where, true).value_or("");
    if (const json* map = r.member(value, "calendars", where, true)) {
        if (!map->is_object()) {
            r.type_error(where + "/calendars", "an object from attribute values to calendar names",
                         *map);
        } else {
            for (const auto& [k, v] : map->items()) {
                if (!v.is_string()) {
                    r.type_error(pointer_append(where + "/calendars", k), "a calendar name", v);
                } else {
                    c.by_value.emplace(k, v.get<std::string>());
                }
            }
        }
    }
    return c;
}

}  // namespace

std::vector<SlaSpec> read_slas(Reader& r, const json& value, const std::string& where) {
    std::vector<SlaSpec> out;
    if (!value.is_array()) {
        r.type_error(where, "an array of SLAs", value);
        return out;
    }
    for (std::size_t i = 0; i < value.size(); ++i) {
        const std::string here = pointer_append(where, std::to_string(i));
        const json& s = value[i];
        if (!r.object(s, here,
                      {"id", "applies_when", "start", "stop", "cancel", "reset", "pause", "resume",
                       "target", "targets", "classification", "calendar", "warn_at", "escalate",
                       "on_breach", "on_segment_change"})) {
            continue;
        }
        SlaSpec spec;
        spec.pointer = here;
        spec.id = r.string(s, "id", here, true).value_or("");
        spec.applies_when = r.string(s, "applies_when", here, false).value_or("");
        spec.start = read_triggers(r, s, "start", here);
        spec.stop = read_triggers(r, s, "stop", here);
        spec.cancel = read_triggers(r, s, "cancel", here);
        spec.reset = read_triggers(r, s, "reset", here);
        spec.pause = read_triggers(r, s, "pause", here);
        spec.resume = read_triggers(r, s, "resume", here);
        if (const json* t = r.member(s, "target", here, false)) {
            spec.target = read_target(r, *t, here + "/target");
        }
        if (const json* rules = r.array(s, "targets", here, false, "an array of target rules")) {
            for (std::size_t k = 0; k < rules->size(); ++k) {
                const std::string at = fmt::format("{}/targets/{}", here, k);
                const json& x = (*rules)[k];
                if (!r.object(x, at, {"segment", "when", "target"})) {
                    continue;
                }
                TargetRule rule;
                rule.pointer = at;
                rule.segment = r.string(x, "segment", at, false).value_or("");
                rule.when = r.string(x, "when", at, false).value_or("");
                if (const json* t = r.member(x, "target", at, true)) {
                    if (auto target = read_target(r, *t, at + "/target")) {
                        rule.target = *target;
                    }
                }
                spec.targets.push_back(std::move(rule));
            }
        }
        spec.classification =
            r.string(s, "classification", here, false).value_or(spec.classification);
        if (const json* c = r.member(s, "calendar", here, false)) {
            spec.calendar = read_calendar_choice(r, *c, here + "/calendar");
        }
        if (const json* w = r.array(s, "warn_at", here, false, "an array of per-mille numbers")) {
            for (std::size_t k = 0; k < w->size(); ++k) {
                const std::string at = fmt::format("{}/warn_at/{}", here, k);
                if (!(*w)[k].is_number_integer()) {
                    r.type_error(at, "an integer per mille such as 750", (*w)[k]);
                } else {
                    const auto v = (*w)[k].get<std::int64_t>();
                    spec.warn_at.push_back(
                        static_cast<std::int32_t>(std::clamp<std::int64_t>(v, -1, 100000)));
                }
            }
        }
        if (const json* steps = r.array(s, "escalate", here, false, "an array of steps")) {
            for (std::size_t k = 0; k < steps->size(); ++k) {
                const std::string at = fmt::format("{}/escalate/{}", here, k);
                const json& x = (*steps)[k];
                if (!r.object(x, at, {"id", "after", "action"})) {
                    continue;
                }
                EscalationStep step;
                step.id = r.string(x, "id", at, true).value_or("");
                step.action = r.string(x, "action", at, false).value_or(step.id);
                if (const auto after = r.string(x, "after", at, true)) {
                    Result<BusinessDuration> d = BusinessDuration::parse(*after);
                    if (!d) {
                        r.error(d.error().code, at + "/after", d.error().message);
                    } else if (sla_length_ok(r, std::chrono::seconds{d->count()}, at + "/after")) {
                        step.after = *d;
                    }
                }
                spec.escalate.push_back(std::move(step));
            }
        }
        if (const json* b = r.member(s, "on_breach", here, false)) {
            const std::string at = here + "/on_breach";
            if (r.object(*b, at, {"recommend", "reason"})) {
                if (const auto stage = r.stage(*b, "recommend", at, true)) {
                    spec.on_breach = BreachRecommendation{
                        *stage, r.string(*b, "reason", at, false).value_or("")};
                }
            }
        }
        if (const auto change = r.string(s, "on_segment_change", here, false)) {
            if (*change == "restart") {
                spec.on_segment_change = SegmentChange::restart;
            } else if (*change != "keep_elapsed") {
                r.error(ErrorCode::json_type, here + "/on_segment_change",
                        fmt::format("\"{}\" is not a segment-change rule (expected keep_elapsed or "
                                    "restart)",
                                    *change));
            }
        }
        out.push_back(std::move(spec));
    }
    return out;
}

}  // namespace leadsla::detail
