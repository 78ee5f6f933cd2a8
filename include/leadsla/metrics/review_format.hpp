// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

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

/// What `review_html` shows beyond the review itself.
struct ReviewHtmlOptions {
    /// The breakdowns of the operational tables.
    std::vector<Dimension> by{Dimension::team, Dimension::owner};
    /// Leads' clock-by-clock explanations (`explanation_text`), by lead id: the drill-down
    /// lists link each lead that has one to it. Hosts fill it for the leads they want to show,
    /// e.g. those of `Review::breaches`.
    std::map<std::string, std::string, std::less<>> explanations;
};

/// The review as one self-contained HTML page, the dashboard of the review meeting
/// (docs/dashboard.md): executive (targets against actuals, red / amber / green with icons and
/// words, the running period's projection), management (trend charts, the funnel, hand-over,
/// rejection reasons by source), operational (clocks, per-team and per-owner tables, response
/// times, the breaches), the drill-down (each count links to the leads behind it, when the
/// scorecard kept them: `ReviewOptions::leads_per_figure`) and the leads' explanations. Inline CSS
/// and SVG, no request leaves the page; a little inline JavaScript sorts and filters tables. Every
/// name is escaped. Deterministic: the same review and options give the same bytes.
[[nodiscard]] std::string review_html(const Review& review, const ReviewHtmlOptions& options = {});

/// The leads `review_html` lists — the breaches, then the drill-down lists of the counts it
/// shows, in page order, each once: those a host may explain in
/// `ReviewHtmlOptions::explanations` (e.g. the first few hundred, to bound the page's size).
[[nodiscard]] std::vector<std::string> review_html_leads(const Review& review,
                                                         const ReviewHtmlOptions& options = {});

/// The review as one JSON document (`"format": "leadsla.review/1"`), documented by
/// docs/review.schema.json so BI tools can import it. Deterministic: the same review gives
/// the same bytes.
[[nodiscard]] std::string review_json(const Review& review);

}  // namespace leadsla
