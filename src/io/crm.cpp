// SPDX-License-Identifier: Apache-2.0
// CRM lead records (HubSpot objects, Salesforce Leads) read as leads through a declared mapping.
#include <charconv>
#include <chrono>
#include <limits>

#include <leadsla/io/crm.hpp>

#include "json/shared/reader.hpp"
#include "json/shared/text.hpp"

namespace leadsla {
namespace {

using nlohmann::json;

constexpr detail::JsonLimits record_limits{std::size_t{1} << 20, 8};

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

Result<Instant> instant_text(const std::string& text) {
    if (const auto ms = integer_text(text)) {
        return instant_from_unix_ms(*ms);  // epoch milliseconds, as HubSpot sends them
    }
    return parse_instant(with_offset_colon(text));
}

class CrmReader {
public:
    CrmReader(const CrmMapping& m, std::vector<Error>& errors) : m_(m), r_(errors) {}

    detail::Reader& reader() { return r_; }

    /// The field's JSON value and its pointer, or nullptr when absent (or `""` in HubSpot).
    std::pair<const json*, std::string> field(const json& record, const std::string& name) {
        const bool hubspot = m_.source == CrmMapping::Source::hubspot;
        const json* holder = &record;
        std::string where;
        if (hubspot) {
            const auto p = record.find("properties");
            if (p == record.end() || !p->is_object()) {
                return {nullptr, "/properties"};
            }
            holder = &*p;
            where = "/properties";
        }
        where = detail::pointer_append(where, name);
        const auto it = holder->find(name);
        if (it == holder->end() || it->is_null() ||
            (hubspot && it->is_string() && it->get_ref<const std::string&>().empty())) {
            return {nullptr, where};
        }
        if (hubspot && !it->is_string()) {
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
                 {"source", "id", "created_at", "stage", "owner", "account", "attributes"})) {
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
    CrmReader x{m, errors};
    detail::Reader& r = x.reader();
    Lead lead;
    // The id.
    const bool hubspot = m.source == CrmMapping::Source::hubspot;
    const std::string id_field = m.id.empty() ? (hubspot ? "" : "Id") : m.id;
    if (id_field.empty()) {
        const auto id = r.string(*doc, "id", "", true);
        lead.id = LeadId{id.value_or("")};
    } else {
        const auto [v, where] = x.field(*doc, id_field);
        if (v == nullptr) {
            r.error(ErrorCode::json_missing_key, where,
                    fmt::format("missing the id field \"{}\"", id_field));
        } else {
            lead.id = LeadId{CrmReader::text(*v)};
        }
    }
    // created_at.
    {
        const auto [v, where] = x.field(*doc, m.created_at);
        if (v == nullptr) {
            r.error(ErrorCode::json_missing_key, where,
                    fmt::format("missing \"{}\", the creation time", m.created_at));
        } else {
            Result<Instant> t = instant_text(CrmReader::text(*v));
            if (t) {
                lead.created_at = *t;
            } else {
                r.error(t.error().code, where, t.error().message);
            }
        }
    }
    if (!m.stage.empty()) {
        const auto [v, where] = x.field(*doc, m.stage);
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
        if (const auto [v, where] = x.field(*doc, m.owner); v != nullptr) {
            lead.owner = OwnerId{CrmReader::text(*v)};
        }
    }
    if (!m.account.empty()) {
        if (const auto [v, where] = x.field(*doc, m.account); v != nullptr) {
            lead.account = AccountId{CrmReader::text(*v)};
        }
    }
    for (const auto& [attribute, crm_field] : m.attributes) {
        const auto [v, where] = x.field(*doc, crm_field);
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
    if (!errors.empty()) {
        return errors.front();
    }
    return lead;
}

}  // namespace leadsla
