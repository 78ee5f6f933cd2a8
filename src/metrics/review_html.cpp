// SPDX-License-Identifier: Apache-2.0
// The review as one self-contained HTML page: the dashboard of the review meeting.
//
// Every figure shown is a cell or a chart of the Review (nothing is computed twice), marked with
// `data-series` / `data-target` so a test can compare the page with review_json. No request
// leaves the page: the Content-Security-Policy allows inline style and script only.
#include <algorithm>
#include <iterator>
#include <set>

#include <fmt/format.h>

#include <leadsla/metrics/review_format.hpp>

#include "metrics/html_page.hpp"
#include "metrics/html_text.hpp"
#include "metrics/review_figures.hpp"
#include "metrics/svg_chart.hpp"

namespace leadsla {
namespace {

using namespace detail;  // the shared figure helpers and the charts

using Out = std::back_insert_iterator<std::string>;

/// An id for HTML anchors: letters, digits, `-` and `_` kept, every other byte as `.xx`.
std::string anchor(std::string_view prefix, std::string_view name) {
    std::string out{prefix};
    for (const char c : name) {
        const auto u = static_cast<unsigned char>(c);
        if ((u >= '0' && u <= '9') || (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') ||
            c == '-' || c == '_') {
            out += c;
        } else {
            out += fmt::format(".{:02x}", u);
        }
    }
    return out;
}

/// `data-series="metric|detail|dimension|key" data-period="window"` (or the period's index).
std::string series_attrs(std::string_view metric,
                         std::string_view detail,
                         Dimension d,
                         std::string_view key,
                         std::optional<std::size_t> period = std::nullopt) {
    return fmt::format(" data-series=\"{}|{}|{}|{}\" data-period=\"{}\"", html_escaped(metric),
                       html_escaped(detail), d, html_escaped(key),
                       period ? fmt::format("{}", *period) : std::string{"window"});
}

/// The page being written, and the series whose lead lists it links to (in the review's
/// order: pointers into one vector).
struct Page {
    Out out;
    const Review& r;
    const ReviewHtmlOptions& options;
    std::set<const Series*> listed;
};

/// The anchor of a series' lead list.
std::string list_anchor(const Series& s) {
    return anchor("leads-", fmt::format("{}|{}|{}|{}", s.metric, s.detail, s.dimension, s.key));
}

/// `text`, escaped, and a link to the leads behind the series' count when there are some (the
/// drill-down).
std::string linked(Page& p,
                   std::string_view metric,
                   std::string_view detail,
                   Dimension d,
                   std::string_view key,
                   std::string_view text) {
    const Series* s = p.r.find(metric, detail, d, key);
    if (s == nullptr || s->leads.empty()) {
        return html_escaped(text);
    }
    p.listed.insert(s);
    return fmt::format("<a href=\"#{}\">{}</a>", list_anchor(*s), html_escaped(text));
}

/// A figure as a table cell, with what it is and a sort key.
std::string figure_cell(Page& p,
                        std::string_view metric,
                        std::string_view detail = {},
                        Dimension d = Dimension::all,
                        std::string_view key = {}) {
    const Figure& f = window_of(p.r, metric, detail, d, key);
    std::string text;
    std::int64_t sort = 0;
    switch (f.kind) {
        case Figure::Kind::rate:
            text = rate_text(f);
            sort = f.has_data() ? f.basis_points() : -1;
            break;
        case Figure::Kind::duration:
        case Figure::Kind::points:
            text = spread_text(f);
            sort = f.has_data() ? f.p50 : -1;
            break;
        case Figure::Kind::amount:
            text = fmt::format("{}", f.amount);
            sort = f.amount.units();
            break;
        case Figure::Kind::count:
            text = fmt::format("{}", f.count);
            sort = f.count;
            break;
    }
    return fmt::format("<td{} data-sort=\"{}\">{}</td>", series_attrs(metric, detail, d, key), sort,
                       linked(p, metric, detail, d, key, text));
}

void svg_append(Out out, const std::string& svg) {
    std::copy(svg.begin(), svg.end(), out);
}

/// One line of a trend: a series of the review, drawn and tabled per period.
struct Trend {
    std::string name;
    std::string metric;
    std::string detail;
};

/// A trend chart with its table of figures (the chart's text alternative).
void write_trend(Out out,
                 const Review& r,
                 const std::string& id,
                 const std::string& title,
                 const std::vector<Trend>& trends,
                 ChartAxis axis,
                 std::optional<double> target) {
    fmt::format_to(out, "<figure id=\"{}\"><figcaption>{}</figcaption>", id, html_escaped(title));
    LineChart chart{title, {}, {}, target, axis};
    for (const ReviewPeriod& p : r.periods) {
        chart.x_labels.push_back(p.label + (p.running ? "*" : ""));
    }
    bool any = false;
    for (const Trend& t : trends) {
        ChartLine line{t.name, {}};
        const Series* s = r.find(t.metric, t.detail);
        for (std::size_t i = 0; i < r.periods.size(); ++i) {
            line.values.push_back(s != nullptr ? plotted(s->periods[i]) : std::nullopt);
            any = any || line.values.back().has_value();
        }
        chart.lines.push_back(std::move(line));
    }
    if (!any) {
        fmt::format_to(out, "<p class=\"nodata\">no data</p></figure>");
        return;
    }
    svg_append(out, line_chart_svg(chart, id + "-svg"));
    fmt::format_to(out,
                   "<details><summary>Figures</summary><table><thead><tr><th "
                   "class=\"name\">period</th>");
    for (const Trend& t : trends) {
        fmt::format_to(out, "<th>{}</th>", html_escaped(t.name));
    }
    fmt::format_to(out, "</tr></thead><tbody>");
    for (std::size_t i = 0; i < r.periods.size(); ++i) {
        fmt::format_to(out, "<tr><td class=\"name\">{}{}</td>", html_escaped(r.periods[i].label),
                       r.periods[i].running ? " (running)" : "");
        for (const Trend& t : trends) {
            const Series* s = r.find(t.metric, t.detail);
            const std::string text = s != nullptr ? period_text(s->periods[i]) : "-";
            fmt::format_to(out, "<td{}>{}</td>",
                           s != nullptr ? series_attrs(t.metric, t.detail, Dimension::all, {}, i)
                                        : std::string{},
                           html_escaped(text));
        }
        fmt::format_to(out, "</tr>");
    }
    fmt::format_to(out, "</tbody></table></details></figure>");
}

/// The last closed period of a target, or nullptr.
const TargetPeriod* last_closed(const TargetReview& t) {
    const auto it = std::find_if(t.periods.rbegin(), t.periods.rend(),
                                 [](const TargetPeriod& p) { return !p.period.running; });
    return it == t.periods.rend() ? nullptr : &*it;
}

/// The running period of a target, or nullptr.
const TargetPeriod* running(const TargetReview& t) {
    for (const TargetPeriod& p : t.periods) {
        if (p.period.running) {
            return &p;
        }
    }
    return nullptr;
}

std::string target_cell(const TargetReview& t,
                        std::size_t index,
                        std::string_view field,
                        const Figure& f) {
    return fmt::format("<span data-target=\"{}\" data-period=\"{}\" data-field=\"{}\">{}</span>",
                       html_escaped(t.target.id), index, field,
                       html_escaped(target_figure_text(t.target, f)));
}

/// A key figure of the whole window, large, with what it is.
void write_kpi(Page& p, std::string_view metric, const std::string& value, std::string_view label) {
    fmt::format_to(p.out,
                   "<div class=\"kpi\"><div class=\"v\"{}>{}</div><div class=\"l\">{}</div></div>",
                   series_attrs(metric, "", Dimension::all, ""),
                   linked(p, metric, "", Dimension::all, "", value), label);
}

void write_executive(Page& page) {
    const Out out = page.out;
    const Review& r = page.r;
    fmt::format_to(out, "<section id=\"executive\"><h2>Executive: the agreement</h2>");
    const Figure& pipeline = window_of(r, "pipeline");
    fmt::format_to(out, "<div class=\"kpis\">");
    write_kpi(page, "leads", fmt::format("{}", count_of(r, "leads")), "leads created");
    write_kpi(page, "mql_rate", rate_text(window_of(r, "mql_rate")), "of them reached MQL");
    write_kpi(page, "lead_to_customer", rate_text(window_of(r, "lead_to_customer")),
              "lead to customer");
    write_kpi(page, "acceptance_rate", rate_text(window_of(r, "acceptance_rate")),
              "MQLs accepted by sales");
    write_kpi(page, "pipeline", fmt::format("{}", pipeline.amount),
              fmt::format("pipeline from {} opportunities", pipeline.count));
    fmt::format_to(out,
                   "<div class=\"kpi\"><div class=\"v\"><a href=\"#breaches\" "
                   "data-breaches=\"window\">{}</a></div><div class=\"l\">SLA breaches</div></div>",
                   r.breach_count);
    fmt::format_to(out, "</div>");
    if (r.targets.empty()) {
        fmt::format_to(out, "<p class=\"nodata\">The agreement sets no targets.</p></section>");
        return;
    }
    fmt::format_to(out,
                   "<h3>Targets against actuals</h3><p>Closed periods met or missed the target; "
                   "the running period (*) is judged on its projection to the period's end.</p>"
                   "<table id=\"targets\"><thead><tr><th class=\"name\">target</th><th "
                   "class=\"name\">responsible</th><th class=\"name\">measures</th><th>goal</th>"
                   "<th>last closed period</th><th>running period</th><th>met</th><th "
                   "class=\"name\">by period</th></tr></thead><tbody>");
    for (const TargetReview& t : r.targets) {
        const AgreementTarget& g = t.target;
        const auto [met, closed] = periods_met(t);
        fmt::format_to(out,
                       "<tr><td class=\"name\">{}</td><td class=\"name\">{}</td><td "
                       "class=\"name\">{}</td><td>{} {} per {}</td>",
                       html_escaped(g.id), g.responsible, html_escaped(target_subject(g)),
                       g.at_least ? "&ge;" : "&le;", html_escaped(fmt::format("{}", g.value)),
                       g.period);
        const auto index_of = [&](const TargetPeriod* p) {
            return static_cast<std::size_t>(p - t.periods.data());
        };
        if (const TargetPeriod* p = last_closed(t)) {
            fmt::format_to(out, "<td>{}: {} {}</td>", html_escaped(p->period.label),
                           target_cell(t, index_of(p), "actual", p->actual),
                           status_badge(p->status));
        } else {
            fmt::format_to(out, "<td class=\"nodata\">none</td>");
        }
        if (const TargetPeriod* p = running(t)) {
            fmt::format_to(out, "<td>{}: {}", html_escaped(p->period.label),
                           target_cell(t, index_of(p), "actual", p->actual));
            if (p->projected) {
                fmt::format_to(out, ", projected {}",
                               target_cell(t, index_of(p), "projected", *p->projected));
            }
            fmt::format_to(out, " {}</td>", status_badge(p->status));
        } else {
            fmt::format_to(out, "<td class=\"nodata\">none</td>");
        }
        fmt::format_to(out, "<td>{} of {}</td><td class=\"name strip\">", met, closed);
        for (const TargetPeriod& p : t.periods) {
            fmt::format_to(out, "<span class=\"st st-{}\" title=\"{}: {} ({})\">{}</span>",
                           to_string(p.status), html_escaped(p.period.label),
                           html_escaped(target_figure_text(g, p.actual)), to_string(p.status),
                           status_icon(p.status));
        }
        fmt::format_to(out, "</td></tr>");
    }
    fmt::format_to(out, "</tbody></table></section>");
}

/// The target of `metric` (for `stage` or `sla`) over the whole population in the review's
/// period, for a trend chart's target line.
std::optional<double> target_line(const Review& r,
                                  AgreementMetric metric,
                                  std::string_view sla = {}) {
    for (const TargetReview& t : r.targets) {
        const AgreementTarget& g = t.target;
        if (g.metric == metric && g.period == r.period && g.scope.dimension == Dimension::all &&
            (metric != AgreementMetric::entries || g.stage == Stage::mql) && g.sla == sla) {
            switch (g.value.kind) {
                case MetricKind::count:
                    return static_cast<double>(g.value.count);
                case MetricKind::rate:
                    return static_cast<double>(g.value.basis_points) / 100.0;
                case MetricKind::duration:
                    return static_cast<double>(g.value.duration.count());
                case MetricKind::amount:
                    return std::nullopt;
            }
        }
    }
    return std::nullopt;
}

void write_funnel(Page& p) {
    const Out out = p.out;
    const Review& r = p.r;
    fmt::format_to(out,
                   "<figure id=\"funnel\"><figcaption>Funnel: MQLs of the window and the "
                   "stages they reached</figcaption>");
    const std::int64_t mqls = count_of(r, "mql_cycles");
    if (mqls == 0) {
        fmt::format_to(out, "<p class=\"nodata\">no data</p></figure>");
        return;
    }
    BarChart chart{"Funnel from MQL to customer, with conversion from the stage before", {}};
    chart.bars.push_back({"MQL", static_cast<double>(mqls), fmt::format("{}", mqls)});
    std::int64_t before = mqls;
    for (const std::string_view s : funnel_stages) {
        const std::int64_t n = count_of(r, "funnel", s);
        chart.bars.push_back({std::string{s}, static_cast<double>(n),
                              fmt::format("{} ({} of the stage before)", n, percent(n, before))});
        before = n;
    }
    svg_append(out, bar_chart_svg(chart, "funnel-svg"));
    fmt::format_to(out,
                   "<table><thead><tr><th class=\"name\">stage</th><th>MQLs reaching it</th>"
                   "<th>of the stage before</th></tr></thead><tbody><tr><td "
                   "class=\"name\">MQL</td>{}<td></td></tr>",
                   figure_cell(p, "mql_cycles"));
    before = mqls;
    for (const std::string_view s : funnel_stages) {
        const std::int64_t n = count_of(r, "funnel", s);
        fmt::format_to(out, "<tr><td class=\"name\">{}</td>{}<td>{}</td></tr>", s,
                       figure_cell(p, "funnel", s), percent(n, before));
        before = n;
    }
    fmt::format_to(out, "</tbody></table></figure>");
}

void write_rejections(Page& p) {
    const Out out = p.out;
    const Review& r = p.r;
    fmt::format_to(out, "<h3>Rejection reasons by source</h3>");
    const std::vector<std::string> codes = rejection_codes_of(r);
    if (codes.empty()) {
        fmt::format_to(out, "<p class=\"nodata\">no data: no MQL was rejected</p>");
        return;
    }
    fmt::format_to(out,
                   "<table id=\"rejections\" class=\"sortable\"><thead><tr><th "
                   "class=\"name\">source</th>");
    for (const std::string& c : codes) {
        fmt::format_to(out, "<th>{}</th>", html_escaped(c));
    }
    fmt::format_to(out, "</tr></thead><tbody>");
    for (const std::string& src : r.keys("leads", "", Dimension::source)) {
        bool any = false;
        for (const std::string& c : codes) {
            any = any || count_of(r, "rejection_reasons", c, Dimension::source, src) > 0;
        }
        if (!any) {
            continue;
        }
        fmt::format_to(out, "<tr><td class=\"name\">{}</td>", html_escaped(src));
        for (const std::string& c : codes) {
            fmt::format_to(out, "{}",
                           figure_cell(p, "rejection_reasons", c, Dimension::source, src));
        }
        fmt::format_to(out, "</tr>");
    }
    fmt::format_to(out, "</tbody><tfoot><tr><th class=\"name\">all sources</th>");
    for (const std::string& c : codes) {
        fmt::format_to(out, "{}", figure_cell(p, "rejection_reasons", c));
    }
    fmt::format_to(out, "</tr></tfoot></table>");
}

void write_management(Page& p) {
    const Out out = p.out;
    const Review& r = p.r;
    fmt::format_to(out,
                   "<section id=\"management\"><h2>Management: trends and the funnel</h2>"
                   "<p>Per {}; * marks the running period (partial).</p><div class=\"charts\">",
                   r.period);
    write_trend(out, r, "trend-mql", "MQLs per period against the target",
                {{"MQL entries", "entries", "mql"}}, ChartAxis::count,
                target_line(r, AgreementMetric::entries));
    write_trend(out, r, "trend-acceptance", "Acceptance rate of MQLs by sales",
                {{"accepted of decided MQLs", "acceptance_rate", ""}}, ChartAxis::percent,
                target_line(r, AgreementMetric::acceptance_rate));
    const std::vector<std::string> slas = slas_of(r);
    std::vector<Trend> on_time;
    std::vector<Trend> response;
    for (const std::string& sla : slas) {
        on_time.push_back({sla, "on_time_rate", sla});
        response.push_back({sla, "response_time", sla});
    }
    write_trend(
        out, r, "trend-on-time", "SLA clocks met on time, by the period they started", on_time,
        ChartAxis::percent,
        slas.empty() ? std::nullopt : target_line(r, AgreementMetric::on_time_rate, slas[0]));
    write_trend(out, r, "trend-response", "Median response time (business time, met clocks)",
                response, ChartAxis::seconds, std::nullopt);
    write_funnel(p);
    fmt::format_to(out, "</div>");
    fmt::format_to(
        out,
        "<h3>Hand-over</h3><table><thead><tr><th class=\"name\">MQL outcome</th><th>"
        "MQLs</th></tr></thead><tbody><tr><td class=\"name\">accepted</td>{}</tr><tr><td "
        "class=\"name\">rejected</td>{}</tr><tr><td class=\"name\">pending</td>{}</tr>"
        "<tr><td class=\"name\">acceptance rate</td>{}</tr><tr><td class=\"name\">SQL "
        "conversion</td>{}</tr><tr><td class=\"name\">win rate</td>{}</tr></tbody></table>",
        figure_cell(p, "mql_outcome", "accepted"), figure_cell(p, "mql_outcome", "rejected"),
        figure_cell(p, "mql_outcome", "pending"), figure_cell(p, "acceptance_rate"),
        figure_cell(p, "sql_conversion"), figure_cell(p, "win_rate"));
    write_rejections(p);
    fmt::format_to(out, "</section>");
}

void write_breakdown(Page& p, Dimension d) {
    const Out out = p.out;
    const Review& r = p.r;
    const std::string id = fmt::format("by-{}", d);
    fmt::format_to(out, "<h3>By {}</h3>", d);
    const std::vector<std::string> keys = r.keys("leads", "", d);
    if (keys.empty()) {
        fmt::format_to(out, "<p class=\"nodata\">no data</p>");
        return;
    }
    const std::vector<std::string> slas = slas_of(r);
    fmt::format_to(
        out,
        "<label>Filter: <input class=\"filter\" type=\"search\" data-table=\"{}\"></label>"
        "<div class=\"scroll\"><table id=\"{}\" class=\"sortable\"><thead><tr><th "
        "class=\"name\">{}</th><th>"
        "leads</th><th>MQLs</th><th>accepted</th>",
        id, id, d);
    for (const std::string& sla : slas) {
        fmt::format_to(out, "<th>{} on time</th>", html_escaped(sla));
    }
    for (const std::string& sla : slas) {
        fmt::format_to(out, "<th>{} breaches</th><th>{} at risk now</th>", html_escaped(sla),
                       html_escaped(sla));
    }
    fmt::format_to(out, "</tr></thead><tbody>");
    for (const std::string& k : keys) {
        fmt::format_to(out, "<tr><td class=\"name\">{}</td>{}{}{}", html_escaped(k),
                       figure_cell(p, "leads", "", d, k), figure_cell(p, "mql_cycles", "", d, k),
                       figure_cell(p, "acceptance_rate", "", d, k));
        for (const std::string& sla : slas) {
            fmt::format_to(out, "{}", figure_cell(p, "on_time_rate", sla, d, k));
        }
        for (const std::string& sla : slas) {
            fmt::format_to(out, "{}{}", figure_cell(p, "breaches", sla, d, k),
                           figure_cell(p, "at_risk_now", sla, d, k));
        }
        fmt::format_to(out, "</tr>");
    }
    fmt::format_to(out, "</tbody></table></div>");
}

void write_buckets(Page& p) {
    const Out out = p.out;
    const Review& r = p.r;
    fmt::format_to(out, "<h3>Response times</h3><div class=\"charts\">");
    const std::vector<std::string> slas = slas_of(r);
    bool any = false;
    for (const std::string& sla : slas) {
        const Figure& response = window_of(r, "response_time", sla);
        if (!response.has_data()) {
            continue;
        }
        any = true;
        const std::string id = anchor("buckets-", sla);
        fmt::format_to(out,
                       "<figure id=\"{}\"><figcaption>{}: business time to the clock's "
                       "stop (met clocks), p50 / p90 {}</figcaption>",
                       id, html_escaped(sla), html_escaped(spread_text(response)));
        BarChart chart{fmt::format("{} response times in buckets", sla), {}};
        for (const std::string_view b : bucket_labels) {
            const std::int64_t n = count_of(r, "response_buckets", fmt::format("{}:{}", sla, b));
            chart.bars.push_back({std::string{b}, static_cast<double>(n),
                                  fmt::format("{} ({})", n, percent(n, response.count))});
        }
        svg_append(out, bar_chart_svg(chart, id + "-svg"));
        fmt::format_to(out,
                       "<table><thead><tr><th class=\"name\">bucket</th><th>clocks</th><th>"
                       "share</th></tr></thead><tbody>");
        for (const std::string_view b : bucket_labels) {
            const std::string detail = fmt::format("{}:{}", sla, b);
            fmt::format_to(out, "<tr><td class=\"name\">{}</td>{}<td>{}</td></tr>", html_escaped(b),
                           figure_cell(p, "response_buckets", detail),
                           percent(count_of(r, "response_buckets", detail), response.count));
        }
        fmt::format_to(out, "</tbody></table></figure>");
    }
    if (!any) {
        fmt::format_to(out, "<p class=\"nodata\">no data: no clock was met in the window</p>");
    }
    fmt::format_to(out, "</div>");
}

void write_clocks(Page& p) {
    const Out out = p.out;
    const Review& r = p.r;
    const std::vector<std::string> slas = slas_of(r);
    fmt::format_to(out, "<h3>SLA clocks</h3>");
    if (slas.empty()) {
        fmt::format_to(out, "<p class=\"nodata\">no data: no clock started in the window</p>");
        return;
    }
    fmt::format_to(out,
                   "<table id=\"clocks\"><thead><tr><th class=\"name\">SLA</th><th>on time"
                   "</th><th>met on time</th><th>met late</th><th>breached</th><th>running"
                   "</th><th>paused</th><th>at risk now</th></tr></thead><tbody>");
    for (const std::string& sla : slas) {
        fmt::format_to(
            out, "<tr><td class=\"name\">{}</td>{}{}{}{}{}{}{}</tr>", html_escaped(sla),
            figure_cell(p, "on_time_rate", sla), figure_cell(p, "clocks", sla + ":met_on_time"),
            figure_cell(p, "clocks", sla + ":met_late"),
            figure_cell(p, "clocks", sla + ":breached"), figure_cell(p, "clocks", sla + ":running"),
            figure_cell(p, "clocks", sla + ":paused"), figure_cell(p, "at_risk_now", sla));
    }
    fmt::format_to(out, "</tbody></table>");
}

void write_breaches(Page& p) {
    const Out out = p.out;
    const Review& r = p.r;
    const ReviewHtmlOptions& options = p.options;
    fmt::format_to(out,
                   "<h3 id=\"breaches\">Breaches</h3><p><span data-breaches=\"window\">{}</span> "
                   "breaches in the window; the {} most recent:</p>",
                   r.breach_count, r.breaches.size());
    if (r.breaches.empty()) {
        fmt::format_to(out, "<p class=\"nodata\">none</p>");
        return;
    }
    fmt::format_to(out,
                   "<table id=\"breach-list\" class=\"sortable\"><thead><tr><th class=\"name\">"
                   "breached at (UTC)</th><th class=\"name\">lead</th><th class=\"name\">SLA"
                   "</th><th class=\"name\">status</th><th class=\"name\">segment</th><th "
                   "class=\"name\">owner</th><th class=\"name\">team</th><th>business time"
                   "</th></tr></thead><tbody>");
    for (const BreachRow& b : r.breaches) {
        const std::string lead = options.explanations.contains(b.lead)
                                     ? fmt::format("<a href=\"#{}\">{}</a>",
                                                   anchor("lead-", b.lead), html_escaped(b.lead))
                                     : html_escaped(b.lead);
        fmt::format_to(out,
                       "<tr><td class=\"name\">{}</td><td class=\"name\">{}</td><td "
                       "class=\"name\">{}</td><td class=\"name\">{}</td><td class=\"name\">{}</td>"
                       "<td class=\"name\">{}</td><td class=\"name\">{}</td><td data-sort=\"{}\">"
                       "{}</td></tr>",
                       format_instant(b.breached_at), lead, html_escaped(b.sla), b.status,
                       html_escaped(b.segment), html_escaped(b.owner), html_escaped(b.team),
                       b.elapsed.count(), b.elapsed);
    }
    fmt::format_to(out, "</tbody></table>");
}

void write_operational(Page& p) {
    const Out out = p.out;
    fmt::format_to(out, "<section id=\"operational\"><h2>Operational: teams, owners, clocks</h2>");
    write_clocks(p);
    for (const Dimension d : p.options.by) {
        write_breakdown(p, d);
    }
    write_buckets(p);
    write_breaches(p);
    fmt::format_to(out, "</section>");
}

/// The drill-down: the leads behind each count the page links, each linked to its
/// explanation when the host gave one.
void write_lists(Page& p) {
    if (p.listed.empty()) {
        return;
    }
    const Out out = p.out;
    std::size_t most = 0;
    for (const Series* s : p.listed) {
        most = std::max(most, s->leads.size());
    }
    fmt::format_to(out,
                   "<section id=\"drill-down\"><h2>Drill-down: the leads behind each count</h2>"
                   "<p>Each list holds the leads with the most recent facts behind the count, at "
                   "most {} of them.</p>",
                   most);
    for (const Series* s : p.listed) {
        fmt::format_to(out, "<div class=\"list\" id=\"{}\"><h3>{}</h3><ul>", list_anchor(*s),
                       html_escaped(fmt::format("{}", *s)));
        for (const std::string& lead : s->leads) {
            if (p.options.explanations.contains(lead)) {
                fmt::format_to(out, "<li><a href=\"#{}\">{}</a></li>", anchor("lead-", lead),
                               html_escaped(lead));
            } else {
                fmt::format_to(out, "<li>{}</li>", html_escaped(lead));
            }
        }
        fmt::format_to(out, "</ul></div>");
    }
    fmt::format_to(out, "</section>");
}

void write_leads(Out out, const ReviewHtmlOptions& options) {
    if (options.explanations.empty()) {
        return;
    }
    fmt::format_to(out,
                   "<section id=\"leads\"><h2>Leads, clock by clock</h2><p>The explanation "
                   "of each lead listed above, as <code>leadsla explain</code> prints it."
                   "</p>");
    for (const auto& [lead, text] : options.explanations) {
        fmt::format_to(out,
                       "<details class=\"lead\" id=\"{}\"><summary>{}</summary><pre>{}</pre>"
                       "</details>",
                       anchor("lead-", lead), html_escaped(lead), html_escaped(text));
    }
    fmt::format_to(out, "</section>");
}

}  // namespace

namespace {

/// The change log under the title: each version in force during the window with why it exists
/// (SLA change management's "how and why"), when there is more than one or any says why.
std::string versions_html(const Review& r) {
    if (!detail::shows_versions(r)) {
        return "";
    }
    std::string out = "<section id=\"versions\"><h2>Policy versions and why</h2><ul>";
    for (const PolicyVersionNote& v : r.policy_versions) {
        out += fmt::format("<li><b>{}</b> from {}: ", html_escaped(v.version),
                           v.effective_from ? format_instant(*v.effective_from) : "the start");
        if (!v.rationale) {
            out += "<i>no rationale given</i></li>";
            continue;
        }
        out += html_escaped(v.rationale->why);
        if (!v.rationale->decided_by.empty()) {
            out += fmt::format(" &middot; decided by {}", html_escaped(v.rationale->decided_by));
        }
        if (!v.rationale->review.empty()) {
            out += fmt::format(" &middot; {}", html_escaped(v.rationale->review));
        }
        out += "</li>";
    }
    return out + "</ul></section>";
}

/// Writes the page into `html`; returns what it listed.
std::set<const Series*> render(const Review& r,
                               const ReviewHtmlOptions& options,
                               std::string& html) {
    const Out out{html};
    const std::string title = fmt::format("SLA review: {} {}", r.policy_id, r.policy_version);
    html += page_head(title);
    fmt::format_to(out,
                   "<p>Window [{}, {}) by {} in {}, as of {}. Policy hash <code>{}</code>.</p>"
                   "<p><span data-input=\"leads\">{}</span> leads counted; {} created after the "
                   "as-of instant (not counted); <span data-input=\"bad\">{}</span> input items "
                   "refused.</p>{}<nav><a href=\"#executive\">Executive</a><a "
                   "href=\"#management\">Management</a><a href=\"#operational\">Operational</a>"
                   "<a href=\"#breaches\">Breaches</a></nav></header><main>",
                   format_instant(r.from), format_instant(r.to), r.period, html_escaped(r.zone),
                   format_instant(r.as_of), html_escaped(r.policy_hash), r.leads,
                   r.leads_not_yet_created, r.bad_input, versions_html(r));
    Page p{out, r, options, {}};
    write_executive(p);
    write_management(p);
    write_operational(p);
    write_lists(p);
    write_leads(out, options);
    fmt::format_to(out, "</main><script>{}</script></body></html>\n", page_script());
    return std::move(p.listed);
}

}  // namespace

std::string review_html(const Review& r, const ReviewHtmlOptions& options) {
    std::string html;
    render(r, options, html);
    return html;
}

std::vector<std::string> review_html_leads(const Review& r, const ReviewHtmlOptions& options) {
    std::string scratch;
    const std::set<const Series*> listed = render(r, options, scratch);
    std::vector<std::string> out;
    std::set<std::string_view> seen;
    const auto add = [&](const std::string& lead) {
        if (seen.insert(lead).second) {
            out.push_back(lead);
        }
    };
    for (const BreachRow& b : r.breaches) {
        add(b.lead);
    }
    for (const Series* s : listed) {
        for (const std::string& lead : s->leads) {
            add(lead);
        }
    }
    return out;
}

}  // namespace leadsla
