// SPDX-License-Identifier: Apache-2.0
// The last step of building an expression set: checked Op trees to the leaf VM.
#pragma once

#include "expr/program.hpp"

namespace leadsla::detail {

/// Turns `p`'s checked Op trees (one root per condition, aggregates' `where` trees) into the
/// programs evaluation runs: leaves and entries, quick tests, mask plans, set tables, and the
/// attribute and property slots conditions read. Called once, by `ExpressionSetBuilder::build`.
void lower(ExpressionSet::Impl& p);

}  // namespace leadsla::detail
