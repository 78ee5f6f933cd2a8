// SPDX-License-Identifier: Apache-2.0
#include <fmt/format.h>

#include <leadsla/model/stage.hpp>

namespace leadsla {

std::optional<Stage> parse_stage(std::string_view text) noexcept {
    for (const auto& [stage, name] : stage_names) {
        if (name == text) {
            return stage;
        }
    }
    return std::nullopt;
}

Result<Stage> parse_stage_or_error(std::string_view text) {
    if (const auto stage = parse_stage(text)) {
        return *stage;
    }
    std::string names;
    for (const auto& [stage, name] : stage_names) {
        names += names.empty() ? "" : ", ";
        names += name;
    }
    return Error{ErrorCode::model_unknown_stage, "",
                 fmt::format("\"{}\" is not a stage (expected one of {})", text, names)};
}

}  // namespace leadsla
