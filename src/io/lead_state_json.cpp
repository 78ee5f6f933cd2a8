// SPDX-License-Identifier: Apache-2.0
// The versioned JSON snapshot of a LeadState.
#include <tuple>

#include <leadsla/io/lead_state_json.hpp>

#include "json/shared/reader.hpp"

namespace leadsla {
namespace {

using nlohmann::json;
constexpr std::string_view lead_state_format = "leadsla.lead_state/1";

json value_json(const AttributeValue& v) {
    switch (v.type()) {
        case AttributeType::null:
            return nullptr;
        case AttributeType::boolean:
            return json{{"bool", *v.as_bool()}};
        case AttributeType::integer:
            return json{{"int", *v.as_integer()}};
        case AttributeType::decimal:
            return json{{"decimal", fmt::format("{}", *v.as_decimal())}};
        case AttributeType::string:
            return json{{"string", *v.as_string()}};
        case AttributeType::instant:
            return json{{"instant", format_instant(*v.as_instant())}};
        case AttributeType::string_list:
            return json{{"string_list", *v.as_string_list()}};
    }
    return nullptr;
}

json attributes_json(const Attributes& attributes) {
    json out = json::object();
    for (const auto& [name, value] : attributes) {
        out[name] = value_json(value);
    }
    return out;
}

class Restorer {
public:
    explicit Restorer(std::vector<Error>& errors) : r_(errors) {}

    detail::Reader& reader() { return r_; }

    std::optional<Instant> instant(const json& object,
                                   std::string_view key,
                                   const std::string& where) {
        const auto text = r_.string(object, key, where, true);
        if (!text) {
            return std::nullopt;
        }
        Result<Instant> t = parse_instant(*text);
        if (!t) {
            r_.error(t.error().code, detail::pointer_append(where, key), t.error().message);
            return std::nullopt;
        }
        return *t;
    }

    /// The activities under `where` + "/activities".
    std::vector<Activity> activities(const json& doc, const std::string& where) {
        detail::Reader& r = r_;
        std::vector<Activity> out;
        if (const json* list = r.array(doc, "activities", where, true, "an array of activities")) {
            for (std::size_t i = 0; i < list->size(); ++i) {
                const std::string here = fmt::format("{}/activities/{}", where, i);
                const json& a = (*list)[i];
                if (!r.object(a, here, {"id", "occurred_at", "type", "properties"})) {
                    continue;
                }
                Activity act;
                act.id = ActivityId{r.string(a, "id", here, true).value_or("")};
                act.occurred_at = instant(a, "occurred_at", here).value_or(Instant{});
                act.type = r.string(a, "type", here, true).value_or("");
                act.properties = attributes(a, "properties", here);
                out.push_back(std::move(act));
            }
        }
        return out;
    }

    /// The stage changes under `where` + "/changes".
    std::vector<StageChange> changes(const json& doc, const std::string& where) {
        detail::Reader& r = r_;
        std::vector<StageChange> out;
        if (const json* list = r.array(doc, "changes", where, true, "an array of stage changes")) {
            for (std::size_t i = 0; i < list->size(); ++i) {
                const std::string here = fmt::format("{}/changes/{}", where, i);
                const json& c = (*list)[i];
                if (!r.object(c, here, {"at", "from", "to", "actor", "reason"})) {
                    continue;
                }
                StageChange change;
                change.at = instant(c, "at", here).value_or(Instant{});
                change.from = r.stage(c, "from", here, true).value_or(Stage::lead);
                change.to = r.stage(c, "to", here, true).value_or(Stage::lead);
                change.actor = r.string(c, "actor", here, false).value_or("");
                change.reason = r.string(c, "reason", here, false).value_or("");
                out.push_back(std::move(change));
            }
        }
        return out;
    }

