// SPDX-License-Identifier: Apache-2.0
// The outcome fit's model: a ridge-penalised logistic regression over binary features, fitted
// by a fixed number of Newton steps on counts per feature pattern — the same counts give the
// same bytes, whatever order the leads came in.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace leadsla::detail {

/// Leads and successes.
struct OutcomeTally {
    std::int64_t leads = 0;
    std::int64_t converted = 0;

    OutcomeTally& operator+=(const OutcomeTally& other) noexcept {
        leads += other.leads;
        converted += other.converted;
        return *this;
    }
};

/// Tallies per feature pattern: one byte per feature, '1' where it held. Sorted, so every walk
/// over them adds in the same order.
using PatternTallies = std::map<std::string, OutcomeTally, std::less<>>;

struct LogisticModel {
    double intercept = 0;
    std::vector<double> weights;  ///< one per feature; 0 for features left out
};

/// The maximum of the ridge-penalised log-likelihood
///   sum over leads of log P(outcome | features) - ridge / 2 * |weights|^2
/// (the intercept is not penalised) over the features where `use[i]`, by Newton's method with
/// step halving, a fixed number of steps. Needs successes and failures among the tallies.
[[nodiscard]] LogisticModel fit_logistic(const PatternTallies& tallies,
                                         const std::vector<bool>& use,
                                         double ridge);

}  // namespace leadsla::detail
