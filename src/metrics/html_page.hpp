// SPDX-License-Identifier: Apache-2.0
// What the review's HTML pages (the dashboard, the backtest) share: the style sheet, the script
// that sorts and filters tables, target statuses as icon and word, and figures as charts plot
// and tables print them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <leadsla/metrics/review.hpp>

namespace leadsla::detail {

/// A page up to its title: the doctype, a Content-Security-Policy that allows inline style and
/// script only (nothing is loaded from elsewhere), the style sheet, `<body><header><h1>`.
[[nodiscard]] std::string page_head(std::string_view title);

/// Sorts `table.sortable` by a header click, filters the table an `input.filter` names, opens
/// every `details` for printing.
[[nodiscard]] std::string_view page_script() noexcept;

/// A status's icon: colour is never the only signal.
[[nodiscard]] std::string_view status_icon(TargetStatus s) noexcept;
/// A status with its icon and its word, in a `span.st` coloured by the style sheet.
[[nodiscard]] std::string status_badge(TargetStatus s);

/// A figure as a chart plots it: the percentage of a rate, the p50 of a duration, a count.
[[nodiscard]] std::optional<double> plotted(const Figure& f);
/// A figure as a table cell prints it.
[[nodiscard]] std::string period_text(const Figure& f);

}  // namespace leadsla::detail
