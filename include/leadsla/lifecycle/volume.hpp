// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include <leadsla/lifecycle/lifecycle_spec.hpp>
#include <leadsla/model/stage_change.hpp>
#include <leadsla/time/instant.hpp>

namespace leadsla {

/// One calendar month (UTC) against a volume target.
struct MonthlyVolume {
    std::string month;          ///< `YYYY-MM`
    std::uint32_t entries = 0;  ///< reported changes into the target's stage, up to `now`
    bool met = false;           ///< entries >= at_least
    /// For the month that contains `now`: entries scaled to the whole month by the share of
    /// it that has passed (on track when it reaches the target); 0 for finished months.
    std::uint32_t projected = 0;

    friend bool operator==(const MonthlyVolume&, const MonthlyVolume&) = default;
};

/// The months from the first reported change to `now`, each with its count of changes into
/// `target.stage` (every lead's changes together; changes after `now` are not counted).
///
/// Example: 60 MQLs a month; 27 MQLs by 16 June 00:00 (15 of its 30 days) → projected 54.
[[nodiscard]] std::vector<MonthlyVolume> monthly_volume(const VolumeTarget& target,
                                                        std::span<const StageChange> changes,
                                                        Instant now);

}  // namespace leadsla
