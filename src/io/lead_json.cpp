// SPDX-License-Identifier: Apache-2.0
// Leads and history events from JSON lines, typed by the policy's schema. Lines are parsed with
// simdjson (every byte validated: UTF-8, structure, numbers), one reusable parser per reader, so a
// file of millions of lines reads at the speed the review needs.
#include <chrono>
#include <cstdint>
#include <limits>
#include <map>

#include <leadsla/io/lead_json.hpp>

#include "io/json_line.hpp"
#include "json/shared/text.hpp"

#include <simdjson.h>

namespace leadsla {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;
using simdjson::dom::object;

using detail::pointer_append;

/// Where a value is, made into a JSON pointer only when an error needs it (most lines have
/// none): a base pointer and up to two keys below it.
struct Path {
    std::string_view base;
    std::string_view key;
    std::string_view inner;

    [[nodiscard]] std::string str() const {
        std::string out{base};
        if (!key.empty()) {
            out = pointer_append(out, key);
        }
        if (!inner.empty()) {
            out = pointer_append(out, inner);
        }
        return out;
    }
};

/// Collects the errors of one line; the first one is what the caller gets.
class LineReader {
public:
    std::vector<Error> errors;

    void error(ErrorCode code, std::string where, std::string message) {
        errors.push_back(Error{code, std::move(where), std::move(message)});
    }
    void type_error(const std::string& where, std::string_view expected, const element& got) {
        error(ErrorCode::json_type, where,
              fmt::format("expected {}, got {}", expected, detail::json_type_name(got)));
    }
    void type_error(const Path& where, std::string_view expected, const element& got) {
        type_error(where.str(), expected, got);
    }

    /// Checks that `v` is an object with each key once and none outside `allowed` ("$comment"
    /// is always allowed).
    bool object_of(const element& v,
                   const std::string& where,
                   std::initializer_list<std::string_view> allowed) {
        if (v.type() != element_type::OBJECT) {
            type_error(where, "an object", v);
            return false;
        }
        if (!unique_keys(v, where)) {
            return false;
        }
        for (const auto field : object(v)) {
            if (field.key != "$comment" &&
                std::find(allowed.begin(), allowed.end(), field.key) == allowed.end()) {
                std::string list;
                for (const std::string_view a : allowed) {
                    list += list.empty() ? "" : ", ";
                    list += a;
                }
                error(ErrorCode::json_unknown_key, pointer_append(where, field.key),
                      fmt::format("unknown key \"{}\" (expected one of: {})", field.key, list));
            }
        }
        return true;
    }

    /// False (with the error) when a key repeats in `v` (an object).
    bool unique_keys(const element& v, const std::string& where) {
        if (const auto key = detail::first_repeated_key(object(v))) {
            error(ErrorCode::json_syntax, pointer_append(where, *key),
                  detail::repeated_key_message(*key));
            return false;
        }
        return true;
    }

    std::optional<element> member(const element& obj,
                                  std::string_view key,
                                  const std::string& where,
                                  bool required) {
        element v;
        if (object(obj).at_key(key).get(v) != simdjson::SUCCESS) {
            if (required) {
                error(ErrorCode::json_missing_key, pointer_append(where, key),
                      fmt::format("missing \"{}\"", key));
            }
            return std::nullopt;
        }
        return v;
    }

    std::optional<std::string> string(const element& obj,
                                      std::string_view key,
                                      const std::string& where,
                                      bool required) {
        const std::optional<element> v = member(obj, key, where, required);
        if (!v) {
            return std::nullopt;
        }
        if (v->type() != element_type::STRING) {
            type_error(pointer_append(where, key), "a string", *v);
            return std::nullopt;
        }
        return std::string{std::string_view(*v)};
    }

    /// A non-empty string id at `obj[key]`.
    std::string id(const element& obj, std::string_view key, const std::string& where) {
        auto s = string(obj, key, where, true);
        if (s && s->empty()) {
            error(ErrorCode::json_type, pointer_append(where, key),
                  fmt::format("\"{}\" must not be empty", key));
        }
        return s.value_or("");
    }

    std::optional<Stage> stage(const element& obj,
                               std::string_view key,
                               const std::string& where,
                               bool required) {
        const std::optional<element> v = member(obj, key, where, required);
        if (!v) {
            return std::nullopt;
        }
        if (v->type() != element_type::STRING) {
            type_error(pointer_append(where, key), "a stage name", *v);
            return std::nullopt;
        }
        Result<Stage> s = parse_stage_or_error(std::string_view(*v));
        if (!s) {
            error(s.error().code, pointer_append(where, key), s.error().message);
            return std::nullopt;
        }
        return *s;
    }

