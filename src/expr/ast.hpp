// SPDX-License-Identifier: Apache-2.0
// The parsed (untyped) form of a rule expression: a flat vector of nodes, children by index.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace leadsla::detail {

enum class AstKind : std::uint8_t {
    int_literal,      // value
    decimal_literal,  // value (ten-thousandths)
    string_literal,   // text
    bool_literal,     // value 0/1
    null_literal,
    duration_literal,  // value (seconds)
    list,              // kids: literals
    name,              // text
    member,            // kids[0] . text
    call,              // text = function; kids[0] = argument; where/within below
    not_op,            // kids[0]
    and_op,            // kids (2+)
    or_op,             // kids (2+)
    compare,           // op; kids[0], kids[1]
    in_op,             // negated; kids[0] in kids[1] (a name or a list)
    is_null,           // negated; kids[0]
};

enum class CompareOp : std::uint8_t { eq, ne, lt, le, gt, ge };

struct AstNode {
    AstKind kind{};
    int begin = 0;  // byte offsets into the expression text, [begin, end)
    int end = 0;
    std::string text;
    std::int64_t value = 0;
    CompareOp op = CompareOp::eq;
    bool negated = false;
    std::vector<int> kids;
    int where = -1;   // call: the `where` condition node
    int within = -1;  // call: the `within:` duration node
};

struct Ast {
    std::vector<AstNode> nodes;
    int root = -1;
};

}  // namespace leadsla::detail
