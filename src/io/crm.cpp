// SPDX-License-Identifier: Apache-2.0
// CRM lead records (HubSpot objects, Salesforce Leads) read as leads through a declared mapping.
#include <algorithm>
#include <charconv>
#include <chrono>
#include <iterator>
#include <limits>
#include <map>
#include <set>
#include <tuple>

#include <leadsla/io/crm.hpp>

#include "json/shared/reader.hpp"
#include "json/shared/text.hpp"

namespace leadsla {
namespace {

using nlohmann::json;

constexpr detail::JsonLimits record_limits{std::size_t{1} << 20, 8};
/// An API page holds up to a few thousand records: the library's limit for one JSON text.
constexpr detail::JsonLimits page_limits{std::size_t{16} << 20, 10};

std::optional<std::int64_t> integer_text(std::string_view s) {
    std::int64_t v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || end != s.data() + s.size()) {
        return std::nullopt;
    }
    return v;
}

/// Salesforce writes offsets as `+0000`; RFC 3339 wants `+00:00`.
std::string with_offset_colon(std::string text) {
    const std::size_t n = text.size();
    if (n > 5 && (text[n - 5] == '+' || text[n - 5] == '-') &&
        text.find_first_not_of("0123456789", n - 4) == std::string::npos) {
        // Built anew: GCC 12 at -O3 warns (-Wrestrict, a false positive) on string::insert here.
        std::string out = text.substr(0, n - 2);
        out += ':';
        out.append(text, n - 2, 2);
        return out;
    }
    return text;
}

/// A number with no fraction written as a decimal (`42.0`, `"42.00"`): the integer it is.
std::optional<std::int64_t> integral_decimal(const json& v, const std::string& text) {
    if (!v.is_string() && !v.is_number_float()) {
        return std::nullopt;
    }
    const auto dot = text.find('.');
    if (dot == std::string::npos || dot == 0 ||
        text.find_first_not_of('0', dot + 1) != std::string::npos) {
        return std::nullopt;
    }
    return integer_text(std::string_view{text}.substr(0, dot));
}

Result<Instant> instant_text(const std::string& text) {
    if (const auto ms = integer_text(text)) {
        return instant_from_unix_ms(*ms);  // epoch milliseconds, as HubSpot sends them
    }
    return parse_instant(with_offset_colon(text));
}

class CrmReader {
public:
    /// `base`: the record's JSON pointer in the text read (empty for a record alone).
    CrmReader(const CrmMapping& m,
              std::vector<Error>& errors,
              std::string base,
              std::set<std::string, std::less<>>* seen)
        : m_(m), r_(errors), base_(std::move(base)), seen_(seen) {}

    detail::Reader& reader() { return r_; }
    [[nodiscard]] const std::string& base() const noexcept { return base_; }

    /// The field's JSON value and its pointer, or nullptr when absent (or `""` in HubSpot). A
    /// HubSpot field that is not a property is looked up among the object's own keys
    /// (`createdAt`, `updatedAt`, `archived`).
    std::pair<const json*, std::string> field(const json& record, const std::string& name) {
        const bool hubspot = m_.source == CrmMapping::Source::hubspot;
        const json* holder = &record;
        std::string where = base_;
        if (hubspot) {
            const auto p = record.find("properties");
            const bool in_properties = p != record.end() && p->is_object() && p->contains(name);
            if (in_properties) {
                holder = &*p;
                where += "/properties";
            } else if (!record.contains(name)) {
                if (p == record.end() || !p->is_object()) {
                    return {nullptr, base_ + "/properties"};
                }
                return {nullptr, detail::pointer_append(base_ + "/properties", name)};
            }
        }
        where = detail::pointer_append(where, name);
        const auto it = holder->find(name);
        if (it == holder->end() || it->is_null() ||
            (hubspot && it->is_string() && it->get_ref<const std::string&>().empty())) {
            return {nullptr, where};
        }
        if (seen_ != nullptr) {
            seen_->insert(name);
        }
        if (hubspot && holder != &record && !it->is_string()) {
            r_.type_error(where, "a string (HubSpot sends every property as a string)", *it);
            return {nullptr, where};
        }
        return {&*it, where};
    }

    /// As `field`, and a dotted name (`attributes.type`) walks into the record's nested objects.
    std::pair<const json*, std::string> lookup(const json& record, const std::string& name) {
        if (name.find('.') == std::string::npos) {
            return field(record, name);
        }
        const json* at = &record;
        std::string where = base_;
        for (std::size_t from = 0; from <= name.size();) {
            const std::size_t dot = std::min(name.find('.', from), name.size());
            const std::string key = name.substr(from, dot - from);
            where = detail::pointer_append(where, key);
            const auto it = at->is_object() ? at->find(key) : at->end();
            if (!at->is_object() || it == at->end() || it->is_null()) {
                return {nullptr, where};
            }
            at = &*it;
            from = dot + 1;
        }
        return {at, where};
    }