    /// RFC 3339 with an offset, or integer epoch milliseconds.
    std::optional<Instant> instant(const element& v, const Path& where) {
        Result<Instant> at = detail::json_instant(v);
        if (!at) {
            error(at.error().code, where.str(), at.error().message);
            return std::nullopt;
        }
        return *at;
    }

    std::optional<Instant> instant(const element& obj,
                                   std::string_view key,
                                   const std::string& where,
                                   bool required) {
        const std::optional<element> v = member(obj, key, where, required);
        return v ? instant(*v, Path{where, key, {}}) : std::nullopt;
    }

    /// `v` as an attribute of declared type `type`.
    AttributeValue value(const element& v, AttributeType type, const Path& where) {
        Result<AttributeValue> typed = detail::json_attribute(v, type);
        if (!typed) {
            error(typed.error().code, where.str(), typed.error().message);
            return {};
        }
        return *std::move(typed);
    }

    /// The members of `obj[key]` that `declared` names, typed; others are skipped or, with
    /// `strict`, errors.
    Attributes attributes(const element& obj,
                          std::string_view key,
                          const std::string& where,
                          const std::map<std::string, AttributeType, std::less<>>& declared,
                          bool strict) {
        Attributes out;
        const std::optional<element> v = member(obj, key, where, false);
        if (!v) {
            return out;
        }
        if (v->type() != element_type::OBJECT) {
            type_error(pointer_append(where, key), "an object of attribute values", *v);
            return out;
        }
        if (!unique_keys(*v, pointer_append(where, key))) {
            return out;
        }
        for (const auto field : object(*v)) {
            const auto type = declared.find(field.key);
            if (type == declared.end()) {
                if (strict) {
                    error(ErrorCode::json_unknown_key, Path{where, key, field.key}.str(),
                          fmt::format("\"{}\" is not a declared property of this activity "
                                      "type (declared: {})",
                                      field.key, names(declared)));
                }
                continue;
            }
            AttributeValue value =
                this->value(field.value, type->second, Path{where, key, field.key});
            if (!value.is_null()) {
                out.emplace(std::string{field.key}, std::move(value));
            }
        }
        return out;
    }

    /// `{"at", "attribute", "from", "to", "actor"}`: the attribute must be declared, and `from`
    /// and `to` (null for unset) typed as declared.
    AttributeChange attribute_change(const element& v, const std::string& where, const Schema& s) {
        AttributeChange change;
        if (!object_of(v, where, {"at", "attribute", "from", "to", "actor"})) {
            return change;
        }
        change.at = instant(v, "at", where, true).value_or(Instant{});
        change.attribute = string(v, "attribute", where, true).value_or("");
        change.actor = string(v, "actor", where, false).value_or("");
        const auto type = s.attributes.find(change.attribute);
        if (type == s.attributes.end()) {
            if (!change.attribute.empty()) {
                error(ErrorCode::policy_unknown_reference, pointer_append(where, "attribute"),
                      fmt::format("\"{}\" is not an attribute of the policy's schema "
                                  "(declared: {})",
                                  change.attribute, names(s.attributes)));
            }
            return change;
        }
        for (const std::string_view key : {std::string_view{"from"}, std::string_view{"to"}}) {
            const std::optional<element> value = member(v, key, where, true);
            if (value && value->type() != element_type::NULL_VALUE) {
                (key == "from" ? change.from : change.to) =
                    this->value(*value, type->second, Path{where, key, {}});
            }
        }
        return change;
    }

