// SPDX-License-Identifier: Apache-2.0
// The backtest as JSON (docs/backtest.md): both reviews in full, the deltas, the leads.
#include <iterator>

#include <leadsla/metrics/backtest_format.hpp>
#include <leadsla/metrics/review_format.hpp>

#include "metrics/json_text.hpp"

namespace leadsla {
namespace {

/// The review document without its closing newline, to nest it.
std::string nested_review(const Review& r) {
    std::string text = review_json(r);
    while (!text.empty() && text.back() == '\n') {
        text.pop_back();
    }
    return text;
}

void instant_or_null(std::string& out, const std::optional<Instant>& at) {
    if (at) {
        fmt::format_to(std::back_inserter(out), "\"{}\"", format_instant(*at));
    } else {
        out += "null";
    }
}

}  // namespace

std::string backtest_json(const BacktestResult& r) {
    using detail::q;
    std::string out;
    const std::back_insert_iterator<std::string> o{out};
    out += "{\"format\":\"leadsla.backtest/1\",\"current\":";
    out += nested_review(r.current);
    out += ",\"candidate\":";
    out += nested_review(r.candidate);
    out += ",\"deltas\":[";
    const std::vector<SeriesDelta> deltas = series_deltas(r.current, r.candidate);
    for (std::size_t i = 0; i < deltas.size(); ++i) {
        const SeriesDelta& d = deltas[i];
        fmt::format_to(o,
                       "{}{{\"metric\":{},\"detail\":{},\"dimension\":\"{}\",\"key\":{},"
                       "\"kind\":\"{}\",\"current\":",
                       i == 0 ? "" : ",", q(d.metric), q(d.detail), d.dimension, q(d.key),
                       detail::kind_name(d.current.kind));
        detail::figure(out, d.current);
        out += ",\"candidate\":";
        detail::figure(out, d.candidate);
        out += ",\"change\":";
        if (const std::optional<std::int64_t> c = d.change()) {
            fmt::format_to(o, "{}", *c);
        } else {
            out += "null";
        }
        if (d.current.kind == Figure::Kind::amount) {
            fmt::format_to(o, ",\"amount_change\":\"{}\"", d.amount_change());
        }
        out += '}';
    }
    fmt::format_to(o,
                   "],\"leads\":{{\"changed\":{},\"replay_differs_from_reported\":{},"
                   "\"counts\":[",
                   r.leads_changed, r.replay_differs_from_reported);
    for (std::size_t i = 0; i < r.counts.size(); ++i) {
        const DifferenceCount& c = r.counts[i];
        fmt::format_to(o, "{}{{\"kind\":\"{}\",\"subject\":{},\"leads\":{}}}", i == 0 ? "" : ",",
                       c.kind, q(c.subject), c.leads);
    }
    out += "],\"differences\":[";
    for (std::size_t i = 0; i < r.differences.size(); ++i) {
        const LeadDifference& d = r.differences[i];
        fmt::format_to(o, "{}{{\"lead\":{},\"kind\":\"{}\",\"subject\":{},\"current\":",
                       i == 0 ? "" : ",", q(d.lead), d.kind, q(d.subject));
        instant_or_null(out, d.current);
        out += ",\"candidate\":";
        instant_or_null(out, d.candidate);
        out += '}';
    }
    fmt::format_to(o, "],\"truncated\":{}}}}}\n", r.truncated);
    return out;
}

}  // namespace leadsla
