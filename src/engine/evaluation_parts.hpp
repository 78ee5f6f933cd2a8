// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <leadsla/engine/evaluation.hpp>

namespace leadsla::detail {

/// Sets `e.actions` (every timer's owed actions, by (at, id)) and `e.next_check_at` (the
/// earliest instant after `e.now` at which the score, the recycling rule or a clock changes by
/// time alone) from the parts of `e`. Shared by `Engine` and `PolicySet`, which replaces clocks.
void collect_actions_and_next_check(Evaluation& e);

}  // namespace leadsla::detail