    /// An id: text, or the first result's `id` of an object with a `results` array (a HubSpot
    /// association such as `associations.contacts`).
    static std::optional<std::string> id_text(const json& v) {
        if (v.is_object()) {
            const auto results = v.find("results");
            if (results == v.end() || !results->is_array() || results->empty() ||
                !(*results)[0].is_object() || !(*results)[0].contains("id")) {
                return std::nullopt;
            }
            return text((*results)[0]["id"]);
        }
        if (v.is_string() || v.is_number_integer()) {
            std::string s = text(v);
            return s.empty() ? std::nullopt : std::optional<std::string>{std::move(s)};
        }
        return std::nullopt;
    }

    /// `v` as text: a string as is, a number or boolean in its JSON form.
    static std::string text(const json& v) {
        return v.is_string() ? v.get<std::string>() : v.dump();
    }

    AttributeValue value(const json& v, AttributeType type, const std::string& where) {
        const std::string s = text(v);
        switch (type) {
            case AttributeType::integer:
                if (const auto i =
                        (v.is_string() || v.is_number_integer()) ? integer_text(s) : std::nullopt) {
                    return AttributeValue{*i};
                }
                if (const auto i = integral_decimal(v, s)) {  // 42.0, as Salesforce sends it
                    return AttributeValue{*i};
                }
                r_.error(ErrorCode::json_type, where,
                         fmt::format("{} is not an integer (declared int)", v.dump()));
                return {};
            case AttributeType::decimal: {
                Result<Decimal> d = Decimal::parse(s);
                if (d) {
                    return AttributeValue{*d};
                }
                r_.error(d.error().code, where, d.error().message);
                return {};
            }
            case AttributeType::boolean:
                if (v.is_boolean()) {
                    return AttributeValue{v.get<bool>()};
                }
                if (s == "true" || s == "false") {
                    return AttributeValue{s == "true"};
                }
                r_.error(ErrorCode::json_type, where,
                         fmt::format("{} is not true or false (declared bool)", v.dump()));
                return {};
            case AttributeType::string:
                if (v.is_string()) {
                    return AttributeValue{s};
                }
                r_.type_error(where, "a string (declared string)", v);
                return {};
            case AttributeType::instant: {
                Result<Instant> t = instant_text(s);
                if (t) {
                    return AttributeValue{*t};
                }
                r_.error(t.error().code, where, t.error().message);
                return {};
            }
            case AttributeType::string_list: {
                if (!v.is_string()) {
                    r_.type_error(where, "a string of values separated by ';'", v);
                    return {};
                }
                AttributeValue::StringList list;
                std::size_t from = 0;
                while (from <= s.size()) {
                    const std::size_t semi = std::min(s.find(';', from), s.size());
                    if (semi > from) {
                        list.push_back(s.substr(from, semi - from));
                    }
                    from = semi + 1;
                }
                return AttributeValue{std::move(list)};
            }
            case AttributeType::null:
                break;
        }
        return {};
    }

private:
    const CrmMapping& m_;
    detail::Reader r_;
    std::string base_;
    std::set<std::string, std::less<>>* seen_;
};

/// The `activities` section of a mapping.
CrmActivityMapping activity_mapping(const json& a,
                                    detail::Reader& r,
                                    const CrmMapping& m,
                                    const Schema& schema) {
    CrmActivityMapping out;
    const std::string where = "/activities";
    if (!r.object(a, where, {"lead", "occurred_at", "rules"})) {
        return out;
    }
    out.lead = r.string(a, "lead", where, false).value_or("");
    out.occurred_at = r.strings(a, "occurred_at", where);
    const json* rules = r.array(a, "rules", where, true, "an array of activity rules");
    if (rules == nullptr) {
        return out;
    }
    for (std::size_t i = 0; i < rules->size(); ++i) {
        const json& rule = (*rules)[i];
        const std::string here = fmt::format("{}/rules/{}", where, i);
        if (!r.object(rule, here, {"when", "type", "properties"})) {
            continue;
        }
        CrmActivityRule out_rule;
        if (const json* when = r.member(rule, "when", here, false)) {
            if (!when->is_object()) {
                r.type_error(here + "/when", "an object from CRM field to value", *when);
            } else {
                for (auto it = when->begin(); it != when->end(); ++it) {
                    if (!it->is_string()) {
                        r.type_error(detail::pointer_append(here + "/when", it.key()),
                                     "the value as a string (\"*\": any value)", *it);
                    } else {
                        out_rule.when.emplace(it.key(), it->get<std::string>());
                    }
                }
            }
        }
        out_rule.type = r.string(rule, "type", here, true).value_or("");
        const auto type = schema.activities.find(out_rule.type);
        if (type == schema.activities.end()) {
            if (!out_rule.type.empty()) {
                r.error(ErrorCode::expr_unknown_activity, here + "/type",
                        fmt::format("\"{}\" is not an activity type of the policy's schema",
                                    out_rule.type));
            }
        } else if (const json* p = r.member(rule, "properties", here, false)) {
            if (!p->is_object()) {
                r.type_error(here + "/properties", "an object of property values", *p);
            } else {
                std::vector<Error> errors;
                CrmReader x{m, errors, here + "/properties", nullptr};
                for (auto it = p->begin(); it != p->end(); ++it) {
                    const std::string at = detail::pointer_append(here + "/properties", it.key());
                    const auto declared = type->second.find(it.key());
                    if (declared == type->second.end()) {
                        r.error(ErrorCode::json_unknown_key, at,
                                fmt::format("\"{}\" is not a declared property of activity "
                                            "type \"{}\"",
                                            it.key(), out_rule.type));
                        continue;
                    }
                    AttributeValue v = x.value(*it, declared->second, at);
                    if (!v.is_null()) {
                        out_rule.properties.emplace(it.key(), std::move(v));
                    }
                }
                for (Error& e : errors) {
                    r.error(e.code, std::move(e.where), std::move(e.message));
                }
            }
        }
        out.rules.push_back(std::move(out_rule));
    }
    return out;
}

/// The `history` section of a mapping: Salesforce's names unless overridden.
CrmHistoryMapping history_mapping(const json& h, detail::Reader& r) {
    CrmHistoryMapping out;
    const std::string where = "/history";
    if (!r.object(h, where, {"lead", "field", "old_value", "new_value", "at", "actor"})) {
        return out;
    }
    const auto name = [&](const char* key, std::string& field) {
        field = r.string(h, key, where, false).value_or(field);
    };
    name("lead", out.lead);
    name("field", out.field);
    name("old_value", out.old_value);
    name("new_value", out.new_value);
    name("at", out.at);
    name("actor", out.actor);
    return out;
}

}  // namespace

