// SPDX-License-Identifier: Apache-2.0
// `replay_stages` with the stage the replay started in (a backtest's lead needs it when the
// replay changed nothing).
#pragma once

#include <leadsla/metrics/backtest.hpp>

namespace leadsla::detail {

struct ReplayedStages {
    Stage initial = Stage::lead;
    std::vector<StageChange> changes;
};

[[nodiscard]] ReplayedStages replay(const PolicySet& policies,
                                    const Lead& lead,
                                    std::span<const Activity> activities,
                                    std::span<const StageChange> reported,
                                    std::span<const PastAttributes> past_attributes,
                                    Instant as_of);

}  // namespace leadsla::detail
