// SPDX-License-Identifier: Apache-2.0
// Leads and history events from JSON lines, typed by the policy's schema.
#include <chrono>
#include <cstdint>
#include <limits>

#include <leadsla/io/lead_json.hpp>

#include "json/shared/reader.hpp"
#include "json/shared/text.hpp"

namespace leadsla {
namespace {

using nlohmann::json;

/// Input lines are flat records: a small depth limit keeps hostile lines cheap.
constexpr detail::JsonLimits line_limits{std::size_t{1} << 20, 8};

class InputReader {
public:
    explicit InputReader(std::vector<Error>& errors) : r_(errors) {}

    detail::Reader& reader() { return r_; }

    /// RFC 3339 with an offset, or integer epoch milliseconds.
    std::optional<Instant> instant(const json& v, const std::string& where) {
        if (v.is_number_integer()) {
            const auto ms =
                v.is_number_unsigned() &&
                        v.get<std::uint64_t>() >
                            static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())
                    ? std::optional<std::int64_t>{}
                    : std::optional{v.get<std::int64_t>()};
            // ±10^15 ms is about ±31,700 years: beyond that a value is a unit mistake.
            constexpr std::int64_t bound = 1'000'000'000'000'000;
            if (!ms || *ms > bound || *ms < -bound) {
                r_.error(
                    ErrorCode::parse_out_of_range, where,
                    fmt::format("{} is not a plausible epoch-milliseconds timestamp", v.dump()));
                return std::nullopt;
            }
            const auto floored =
                std::chrono::floor<std::chrono::seconds>(std::chrono::milliseconds{*ms});
            return Instant{floored};
        }
        if (!v.is_string()) {
            r_.type_error(where, "an RFC 3339 timestamp with offset or integer epoch milliseconds",
                          v);
            return std::nullopt;
        }
        Result<Instant> t = parse_instant(v.get_ref<const std::string&>());
        if (!t) {
            r_.error(t.error().code, where, t.error().message);
            return std::nullopt;
        }
        return *t;
    }

    std::optional<Instant> instant(const json& object,
                                   std::string_view key,
                                   const std::string& where,
                                   bool required) {
        const json* v = r_.member(object, key, where, required);
        return v == nullptr ? std::nullopt : instant(*v, detail::pointer_append(where, key));
    }

    /// `v` as an attribute of declared type `type`.
    AttributeValue value(const json& v, AttributeType type, const std::string& where) {
        if (v.is_null()) {
            return {};
        }
        switch (type) {
            case AttributeType::boolean:
                if (v.is_boolean()) {
                    return AttributeValue{v.get<bool>()};
                }
                r_.type_error(where, "true or false (declared bool)", v);
                return {};
            case AttributeType::integer:
                if (v.is_number_integer() &&
                    (!v.is_number_unsigned() ||
                     v.get<std::uint64_t>() <=
                         static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))) {
                    return AttributeValue{v.get<std::int64_t>()};
                }
                r_.type_error(where, "an integer (declared int)", v);
                return {};
            case AttributeType::decimal: {
                if (!v.is_number() && !v.is_string()) {
                    r_.type_error(where, "a number or a decimal string (declared decimal)", v);
                    return {};
                }
                Result<Decimal> d = Decimal::parse(v.is_string() ? v.get<std::string>() : v.dump());
                if (!d) {
                    r_.error(d.error().code, where, d.error().message);
                    return {};
                }
                return AttributeValue{*d};
            }
            case AttributeType::string:
                if (v.is_string()) {
                    return AttributeValue{v.get<std::string>()};
                }
                r_.type_error(where, "a string (declared string)", v);
                return {};
            case AttributeType::instant: {
                const auto t = instant(v, where);
                return t ? AttributeValue{*t} : AttributeValue{};
            }
            case AttributeType::string_list: {
                AttributeValue::StringList list;
                if (v.is_array()) {
                    for (const json& s : v) {
                        if (!s.is_string()) {
                            break;
                        }
                        list.push_back(s.get<std::string>());
                    }
                    if (list.size() == v.size()) {
                        return AttributeValue{std::move(list)};
                    }
                }
                r_.type_error(where, "an array of strings (declared string_list)", v);
                return {};
            }
            case AttributeType::null:
                break;
        }
        return {};
    }

    /// The members of `object[key]` that `declared` names, typed; others are skipped or, with
    /// `strict`, errors.
    Attributes attributes(const json& object,
                          std::string_view key,
                          const std::string& where,
                          const std::map<std::string, AttributeType, std::less<>>& declared,
                          bool strict) {
        Attributes out;
        const json* v = r_.member(object, key, where, false);
        if (v == nullptr) {
            return out;
        }
        const std::string here = detail::pointer_append(where, key);
        if (!v->is_object()) {
            r_.type_error(here, "an object of attribute values", *v);
            return out;
        }
        for (auto it = v->begin(); it != v->end(); ++it) {
            const auto type = declared.find(it.key());
            const std::string at = detail::pointer_append(here, it.key());
            if (type == declared.end()) {
                if (strict) {
                    r_.error(ErrorCode::json_unknown_key, at,
                             fmt::format("\"{}\" is not a declared property of this activity "
                                         "type (declared: {})",
                                         it.key(), names(declared)));
                }
                continue;
            }
            AttributeValue value = this->value(it.value(), type->second, at);
            if (!value.is_null()) {
                out.emplace(it.key(), std::move(value));
            }
        }
        return out;
    }