Result<CrmMapping> parse_crm_mapping(std::string_view json_text, const Schema& schema) {
    Result<json> doc = detail::parse_json_text(json_text);
    if (!doc) {
        return doc.error();
    }
    std::vector<Error> errors;
    detail::Reader r{errors};
    CrmMapping m;
    if (r.object(*doc, "",
                 {"source", "id", "created_at", "modified_at", "stage", "owner", "account",
                  "attributes", "activities", "history"})) {
        const auto source = r.string(*doc, "source", "", true).value_or("hubspot");
        if (source == "salesforce") {
            m.source = CrmMapping::Source::salesforce;
        } else if (source != "hubspot") {
            r.error(
                ErrorCode::json_type, "/source",
                fmt::format("\"{}\" is not a CRM source (expected hubspot or salesforce)", source));
        }
        m.id = r.string(*doc, "id", "", false).value_or("");
        m.created_at = r.string(*doc, "created_at", "", true).value_or("");
        m.modified_at = r.string(*doc, "modified_at", "", false).value_or("");
        m.stage = r.string(*doc, "stage", "", false).value_or("");
        m.owner = r.string(*doc, "owner", "", false).value_or("");
        m.account = r.string(*doc, "account", "", false).value_or("");
        if (const json* a = r.member(*doc, "attributes", "", false)) {
            if (!a->is_object()) {
                r.type_error("/attributes", "an object from attribute to CRM field", *a);
            } else {
                for (auto it = a->begin(); it != a->end(); ++it) {
                    const std::string where = detail::pointer_append("/attributes", it.key());
                    if (!schema.attributes.contains(it.key())) {
                        r.error(ErrorCode::policy_unknown_reference, where,
                                fmt::format("\"{}\" is not an attribute of the policy's schema",
                                            it.key()));
                    } else if (!it->is_string() || it->get_ref<const std::string&>().empty()) {
                        r.type_error(where, "the CRM field's name", *it);
                    } else {
                        m.attributes.emplace(it.key(), it->get<std::string>());
                    }
                }
            }
        }
        if (const json* a = r.member(*doc, "activities", "", false)) {
            m.activities = activity_mapping(*a, r, m, schema);
        }
        if (const json* h = r.member(*doc, "history", "", false)) {
            m.history = history_mapping(*h, r);
        }
    }
    detail::locate_errors(json_text, errors);
    if (!errors.empty()) {
        return errors.front();
    }
    return m;
}

