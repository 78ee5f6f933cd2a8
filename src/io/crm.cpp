// SPDX-License-Identifier: Apache-2.0
// CRM lead records (HubSpot objects, Salesforce Leads) read as leads through a declared mapping.
#include <algorithm>
#include <charconv>
#include <chrono>
#include <limits>
#include <map>
#include <set>

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
        text.insert(n - 2, ":");
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
                  "attributes"})) {
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
    }
    detail::locate_errors(json_text, errors);
    if (!errors.empty()) {
        return errors.front();
    }
    return m;
}

namespace {

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
            const std::string value = CrmReader::text(*v);
            Result<Stage> s = lifecycle != nullptr ? lifecycle->map_crm_stage(value)
                                                   : parse_stage_or_error(value);
            if (s) {
                lead.stage = *s;
            } else {
                r.error(s.error().code, where, s.error().message);
            }
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

CrmPage read_crm_page(std::string_view text,
                      const CrmMapping& m,
                      const Schema& schema,
                      const Lifecycle* lifecycle) {
    CrmPage page;
    Result<json> doc = detail::parse_json_text(text, page_limits);
    if (!doc) {
        page.errors.push_back(doc.error());
        return page;
    }
    Result<std::pair<const json*, std::string>> records = records_of(*doc, m);
    if (!records) {
        page.errors.push_back(records.error());
        detail::locate_errors(text, page.errors);
        return page;
    }
    const auto read_one = [&](const json& record, std::string base) {
        std::vector<Error> errors;
        if (!record.is_object()) {
            errors.push_back({ErrorCode::json_type, base,
                              fmt::format("expected a CRM record object, got {}",
                                          detail::json_type_name(record))});
        } else {
            CrmReader x{m, errors, std::move(base), &page.fields_seen};
            CrmLead lead = read_record(record, x, m, schema, lifecycle);
            if (errors.empty()) {
                page.leads.push_back(std::move(lead));
                return;
            }
        }
        page.errors.push_back(std::move(errors.front()));  // the first error of each record
    };
    const auto& [list, where] = *records;
    if (list == nullptr) {
        read_one(*doc, "");
    } else {
        for (std::size_t i = 0; i < list->size(); ++i) {
            read_one((*list)[i], fmt::format("{}/{}", where, i));
        }
    }
    detail::locate_errors(text, page.errors);
    return page;
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
