// SPDX-License-Identifier: Apache-2.0
// Reader of the `segments` section: ordered first-match classifications.
#include "policy/sections.hpp"

namespace leadsla::detail {

std::vector<ClassificationSpec> read_segments(Reader& r,
                                              const nlohmann::json& value,
                                              const std::string& where) {
    std::vector<ClassificationSpec> out;
    if (!value.is_array()) {
        r.type_error(where, "an array of classifications {\"id\", \"rules\", \"otherwise\"}",
                     value);
        return out;
    }
    for (std::size_t i = 0; i < value.size(); ++i) {
        const std::string here = pointer_append(where, std::to_string(i));
        const auto& c = value[i];
        if (!r.object(c, here, {"id", "rules", "otherwise"})) {
            continue;
        }
        ClassificationSpec spec;
        spec.pointer = here;
        spec.id = r.string(c, "id", here, true).value_or("");
        spec.otherwise = r.string(c, "otherwise", here, true).value_or("");
        if (const auto* rules =
                r.array(c, "rules", here, true, "an array of {\"value\", \"when\"}")) {
            for (std::size_t k = 0; k < rules->size(); ++k) {
                const std::string at = fmt::format("{}/rules/{}", here, k);
                if (!r.object((*rules)[k], at, {"value", "when"})) {
                    continue;
                }
                ClassRuleSpec rule;
                rule.pointer = at;
                rule.value = r.string((*rules)[k], "value", at, true).value_or("");
                rule.when = r.string((*rules)[k], "when", at, true).value_or("");
                spec.rules.push_back(std::move(rule));
            }
        }
        out.push_back(std::move(spec));
    }
    return out;
}

}  // namespace leadsla::detail