namespace {

/// A CRM stage value as a stage: the lifecycle's `stage_map` when there is one.
std::optional<Stage> crm_stage(const std::string& value,
                               const std::string& where,
                               detail::Reader& r,
                               const Lifecycle* lifecycle) {
    Result<Stage> s =
        lifecycle != nullptr ? lifecycle->map_crm_stage(value) : parse_stage_or_error(value);
    if (!s) {
        r.error(s.error().code, where, s.error().message);
        return std::nullopt;
    }
    return *s;
}

/// Who made a HubSpot history entry: `updatedByUserId`, else `sourceId`.
std::string hubspot_actor(const json& entry) {
    for (const char* key : {"updatedByUserId", "sourceId"}) {
        const auto it = entry.find(key);
        if (it != entry.end() && (it->is_string() || it->is_number_integer())) {
            return CrmReader::text(*it);
        }
    }
    return {};
}

/// One value a HubSpot property had since an instant.
struct HubSpotEntry {
    Instant at;
    std::string value;  ///< "" when unset
    std::string actor;
    std::string where;
};

/// The entries of `propertiesWithHistory[field]` in time order (HubSpot lists the newest
/// first), or nullopt when the record has no history of the field.
std::optional<std::vector<HubSpotEntry>> hubspot_history(const json& record,
                                                         const std::string& field,
                                                         const std::string& base,
                                                         detail::Reader& r) {
    const auto all = record.find("propertiesWithHistory");
    if (all == record.end() || !all->is_object()) {
        return std::nullopt;
    }
    const auto list = all->find(field);
    if (list == all->end()) {
        return std::nullopt;
    }
    const std::string where = detail::pointer_append(base + "/propertiesWithHistory", field);
    if (!list->is_array()) {
        r.type_error(where, "an array of {value, timestamp} entries", *list);
        return std::nullopt;
    }
    std::vector<HubSpotEntry> out;
    for (std::size_t i = 0; i < list->size(); ++i) {
        const json& e = (*list)[i];
        const std::string here = fmt::format("{}/{}", where, i);
        if (!e.is_object()) {
            r.type_error(here, "a {value, timestamp} entry", e);
            continue;
        }
        const auto value = r.string(e, "value", here, true);
        const json* ts = r.member(e, "timestamp", here, true);
        if (!value || ts == nullptr) {
            continue;
        }
        Result<Instant> at = instant_text(CrmReader::text(*ts));
        if (!at) {
            r.error(at.error().code, here + "/timestamp", at.error().message);
            continue;
        }
        out.push_back({*at, *value, hubspot_actor(e), here + "/value"});
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const HubSpotEntry& a, const HubSpotEntry& b) { return a.at < b.at; });
    return out;
}

/// Stage changes from the stages a lead entered, in time order: each a change from the stage
/// before (at first, `lead`), skipping values that map to the stage it was in.
std::vector<StageChange> entered_stages(const std::vector<std::pair<Instant, Stage>>& entered,
                                        const std::vector<std::string>& actors) {
    std::vector<StageChange> out;
    Stage before = Stage::lead;
    for (std::size_t i = 0; i < entered.size(); ++i) {
        const auto& [at, stage] = entered[i];
        if (stage != before) {
            out.push_back(StageChange{at, before, stage, actors[i], ""});
            before = stage;
        }
    }
    return out;
}

