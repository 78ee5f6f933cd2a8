// SPDX-License-Identifier: Apache-2.0
// Charts as inline SVG for the review's HTML: deterministic text (fixed sizes, coordinates with
// one decimal), a <title> and <desc> for screen readers, series told apart by dash pattern and
// legend as well as colour. Each chart is drawn next to a table with the same figures.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace leadsla::detail {

/// What the values of a chart are, for its axis labels.
enum class ChartAxis { count, percent, seconds };

/// One line of a line chart: a value per x label, or none (no data: a gap).
struct ChartLine {
    std::string name;
    std::vector<std::optional<double>> values;
};

/// Lines over periods, with an optional target drawn as a dashed horizontal line.
struct LineChart {
    std::string title;
    std::vector<std::string> x_labels;
    std::vector<ChartLine> lines;
    std::optional<double> target;
    ChartAxis axis = ChartAxis::count;
};

/// One bar of a horizontal bar chart; `note` is written after the bar (e.g. `62.5% of MQLs`).
struct ChartBar {
    std::string label;
    double value = 0;
    std::string note;
};

struct BarChart {
    std::string title;
    std::vector<ChartBar> bars;
};

/// `<svg>` text; `id` makes the title's id unique in the page.
[[nodiscard]] std::string line_chart_svg(const LineChart& chart, const std::string& id);
[[nodiscard]] std::string bar_chart_svg(const BarChart& chart, const std::string& id);

}  // namespace leadsla::detail
