// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

#include <leadsla/model/stage.hpp>
#include <leadsla/time/instant.hpp>

namespace leadsla {

/// A stage change the host reports: who moved the lead, when, and why. Checked by the lifecycle,
/// and a trigger of SLA clocks (`entered(mql)`).
struct StageChange {
    Instant at;
    Stage from = Stage::lead;
    Stage to = Stage::lead;
    std::string actor;   ///< e.g. an owner id or "marketing-automation"
    std::string reason;  ///< a reason code of the policy, or empty

    friend bool operator==(const StageChange&, const StageChange&) = default;
};

}  // namespace leadsla