/// The history a HubSpot lead record carries: stage changes from `propertiesWithHistory` of
/// the stage field, else from the `hs_lifecyclestage_<value>_date` properties; attribute
/// changes from `propertiesWithHistory` of mapped attributes.
void hubspot_record_history(const json& record,
                            CrmReader& x,
                            const CrmMapping& m,
                            const Schema& schema,
                            const Lifecycle* lifecycle,
                            CrmLead& out) {
    detail::Reader& r = x.reader();
    std::vector<std::pair<Instant, Stage>> entered;
    std::vector<std::string> actors;
    if (m.stage.empty()) {
        // no stage field: no stage history
    } else if (auto h = hubspot_history(record, m.stage, x.base(), r)) {
        for (const HubSpotEntry& e : *h) {
            if (e.value.empty()) {
                continue;
            }
            if (const auto s = crm_stage(e.value, e.where, r, lifecycle)) {
                entered.emplace_back(e.at, *s);
                actors.push_back(e.actor);
            }
        }
    } else if (m.stage == "lifecyclestage") {
        const auto p = record.find("properties");
        constexpr std::string_view prefix = "hs_lifecyclestage_";
        constexpr std::string_view suffix = "_date";
        std::vector<std::tuple<Instant, std::string, Stage>> dates;
        if (p != record.end() && p->is_object()) {
            for (auto it = p->begin(); it != p->end(); ++it) {
                const std::string& key = it.key();
                if (key.size() <= prefix.size() + suffix.size() || !key.starts_with(prefix) ||
                    !key.ends_with(suffix) || !it->is_string() ||
                    it->get_ref<const std::string&>().empty()) {
                    continue;
                }
                const std::string where = detail::pointer_append(x.base() + "/properties", key);
                Result<Instant> at = instant_text(it->get<std::string>());
                if (!at) {
                    r.error(at.error().code, where, at.error().message);
                    continue;
                }
                const std::string value =
                    key.substr(prefix.size(), key.size() - prefix.size() - suffix.size());
                if (const auto s = crm_stage(value, where, r, lifecycle)) {
                    dates.emplace_back(*at, value, *s);
                }
            }
        }
        std::sort(dates.begin(), dates.end());  // by instant, then value: the same every time
        for (const auto& [at, value, stage] : dates) {
            entered.emplace_back(at, stage);
            actors.emplace_back();
        }
    }
    out.changes = entered_stages(entered, actors);
    for (const auto& [attribute, field] : m.attributes) {
        const auto type = schema.attributes.find(attribute);
        auto h = hubspot_history(record, field, x.base(), r);
        if (type == schema.attributes.end() || !h) {
            continue;
        }
        AttributeValue before;
        for (const HubSpotEntry& e : *h) {
            AttributeValue now =
                e.value.empty() ? AttributeValue{} : x.value(json(e.value), type->second, e.where);
            if (now != before) {
                out.attribute_changes.push_back(
                    AttributeChange{e.at, attribute, before, now, e.actor});
                before = std::move(now);
            }
        }
    }
    std::stable_sort(
        out.attribute_changes.begin(), out.attribute_changes.end(),
        [](const AttributeChange& a, const AttributeChange& b) { return a.at < b.at; });
}

/// One record (an object); every error goes to `x`'s list.
CrmLead read_record(const json& record,
                    CrmReader& x,
                    const CrmMapping& m,
                    const Schema& schema,
                    const Lifecycle* lifecycle) {
    detail::Reader& r = x.reader();
    const std::string& base = x.base();
    CrmLead out;
    Lead& lead = out.lead;
    // The id.
    const bool hubspot = m.source == CrmMapping::Source::hubspot;
    const std::string id_field = m.id.empty() ? (hubspot ? "" : "Id") : m.id;
    if (id_field.empty()) {
        const auto id = r.string(record, "id", base, true);
        lead.id = LeadId{id.value_or("")};
    } else {
        const auto [v, where] = x.field(record, id_field);
        if (v == nullptr) {
            r.error(ErrorCode::json_missing_key, where,
                    fmt::format("missing the id field \"{}\"", id_field));
        } else {
            lead.id = LeadId{CrmReader::text(*v)};
        }
    }
    // created_at, and when the record last changed.
    const auto instant_field = [&](const std::string& name, const char* what,
                                   bool required) -> std::optional<Instant> {
        const auto [v, where] = x.field(record, name);
        if (v == nullptr) {
            if (required) {
                r.error(ErrorCode::json_missing_key, where,
                        fmt::format("missing \"{}\", {}", name, what));
            }
            return std::nullopt;
        }
        Result<Instant> t = instant_text(CrmReader::text(*v));
        if (!t) {
            r.error(t.error().code, where, t.error().message);
            return std::nullopt;
        }
        return *t;
    };
    lead.created_at = instant_field(m.created_at, "the creation time", true).value_or(Instant{});
    const std::string modified =
        !m.modified_at.empty() ? m.modified_at : (hubspot ? "updatedAt" : "SystemModstamp");
    out.modified_at = instant_field(modified, "the time of the last change", false);
    if (!m.stage.empty()) {
        const auto [v, where] = x.field(record, m.stage);
        if (v != nullptr) {
            lead.stage = crm_stage(CrmReader::text(*v), where, r, lifecycle).value_or(lead.stage);
        }
    }
    if (!m.owner.empty()) {
        if (const auto [v, where] = x.field(record, m.owner); v != nullptr) {
            lead.owner = OwnerId{CrmReader::text(*v)};
        }
    }
    if (!m.account.empty()) {
        if (const auto [v, where] = x.field(record, m.account); v != nullptr) {
            lead.account = AccountId{CrmReader::text(*v)};
        }
    }
    for (const auto& [attribute, crm_field] : m.attributes) {
        const auto [v, where] = x.field(record, crm_field);
        if (v == nullptr) {
            continue;
        }
        const auto type = schema.attributes.find(attribute);
        if (type == schema.attributes.end()) {
            continue;  // parse_crm_mapping checked it against the schema
        }
        AttributeValue value = x.value(*v, type->second, where);
        if (!value.is_null()) {
            lead.attributes.emplace(attribute, std::move(value));
        }
    }
    if (hubspot) {
        hubspot_record_history(record, x, m, schema, lifecycle, out);
    }
    return out;
}

