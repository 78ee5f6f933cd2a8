// SPDX-License-Identifier: Apache-2.0
// The style, script and figure helpers the review's HTML pages share.
#include "metrics/html_page.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "metrics/html_text.hpp"
#include "metrics/review_figures.hpp"

namespace leadsla::detail {
namespace {

constexpr std::string_view style_text = R"(
:root{--met:#1a7f37;--missed:#cf222e;--risk:#9a6700;--muted:#57606a;--line:#d0d7de;--bg:#f6f8fa}
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:0;color:#1f2328;line-height:1.4}
header{padding:16px 24px;border-bottom:1px solid var(--line);background:var(--bg)}
header h1{margin:0 0 4px;font-size:1.5rem}
header p{margin:2px 0;color:var(--muted)}
nav a{margin-right:16px;font-weight:600}
main{padding:0 24px 24px;max-width:1280px}
section{border-bottom:1px solid var(--line);padding-bottom:16px}
h2{margin-top:24px}
h3{margin:16px 0 8px;font-size:1.05rem}
table{border-collapse:collapse;margin:8px 0;font-size:.9rem}
th,td{border:1px solid var(--line);padding:3px 8px;text-align:right;vertical-align:top}
th{background:var(--bg)}
td.name,th.name{text-align:left}
table.sortable th{cursor:pointer}
th[aria-sort=ascending]::after{content:" \25B2"}
th[aria-sort=descending]::after{content:" \25BC"}
.kpis{display:flex;flex-wrap:wrap;gap:12px;margin:12px 0}
.kpi{border:1px solid var(--line);border-radius:6px;padding:8px 12px;min-width:150px}
.kpi .v{font-size:1.4rem;font-weight:600}
.kpi .l{color:var(--muted);font-size:.85rem}
.st{font-weight:600;white-space:nowrap}
.st-met,.st-on_track{color:var(--met)}
.st-missed{color:var(--missed)}
.st-at_risk{color:var(--risk)}
.st-no_data{color:var(--muted);font-weight:400}
.strip span{display:inline-block;width:1.5em;text-align:center}
.charts{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}
.charts figure{flex:1 1 560px;max-width:660px}
figure{margin:8px 0;border:1px solid var(--line);border-radius:6px;padding:8px}
figcaption{font-weight:600;margin-bottom:4px}
svg.chart{max-width:100%;height:auto;font-size:11px}
svg .grid{stroke:#eaeef2}
svg .target{stroke:var(--missed);stroke-dasharray:5 4;stroke-width:1.5}
svg .tick,svg .legend{fill:#1f2328}
svg .bar{fill:#0072b2}
.nodata{color:var(--muted);font-style:italic}
input.filter{margin:4px 0;padding:3px 6px}
.scroll{overflow-x:auto}
pre{background:var(--bg);padding:8px;overflow-x:auto;font-size:.8rem}
details.lead{margin:4px 0}
.list ul{columns:6 8em;margin:4px 0 12px}
.list h3{font-size:.95rem;margin:12px 0 4px}
@media print{nav,input.filter{display:none}section{break-inside:avoid-page}figure{break-inside:avoid}body{font-size:10pt}a{color:inherit;text-decoration:none}}
)";

constexpr std::string_view script_text = R"(
document.querySelectorAll('table.sortable').forEach(function (t) {
  t.querySelectorAll('thead th').forEach(function (th, i) {
    th.tabIndex = 0;
    var sort = function () {
      var asc = th.getAttribute('aria-sort') !== 'ascending';
      t.querySelectorAll('thead th').forEach(function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
      var key = function (r) {
        var c = r.cells[i];
        return c.dataset.sort !== undefined ? Number(c.dataset.sort) : c.textContent;
      };
      var rows = Array.prototype.slice.call(t.tBodies[0].rows);
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        var d = typeof x === 'number' ? x - y : String(x).localeCompare(String(y));
        return asc ? d : -d;
      });
      rows.forEach(function (r) { t.tBodies[0].appendChild(r); });
    };
    th.addEventListener('click', sort);
    th.addEventListener('keydown', function (e) { if (e.key === 'Enter') { sort(); } });
  });
});
document.querySelectorAll('input.filter').forEach(function (input) {
  var t = document.getElementById(input.dataset.table);
  input.addEventListener('input', function () {
    var q = input.value.toLowerCase();
    Array.prototype.forEach.call(t.tBodies[0].rows, function (r) {
      r.hidden = q !== '' && r.cells[0].textContent.toLowerCase().indexOf(q) < 0;
    });
  });
});
window.addEventListener('beforeprint', function () {
  document.querySelectorAll('details').forEach(function (d) { d.open = true; });
});
)";

}  // namespace

std::string page_head(std::string_view title) {
    const std::string escaped = html_escaped(title);
    return fmt::format(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<meta name=\"generator\" content=\"leadsla\"><title>{}</title><style>{}"
        "</style></head><body><header><h1>{}</h1>",
        escaped, style_text, escaped);
}

std::string_view page_script() noexcept {
    return script_text;
}

std::string_view status_icon(TargetStatus s) noexcept {
    switch (s) {
        case TargetStatus::met:
            return "\u2713";
        case TargetStatus::missed:
            return "\u2717";
        case TargetStatus::on_track:
            return "\u2197";
        case TargetStatus::at_risk:
            return "\u26A0";
        case TargetStatus::no_data:
            return "\u2013";
    }
    return "\u2013";
}

/// A status with its icon and its word: colour is never the only signal.
std::string status_badge(TargetStatus s) {
    std::string word{to_string(s)};
    std::replace(word.begin(), word.end(), '_', ' ');
    return fmt::format("<span class=\"st st-{}\">{} {}</span>", to_string(s), status_icon(s), word);
}

/// A figure of a chart: the percentage of a rate, the p50 of a duration, a count.
std::optional<double> plotted(const Figure& f) {
    if (!f.has_data()) {
        return std::nullopt;
    }
    switch (f.kind) {
        case Figure::Kind::rate:
            return static_cast<double>(f.basis_points()) / 100.0;
        case Figure::Kind::duration:
        case Figure::Kind::points:
            return static_cast<double>(f.p50);
        case Figure::Kind::amount:
        case Figure::Kind::count:
            break;
    }
    return static_cast<double>(f.count);
}

std::string period_text(const Figure& f) {
    switch (f.kind) {
        case Figure::Kind::rate:
            return rate_text(f);
        case Figure::Kind::duration:
            return f.has_data() ? duration_text(f.p50) : "-";
        case Figure::Kind::points:
            return spread_text(f);
        case Figure::Kind::amount:
            return fmt::format("{}", f.amount);
        case Figure::Kind::count:
            break;
    }
    return fmt::format("{}", f.count);
}

}  // namespace leadsla::detail
