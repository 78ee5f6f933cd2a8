// SPDX-License-Identifier: Apache-2.0
#include "metrics/period_grid.hpp"

#include <algorithm>

#include <date/date.h>
#include <date/iso_week.h>
#include <fmt/format.h>

namespace leadsla::detail {
namespace {

/// The first day of the period of `kind` that holds `day`.
date::local_days period_start(Period kind, date::local_days day) {
    const date::year_month_day ymd{day};
    switch (kind) {
        case Period::day:
            return day;
        case Period::week: {
            const date::weekday wd{day};
            return day - (wd - date::Monday);
        }
        case Period::month:
            return date::local_days{ymd.year() / ymd.month() / 1};
        case Period::quarter: {
            const unsigned m = static_cast<unsigned>(ymd.month());
            return date::local_days{ymd.year() / date::month{(m - 1) / 3 * 3 + 1} / 1};
        }
        case Period::year:
            return date::local_days{ymd.year() / date::January / 1};
    }
    return day;
}

/// The first day of the period after the one starting on `start`.
date::local_days next_start(Period kind, date::local_days start) {
    const date::year_month_day ymd{start};
    switch (kind) {
        case Period::day:
            return start + date::days{1};
        case Period::week:
            return start + date::days{7};
        case Period::month:
            return date::local_days{(ymd.year() / ymd.month() + date::months{1}) / 1};
        case Period::quarter:
            return date::local_days{(ymd.year() / ymd.month() + date::months{3}) / 1};
        case Period::year:
            return date::local_days{(ymd.year() + date::years{1}) / date::January / 1};
    }
    return start + date::days{1};
}

std::string label_of(Period kind, date::local_days start) {
    const date::year_month_day ymd{start};
    const int y = static_cast<int>(ymd.year());
    const unsigned m = static_cast<unsigned>(ymd.month());
    switch (kind) {
        case Period::day:
            return fmt::format("{:04}-{:02}-{:02}", y, m, static_cast<unsigned>(ymd.day()));
        case Period::week: {
            const iso_week::year_weeknum_weekday iso{start};
            return fmt::format("{:04}-W{:02}", static_cast<int>(iso.year()),
                               static_cast<unsigned>(iso.weeknum()));
        }
        case Period::month:
            return fmt::format("{:04}-{:02}", y, m);
        case Period::quarter:
            return fmt::format("{:04}-Q{}", y, (m - 1) / 3 + 1);
        case Period::year:
            return fmt::format("{:04}", y);
    }
    return {};
}

}  // namespace

Result<PeriodGrid> PeriodGrid::create(Period kind, const Zone& zone, Instant from, Instant to) {
    if (!(from < to)) {
        return Error{ErrorCode::policy_invalid, "",
                     fmt::format("the review window [{}, {}) is empty", format_instant(from),
                                 format_instant(to))};
    }
    PeriodGrid g;
    g.kind_ = kind;
    g.from_ = from;
    g.to_ = to;
    date::local_days day = period_start(kind, date::floor<date::days>(zone.to_local(from)));
    g.bounds_.push_back(zone.to_instant(LocalTime{day}));
    while (g.bounds_.back() < to) {
        if (g.labels_.size() == max_periods) {
            return Error{ErrorCode::policy_invalid, "",
                         fmt::format("the review window [{}, {}) has more than {} periods of a {}",
                                     format_instant(from), format_instant(to), max_periods, kind)};
        }
        g.labels_.push_back(label_of(kind, day));
        day = next_start(kind, day);
        g.bounds_.push_back(zone.to_instant(LocalTime{day}));
    }
    return g;
}

std::optional<std::uint32_t> PeriodGrid::index(Instant t) const noexcept {
    if (t < from_ || !(t < to_)) {
        return std::nullopt;
    }
    // The last bound at or before t.
    const auto it = std::upper_bound(bounds_.begin(), bounds_.end(), t);
    return static_cast<std::uint32_t>(it - bounds_.begin() - 1);
}

std::vector<ReviewPeriod> PeriodGrid::periods(Instant as_of) const {
    std::vector<ReviewPeriod> out;
    out.reserve(size());
    for (std::size_t i = 0; i < size(); ++i) {
        out.push_back(
            ReviewPeriod{labels_[i], start(i), end(i), start(i) <= as_of && as_of < end(i)});
    }
    return out;
}

}  // namespace leadsla::detail