/// Whether `doc` holds the id field the mapping reads: then it is a record, whatever else it has.
bool has_id(const json& doc, const CrmMapping& m) {
    const bool hubspot = m.source == CrmMapping::Source::hubspot;
    const std::string& id = m.id.empty() ? (hubspot ? std::string{"id"} : std::string{"Id"}) : m.id;
    if (doc.contains(id)) {
        return true;
    }
    const auto p = doc.find("properties");
    return hubspot && !m.id.empty() && p != doc.end() && p->is_object() && p->contains(id);
}

/// The records of a parsed text and the pointer of the array that holds them ("" for a record
/// alone), or an error for a document that is none of the shapes. An object is a page when it
/// has no id field and a `records` (Salesforce) or `results` (HubSpot) member.
Result<std::pair<const json*, std::string>> records_of(const json& doc, const CrmMapping& m) {
    if (doc.is_array()) {
        return std::pair<const json*, std::string>{&doc, ""};
    }
    if (!doc.is_object()) {
        return Error{
            ErrorCode::json_type, "",
            fmt::format("expected a CRM record object, got {}", detail::json_type_name(doc))};
    }
    for (const char* key : {"records", "results"}) {  // Salesforce, HubSpot
        const auto it = doc.find(key);
        if (it != doc.end() && !has_id(doc, m)) {
            if (!it->is_array()) {
                return Error{ErrorCode::json_type, fmt::format("/{}", key),
                             fmt::format("expected an array of records, got {}",
                                         detail::json_type_name(*it))};
            }
            return std::pair<const json*, std::string>{&*it, fmt::format("/{}", key)};
        }
    }
    return std::pair<const json*, std::string>{nullptr, ""};  // one record
}

}  // namespace

Result<Lead> read_crm_lead(std::string_view line,
                           const CrmMapping& m,
                           const Schema& schema,
                           const Lifecycle* lifecycle) {
    Result<json> doc = detail::parse_json_text(line, record_limits);
    if (!doc) {
        return doc.error();
    }
    if (!doc->is_object()) {
        return Error{
            ErrorCode::json_type, "",
            fmt::format("expected a CRM record object, got {}", detail::json_type_name(*doc))};
    }
    std::vector<Error> errors;
    CrmReader x{m, errors, "", nullptr};
    CrmLead record = read_record(*doc, x, m, schema, lifecycle);
    if (!errors.empty()) {
        return errors.front();
    }
    return std::move(record.lead);
}

