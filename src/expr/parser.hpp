// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

#include <leadsla/result.hpp>

#include "expr/ast.hpp"

namespace leadsla::detail {

/// Parses a rule expression into its AST. Errors: expr.syntax, with the caret message of
/// `expr_error` and `where` = `pointer`.
[[nodiscard]] Result<Ast> parse_expression(std::string_view text, const std::string& pointer);

/// An error about `text` at byte `offset`: the message, then the expression and a caret under the
/// offending column:
///   unknown attribute "employes" (did you mean "employees"?) at column 1
///     employes >= 20
///     ^
[[nodiscard]] Error expr_error(ErrorCode code,
                               std::string_view text,
                               int offset,
                               std::string_view what,
                               const std::string& pointer);

}  // namespace leadsla::detail
