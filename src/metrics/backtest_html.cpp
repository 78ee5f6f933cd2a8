// SPDX-License-Identifier: Apache-2.0
// A backtest as one self-contained HTML page for the review meeting: the two policies and why
// the candidate was proposed, each target's periods under both, the per-period trends of both
// side by side, the figures that differ, and the leads that changed. Nothing is loaded from
// elsewhere (the Content-Security-Policy allows inline style and script only).
#include <algorithm>
#include <array>
#include <iterator>

#include <fmt/format.h>

#include <leadsla/metrics/backtest_format.hpp>

#include "metrics/html_page.hpp"
#include "metrics/html_text.hpp"
#include "metrics/review_figures.hpp"
#include "metrics/svg_chart.hpp"

namespace leadsla {
namespace {

using namespace detail;  // the pages' shared helpers and the charts

using Out = std::back_insert_iterator<std::string>;

const TargetReview* find_target(const Review& r, const std::string& id) {
    const auto it = std::find_if(r.targets.begin(), r.targets.end(),
                                 [&](const TargetReview& t) { return t.target.id == id; });
    return it == r.targets.end() ? nullptr : &*it;
}

/// The closed periods met, of those closed.
std::pair<std::size_t, std::size_t> met_of(const TargetReview& t) {
    std::size_t met = 0;
    std::size_t closed = 0;
    for (const TargetPeriod& p : t.periods) {
        if (p.status == TargetStatus::met || p.status == TargetStatus::missed) {
            ++closed;
            met += p.status == TargetStatus::met ? 1 : 0;
        }
    }
    return {met, closed};
}

void write_header(Out out, const BacktestResult& r) {
    fmt::format_to(out,
                   "<p>Window [{}, {}) by {} in {}, as of {}.</p><p>Current <b>{}</b> "
                   "<code>{}</code>; candidate <b>{}</b> <code>{}</code>.</p>",
                   format_instant(r.current.from), format_instant(r.current.to), r.current.period,
                   html_escaped(r.current.zone), format_instant(r.current.as_of),
                   html_escaped(r.current.policy_version), html_escaped(r.current.policy_hash),
                   html_escaped(r.candidate.policy_version), html_escaped(r.candidate.policy_hash));
    for (const PolicyVersionNote& v : r.candidate.policy_versions) {
        if (v.version == r.candidate.policy_version && v.rationale) {
            fmt::format_to(out, "<p id=\"why\">Why the candidate: {}</p>",
                           html_escaped(fmt::format("{}", *v.rationale)));
        }
    }
    fmt::format_to(out,
                   "<p><span data-input=\"leads\">{}</span> leads, each replayed under both "
                   "policies from the same history (qualification re-derived from the facts, "
                   "people's decisions kept with their delays after it); the current policy's "
                   "replay differs from the reported stages for {} leads; {} input items "
                   "refused.</p><nav><a href=\"#targets\">Targets</a><a href=\"#trends\">Trends"
                   "</a><a href=\"#figures\">Figures</a><a href=\"#leads\">Leads</a></nav>",
                   r.current.leads, r.replay_differs_from_reported, r.current.bad_input);
}

void write_targets(Out out, const BacktestResult& r) {
    fmt::format_to(out, "<section id=\"targets\"><h2>Agreement targets under each policy</h2>");
    std::vector<std::string> ids;
    for (const Review* review : {&r.current, &r.candidate}) {
        for (const TargetReview& t : review->targets) {
            if (std::find(ids.begin(), ids.end(), t.target.id) == ids.end()) {
                ids.push_back(t.target.id);
            }
        }
    }
    if (ids.empty()) {
        fmt::format_to(out,
                       "<p class=\"nodata\">neither policy has agreement targets</p>"
                       "</section>");
        return;
    }
    fmt::format_to(out,
                   "<p>Closed periods met or missed; the running period by its projection.</p>"
                   "<table id=\"target-table\"><thead><tr><th class=\"name\">target</th><th "
                   "class=\"name\">policy</th><th class=\"name\">goal</th><th>met</th><th "
                   "class=\"name\">periods</th></tr></thead><tbody>");
    for (const std::string& id : ids) {
        for (const auto& [side, review] :
             {std::pair{"current", &r.current}, std::pair{"candidate", &r.candidate}}) {
            const TargetReview* t = find_target(*review, id);
            fmt::format_to(out, "<tr data-target=\"{}\" data-side=\"{}\">", html_escaped(id), side);
            if (side == std::string_view{"current"}) {
                const AgreementTarget& g =
                    (t != nullptr ? t : find_target(r.candidate, id))->target;
                fmt::format_to(out, "<td class=\"name\" rowspan=\"2\"><b>{}</b><br>{} per {}</td>",
                               html_escaped(id), html_escaped(target_subject(g)), g.period);
            }
            if (t == nullptr) {
                fmt::format_to(out,
                               "<td class=\"name\">{}</td><td class=\"name nodata\" "
                               "colspan=\"3\">not a target</td></tr>",
                               side);
                continue;
            }
            const auto [met, closed] = met_of(*t);
            fmt::format_to(out,
                           "<td class=\"name\">{}</td><td class=\"name\">{} {}</td><td "
                           "data-met=\"{}\">{} of {}</td><td class=\"name strip\">",
                           side, t->target.at_least ? "&ge;" : "&le;",
                           html_escaped(fmt::format("{}", t->target.value)), met, met, closed);
            for (const TargetPeriod& p : t->periods) {
                fmt::format_to(out, "<span class=\"st st-{}\" title=\"{}: {} ({})\">{}</span>",
                               to_string(p.status), html_escaped(p.period.label),
                               html_escaped(target_figure_text(t->target, p.actual)),
                               to_string(p.status), status_icon(p.status));
            }
            fmt::format_to(out, "</td></tr>");
        }
    }
    fmt::format_to(out, "</tbody></table></section>");
}

/// One chart of a metric per period, current and candidate as two lines, with its table.
void write_trend(Out out,
                 const BacktestResult& r,
                 const std::string& id,
                 const std::string& title,
                 const std::string& metric,
                 const std::string& detail,
                 ChartAxis axis) {
    const Series* cur = r.current.find(metric, detail);
    const Series* cand = r.candidate.find(metric, detail);
    if (cur == nullptr && cand == nullptr) {
        return;
    }
    fmt::format_to(out, "<figure id=\"{}\"><figcaption>{}</figcaption>", id, html_escaped(title));
    LineChart chart{title, {}, {}, std::nullopt, axis};
    for (const ReviewPeriod& p : r.current.periods) {
        chart.x_labels.push_back(p.label + (p.running ? "*" : ""));
    }
    for (const auto& [name, s] : {std::pair{"current", cur}, std::pair{"candidate", cand}}) {
        ChartLine line{name, {}};
        for (std::size_t i = 0; i < r.current.periods.size(); ++i) {
            line.values.push_back(s != nullptr && i < s->periods.size() ? plotted(s->periods[i])
                                                                        : std::nullopt);
        }
        chart.lines.push_back(std::move(line));
    }
    const std::string svg = line_chart_svg(chart, id + "-svg");
    std::copy(svg.begin(), svg.end(), out);
    fmt::format_to(out,
                   "<details><summary>Figures</summary><table><thead><tr><th class=\"name\">"
                   "period</th><th>current</th><th>candidate</th></tr></thead><tbody>");
    for (std::size_t i = 0; i < r.current.periods.size(); ++i) {
        const auto cell = [&](const Series* s) {
            return s != nullptr && i < s->periods.size() ? period_text(s->periods[i])
                                                         : std::string{"-"};
        };
        fmt::format_to(out, "<tr><td class=\"name\">{}{}</td><td>{}</td><td>{}</td></tr>",
                       html_escaped(r.current.periods[i].label),
                       r.current.periods[i].running ? " (running)" : "", cell(cur), cell(cand));
    }
    fmt::format_to(out, "</tbody></table></details></figure>");
}

void write_trends(Out out, const BacktestResult& r) {
    fmt::format_to(out,
                   "<section id=\"trends\"><h2>Per {}: current and candidate</h2><p>* marks the "
                   "running period (partial).</p><div class=\"charts\">",
                   r.current.period);
    write_trend(out, r, "trend-mql", "MQLs per period", "entries", "mql", ChartAxis::count);
    write_trend(out, r, "trend-acceptance", "Acceptance rate of MQLs by sales", "acceptance_rate",
                "", ChartAxis::percent);
    std::vector<std::string> slas;
    for (const Review* review : {&r.current, &r.candidate}) {
        for (const Series& s : review->series) {
            if (s.metric == "on_time_rate" && s.dimension == Dimension::all &&
                std::find(slas.begin(), slas.end(), s.detail) == slas.end()) {
                slas.push_back(s.detail);
            }
        }
    }
    std::sort(slas.begin(), slas.end());
    for (const std::string& sla : slas) {
        write_trend(out, r, "trend-on-time-" + sla,
                    fmt::format("{}: clocks met on time, by the period they started", sla),
                    "on_time_rate", sla, ChartAxis::percent);
    }
    fmt::format_to(out, "</div></section>");
}

void write_figures(Out out, const BacktestResult& r) {
    fmt::format_to(out, "<section id=\"figures\"><h2>Figures that differ</h2>");
    const std::vector<SeriesDelta> all = series_deltas(r.current, r.candidate, true);
    std::size_t same = 0;
    std::string rows;
    for (const SeriesDelta& d : all) {
        if (d.dimension != Dimension::all) {
            continue;
        }
        if (d.current == d.candidate) {
            ++same;
            continue;
        }
        const std::string name =
            d.detail.empty() ? d.metric : fmt::format("{}({})", d.metric, d.detail);
        rows += fmt::format(
            "<tr data-series=\"{}|{}\"><td class=\"name\">{}</td><td>{}</td><td>{}</td>"
            "<td data-sort=\"{}\">{}</td></tr>",
            html_escaped(d.metric), html_escaped(d.detail), html_escaped(name),
            html_escaped(to_string(d.current)), html_escaped(to_string(d.candidate)),
            d.change().value_or(0), html_escaped(d.change_text()));
    }
    if (rows.empty()) {
        fmt::format_to(out,
                       "<p>None: all {} figures of the whole window are the same.</p>"
                       "</section>",
                       same);
        return;
    }
    fmt::format_to(out,
                   "<p>The whole window, all leads; {} other figures are the same (the JSON has "
                   "every breakdown).</p><input class=\"filter\" data-table=\"figure-table\" "
                   "placeholder=\"filter figures\" aria-label=\"filter figures\"><table "
                   "id=\"figure-table\" class=\"sortable\"><thead><tr><th class=\"name\">figure"
                   "</th><th>current</th><th>candidate</th><th>change</th></tr></thead><tbody>{}"
                   "</tbody></table></section>",
                   same, rows);
}

void write_leads(Out out, const BacktestResult& r, const BacktestTextOptions& o) {
    fmt::format_to(out,
                   "<section id=\"leads\"><h2>Leads that changed</h2><div class=\"kpis\"><div "
                   "class=\"kpi\"><div class=\"v\" data-changed=\"{}\">{}</div><div class=\"l\">"
                   "of {} leads</div></div>",
                   r.leads_changed, r.leads_changed, r.current.leads);
    for (const DifferenceCount& c : r.counts) {
        fmt::format_to(out,
                       "<div class=\"kpi\"><div class=\"v\">{}</div><div class=\"l\">{} {}</div>"
                       "</div>",
                       c.leads, c.kind, html_escaped(c.subject));
    }
    fmt::format_to(out, "</div>");
    if (r.differences.empty() || o.leads == 0) {
        fmt::format_to(out, "</section>");
        return;
    }
    std::string rows;
    std::size_t shown = 0;
    std::string last;
    for (const LeadDifference& d : r.differences) {
        if (d.lead != last) {
            if (shown == o.leads) {
                break;
            }
            ++shown;
            last = d.lead;
        }
        const auto when = [](const std::optional<Instant>& t) {
            return t ? format_instant(*t) : std::string{"-"};
        };
        rows += fmt::format(
            "<tr><td class=\"name\">{}</td><td class=\"name\">{}</td><td class=\"name\">{}</td>"
            "<td>{}</td><td>{}</td></tr>",
            html_escaped(d.lead), d.kind, html_escaped(d.subject), when(d.current),
            when(d.candidate));
    }
    const bool more = r.truncated || shown < static_cast<std::size_t>(r.leads_changed);
    fmt::format_to(
        out,
        "<h3>{}, by id</h3><input class=\"filter\" data-table=\"lead-table\" "
        "placeholder=\"filter leads\" aria-label=\"filter leads\"><table "
        "id=\"lead-table\" class=\"sortable\"><thead><tr><th class=\"name\">lead</th>"
        "<th class=\"name\">difference</th><th class=\"name\">stage or SLA</th><th>"
        "current</th><th>candidate</th></tr></thead><tbody>{}</tbody></table>{}"
        "</section>",
        more ? fmt::format("The first {} leads that changed", shown)
             : std::string{"Every lead that changed"},
        rows,
        more ? fmt::format("<p>{} leads in all; the JSON lists more.</p>", r.leads_changed)
             : std::string{});
}

}  // namespace

std::string backtest_html(const BacktestResult& r, const BacktestTextOptions& options) {
    std::string html;
    const Out out{html};
    const std::string title = fmt::format("Backtest: {} {} against {}", r.current.policy_id,
                                          r.current.policy_version, r.candidate.policy_version);
    html += page_head(title);
    write_header(out, r);
    fmt::format_to(out, "</header><main>");
    write_targets(out, r);
    write_trends(out, r);
    write_figures(out, r);
    write_leads(out, r, options);
    fmt::format_to(out, "</main><script>{}</script></body></html>\n", page_script());
    return html;
}

}  // namespace leadsla
