// SPDX-License-Identifier: Apache-2.0
// Reader of the `lifecycle` section (docs/lifecycle.md).
#include "policy/sections.hpp"

namespace leadsla::detail {
namespace {

using nlohmann::json;

StageSpec read_stage(Reader& r, const json& value, const std::string& where) {
    StageSpec s;
    s.pointer = where;
    if (!r.object(value, where,
                  {"stage", "side", "when", "qualification", "regress_to", "regress_when"})) {
        return s;
    }
    s.stage = r.stage(value, "stage", where, true).value_or(Stage::lead);
    s.side = r.boolean(value, "side", where, false).value_or(false);
    s.when = r.string(value, "when", where, false).value_or("");
    s.qualification = r.string(value, "qualification", where, false).value_or("");
    s.regress_to = r.stage(value, "regress_to", where, false);
    s.regress_when = r.string(value, "regress_when", where, false).value_or("");
    return s;
}

std::vector<Stage> read_stage_list(Reader& r,
                                   const json& object,
                                   std::string_view key,
                                   const std::string& where) {
    std::vector<Stage> out;
    const json* v = r.array(object, key, where, true, "an array of stage names");
    if (v == nullptr) {
        return out;
    }
    for (std::size_t i = 0; i < v->size(); ++i) {
        if (const auto s = r.stage((*v)[i], fmt::format("{}/{}", pointer_append(where, key), i))) {
            out.push_back(*s);
        }
    }
    return out;
}

}  // namespace

LifecycleSpec read_lifecycle(Reader& r, const json& document, const std::string& where) {
    LifecycleSpec spec;
    spec.pointer = where;
    // Volume targets moved to the agreement: say where, and read the rest as if it were not here.
    json value = document;
    if (value.is_object() && value.contains("volume_targets")) {
        r.error(ErrorCode::json_unknown_key, where + "/volume_targets",
                "volume targets moved to the agreement: write {\"metric\": \"entries\", "
                "\"stage\": ..., \"period\": \"month\", \"at_least\": ...} in "
                "/agreement/targets (docs/metrics.md)");
        value.erase("volume_targets");
    }
    if (!r.object(value, where,
                  {"initial", "stages", "transitions", "reasons", "cadence", "recycling",
                   "stage_map", "unmapped_stage"})) {
        return spec;
    }
    spec.initial = r.stage(value, "initial", where, false).value_or(Stage::lead);
    if (const json* stages = r.array(value, "stages", where, true, "an array of stages")) {
        for (std::size_t i = 0; i < stages->size(); ++i) {
            spec.stages.push_back(
                read_stage(r, (*stages)[i], fmt::format("{}/stages/{}", where, i)));
        }
    }
    if (const json* transitions =
            r.array(value, "transitions", where, true, "an array of {\"from\", \"to\"}")) {
        for (std::size_t i = 0; i < transitions->size(); ++i) {
            const std::string here = fmt::format("{}/transitions/{}", where, i);
            const json& t = (*transitions)[i];
            if (!r.object(t, here, {"from", "to", "reason_required"})) {
                continue;
            }
            const auto from = r.stage(t, "from", here, true);
            const auto to = r.stage(t, "to", here, true);
            const bool reason = r.boolean(t, "reason_required", here, false).value_or(false);
            if (from && to) {
                spec.transitions.push_back({*from, *to, reason, here});
            }
        }
    }
    if (const json* reasons =
            r.array(value, "reasons", where, false, "an array of {\"id\", \"label\"}")) {
        for (std::size_t i = 0; i < reasons->size(); ++i) {
            const std::string here = fmt::format("{}/reasons/{}", where, i);
            const json& x = (*reasons)[i];
            if (!r.object(x, here, {"id", "label", "requires_cadence"})) {
                continue;
            }
            spec.reasons.push_back({r.string(x, "id", here, true).value_or(""),
                                    r.string(x, "label", here, false).value_or(""),
                                    r.boolean(x, "requires_cadence", here, false).value_or(false),
                                    here});
        }
    }
    if (const json* cadence = r.member(value, "cadence", where, false)) {
        const std::string here = where + "/cadence";
        if (r.object(*cadence, here,
                     {"activity", "channel", "min_attempts", "min_channels", "window"})) {
            CadenceSpec c;
            c.pointer = here;
            c.activity = r.string(*cadence, "activity", here, false).value_or(c.activity);
            c.channel = r.string(*cadence, "channel", here, false).value_or(c.channel);
            c.min_attempts = static_cast<std::uint32_t>(
                r.integer(*cadence, "min_attempts", here, true, 1, 1000).value_or(1));
            c.min_channels = static_cast<std::uint32_t>(
                r.integer(*cadence, "min_channels", here, true, 1, 1000).value_or(1));
            c.window = r.duration(*cadence, "window", here, true).value_or(c.window);
            spec.cadence = std::move(c);
        }
    }
    if (const json* recycling =
            r.array(value, "recycling", where, false, "an array of recycling rules")) {
        for (std::size_t i = 0; i < recycling->size(); ++i) {
            const std::string here = fmt::format("{}/recycling/{}", where, i);
            const json& x = (*recycling)[i];
            if (!r.object(x, here, {"id", "from", "to", "after", "activities", "reason"})) {
                continue;
            }
            RecycleSpec rule;
            rule.pointer = here;
            rule.id = r.string(x, "id", here, true).value_or("");
            rule.from = read_stage_list(r, x, "from", here);
            rule.to = r.stage(x, "to", here, true).value_or(Stage::nurture);
            rule.after = r.duration(x, "after", here, true).value_or(rule.after);
            rule.activities = r.strings(x, "activities", here);
            rule.reason = r.string(x, "reason", here, false).value_or("");
            spec.recycling.push_back(std::move(rule));
        }
    }
    if (const json* map = r.member(value, "stage_map", where, false)) {
        if (!map->is_object()) {
            r.type_error(where + "/stage_map", "an object from CRM values to stage names", *map);
        } else {
            for (const auto& [crm, stage] : map->items()) {
                if (const auto s = r.stage(stage, pointer_append(where + "/stage_map", crm))) {
                    spec.stage_map.emplace(crm, *s);
                }
            }
        }
    }
    if (const json* fallback = r.member(value, "unmapped_stage", where, false)) {
        spec.unmapped_stage = r.stage(*fallback, where + "/unmapped_stage");
    }
    return spec;
}

}  // namespace leadsla::detail
