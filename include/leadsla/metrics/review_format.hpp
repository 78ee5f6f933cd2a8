// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

#include <leadsla/metrics/review.hpp>

namespace leadsla {

/// What `review_text` shows beyond the agreement's targets and the window's figures.
struct ReviewTextOptions {
    /// The breakdowns to show per period and in the per-team / per-owner tables.
    std::vector<Dimension> by{Dimension::team, Dimension::owner};
};

/// The review meeting's report as text: the agreement's targets against actuals per period
/// (met, missed, and the running period's projection), the funnel with conversion between
/// stages, acceptance and the rejection reasons, response times, the trend of on-time rates,
/// the breakdowns asked for, and the most recent breaches. Deterministic.
[[nodiscard]] std::string review_text(const Review& review, const ReviewTextOptions& options = {});

/// The review as one JSON document (`"format": "leadsla.review/1"`), documented by
/// docs/review.schema.json so BI tools can import it. Deterministic: the same review gives
/// the same bytes.
[[nodiscard]] std::string review_json(const Review& review);

}  // namespace leadsla
