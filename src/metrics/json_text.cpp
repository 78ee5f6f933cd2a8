// SPDX-License-Identifier: Apache-2.0
// JSON text of the review's values, shared by the review and backtest documents.
#include "metrics/json_text.hpp"

#include <iterator>

#include <leadsla/scoring/points.hpp>

namespace leadsla::detail {

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

std::string_view kind_name(Figure::Kind k) noexcept {
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
    const std::back_insert_iterator<std::string> o{out};
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

}  // namespace leadsla::detail
