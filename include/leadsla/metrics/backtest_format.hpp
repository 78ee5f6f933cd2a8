// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <string>

#include <leadsla/metrics/backtest.hpp>

namespace leadsla {

/// What `backtest_text` lists.
struct BacktestTextOptions {
    std::size_t leads = 50;  ///< the per-lead differences shown (of those the result lists)
};

/// A backtest for the review meeting: the two policies, each agreement target's periods met
/// under each, the figures that differ (whole window, all leads) with their change, how many
/// leads changed and how, and the first leads' differences. Deterministic.
[[nodiscard]] std::string backtest_text(const BacktestResult& result,
                                        const BacktestTextOptions& options = {});

/// The backtest as one self-contained HTML page for the meeting (docs/backtest.md#html): the
/// policies and why the candidate was proposed, each agreement target's periods under both
/// (met / missed, as icon and word), the per-period trends of MQLs, acceptance and each SLA's
/// on-time rate with both policies as two lines (SVG, each with its table), the figures that
/// differ (sortable, filterable) and the first `options.leads` leads that changed. Nothing is
/// loaded from elsewhere; names from the policies and the input are escaped. Deterministic.
[[nodiscard]] std::string backtest_html(const BacktestResult& result,
                                        const BacktestTextOptions& options = {});

/// The backtest as one JSON document (`"format": "leadsla.backtest/1"`, docs/backtest.md): both
/// reviews in full (`leadsla.review/1`), the deltas of every series whose window figure
/// differs, the per-target periods side by side, the counts and the listed leads'
/// differences. Deterministic: the same result gives the same bytes.
[[nodiscard]] std::string backtest_json(const BacktestResult& result);

}  // namespace leadsla
