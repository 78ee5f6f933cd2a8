// SPDX-License-Identifier: Apache-2.0
// Whether two accumulators (scorecards, backtests, outcome fits) were made with the same policy
// versions, so that merging them is meaningful.
#pragma once

#include <algorithm>

#include <leadsla/engine/policy_set.hpp>

namespace leadsla::detail {

/// Whether `a` and `b` hold the same versions, by content hash, in the same order.
[[nodiscard]] inline bool same_policies(const PolicySet& a, const PolicySet& b) noexcept {
    return std::equal(a.versions().begin(), a.versions().end(), b.versions().begin(),
                      b.versions().end(), [](const Engine& x, const Engine& y) {
                          return x.policy().content_hash == y.policy().content_hash;
                      });
}

}  // namespace leadsla::detail
