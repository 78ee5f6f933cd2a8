// SPDX-License-Identifier: Apache-2.0
#include "metrics/svg_chart.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <iterator>

#include <fmt/format.h>

#include "metrics/html_text.hpp"
#include "metrics/review_figures.hpp"

namespace leadsla::detail {
namespace {

using Out = std::back_insert_iterator<std::string>;

constexpr double width = 640;
constexpr double left = 64;
constexpr double right = 36;  // room for the last period label, centred on its point
constexpr double top = 12;

// Colour-blind-safe (Okabe-Ito) colours; the dash patterns tell the lines apart without them.
constexpr std::array<std::string_view, 6> colours{"#0072b2", "#d55e00", "#009e73",
                                                  "#cc79a7", "#e69f00", "#56b4e9"};
constexpr std::array<std::string_view, 6> dashes{"", "6 3", "2 3", "8 3 2 3", "1 2", "10 4"};

/// A round step (1, 2 or 5 times a power of ten) that divides `max` into at most 5 ticks.
double nice_step(double max) {
    if (max <= 0) {
        return 1;
    }
    const double raw = max / 5;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (const double m : {1.0, 2.0, 5.0, 10.0}) {
        if (m * magnitude >= raw) {
            return m * magnitude;
        }
    }
    return 10 * magnitude;
}

std::string tick_label(double v, ChartAxis axis) {
    switch (axis) {
        case ChartAxis::percent:
            return fmt::format("{}%", static_cast<std::int64_t>(std::lround(v)));
        case ChartAxis::seconds:
            return duration_text(static_cast<std::int64_t>(std::lround(v)));
        case ChartAxis::count:
            break;
    }
    return fmt::format("{}", static_cast<std::int64_t>(std::lround(v)));
}

/// The axis maximum and its step: percentages end at 100 %, durations step in whole minutes or
/// hours.
std::pair<double, double> scale(double max, ChartAxis axis) {
    if (axis == ChartAxis::percent) {
        return {100, 25};
    }
    double step = 0;
    if (axis == ChartAxis::seconds) {
        const double unit = max >= 2 * 3600 ? 3600 : 60;
        step = std::max(1.0, nice_step(max / unit)) * unit;
    } else {
        step = std::max(1.0, nice_step(max));
    }
    return {std::max(step, std::ceil(max / step) * step), step};
}

void open_svg(Out out, double height, const std::string& title, const std::string& id) {
    fmt::format_to(out,
                   "<svg class=\"chart\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" "
                   "role=\"img\" aria-labelledby=\"{}-t\" xmlns=\"http://www.w3.org/2000/svg\">"
                   "<title id=\"{}-t\">{}</title>",
                   width, height, width, height, id, id, html_escaped(title));
}

}  // namespace

std::string line_chart_svg(const LineChart& chart, const std::string& id) {
    constexpr double plot_height = 180;
    constexpr double bottom = 44;
    const double legend_height = 18.0 * static_cast<double>(chart.lines.size());
    const double height = top + plot_height + bottom + legend_height;
    double max = chart.target.value_or(0);
    for (const ChartLine& l : chart.lines) {
        for (const std::optional<double>& v : l.values) {
            max = std::max(max, v.value_or(0));
        }
    }
    const std::pair<double, double> scaled = scale(max, chart.axis);
    const double axis_max = scaled.first;
    const double step = scaled.second;
    const std::size_t n = chart.x_labels.size();
    const double plot_width = width - left - right;
    const auto x_of = [&](std::size_t i) {
        return n <= 1 ? left + plot_width / 2
                      : left + plot_width * static_cast<double>(i) / static_cast<double>(n - 1);
    };
    const auto y_of = [&](double v) { return top + plot_height * (1 - v / axis_max); };

    std::string svg;
    const Out out{svg};
    open_svg(out, height, chart.title, id);
    // Grid and y axis labels.
    const auto ticks = static_cast<int>(std::lround(axis_max / step));
    for (int t = 0; t <= ticks; ++t) {
        const double v = step * t;
        fmt::format_to(out,
                       "<line class=\"grid\" x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" "
                       "y2=\"{:.1f}\"/><text class=\"tick\" x=\"{:.1f}\" y=\"{:.1f}\" "
                       "text-anchor=\"end\">{}</text>",
                       left, y_of(v), width - right, y_of(v), left - 6, y_of(v) + 4,
                       html_escaped(tick_label(v, chart.axis)));
    }
    // x labels: at most 12 shown, evenly spaced.
    const std::size_t every = n > 12 ? (n + 11) / 12 : 1;
    for (std::size_t i = 0; i < n; i += every) {
        fmt::format_to(out,
                       "<text class=\"tick\" x=\"{:.1f}\" y=\"{:.1f}\" "
                       "text-anchor=\"middle\">{}</text>",
                       x_of(i), top + plot_height + 18, html_escaped(chart.x_labels[i]));
    }
    if (chart.target) {
        fmt::format_to(out,
                       "<line class=\"target\" x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" "
                       "y2=\"{:.1f}\"/><text class=\"tick\" x=\"{:.1f}\" y=\"{:.1f}\" "
                       "text-anchor=\"end\">target {}</text>",
                       left, y_of(*chart.target), width - right, y_of(*chart.target), width - right,
                       y_of(*chart.target) - 4,
                       html_escaped(tick_label(*chart.target, chart.axis)));
    }
    for (std::size_t li = 0; li < chart.lines.size(); ++li) {
        const ChartLine& l = chart.lines[li];
        const std::string_view colour = colours[li % colours.size()];
        const std::string_view dash = dashes[li % dashes.size()];
        // One polyline per run of values: a period without data is a gap, not a zero.
        std::string points;
        const auto flush = [&] {
            if (!points.empty()) {
                fmt::format_to(
                    out,
                    "<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"2\"{} "
                    "points=\"{}\"/>",
                    colour,
                    dash.empty() ? std::string{} : fmt::format(" stroke-dasharray=\"{}\"", dash),
                    points);
                points.clear();
            }
        };
        for (std::size_t i = 0; i < l.values.size() && i < n; ++i) {
            if (!l.values[i]) {
                flush();
                continue;
            }
            points += fmt::format("{}{:.1f},{:.1f}", points.empty() ? "" : " ", x_of(i),
                                  y_of(*l.values[i]));
            fmt::format_to(out, "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"2.5\" fill=\"{}\"/>",
                           x_of(i), y_of(*l.values[i]), colour);
        }
        flush();
        const double ly = top + plot_height + bottom + 18.0 * static_cast<double>(li);
        fmt::format_to(
            out,
            "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\" "
            "stroke-width=\"2\"{}/><text class=\"legend\" x=\"{:.1f}\" "
            "y=\"{:.1f}\">{}</text>",
            left, ly - 4, left + 28, ly - 4, colour,
            dash.empty() ? std::string{} : fmt::format(" stroke-dasharray=\"{}\"", dash), left + 34,
            ly, html_escaped(l.name));
    }
    svg += "</svg>";
    return svg;
}

std::string bar_chart_svg(const BarChart& chart, const std::string& id) {
    constexpr double bar_height = 22;
    constexpr double label_width = 150;
    constexpr double note_width = 170;
    const double height = top * 2 + bar_height * static_cast<double>(chart.bars.size());
    double max = 0;
    for (const ChartBar& b : chart.bars) {
        max = std::max(max, b.value);
    }
    const double plot_width = width - label_width - note_width - right;
    std::string svg;
    const Out out{svg};
    open_svg(out, height, chart.title, id);
    for (std::size_t i = 0; i < chart.bars.size(); ++i) {
        const ChartBar& b = chart.bars[i];
        const double y = top + bar_height * static_cast<double>(i);
        const double w = max > 0 ? plot_width * b.value / max : 0;
        fmt::format_to(out,
                       "<text class=\"tick\" x=\"{:.1f}\" y=\"{:.1f}\" "
                       "text-anchor=\"end\">{}</text><rect class=\"bar\" x=\"{:.1f}\" "
                       "y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\"/><text class=\"tick\" "
                       "x=\"{:.1f}\" y=\"{:.1f}\">{}</text>",
                       label_width - 8, y + 15, html_escaped(b.label), label_width, y + 3,
                       std::max(w, 1.0), bar_height - 6, label_width + w + 6, y + 15,
                       html_escaped(b.note));
    }
    svg += "</svg>";
    return svg;
}

}  // namespace leadsla::detail