    AttributeValue value(const json& v, const std::string& where) {
        if (v.is_null()) {
            return {};
        }
        if (!v.is_object() || v.size() != 1) {
            r_.type_error(where, "null or a one-key object such as {\"int\": 5}", v);
            return {};
        }
        const auto only = v.begin();
        const std::string& type = only.key();
        const json& x = only.value();
        const std::string here = detail::pointer_append(where, type);
        if (type == "bool" && x.is_boolean()) {
            return AttributeValue{x.get<bool>()};
        }
        if (type == "int" && x.is_number_integer() && !x.is_number_unsigned()) {
            return AttributeValue{x.get<std::int64_t>()};
        }
        if (type == "int" && x.is_number_unsigned() &&
            x.get<std::uint64_t>() <= static_cast<std::uint64_t>(INT64_MAX)) {
            return AttributeValue{static_cast<std::int64_t>(x.get<std::uint64_t>())};
        }
        if (type == "string" && x.is_string()) {
            return AttributeValue{x.get<std::string>()};
        }
        if (type == "decimal" && x.is_string()) {
            Result<Decimal> d = Decimal::parse(x.get<std::string>());
            if (d) {
                return AttributeValue{*d};
            }
            r_.error(d.error().code, here, d.error().message);
            return {};
        }
        if (type == "instant" && x.is_string()) {
            Result<Instant> t = parse_instant(x.get<std::string>());
            if (t) {
                return AttributeValue{*t};
            }
            r_.error(t.error().code, here, t.error().message);
            return {};
        }
        if (type == "string_list" && x.is_array()) {
            AttributeValue::StringList list;
            for (const json& s : x) {
                if (!s.is_string()) {
                    r_.type_error(here, "an array of strings", x);
                    return {};
                }
                list.push_back(s.get<std::string>());
            }
            return AttributeValue{std::move(list)};
        }
        r_.error(ErrorCode::json_type, where,
                 fmt::format("\"{}\" with {} is not a typed value (bool, int, decimal, string, "
                             "instant, string_list)",
                             type, detail::json_type_name(x)));
        return {};
    }