    static std::string names(const std::map<std::string, AttributeType, std::less<>>& declared) {
        std::string list;
        for (const auto& [name, type] : declared) {
            list += list.empty() ? "" : ", ";
            list += name;
        }
        return list.empty() ? "none" : list;
    }
};

// GCC 12 at -O3 reports -Wmaybe-uninitialized when a LeadEvent holding a StageChange is moved
// into a Result (a false positive of its variant move; every member of StageChange has an
// initializer). Off for this function only.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
template <typename T>
Result<T> first_or(std::vector<Error>& errors, T value) {
    if (!errors.empty()) {
        return errors.front();
    }
    return value;
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

}  // namespace

struct InputLineReader::Impl {
    detail::JsonLineParser parser;
};

InputLineReader::InputLineReader() : impl_(std::make_unique<Impl>()) {}
InputLineReader::~InputLineReader() = default;
InputLineReader::InputLineReader(InputLineReader&&) noexcept = default;
InputLineReader& InputLineReader::operator=(InputLineReader&&) noexcept = default;

Result<Lead> InputLineReader::lead(std::string_view text, const Schema& schema) {
    Result<element> parsed = impl_->parser.parse(text);
    if (!parsed) {
        return parsed.error();
    }
    const element doc = *parsed;
    LineReader r;
    Lead lead;
    if (!r.object_of(doc, "", {"id", "created_at", "stage", "owner", "account", "attributes"})) {
        return r.errors.front();
    }
    lead.id = LeadId{r.id(doc, "id", "")};
    lead.created_at = r.instant(doc, "created_at", "", true).value_or(Instant{});
    lead.stage = r.stage(doc, "stage", "", false).value_or(Stage::lead);
    for (const std::string_view key : {std::string_view{"owner"}, std::string_view{"account"}}) {
        const std::optional<element> v = r.member(doc, key, "", false);
        if (!v || v->type() == element_type::NULL_VALUE) {
            continue;
        }
        if (v->type() != element_type::STRING || std::string_view(*v).empty()) {
            r.type_error(pointer_append("", key), "a non-empty string or null", *v);
            continue;
        }
        if (key == "owner") {
            lead.owner = OwnerId{std::string{std::string_view(*v)}};
        } else {
            lead.account = AccountId{std::string{std::string_view(*v)}};
        }
    }
    lead.attributes = r.attributes(doc, "attributes", "", schema.attributes, false);
    return first_or(r.errors, std::move(lead));
}

Result<LeadEvent> InputLineReader::event(std::string_view text, const Schema& schema) {
    Result<element> parsed = impl_->parser.parse(text);
    if (!parsed) {
        return parsed.error();
    }
    const element doc = *parsed;
    LineReader r;
    LeadEvent out;
    element change_value;
    if (doc.type() == element_type::OBJECT &&
        object(doc).at_key("stage_change").get(change_value) == simdjson::SUCCESS) {
        if (!r.object_of(doc, "", {"lead", "stage_change"})) {
            return r.errors.front();
        }
        out.lead = LeadId{r.id(doc, "lead", "")};
        StageChange change;
        if (r.object_of(change_value, "/stage_change", {"at", "from", "to", "actor", "reason"})) {
            change.at = r.instant(change_value, "at", "/stage_change", true).value_or(Instant{});
            change.from =
                r.stage(change_value, "from", "/stage_change", true).value_or(Stage::lead);
            change.to = r.stage(change_value, "to", "/stage_change", true).value_or(Stage::lead);
            change.actor = r.string(change_value, "actor", "/stage_change", false).value_or("");
            change.reason = r.string(change_value, "reason", "/stage_change", false).value_or("");
        }
        out.event = std::move(change);
        return first_or(r.errors, std::move(out));
    }
    if (doc.type() == element_type::OBJECT &&
        object(doc).at_key("attribute_change").get(change_value) == simdjson::SUCCESS) {
        if (!r.object_of(doc, "", {"lead", "attribute_change"})) {
            return r.errors.front();
        }
        out.lead = LeadId{r.id(doc, "lead", "")};
        out.event = r.attribute_change(change_value, "/attribute_change", schema);
        return first_or(r.errors, std::move(out));
    }
    if (!r.object_of(doc, "", {"id", "lead", "occurred_at", "type", "properties"})) {
        return r.errors.front();
    }
    Activity activity;
    activity.id = ActivityId{r.id(doc, "id", "")};
    out.lead = LeadId{r.id(doc, "lead", "")};
    activity.occurred_at = r.instant(doc, "occurred_at", "", true).value_or(Instant{});
    activity.type = r.string(doc, "type", "", true).value_or("");
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
        activity.properties = r.attributes(doc, "properties", "", declared->second, true);
    }
    out.event = std::move(activity);
    return first_or(r.errors, std::move(out));
}

Instant LeadEvent::at() const noexcept {
    if (const auto* a = std::get_if<Activity>(&event)) {
        return a->occurred_at;
    }
    if (const auto* c = std::get_if<StageChange>(&event)) {
        return c->at;
    }
    return std::get<AttributeChange>(event).at;
}

Result<Lead> read_lead_json(std::string_view text, const Schema& schema) {
    InputLineReader reader;
    return reader.lead(text, schema);
}

Result<LeadEvent> read_event_json(std::string_view text, const Schema& schema) {
    InputLineReader reader;
    return reader.event(text, schema);
}

}  // namespace leadsla
