// SPDX-License-Identifier: Apache-2.0
// What a review reads of a lead's history at an instant: the reported stage changes known then,
// each once, in time order; the attributes the lead had then.
#pragma once

#include <algorithm>
#include <span>
#include <vector>

#include <leadsla/model/lead.hpp>
#include <leadsla/model/past_attributes.hpp>
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

/// The lead's attributes at `t`: those of the first past entry still holding then, else its
/// current ones (`past` in ascending `until`).
[[nodiscard]] inline const Attributes& attributes_at(const Lead& lead,
                                                     std::span<const PastAttributes> past,
                                                     Instant t) {
    const auto it =
        std::upper_bound(past.begin(), past.end(), t,
                         [](Instant x, const PastAttributes& p) { return x < p.until; });
    return it == past.end() ? lead.attributes : it->attributes;
}

}  // namespace leadsla::detail
