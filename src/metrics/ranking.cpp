// SPDX-License-Identifier: Apache-2.0
// AUC and top-decile lift over tallies per score value.
#include "metrics/ranking.hpp"

#include <cmath>

namespace leadsla::detail {

std::optional<std::int64_t> auc_bp(const ScoreTallies& scores) {
    OutcomeTally all;
    for (const auto& entry : scores) {
        all += entry.second;
    }
    const std::int64_t failures = all.leads - all.converted;
    if (all.converted == 0 || failures == 0) {
        return std::nullopt;
    }
    // Twice the number of (success, failure) pairs ordered right, ties counting one: exact in
    // integers (at most 2 * 3e9 * 3e9 < 2^63 for three billion leads).
    std::int64_t twice = 0;
    std::int64_t failures_below = 0;
    for (const auto& [score, t] : scores) {
        const std::int64_t f = t.leads - t.converted;
        twice += t.converted * (2 * failures_below + f);
        failures_below += f;
    }
    const double pairs = 2.0 * static_cast<double>(all.converted) * static_cast<double>(failures);
    return std::llround(10000.0 * static_cast<double>(twice) / pairs);
}

std::optional<std::int64_t> top_decile_lift_bp(const ScoreTallies& scores) {
    OutcomeTally all;
    for (const auto& entry : scores) {
        all += entry.second;
    }
    if (all.leads == 0 || all.converted == 0) {
        return std::nullopt;
    }
    // A tenth of the leads, from the top; the group at the cut contributes its share.
    const double top = static_cast<double>(all.leads) / 10;
    double taken = 0;
    double converted = 0;
    for (auto it = scores.rbegin(); it != scores.rend() && taken < top; ++it) {
        const auto leads = static_cast<double>(it->second.leads);
        const double part = std::min(leads, top - taken);
        converted += static_cast<double>(it->second.converted) * part / leads;
        taken += part;
    }
    const double overall = static_cast<double>(all.converted) / static_cast<double>(all.leads);
    return std::llround(10000.0 * (converted / taken) / overall);
}

}  // namespace leadsla::detail
