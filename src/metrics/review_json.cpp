// SPDX-License-Identifier: Apache-2.0
// The review as JSON (docs/review.schema.json): written by hand so the key order is the
// document's, and the bytes are the same for the same review.
#include <iterator>

#include <leadsla/metrics/review_format.hpp>
#include <leadsla/scoring/points.hpp>

namespace leadsla {
namespace {

using Out = std::back_insert_iterator<std::string>;

/// Appends `s` as a JSON string; bytes that are not valid UTF-8 become U+FFFD, so the document
/// is always valid JSON whatever the names in the input.
void quoted(std::string& out, std::string_view s) {
    out += '"';
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
            ++i;
        } else if (c < 0x20) {
            fmt::format_to(std::back_inserter(out), "\\u{:04x}", c);
            ++i;
        } else if (c < 0x80) {
            out += static_cast<char>(c);
            ++i;
        } else {
            // The length of a well-formed sequence starting here, or 0.
            std::size_t n = 0;
            if (c >= 0xC2 && c <= 0xDF) {
                n = 2;
            } else if (c >= 0xE0 && c <= 0xEF) {
                n = 3;
            } else if (c >= 0xF0 && c <= 0xF4) {
                n = 4;
            }
            bool ok = n > 0 && i + n <= s.size();
            for (std::size_t k = 1; ok && k < n; ++k) {
                ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
            }
            if (ok && n == 3) {
                const auto c1 = static_cast<unsigned char>(s[i + 1]);
                ok =
                    !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0);  // overlong, surrogate
            } else if (ok && n == 4) {
                const auto c1 = static_cast<unsigned char>(s[i + 1]);
                ok = !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90);
            }
            if (ok) {
                out.append(s.substr(i, n));
                i += n;
            } else {
                out += "\xEF\xBF\xBD";
                ++i;
            }
        }
    }
    out += '"';
}

std::string q(std::string_view s) {
    std::string out;
    quoted(out, s);
    return out;
}

std::string kind_name(Figure::Kind k) {
    switch (k) {
        case Figure::Kind::count:
            return "count";
        case Figure::Kind::rate:
            return "rate";
        case Figure::Kind::duration:
            return "duration";
        case Figure::Kind::points:
            return "points";
        case Figure::Kind::amount:
            return "amount";
    }
    return "count";
}

/// A figure: counts and amounts always, rates with numerator and denominator (and the rate in
/// percent when there is one), distributions with samples and p50 / p90.
void figure(std::string& out, const Figure& f) {
    const Out o{out};
    switch (f.kind) {
        case Figure::Kind::count:
            fmt::format_to(o, "{{\"count\":{}}}", f.count);
            return;
        case Figure::Kind::rate:
            fmt::format_to(o, "{{\"numerator\":{},\"denominator\":{}", f.count, f.denominator);
            if (f.has_data()) {
                fmt::format_to(o, ",\"percent\":{}.{:02}", f.basis_points() / 100,
                               f.basis_points() % 100);
            }
            out += '}';
            return;
        case Figure::Kind::duration:
            fmt::format_to(o, "{{\"samples\":{}", f.count);
            if (f.has_data()) {
                fmt::format_to(o, ",\"p50_s\":{},\"p90_s\":{}", f.p50, f.p90);
            }
            out += '}';
            return;
        case Figure::Kind::points:
            fmt::format_to(o, "{{\"samples\":{}", f.count);
            if (f.has_data()) {
                fmt::format_to(o, ",\"p50\":{},\"p90\":{}", Points::from_milli(f.p50),
                               Points::from_milli(f.p90));
            }
            out += '}';
            return;
        case Figure::Kind::amount:
            fmt::format_to(o, "{{\"items\":{},\"amount\":\"{}\"}}", f.count, f.amount);
            return;
    }
}

void period(std::string& out, const ReviewPeriod& p) {
    fmt::format_to(std::back_inserter(out),
                   "{{\"label\":{},\"from\":\"{}\",\"to\":\"{}\",\"running\":{}}}", q(p.label),
                   format_instant(p.from), format_instant(p.to), p.running);
}

}  // namespace

std::string review_json(const Review& r) {
    std::string out;
    const Out o{out};
    fmt::format_to(o,
                   "{{\"format\":\"leadsla.review/1\",\"policy\":{{\"id\":{},\"version\":{},"
                   "\"hash\":{}}},",
                   q(r.policy_id), q(r.policy_version), q(r.policy_hash));
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