namespace {

/// Calls `read(record, base, errors)` for each record of a CRM text (an object; `base` its JSON
/// pointer) and keeps the first error of each record that had any in `errors`, located.
template <typename Read>
void each_record(std::string_view text,
                 const CrmMapping& m,
                 std::vector<Error>& errors,
                 const Read& read) {
    Result<json> doc = detail::parse_json_text(text, page_limits);
    if (!doc) {
        errors.push_back(doc.error());
        return;
    }
    Result<std::pair<const json*, std::string>> records = records_of(*doc, m);
    if (!records) {
        errors.push_back(records.error());
        detail::locate_errors(text, errors);
        return;
    }
    const auto read_one = [&](const json& record, std::string base) {
        std::vector<Error> record_errors;
        if (!record.is_object()) {
            record_errors.push_back({ErrorCode::json_type, base,
                                     fmt::format("expected a CRM record object, got {}",
                                                 detail::json_type_name(record))});
        } else {
            read(record, std::move(base), record_errors);
        }
        if (!record_errors.empty()) {
            errors.push_back(std::move(record_errors.front()));  // the first of each record
        }
    };
    const auto& [list, where] = *records;
    if (list == nullptr) {
        read_one(*doc, "");
    } else {
        for (std::size_t i = 0; i < list->size(); ++i) {
            read_one((*list)[i], fmt::format("{}/{}", where, i));
        }
    }
    detail::locate_errors(text, errors);
}

/// A field-history record: a stage change, attribute changes, or a field the mapping skips.
void read_history_record(const json& record,
                         CrmReader& x,
                         const CrmMapping& m,
                         const Schema& schema,
                         const Lifecycle* lifecycle,
                         std::vector<LeadEvent>& events,
                         CrmEvents& out) {
    const CrmHistoryMapping& h = *m.history;
    detail::Reader& r = x.reader();
    const auto [lead, lead_at] = x.lookup(record, h.lead);
    const auto id = lead != nullptr ? CrmReader::id_text(*lead) : std::nullopt;
    if (!id) {
        r.error(ErrorCode::json_missing_key, lead_at,
                fmt::format("missing the lead id field \"{}\"", h.lead));
    }
    const auto [at_value, at_where] = x.lookup(record, h.at);
    std::optional<Instant> at;
    if (at_value == nullptr) {
        r.error(ErrorCode::json_missing_key, at_where,
                fmt::format("missing \"{}\", when the field changed", h.at));
    } else if (Result<Instant> t = instant_text(CrmReader::text(*at_value)); t) {
        at = *t;
    } else {
        r.error(t.error().code, at_where, t.error().message);
    }
    const auto [actor, actor_where] = x.lookup(record, h.actor);
    const auto [field_value, field_where] = x.lookup(record, h.field);
    if (!id || !at || field_value == nullptr || !field_value->is_string()) {
        if (field_value != nullptr && !field_value->is_string()) {
            r.type_error(field_where, "the changed field's name", *field_value);
        }
        return;
    }
    const std::string field = field_value->get<std::string>();
    const auto [old_value, old_where] = x.lookup(record, h.old_value);
    const auto [new_value, new_where] = x.lookup(record, h.new_value);
    const std::string who = actor != nullptr ? CrmReader::text(*actor) : "";
    bool mapped = false;
    if (!m.stage.empty() && field == m.stage) {
        mapped = true;
        const auto stage_of = [&](const json* v, const std::string& where) -> std::optional<Stage> {
            if (v == nullptr) {
                return Stage::lead;  // unset: where every lead starts
            }
            return crm_stage(CrmReader::text(*v), where, r, lifecycle);
        };
        const auto from = stage_of(old_value, old_where);
        const auto to = stage_of(new_value, new_where);
        // Two CRM values of one stage ("Open", "Contacted" -> lead): no stage change.
        if (from && to && *from != *to) {
            events.push_back(LeadEvent{LeadId{*id}, StageChange{*at, *from, *to, who, ""}});
        }
    }
    for (const auto& [attribute, crm_field] : m.attributes) {
        const auto type = schema.attributes.find(attribute);
        if (crm_field != field || type == schema.attributes.end()) {
            continue;
        }
        mapped = true;
        AttributeChange change{*at, attribute, {}, {}, who};
        if (old_value != nullptr) {
            change.from = x.value(*old_value, type->second, old_where);
        }
        if (new_value != nullptr) {
            change.to = x.value(*new_value, type->second, new_where);
        }
        events.push_back(LeadEvent{LeadId{*id}, std::move(change)});
    }
    if (!mapped) {
        ++out.unmapped_history[field];
    }
}

/// Whether an activity record has the values a rule asks for.
bool matches(const json& record, CrmReader& x, const CrmActivityRule& rule) {
    return std::all_of(rule.when.begin(), rule.when.end(), [&](const auto& condition) {
        const auto& [field, expected] = condition;
        const auto [v, where] = x.lookup(record, field);
        return v != nullptr && (expected == "*" || CrmReader::text(*v) == expected);
    });
}

/// An activity record: an activity of the first rule it matches, or counted as unmatched.
void read_activity_record(const json& record,
                          CrmReader& x,
                          const CrmMapping& m,
                          std::vector<LeadEvent>& events,
                          CrmEvents& out) {
    const CrmActivityMapping& a = *m.activities;
    detail::Reader& r = x.reader();
    const bool hubspot = m.source == CrmMapping::Source::hubspot;
    const auto rule = std::find_if(a.rules.begin(), a.rules.end(),
                                   [&](const CrmActivityRule& k) { return matches(record, x, k); });
    if (rule == a.rules.end()) {
        ++out.unmatched;
        return;
    }
    Activity activity;
    activity.type = rule->type;
    activity.properties = rule->properties;
    const char* id_key = hubspot ? "id" : "Id";
    if (const auto it = record.find(id_key);
        it != record.end() && (it->is_string() || it->is_number_integer())) {
        activity.id = ActivityId{CrmReader::text(*it)};
    } else {
        r.error(ErrorCode::json_missing_key, detail::pointer_append(x.base(), id_key),
                fmt::format("missing the activity's id \"{}\"", id_key));
    }
    const std::string lead_field =
        !a.lead.empty() ? a.lead : (hubspot ? "associations.contacts" : "WhoId");
    const auto [lead, lead_where] = x.lookup(record, lead_field);
    const auto id = lead != nullptr ? CrmReader::id_text(*lead) : std::nullopt;
    if (!id) {
        r.error(ErrorCode::json_missing_key, lead_where,
                fmt::format("missing the lead of the activity (\"{}\")", lead_field));
    }
    const std::vector<std::string> time_fields =
        !a.occurred_at.empty()
            ? a.occurred_at
            : (hubspot ? std::vector<std::string>{"hs_timestamp"}
                       : std::vector<std::string>{"ActivityDateTime", "CreatedDate"});
    std::optional<Instant> at;
    std::string missing_where;
    for (const std::string& f : time_fields) {
        const auto [v, where] = x.lookup(record, f);
        if (v == nullptr) {
            missing_where = missing_where.empty() ? where : missing_where;
            continue;
        }
        Result<Instant> t = instant_text(CrmReader::text(*v));
        if (!t) {
            r.error(t.error().code, where, t.error().message);
            return;
        }
        at = *t;
        break;
    }
    if (!at) {
        std::string names;
        for (const std::string& f : time_fields) {
            names += fmt::format("{}\"{}\"", names.empty() ? "" : " or ", f);
        }
        r.error(ErrorCode::json_missing_key, missing_where,
                fmt::format("missing {}, when the activity happened", names));
        return;
    }
    activity.occurred_at = *at;
    if (id) {
        events.push_back(LeadEvent{LeadId{*id}, std::move(activity)});
    }
}

}  // namespace

