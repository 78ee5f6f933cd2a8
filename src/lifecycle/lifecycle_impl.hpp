// SPDX-License-Identifier: Apache-2.0
// The compiled lifecycle shared by lifecycle.cpp (validation), qualification.cpp,
// transitions.cpp and recycling.cpp.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include <leadsla/lifecycle/lifecycle.hpp>

#include "expr/shared/expression_set.hpp"

namespace leadsla {

inline constexpr std::size_t stage_count = stage_names.size();

[[nodiscard]] constexpr std::size_t stage_index(Stage s) noexcept {
    return static_cast<std::size_t>(s);
}

struct Lifecycle::Impl {
    LifecycleSpec spec;
    ExpressionSet expressions;
    std::vector<std::string> score_names;
    std::vector<std::string> qualification_names;
    /// By Stage: the index of its StageSpec, or -1 when the model does not define it.
    std::array<std::int32_t, stage_count> spec_of{};
    /// By Stage: the position in the funnel; -1 for side states.
    std::array<std::int32_t, stage_count> rank{};
    /// By from, by to: the index of the TransitionSpec, or -1.
    std::array<std::array<std::int32_t, stage_count>, stage_count> transition{};
    /// By StageSpec index: compiled criteria (-1: none).
    std::vector<std::int32_t> entry_when;
    std::vector<std::int32_t> entry_qualification;  // index into qualification_names
    std::vector<std::int32_t> regress_when;

    Impl(LifecycleSpec s, ExpressionSet e) : spec(std::move(s)), expressions(std::move(e)) {}
};

}  // namespace leadsla
