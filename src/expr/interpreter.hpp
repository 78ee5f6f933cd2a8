// SPDX-License-Identifier: Apache-2.0
// The tree-walking interpreter of checked Op trees: the path of conditions the leaf VM has no
// leaf kind for (`LeafKind::general`), and of explanations, which report every value read.
#pragma once

#include <cstdint>

#include "expr/program.hpp"

namespace leadsla::detail {

/// A value of the interpreter: an integer (fixed point, string id, seconds) or null.
struct Val {
    std::int64_t v = 0;
    bool null = true;
};

constexpr bool compare(CompareOp op, std::int64_t a, std::int64_t b) noexcept {
    switch (op) {
        case CompareOp::eq:
            return a == b;
        case CompareOp::ne:
            return a != b;
        case CompareOp::lt:
            return a < b;
        case CompareOp::le:
            return a <= b;
        case CompareOp::gt:
            return a > b;
        case CompareOp::ge:
            return a >= b;
    }
    return false;
}

inline const Op& op_at(const ExpressionSet::Impl& p, std::int32_t i) {
    return p.ops[static_cast<std::size_t>(i)];
}

/// The value of the Op tree at `index` for `f`.
Val value(const ExpressionSet::Impl& p, std::int32_t index, const EvalFrame& f) noexcept;

/// Whether the boolean Op tree at `index` holds for `f`.
bool test_node(const ExpressionSet::Impl& p, std::int32_t index, const EvalFrame& f) noexcept;

}  // namespace leadsla::detail
