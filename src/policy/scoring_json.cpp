// SPDX-License-Identifier: Apache-2.0
// Reader of the `schema` and `scoring` policy sections. Every problem is recorded and reading
// goes on, so one run reports all of them.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <leadsla/policy/load.hpp>
#include <leadsla/time/duration_text.hpp>

#include "json/shared/reader.hpp"
#include "json/shared/text.hpp"
#include "policy/sections.hpp"

namespace leadsla {
namespace {

using detail::pointer_append;
using detail::Reader;
using nlohmann::json;

std::optional<AttributeType> read_type(Reader& r, const json& value, const std::string& where) {
    if (!value.is_string()) {
        r.type_error(where, "a type name (bool, int, decimal, string, instant)", value);
        return std::nullopt;
    }
    const auto type = parse_attribute_type(value.get<std::string>());
    if (!type || *type == AttributeType::null) {
        r.error(ErrorCode::json_type, where,
                fmt::format("\"{}\" is not a type (expected bool, int, decimal, string, instant or "
                            "string_list)",
                            value.get<std::string>()));
        return std::nullopt;
    }
    return type;
}

/// An object whose keys are free names (attributes, activity types, sets): only its type is
/// checked.
const json* name_map(
    Reader& r, const json& parent, std::string_view key, const std::string& where, bool required) {
    const json* v = r.member(parent, key, where, required);
    if (v != nullptr && !v->is_object()) {
        r.type_error(pointer_append(where, key), "an object from names to definitions", *v);
        return nullptr;
    }
    return v;
}

}  // namespace

Schema detail::read_schema(Reader& r, const json& value, const std::string& where) {
    Schema schema;
    if (!r.object(value, where, {"attributes", "activities", "sets"})) {
        return schema;
    }
    if (const json* attributes = name_map(r, value, "attributes", where, true)) {
        for (const auto& [name, type] : attributes->items()) {
            if (const auto t = read_type(r, type, pointer_append(where + "/attributes", name))) {
                schema.attributes.emplace(name, *t);
            }
        }
    }
    if (const json* activities = name_map(r, value, "activities", where, false)) {
        for (const auto& [name, properties] : activities->items()) {
            const std::string here = pointer_append(where + "/activities", name);
            auto& out = schema.activities[name];
            if (!properties.is_object()) {
                r.type_error(here, "an object from property names to types", properties);
                continue;
            }
            for (const auto& [property, type] : properties.items()) {
                if (property == "occurred_at" || property == "id" || property == "type") {
                    r.error(ErrorCode::json_type, pointer_append(here, property),
                            fmt::format("\"{}\" is built into every activity; do not declare it",
                                        property));
                    continue;
                }
                if (const auto t = read_type(r, type, pointer_append(here, property))) {
                    out.emplace(property, *t);
                }
            }
        }
    }
    if (const json* sets = name_map(r, value, "sets", where, false)) {
        for (const auto& [name, members] : sets->items()) {
            const std::string here = pointer_append(where + "/sets", name);
            if (schema.attributes.contains(name)) {
                r.error(ErrorCode::json_type, here,
                        fmt::format("set \"{}\" has the name of an attribute", name));
            }
            if (!members.is_array()) {
                r.type_error(here, "an array of strings", members);
                continue;
            }
            auto& out = schema.sets[name];
            for (std::size_t i = 0; i < members.size(); ++i) {
                if (!members[i].is_string()) {
                    r.type_error(pointer_append(here, std::to_string(i)), "a string", members[i]);
                } else {
                    out.push_back(members[i].get<std::string>());
                }
            }
        }
    }
    return schema;
}

namespace {

std::vector<GradeBand> read_bands(Reader& r, const json& value, const std::string& where) {
    std::vector<GradeBand> bands;
    if (!value.is_array()) {
        r.type_error(where, "an array of bands, highest first", value);
        return bands;
    }
    for (std::size_t i = 0; i < value.size(); ++i) {
        const std::string here = pointer_append(where, std::to_string(i));
        if (!r.object(value[i], here, {"grade", "min"})) {
            continue;
        }
        GradeBand band;
        band.label = r.string(value[i], "grade", here, true).value_or("");
        band.min = r.integer(value[i], "min", here, false, -1'000'000'000, 1'000'000'000);
        bands.push_back(std::move(band));
    }
    return bands;
}

DecaySpec read_decay(Reader& r, const json& value, const std::string& where) {
    DecaySpec decay;
    if (!r.object(value, where, {"steps", "half_life"})) {
        return decay;
    }
    decay.half_life = r.duration(value, "half_life", where);
    if (const json* steps = r.member(value, "steps", where, false)) {
        if (!steps->is_array()) {
            r.type_error(where + "/steps", "an array of {\"within\", \"percent\"}", *steps);
            return decay;
        }
        for (std::size_t i = 0; i < steps->size(); ++i) {
            const std::string here = fmt::format("{}/steps/{}", where, i);
            if (!r.object((*steps)[i], here, {"within", "percent"})) {
                continue;
            }
            const auto within = r.duration((*steps)[i], "within", here);
            const auto percent = r.integer((*steps)[i], "percent", here, true, 0, 100);
            if (!within) {
                r.error(ErrorCode::json_missing_key, here + "/within",
                        "missing \"within\": the age up to which the percent applies");
            }
            if (within && percent) {
                decay.steps.push_back(
                    DecaySpec::Step{*within, static_cast<std::int32_t>(*percent)});
            }
        }
    }
    return decay;
}

ScoringRuleSpec read_rule(Reader& r, const json& value, const std::string& where) {
    ScoringRuleSpec rule;
    rule.pointer = where;
    if (!r.object(value, where,
                  {"id", "axis", "points", "when", "activity", "where", "within", "repeat",
                   "max_times", "decay"})) {
        return rule;
    }
    rule.id = r.string(value, "id", where, true).value_or("");
    rule.axis = r.string(value, "axis", where, true).value_or("");
    rule.points =
        r.integer(value, "points", where, true, -1'000'000'000, 1'000'000'000).value_or(0);
    rule.when = r.string(value, "when", where, false).value_or("");
    rule.activity = r.string(value, "activity", where, false).value_or("");
    rule.where = r.string(value, "where", where, false).value_or("");
    rule.within = r.duration(value, "within", where);
    rule.max_times = static_cast<std::uint32_t>(
        r.integer(value, "max_times", where, false, 1, 1'000'000).value_or(0));
    if (const auto repeat = r.string(value, "repeat", where, false)) {
        if (*repeat == "every") {
            rule.repeat = Repeat::every;
        } else if (*repeat == "once") {
            rule.repeat = Repeat::once;
        } else if (repeat->rfind("once_per:", 0) == 0) {
            rule.repeat = Repeat::once_per;
            const auto period = parse_wall_duration(std::string_view{*repeat}.substr(9));
            if (period) {
                rule.period = *period;
            } else {
                r.error(period.error().code, where + "/repeat", period.error().message);
            }
        } else {
            r.error(ErrorCode::json_type, where + "/repeat",
                    fmt::format("\"{}\" is not a repetition (expected every, once or "
                                "once_per:<duration> such as once_per:1d)",
                                *repeat));
        }
    }
    if (const json* decay = r.member(value, "decay", where, false)) {
        rule.decay = read_decay(r, *decay, where + "/decay");
    }
    return rule;
}

std::vector<AxisSpec> read_axes(Reader& r, const json& value, const std::string& where) {
    std::vector<AxisSpec> axes;
    if (!value.is_array()) {
        r.type_error(where, "an array of axes", value);
        return axes;
    }
    for (std::size_t i = 0; i < value.size(); ++i) {
        const std::string here = pointer_append(where, std::to_string(i));
        if (!r.object(value[i], here, {"id", "max", "min", "bands", "in_total"})) {
            continue;
        }
        AxisSpec axis;
        axis.id = r.string(value[i], "id", here, true).value_or("");
        axis.max = r.integer(value[i], "max", here, false, -1'000'000'000, 1'000'000'000);
        axis.min = r.integer(value[i], "min", here, false, -1'000'000'000, 1'000'000'000);
        axis.in_total = r.boolean(value[i], "in_total", here, false).value_or(true);
        if (const json* bands = r.member(value[i], "bands", here, false)) {
            axis.bands = read_bands(r, *bands, here + "/bands");
        }
        axes.push_back(std::move(axis));
    }
    return axes;
}

}  // namespace

void detail::read_scoring(Reader& r,
                          const json& value,
                          const std::string& where,
                          ScoringSpec& spec) {
    if (!r.object(value, where, {"axes", "rules", "qualifications"})) {
        return;
    }
    if (const json* axes = r.member(value, "axes", where, true)) {
        spec.axes = read_axes(r, *axes, where + "/axes");
    }
    if (const json* rules = r.member(value, "rules", where, true)) {
        if (!rules->is_array()) {
            r.type_error(where + "/rules", "an array of rules", *rules);
        } else {
            for (std::size_t i = 0; i < rules->size(); ++i) {
                spec.rules.push_back(
                    read_rule(r, (*rules)[i], fmt::format("{}/rules/{}", where, i)));
            }
        }
    }
    if (const json* qualifications = r.member(value, "qualifications", where, false)) {
        if (!qualifications->is_array()) {
            r.type_error(where + "/qualifications", "an array of {\"id\", \"when\"}",
                         *qualifications);
        } else {
            for (std::size_t i = 0; i < qualifications->size(); ++i) {
                const std::string here = fmt::format("{}/qualifications/{}", where, i);
                if (!r.object((*qualifications)[i], here, {"id", "when"})) {
                    continue;
                }
                QualificationSpec q;
                q.pointer = here;
                q.id = r.string((*qualifications)[i], "id", here, true).value_or("");
                q.when = r.string((*qualifications)[i], "when", here, true).value_or("");
                spec.qualifications.push_back(std::move(q));
            }
        }
    }
}

Loaded<ScoringModel> load_scoring_policy(std::string_view json_text) {
    std::vector<Error> errors;
    Result<json> doc = detail::parse_json_text(json_text);
    if (!doc) {
        return std::vector<Error>{doc.error()};
    }
    Reader r{errors};
    ScoringSpec spec;
    if (r.object(*doc, "", detail::policy_sections)) {
        (void)r.string(*doc, "id", "", false);
        (void)r.string(*doc, "version", "", false);
        if (const json* schema = r.member(*doc, "schema", "", true)) {
            spec.schema = detail::read_schema(r, *schema, "/schema");
        }
        if (const json* scoring = r.member(*doc, "scoring", "", true)) {
            detail::read_scoring(r, *scoring, "/scoring", spec);
        }
    }
    if (errors.empty()) {
        Loaded<ScoringModel> model = ScoringModel::create(std::move(spec));
        if (model) {
            return model;
        }
        errors = model.errors();
    }
    detail::locate_errors(json_text, errors);
    return errors;
}

}  // namespace leadsla