    static std::string names(const std::map<std::string, AttributeType, std::less<>>& declared) {
        std::string list;
        for (const auto& [name, type] : declared) {
            list += list.empty() ? "" : ", ";
            list += name;
        }
        return list.empty() ? "none" : list;
    }

    /// A non-empty string id at `object[key]`.
    std::string id(const json& object, std::string_view key, const std::string& where) {
        auto s = r_.string(object, key, where, true);
        if (s && s->empty()) {
            r_.error(ErrorCode::json_type, detail::pointer_append(where, key),
                     fmt::format("\"{}\" must not be empty", key));
        }
        return s.value_or("");
    }

private:
    detail::Reader r_;
};

template <typename T>
Result<T> first_or(std::vector<Error>& errors, T value) {
    if (!errors.empty()) {
        return errors.front();
    }
    return value;
}

}  // namespace

Result<Lead> read_lead_json(std::string_view text, const Schema& schema) {
    Result<json> doc = detail::parse_json_text(text, line_limits);
    if (!doc) {
        return doc.error();
    }
    std::vector<Error> errors;
    InputReader x{errors};
    detail::Reader& r = x.reader();
    Lead lead;
    if (!r.object(*doc, "", {"id", "created_at", "stage", "owner", "account", "attributes"})) {
        return errors.front();
    }
    lead.id = LeadId{x.id(*doc, "id", "")};
    lead.created_at = x.instant(*doc, "created_at", "", true).value_or(Instant{});
    lead.stage = r.stage(*doc, "stage", "", false).value_or(Stage::lead);
    for (const std::string_view key : {std::string_view{"owner"}, std::string_view{"account"}}) {
        const json* v = r.member(*doc, key, "", false);
        if (v == nullptr || v->is_null()) {
            continue;
        }
        if (!v->is_string() || v->get_ref<const std::string&>().empty()) {
            r.type_error(detail::pointer_append("", key), "a non-empty string or null", *v);
            continue;
        }
        if (key == "owner") {
            lead.owner = OwnerId{v->get<std::string>()};
        } else {
            lead.account = AccountId{v->get<std::string>()};
        }
    }
    lead.attributes = x.attributes(*doc, "attributes", "", schema.attributes, false);
    return first_or(errors, std::move(lead));
}

Result<LeadEvent> read_event_json(std::string_view text, const Schema& schema) {
    Result<json> doc = detail::parse_json_text(text, line_limits);
    if (!doc) {
        return doc.error();
    }
    std::vector<Error> errors;
    InputReader x{errors};
    detail::Reader& r = x.reader();
    LeadEvent out;
    if (doc->is_object() && doc->contains("stage_change")) {
        if (!r.object(*doc, "", {"lead", "stage_change"})) {
            return errors.front();
        }
        out.lead = LeadId{x.id(*doc, "lead", "")};
        const json& c = (*doc)["stage_change"];
        StageChange change;
        if (r.object(c, "/stage_change", {"at", "from", "to", "actor", "reason"})) {
            change.at = x.instant(c, "at", "/stage_change", true).value_or(Instant{});
            change.from = r.stage(c, "from", "/stage_change", true).value_or(Stage::lead);
            change.to = r.stage(c, "to", "/stage_change", true).value_or(Stage::lead);
            change.actor = r.string(c, "actor", "/stage_change", false).value_or("");
            change.reason = r.string(c, "reason", "/stage_change", false).value_or("");
        }
        out.event = std::move(change);
        return first_or(errors, std::move(out));
    }
    if (!r.object(*doc, "", {"id", "lead", "occurred_at", "type", "properties"})) {
        return errors.front();
    }
    Activity activity;
    activity.id = ActivityId{x.id(*doc, "id", "")};
    out.lead = LeadId{x.id(*doc, "lead", "")};
    activity.occurred_at = x.instant(*doc, "occurred_at", "", true).value_or(Instant{});
    activity.type = r.string(*doc, "type", "", true).value_or("");
    const auto declared = schema.activities.find(activity.type);
    if (declared == schema.activities.end()) {
        if (!activity.type.empty()) {
            std::string list;
            for (const auto& [name, properties] : schema.activities) {
                list += list.empty() ? "" : ", ";
                list += name;
            }
            r.error(ErrorCode::expr_unknown_activity, "/type",
                    fmt::format("\"{}\" is not an activity type of the policy's schema "
                                "(declared: {})",
                                activity.type, list.empty() ? "none" : list));
        }
    } else {
        activity.properties = x.attributes(*doc, "properties", "", declared->second, true);
    }
    out.event = std::move(activity);
    return first_or(errors, std::move(out));
}

}  // namespace leadsla
