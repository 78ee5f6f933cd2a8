// SPDX-License-Identifier: Apache-2.0
// One series under two policies: the figures side by side and the change of their headline.
#include <tuple>

#include <leadsla/metrics/backtest.hpp>
#include <leadsla/scoring/points.hpp>

namespace leadsla {
namespace {

auto key_of(const Series& s) {
    return std::tie(s.metric, s.detail, s.dimension, s.key);
}

}  // namespace

std::optional<std::int64_t> SeriesDelta::change() const noexcept {
    if (!current.has_data() || !candidate.has_data()) {
        return std::nullopt;
    }
    switch (candidate.kind) {
        case Figure::Kind::count:
        case Figure::Kind::amount:
            return candidate.count - current.count;
        case Figure::Kind::rate:
            return candidate.basis_points() - current.basis_points();
        case Figure::Kind::duration:
        case Figure::Kind::points:
            return candidate.p50 - current.p50;
    }
    return std::nullopt;
}

std::string SeriesDelta::change_text() const {
    const std::optional<std::int64_t> c = change();
    if (!c) {
        return "n/a";
    }
    const char* sign = *c < 0 ? "-" : "+";
    const std::int64_t magnitude = *c < 0 ? -*c : *c;
    switch (candidate.kind) {
        case Figure::Kind::count:
            return fmt::format("{}{}", sign, magnitude);
        case Figure::Kind::amount: {
            const Decimal a = amount_change();
            return fmt::format("{}{}", a < Decimal{} ? "-" : "+", a < Decimal{} ? -a : a);
        }
        case Figure::Kind::rate:
            return fmt::format("{}{}.{:02} pp", sign, magnitude / 100, magnitude % 100);
        case Figure::Kind::duration:
            return fmt::format("p50 {}{}", sign, BusinessDuration::seconds(magnitude));
        case Figure::Kind::points:
            return fmt::format("p50 {}{}", sign, Points::from_milli(magnitude));
    }
    return "n/a";
}

std::vector<SeriesDelta> series_deltas(const Review& current, const Review& candidate, bool all) {
    // Both lists are sorted by (metric, detail, dimension, key): walk them together.
    std::vector<SeriesDelta> out;
    auto a = current.series.begin();
    auto b = candidate.series.begin();
    while (a != current.series.end() || b != candidate.series.end()) {
        const bool take_a =
            b == candidate.series.end() || (a != current.series.end() && key_of(*a) <= key_of(*b));
        const bool take_b =
            a == current.series.end() || (b != candidate.series.end() && key_of(*b) <= key_of(*a));
        const Series& s = take_a ? *a : *b;
        SeriesDelta d{s.metric, s.detail, s.dimension, s.key, {}, {}};
        d.current.kind = s.window.kind;
        d.candidate.kind = s.window.kind;
        if (take_a) {
            d.current = a->window;
            ++a;
        }
        if (take_b) {
            d.candidate = b->window;
            ++b;
        }
        if (all || !(d.current == d.candidate)) {
            out.push_back(std::move(d));
        }
    }
    return out;
}

}  // namespace leadsla