CrmPage read_crm_page(std::string_view text,
                      const CrmMapping& m,
                      const Schema& schema,
                      const Lifecycle* lifecycle) {
    CrmPage page;
    each_record(text, m, page.errors,
                [&](const json& record, std::string base, std::vector<Error>& errors) {
                    CrmReader x{m, errors, std::move(base), &page.fields_seen};
                    CrmLead lead = read_record(record, x, m, schema, lifecycle);
                    if (errors.empty()) {
                        page.leads.push_back(std::move(lead));
                    }
                });
    return page;
}

CrmEvents read_crm_events(std::string_view text,
                          const CrmMapping& m,
                          const Schema& schema,
                          const Lifecycle* lifecycle) {
    CrmEvents out;
    each_record(
        text, m, out.errors, [&](const json& record, std::string base, std::vector<Error>& errors) {
            CrmReader x{m, errors, std::move(base), nullptr};
            std::vector<LeadEvent> events;
            const bool history = m.history && record.contains(m.history->field) &&
                                 record.contains(m.history->new_value);
            if (history) {
                read_history_record(record, x, m, schema, lifecycle, events, out);
            } else if (m.activities) {
                read_activity_record(record, x, m, events, out);
            } else {
                x.reader().error(ErrorCode::json_missing_key, x.base(),
                                 m.history
                                     ? fmt::format("not a history record (it lacks \"{}\" or "
                                                   "\"{}\") and the mapping reads no activities",
                                                   m.history->field, m.history->new_value)
                                     : std::string{"the mapping has no \"activities\" or "
                                                   "\"history\" section to read this record"});
            }
            if (errors.empty()) {
                std::move(events.begin(), events.end(), std::back_inserter(out.events));
            }
        });
    return out;
}

std::size_t keep_latest(std::vector<CrmLead>& leads) {
    // The position of each id's latest version: the latest modified_at (a record without one
    // is older than any with one); between equals, the one read later.
    std::map<std::string, std::size_t, std::less<>> latest;
    for (std::size_t i = 0; i < leads.size(); ++i) {
        const auto [it, inserted] = latest.try_emplace(leads[i].lead.id.value(), i);
        if (!inserted && !(leads[i].modified_at < leads[it->second].modified_at)) {
            it->second = i;
        }
    }
    // Each id once, where it first appeared, with its latest contents.
    std::vector<CrmLead> out;
    out.reserve(latest.size());
    std::set<std::string, std::less<>> placed;
    for (const CrmLead& l : leads) {
        if (placed.insert(l.lead.id.value()).second) {
            out.push_back(leads[latest.find(l.lead.id.value())->second]);
        }
    }
    const std::size_t dropped = leads.size() - out.size();
    leads = std::move(out);
    return dropped;
}

std::vector<std::string> unseen_fields(const CrmMapping& m,
                                       const std::set<std::string, std::less<>>& seen) {
    std::vector<std::string> out;
    const auto check = [&](const std::string& field) {
        if (!field.empty() && !seen.contains(field) &&
            std::find(out.begin(), out.end(), field) == out.end()) {
            out.push_back(field);
        }
    };
    check(m.created_at);
    check(m.stage);
    check(m.owner);
    check(m.account);
    for (const auto& [attribute, field] : m.attributes) {
        check(field);
    }
    return out;
}

}  // namespace leadsla
