// SPDX-License-Identifier: Apache-2.0
// The reported stage changes a review reads: those known at `as_of`, each once, in time order.
#pragma once

#include <algorithm>
#include <span>
#include <vector>

#include <leadsla/model/stage_change.hpp>

namespace leadsla::detail {

/// The changes of `reported` at or before `as_of`, in time order (ties keep their order), a
/// change reported twice (same instant, from and to) once.
[[nodiscard]] inline std::vector<StageChange> known_changes(std::span<const StageChange> reported,
                                                            Instant as_of) {
    std::vector<StageChange> changes;
    for (const StageChange& c : reported) {
        const bool repeated = std::any_of(
            changes.begin(), changes.end(),
            [&](const StageChange& k) { return k.at == c.at && k.from == c.from && k.to == c.to; });
        if (c.at <= as_of && !repeated) {
            changes.push_back(c);
        }
    }
    std::stable_sort(changes.begin(), changes.end(),
                     [](const StageChange& x, const StageChange& y) { return x.at < y.at; });
    return changes;
}

}  // namespace leadsla::detail
