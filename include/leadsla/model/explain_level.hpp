// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>

namespace leadsla {

/// How much explanation a result carries (scores, stage criteria, SLA clocks).
enum class ExplainLevel : std::uint8_t {
    none,        ///< values only, no traces (bulk scoring, streaming hosts)
    rules,       ///< plus each rule's outcome and each clock's trace (the default)
    conditions,  ///< plus, per rule and qualification, the deciding sub-condition with its values
};

}  // namespace leadsla
