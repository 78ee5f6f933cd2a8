// SPDX-License-Identifier: Apache-2.0
// The review meeting's report as text.
#include <algorithm>
#include <iterator>

#include <leadsla/metrics/review_format.hpp>
#include <leadsla/model/stage.hpp>
#include <leadsla/scoring/points.hpp>

#include "metrics/review_figures.hpp"

namespace leadsla {
namespace {

using Out = std::back_insert_iterator<std::string>;

using namespace detail;  // the shared figure helpers (review_figures.hpp)

void write_targets(Out out, const Review& r) {
    if (r.targets.empty()) {
        return;
    }
    fmt::format_to(out,
                   "\nAgreement targets (closed periods: met or MISSED; the running period: its "
                   "projection, on track or AT RISK)\n");
    for (const TargetReview& tr : r.targets) {
        const AgreementTarget& t = tr.target;
        const auto [met, closed] = periods_met(tr);
        const std::string what = target_subject(t);
        fmt::format_to(out, "  {} ({}): {} {} {} per {}; met in {} of {} closed {}s\n", t.id,
                       t.responsible, what, t.at_least ? ">=" : "<=", t.value, t.period, met,
                       closed, t.period);
        std::string line;
        for (std::size_t i = 0; i < tr.periods.size(); ++i) {
            const TargetPeriod& p = tr.periods[i];
            std::string cell =
                fmt::format("{} {}", p.period.label, target_figure_text(t, p.actual));
            if (p.projected) {
                cell += fmt::format(" (projected {})", target_figure_text(t, *p.projected));
            }
            line += fmt::format("{}{:<28}", i % 4 == 0 ? "    " : "  ",
                                fmt::format("{} {}", cell, status_mark(p.status)));
            if (i % 4 == 3 || i + 1 == tr.periods.size()) {
                line.erase(line.find_last_not_of(' ') + 1);
                fmt::format_to(out, "{}\n", line);
                line.clear();
            }
        }
    }
}

void write_funnel(Out out, const Review& r) {
    fmt::format_to(out, "\nFunnel in the window\n");
    fmt::format_to(out, "  entries per stage:");
    for (const auto& [stage, s] : stage_names) {
        const std::int64_t n = count_of(r, "entries", s);
        if (n > 0) {
            fmt::format_to(out, " {} {};", s, n);
        }
    }
    const std::int64_t leads = count_of(r, "leads");
    const Figure& mql_rate = window_of(r, "mql_rate");
    const Figure& to_customer = window_of(r, "lead_to_customer");
    fmt::format_to(out, "\n  leads created {}: reached MQL {}, became customers {}\n", leads,
                   rate_text(mql_rate), rate_text(to_customer));
    const std::int64_t mqls = count_of(r, "mql_cycles");
    fmt::format_to(out, "  MQLs (cohort by the month of the MQL) {}", mqls);
    std::int64_t before = mqls;
    for (const std::string_view s : funnel_stages) {
        const std::int64_t n = count_of(r, "funnel", s);
        fmt::format_to(out, " -> {} {} ({} of the stage before)", s, n, percent(n, before));
        before = n;
    }
    fmt::format_to(out, "\n");
}

void write_handover(Out out, const Review& r) {
    fmt::format_to(out, "\nHand-over\n");
    fmt::format_to(
        out,
        "  MQLs accepted {}, rejected {}, pending {}: acceptance {}, rejection {}, "
        "SQL conversion {}\n",
        count_of(r, "mql_outcome", "accepted"), count_of(r, "mql_outcome", "rejected"),
        count_of(r, "mql_outcome", "pending"), rate_text(window_of(r, "acceptance_rate")),
        rate_text(window_of(r, "rejection_rate")), rate_text(window_of(r, "sql_conversion")));
    const std::vector<std::string> codes = rejection_codes_of(r);
    if (!codes.empty()) {
        fmt::format_to(out, "  rejection reasons:");
        for (const std::string& c : codes) {
            fmt::format_to(out, " {} {};", c, count_of(r, "rejection_reasons", c));
        }
        fmt::format_to(out, "\n");
        const std::vector<std::string> sources = r.keys("leads", "", Dimension::source);
        for (const std::string& src : sources) {
            std::string line;
            for (const std::string& c : codes) {
                const std::int64_t n = count_of(r, "rejection_reasons", c, Dimension::source, src);
                if (n > 0) {
                    line += fmt::format(" {} {};", c, n);
                }
            }
            if (!line.empty()) {
                fmt::format_to(out, "    from {:<14}{}\n", src, line);
            }
        }
    }
    fmt::format_to(out,
                   "  MQL score p50 / p90: {}; created -> MQL p50 / p90: {} business, {} "
                   "calendar\n",
                   spread_text(window_of(r, "mql_score")),
                   spread_text(window_of(r, "velocity_to_mql")),
                   spread_text(window_of(r, "velocity_to_mql_calendar")));
    fmt::format_to(out, "  time in a stage before its next update, p50 / p90:");
    for (const auto& [stage, s] : stage_names) {
        const Figure& f = window_of(r, "status_update_time", s);
        if (f.has_data() && s != "lead") {
            fmt::format_to(out, " {} {};", s, spread_text(f));
        }
    }
    fmt::format_to(out, "\n  working cadence before a reason that needs it: {}\n",
                   rate_text(window_of(r, "cadence_compliance")));
}

void write_sales(Out out, const Review& r) {
    fmt::format_to(out, "\nSales\n");
    fmt::format_to(out,
                   "  SQL -> opportunity {}, win rate {}, sales cycle (SQL -> customer) p50 / p90 "
                   "{}\n",
                   rate_text(window_of(r, "sql_to_opportunity")),
                   rate_text(window_of(r, "win_rate")), spread_text(window_of(r, "sales_cycle")));
    const Figure& pipeline = window_of(r, "pipeline");
    const Figure& deals = window_of(r, "deal_size");
    if (pipeline.count > 0 || deals.count > 0) {
        fmt::format_to(
            out, "  pipeline {} from {} opportunities; {} customers won, average deal {}\n",
            pipeline.amount, pipeline.count, deals.count,
            deals.count > 0
                ? fmt::format("{}", Decimal::from_units(deals.amount.units() / deals.count))
                : std::string{"-"});
    }
}

void write_clocks(Out out, const Review& r) {
    const std::vector<std::string> slas = slas_of(r);
    if (slas.empty()) {
        return;
    }
    fmt::format_to(out,
                   "\nSLA clocks by the period they started (on time = met on time / (met + met "
                   "late + breached))\n");
    for (const std::string& sla : slas) {
        const std::int64_t on = count_of(r, "clocks", sla + ":met_on_time");
        const std::int64_t late = count_of(r, "clocks", sla + ":met_late");
        const std::int64_t breached = count_of(r, "clocks", sla + ":breached");
        const std::int64_t running =
            count_of(r, "clocks", sla + ":running") + count_of(r, "clocks", sla + ":paused");
        fmt::format_to(out, "  {}: on time {}; met {}, met late {}, breached {}, open {}", sla,
                       rate_text(window_of(r, "on_time_rate", sla)), on, late, breached, running);
        const std::int64_t stalled = count_of(r, "stalled", sla);
        if (stalled > 0) {
            fmt::format_to(out, "; stalled {}, recycled {}", stalled, count_of(r, "recycled", sla));
        }
        fmt::format_to(out, "; at risk now {}\n", count_of(r, "at_risk_now", sla));
        const Series* trend = r.find("on_time_rate", sla);
        if (trend != nullptr) {
            fmt::format_to(out, "    trend:");
            for (std::size_t i = 0; i < trend->periods.size(); ++i) {
                fmt::format_to(out, " {} {};", r.periods[i].label, rate_text(trend->periods[i]));
            }
            fmt::format_to(out, "\n");
        }
        const Figure& response = window_of(r, "response_time", sla);
        if (response.has_data()) {
            fmt::format_to(out, "    response (business time to stop, met clocks): p50 / p90 {};",
                           spread_text(response));
            for (const std::string_view b : bucket_labels) {
                const std::int64_t n =
                    count_of(r, "response_buckets", fmt::format("{}:{}", sla, b));
                fmt::format_to(out, " {} {} ({});", b, n, percent(n, response.count));
            }
            fmt::format_to(out, "\n");
        }
    }
}

void write_breakdown(Out out, const Review& r, Dimension d) {
    const std::vector<std::string> keys = r.keys("leads", "", d);
    const std::vector<std::string> slas = slas_of(r);
    if (keys.empty()) {
        return;
    }
    fmt::format_to(out, "\nBy {}\n  {:<16} {:>6} {:>6} {:>10}", d, to_string(d), "leads", "MQLs",
                   "accepted");
    for (const std::string& sla : slas) {
        fmt::format_to(out, " {:>18}", sla.substr(0, 18));
    }
    fmt::format_to(out, " {:>9} {:>8}\n", "breaches", "at risk");
    for (const std::string& k : keys) {
        fmt::format_to(out, "  {:<16} {:>6} {:>6} {:>10}", k.substr(0, 16),
                       count_of(r, "leads", "", d, k), count_of(r, "mql_cycles", "", d, k),
                       rate_text(window_of(r, "acceptance_rate", "", d, k)));
        std::int64_t breaches = 0;
        std::int64_t at_risk = 0;
        for (const std::string& sla : slas) {
            fmt::format_to(out, " {:>18}", rate_text(window_of(r, "on_time_rate", sla, d, k)));
            breaches += count_of(r, "breaches", sla, d, k);
            at_risk += count_of(r, "at_risk_now", sla, d, k);
        }
        fmt::format_to(out, " {:>9} {:>8}\n", breaches, at_risk);
    }
}

void write_breaches(Out out, const Review& r) {
    fmt::format_to(out, "\nBreaches in the window: {} (the {} most recent)\n", r.breach_count,
                   r.breaches.size());
    for (const BreachRow& b : r.breaches) {
        fmt::format_to(out, "  {}  {:<10} {:<20} {:<12} owner {:<12} {} ({} counted)\n",
                       format_instant(b.breached_at), b.lead, b.sla, b.segment, b.owner, b.status,
                       b.elapsed);
    }
}

/// The change log: each version in force during the window with why it exists, when there is
/// more than one or any says why.
void write_versions(const Out& out, const Review& r) {
    if (!shows_versions(r)) {
        return;
    }
    fmt::format_to(out, "\nPolicy versions in the window, and why\n");
    for (const PolicyVersionNote& v : r.policy_versions) {
        fmt::format_to(out, "  {} from {}: ", v.version,
                       v.effective_from ? format_instant(*v.effective_from) : "the start");
        if (v.rationale) {
            fmt::format_to(out, "{}\n", *v.rationale);
        } else {
            fmt::format_to(out, "(no rationale given)\n");
        }
    }
}

}  // namespace

std::string review_text(const Review& r, const ReviewTextOptions& options) {
    std::string text;
    const Out out{text};
    fmt::format_to(out, "SLA review: policy {} {} ({})\n", r.policy_id, r.policy_version,
                   r.policy_hash);
    fmt::format_to(out, "window [{}, {}) by {} in {}, as of {}\n", format_instant(r.from),
                   format_instant(r.to), r.period, r.zone, format_instant(r.as_of));
    fmt::format_to(out,
                   "{} leads read; {} created after the as-of instant (not counted); {} input "
                   "items refused\n",
                   r.leads + r.leads_not_yet_created, r.leads_not_yet_created, r.bad_input);
    write_versions(out, r);
    write_targets(out, r);
    write_funnel(out, r);
    write_handover(out, r);
    write_sales(out, r);
    write_clocks(out, r);
    for (const Dimension d : options.by) {
        write_breakdown(out, r, d);
    }
    write_breaches(out, r);
    return text;
}

}  // namespace leadsla
