// SPDX-License-Identifier: Apache-2.0
// The review as JSON (docs/review.schema.json): written by hand so the key order is the
// document's, and the bytes are the same for the same review.
#include <iterator>

#include <leadsla/metrics/review_format.hpp>
#include <leadsla/scoring/points.hpp>

#include "metrics/json_text.hpp"

namespace leadsla {
namespace {

using detail::figure;
using detail::kind_name;
using detail::period;
using detail::q;
using Out = std::back_insert_iterator<std::string>;

}  // namespace

std::string review_json(const Review& r) {
    std::string out;
    const Out o{out};
    fmt::format_to(o,
                   "{{\"format\":\"leadsla.review/1\",\"policy\":{{\"id\":{},\"version\":{},"
                   "\"hash\":{},\"versions\":[",
                   q(r.policy_id), q(r.policy_version), q(r.policy_hash));
    for (std::size_t i = 0; i < r.policy_versions.size(); ++i) {
        const PolicyVersionNote& v = r.policy_versions[i];
        fmt::format_to(o, "{}{{\"version\":{},\"effective_from\":{},\"hash\":{},\"rationale\":",
                       i == 0 ? "" : ",", q(v.version),
                       v.effective_from ? q(format_instant(*v.effective_from)) : "null", q(v.hash));
        if (v.rationale) {
            fmt::format_to(o, "{{\"why\":{},\"decided_by\":{},\"review\":{}}}}}",
                           q(v.rationale->why), q(v.rationale->decided_by), q(v.rationale->review));
        } else {
            out += "null}";
        }
    }
    out += "]},";
    fmt::format_to(o,
                   "\"window\":{{\"from\":\"{}\",\"to\":\"{}\"}},\"as_of\":\"{}\","
                   "\"period\":\"{}\",\"zone\":{},",
                   format_instant(r.from), format_instant(r.to), format_instant(r.as_of), r.period,
                   q(r.zone));
    fmt::format_to(o, "\"input\":{{\"leads\":{},\"not_yet_created\":{},\"refused\":{}}},", r.leads,
                   r.leads_not_yet_created, r.bad_input);
    out += "\"periods\":[";
    for (std::size_t i = 0; i < r.periods.size(); ++i) {
        out += i == 0 ? "" : ",";
        period(out, r.periods[i]);
    }
    out += "],\"targets\":[";
    for (std::size_t i = 0; i < r.targets.size(); ++i) {
        const AgreementTarget& t = r.targets[i].target;
        out += i == 0 ? "" : ",";
        fmt::format_to(o, "{{\"id\":{},\"metric\":\"{}\",", q(t.id), t.metric);
        if (t.metric == AgreementMetric::entries) {
            fmt::format_to(o, "\"stage\":\"{}\",", t.stage);
        }
        if (!t.sla.empty()) {
            fmt::format_to(o, "\"sla\":{},", q(t.sla));
        }
        fmt::format_to(o, "\"period\":\"{}\",\"scope\":{{\"dimension\":\"{}\",\"value\":{}}},",
                       t.period, t.scope.dimension, q(t.scope.value));
        fmt::format_to(o, "\"responsible\":\"{}\",\"comparison\":\"{}\",\"target\":{},",
                       t.responsible, t.at_least ? "at_least" : "at_most", q(to_string(t.value)));
        out += "\"periods\":[";
        for (std::size_t k = 0; k < r.targets[i].periods.size(); ++k) {
            const TargetPeriod& p = r.targets[i].periods[k];
            out += k == 0 ? "{\"period\":" : ",{\"period\":";
            period(out, p.period);
            out += ",\"actual\":";
            figure(out, p.actual);
            if (p.projected) {
                out += ",\"projected\":";
                figure(out, *p.projected);
            }
            fmt::format_to(o, ",\"status\":\"{}\"}}", p.status);
        }
        out += "]}";
    }
    out += "],\"series\":[";
    for (std::size_t i = 0; i < r.series.size(); ++i) {
        const Series& s = r.series[i];
        out += i == 0 ? "" : ",";
        fmt::format_to(o,
                       "{{\"metric\":{},\"detail\":{},\"dimension\":\"{}\",\"key\":{},"
                       "\"kind\":\"{}\",\"periods\":[",
                       q(s.metric), q(s.detail), s.dimension, q(s.key), kind_name(s.window.kind));
        for (std::size_t k = 0; k < s.periods.size(); ++k) {
            out += k == 0 ? "" : ",";
            figure(out, s.periods[k]);
        }
        out += "],\"window\":";
        figure(out, s.window);
        if (!s.leads.empty()) {
            out += ",\"leads\":[";
            for (std::size_t k = 0; k < s.leads.size(); ++k) {
                fmt::format_to(o, "{}{}", k == 0 ? "" : ",", q(s.leads[k]));
            }
            out += ']';
        }
        out += '}';
    }
    fmt::format_to(o, "],\"breaches\":{{\"count\":{},\"most_recent\":[", r.breach_count);
    for (std::size_t i = 0; i < r.breaches.size(); ++i) {
        const BreachRow& b = r.breaches[i];
        out += i == 0 ? "" : ",";
        fmt::format_to(o,
                       "{{\"breached_at\":\"{}\",\"lead\":{},\"sla\":{},\"status\":\"{}\","
                       "\"segment\":{},\"owner\":{},\"team\":{},\"elapsed_s\":{}}}",
                       format_instant(b.breached_at), q(b.lead), q(b.sla), b.status, q(b.segment),
                       q(b.owner), q(b.team), b.elapsed.count());
    }
    out += "]}}\n";
    return out;
}

}  // namespace leadsla
