// SPDX-License-Identifier: Apache-2.0
// The window of a review or a backtest (review_window.hpp).
#include "review_window.hpp"

#include <charconv>

#include <date/date.h>
#include <fmt/format.h>

namespace leadsla::cli {
namespace {

/// `2026`, `2026-Q4`, `2026-11`, `2026-W48`, `2026-11-30` as `[from, to)` in `zone`.
Result<std::pair<Instant, Instant>> named_window(std::string_view text, const Zone& zone) {
    const auto number = [](std::string_view s) -> std::optional<int> {
        int v = 0;
        const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        return ec == std::errc{} && end == s.data() + s.size() ? std::optional{v} : std::nullopt;
    };
    const auto bad = Error{ErrorCode::parse_syntax, "--window",
                           fmt::format("\"{}\" is not a period: write 2026, 2026-Q4, 2026-11, "
                                       "2026-W48 or 2026-11-30",
                                       text)};
    if (text.size() < 4) {
        return bad;
    }
    const std::optional<int> year = number(text.substr(0, 4));
    if (!year) {
        return bad;
    }
    const date::year y{*year};
    date::local_days first;
    date::local_days next;
    const std::string_view rest = text.substr(4);
    if (rest.empty()) {
        first = date::local_days{y / date::January / 1};
        next = date::local_days{(y + date::years{1}) / date::January / 1};
    } else if (rest.size() == 3 && rest[0] == '-' && rest[1] == 'Q' && rest[2] >= '1' &&
               rest[2] <= '4') {
        const auto q = static_cast<unsigned>(rest[2] - '0');
        first = date::local_days{y / date::month{(q - 1) * 3 + 1} / 1};
        next = date::local_days{(y / date::month{(q - 1) * 3 + 1} + date::months{3}) / 1};
    } else if (rest.size() == 4 && rest[0] == '-' && rest[1] == 'W') {
        const std::optional<int> w = number(rest.substr(2));
        // ISO week 1 holds 4 January; weeks start on Monday.
        const date::local_days jan4{y / date::January / 4};
        const date::local_days week1 = jan4 - (date::weekday{jan4} - date::Monday);
        if (!w || *w < 1 || *w > 53) {
            return bad;
        }
        first = week1 + date::days{7 * (*w - 1)};
        next = first + date::days{7};
    } else if (rest.size() == 3 && rest[0] == '-') {
        const std::optional<int> m = number(rest.substr(1));
        if (!m || *m < 1 || *m > 12) {
            return bad;
        }
        first = date::local_days{y / date::month{static_cast<unsigned>(*m)} / 1};
        next = date::local_days{(y / date::month{static_cast<unsigned>(*m)} + date::months{1}) / 1};
    } else {
        Result<CivilDate> d = parse_civil_date(text);
        if (!d) {
            return bad;
        }
        first = date::local_days{*d};
        next = first + date::days{1};
    }
    return std::pair{zone.to_instant(LocalTime{first}), zone.to_instant(LocalTime{next})};
}

/// The reporting zone of the policy's agreement.
std::optional<Zone> reporting_zone(const Policy& p) {
    if (!p.agreement) {
        return std::nullopt;
    }
    if (!p.agreement->calendar.empty()) {
        return p.calendars.at(p.agreement->calendar).zone();
    }
    Result<Zone> z = Zone::locate(p.agreement->zone);
    return z ? std::optional{*z} : std::nullopt;
}

}  // namespace

void WindowOptions::add_to(CLI::App& cmd) {
    cmd.add_option("--window", window,
                   "The window as a period in the reporting zone: 2026, 2026-Q4, 2026-11, "
                   "2026-W48 or 2026-11-30");
    cmd.add_option("--from", from, "The window's start (RFC 3339), with --to");
    cmd.add_option("--to", to, "The window's end, exclusive (RFC 3339)");
    cmd.add_option("--as-of", as_of,
                   "Count only what was known at this instant (RFC 3339); default: the window's "
                   "end");
}

WindowResult resolve_window(const WindowOptions& o, const PolicySet& policies) {
    const auto fail = [](std::string message) {
        return WindowResult{std::nullopt, std::move(message)};
    };
    // The window: named in the reporting zone of the latest version, or given.
    Instant from;
    Instant to;
    if (!o.window.empty()) {
        if (!o.from.empty() || !o.to.empty()) {
            return fail("give --window, or --from and --to, not both");
        }
        const Policy& latest = policies.versions().back().policy();
        const std::optional<Zone> zone = reporting_zone(latest);
        if (!zone) {
            return fail(
                fmt::format("policy {} {} has no agreement with a reporting calendar "
                            "or zone (docs/metrics.md)",
                            latest.id, latest.version));
        }
        Result<std::pair<Instant, Instant>> w = named_window(o.window, *zone);
        if (!w) {
            return fail(fmt::format("{}", w.error()));
        }
        std::tie(from, to) = *w;
    } else {
        if (o.from.empty() || o.to.empty()) {
            return fail(
                "give the window: --window 2026-11 (or 2026, 2026-Q4, 2026-W48), or "
                "--from and --to");
        }
        Result<Instant> f = parse_instant(o.from);
        Result<Instant> t = parse_instant(o.to);
        if (!f || !t) {
            return fail(fmt::format("--from / --to: {}", !f ? f.error() : t.error()));
        }
        from = *f;
        to = *t;
    }
    Instant as_of = to;
    if (!o.as_of.empty()) {
        Result<Instant> a = parse_instant(o.as_of);
        if (!a) {
            return fail(fmt::format("--as-of: {}", a.error()));
        }
        as_of = *a;
    }
    return WindowResult{ReviewWindow{from, to, as_of}, {}};
}

}  // namespace leadsla::cli