    Attributes attributes(const json& object, std::string_view key, const std::string& where) {
        Attributes out;
        const json* v = r_.member(object, key, where, false);
        if (v == nullptr) {
            return out;
        }
        const std::string here = detail::pointer_append(where, key);
        if (!v->is_object()) {
            r_.type_error(here, "an object of typed values", *v);
            return out;
        }
        for (auto it = v->begin(); it != v->end(); ++it) {
            out.emplace(it.key(), value(it.value(), detail::pointer_append(here, it.key())));
        }
        return out;
    }

private:
    detail::Reader r_;
};

json activities_json(const std::vector<Activity>& activities) {
    json out = json::array();
    for (const Activity& a : activities) {
        out.push_back({{"id", a.id.value()},
                       {"occurred_at", format_instant(a.occurred_at)},
                       {"type", a.type},
                       {"properties", attributes_json(a.properties)}});
    }
    return out;
}

json changes_json(const std::vector<StageChange>& changes) {
    json out = json::array();
    for (const StageChange& c : changes) {
        out.push_back({{"at", format_instant(c.at)},
                       {"from", to_string(c.from)},
                       {"to", to_string(c.to)},
                       {"actor", c.actor},
                       {"reason", c.reason}});
    }
    return out;
}

}  // namespace

std::string snapshot_json(const LeadState& state) {
    json lead{{"id", state.lead.id.value()},
              {"created_at", format_instant(state.lead.created_at)},
              {"stage", to_string(state.lead.stage)},
              {"account", state.lead.account ? json(state.lead.account->value()) : json(nullptr)},
              {"owner", state.lead.owner ? json(state.lead.owner->value()) : json(nullptr)},
              {"attributes", attributes_json(state.lead.attributes)}};
    json out{{"format", lead_state_format},
             {"lead", std::move(lead)},
             {"activities", activities_json(state.activities)},
             {"changes", changes_json(state.changes)},
             {"attached_at", format_instant(state.attached_at)},
             {"watermark", format_instant(state.watermark)},
             {"emitted", state.emitted},
             {"policy_hash", state.policy_hash}};
    if (!state.past_attributes.empty()) {  // absent otherwise: older readers still read it
        json past = json::array();
        for (const PastAttributes& p : state.past_attributes) {
            past.push_back({{"until", format_instant(p.until)},
                            {"attributes", attributes_json(p.attributes)}});
        }
        out["past_attributes"] = std::move(past);
    }
    if (!state.held_activities.empty() || !state.held_changes.empty()) {  // likewise
        out["held"] = {{"activities", activities_json(state.held_activities)},
                       {"changes", changes_json(state.held_changes)}};
    }
    // Text the readers would refuse (ill-formed UTF-8 in a value built in code) is written with
    // U+FFFD in its place, as in every JSON output of the library: never an exception.
    return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<LeadState> restore_lead_state(std::string_view json_text) {
    Result<json> doc = detail::parse_json_text(json_text);
    if (!doc) {
        return doc.error();
    }
    std::vector<Error> errors;
    Restorer x{errors};
    detail::Reader& r = x.reader();
    LeadState s;
    if (!r.object(*doc, "",
                  {"format", "lead", "activities", "changes", "attached_at", "watermark", "emitted",
                   "policy_hash", "past_attributes", "held"})) {
        return errors.front();
    }
    const auto format = r.string(*doc, "format", "", true);
    if (format && *format != lead_state_format) {
        return Error{ErrorCode::policy_invalid, "/format",
                     fmt::format("\"{}\" is not a snapshot format this version reads (expected "
                                 "\"{}\")",
                                 *format, lead_state_format)};
    }
    if (const json* lead = r.member(*doc, "lead", "", true)) {
        if (r.object(*lead, "/lead",
                     {"id", "created_at", "stage", "account", "owner", "attributes"})) {
            s.lead.id = LeadId{r.string(*lead, "id", "/lead", true).value_or("")};
            s.lead.created_at = x.instant(*lead, "created_at", "/lead").value_or(Instant{});
            s.lead.stage = r.stage(*lead, "stage", "/lead", true).value_or(Stage::lead);
            for (const char* key : {"account", "owner"}) {
                const json* v = r.member(*lead, key, "/lead", false);
                if (v != nullptr && v->is_string()) {
                    if (std::string_view{key} == "account") {
                        s.lead.account = AccountId{v->get<std::string>()};
                    } else {
                        s.lead.owner = OwnerId{v->get<std::string>()};
                    }
                } else if (v != nullptr && !v->is_null()) {
                    r.type_error(detail::pointer_append("/lead", key), "a string or null", *v);
                }
            }
            s.lead.attributes = x.attributes(*lead, "attributes", "/lead");
        }
    }
    s.activities = x.activities(*doc, "");
    s.changes = x.changes(*doc, "");
    if (const json* list = r.array(*doc, "past_attributes", "", false,
                                   "an array of {\"until\", \"attributes\"}")) {
        for (std::size_t i = 0; i < list->size(); ++i) {
            const std::string here = fmt::format("/past_attributes/{}", i);
            const json& p = (*list)[i];
            if (!r.object(p, here, {"until", "attributes"})) {
                continue;
            }
            PastAttributes past;
            past.until = x.instant(p, "until", here).value_or(Instant{});
            past.attributes = x.attributes(p, "attributes", here);
            if (!s.past_attributes.empty() && past.until <= s.past_attributes.back().until) {
                r.error(ErrorCode::policy_invalid, here + "/until",
                        "attribute history entries come in ascending \"until\" order");
            }
            s.past_attributes.push_back(std::move(past));
        }
    }
    s.attached_at = x.instant(*doc, "attached_at", "").value_or(Instant{});
    s.watermark = x.instant(*doc, "watermark", "").value_or(Instant{});
    for (const std::string& id : r.strings(*doc, "emitted", "")) {
        s.emitted.insert(id);
    }
    s.policy_hash = r.string(*doc, "policy_hash", "", false).value_or("");
    if (const json* held = r.member(*doc, "held", "", false)) {
        if (r.object(*held, "/held", {"activities", "changes"})) {
            s.held_activities = x.activities(*held, "/held");
            s.held_changes = x.changes(*held, "/held");
            // The steps release held events from the front: they must be in time order.
            for (std::size_t i = 1; i < s.held_activities.size(); ++i) {
                const Activity& a = s.held_activities[i - 1];
                const Activity& b = s.held_activities[i];
                if (std::tie(b.occurred_at, b.id) < std::tie(a.occurred_at, a.id)) {
                    r.error(ErrorCode::policy_invalid,
                            fmt::format("/held/activities/{}/occurred_at", i),
                            "held activities come in (occurred_at, id) order");
                    break;
                }
            }
            for (std::size_t i = 1; i < s.held_changes.size(); ++i) {
                if (s.held_changes[i].at < s.held_changes[i - 1].at) {
                    r.error(ErrorCode::policy_invalid, fmt::format("/held/changes/{}/at", i),
                            "held stage changes come in time order");
                    break;
                }
            }
        }
    }
    if (!errors.empty()) {
        return errors.front();
    }
    return s;
}

}  // namespace leadsla
