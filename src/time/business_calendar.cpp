// SPDX-License-Identifier: Apache-2.0
//
// How the business timeline is computed (docs/concepts/business-time.md has the user-facing rules).
//
// Everything reduces to one function and its inverse:
//   B(t)        business seconds from a fixed origin to the instant t (continuous, non-decreasing);
//   earliest(g) the earliest instant t with B(t) >= g.
// Then elapsed(a, b) = B(b) - B(a), add(t, d > 0) = earliest(B(t) + d), next_open(t) =
// earliest(B(t) + 1) - 1, and add(t, d < 0) = next_open(earliest(B(t) + d)).
//
// The UTC timeline is cut into blocks. A *regular* block is a run of local days with one constant
// UTC offset and no holiday or special day: inside it, open time follows the weekly pattern, so B
// is arithmetic on local seconds (whole weeks are skipped by multiplication). An *irregular* block
// is a run of days that are holidays, special days or within a day of a UTC-offset change: their
// intervals are mapped to UTC edge by edge (Zone::to_instant), merged where they overlap, and kept
// as explicit spans with prefix sums. Both searches (by instant and by business value) are binary
// searches over the blocks, so the cost is O(log blocks), whatever the duration.

#include <algorithm>
#include <limits>
#include <utility>

#include <fmt/format.h>

#include <leadsla/time/business_calendar.hpp>

namespace leadsla {
namespace {

constexpr std::int64_t day_seconds = 86400;
constexpr std::int64_t week_seconds = 7 * day_seconds;
// Instants and durations are clamped to +-2^52 s (about 142 million years): no overflow anywhere.
constexpr std::int64_t clamp_limit = std::int64_t{1} << 52;
// The offset changes the calendar knows (`mark_offset_changes`): from 1800-01-01 to 2400-01-01.
constexpr std::int64_t transitions_from =
    date::sys_days{date::year{1800} / 1 / 1}.time_since_epoch().count() * day_seconds;
constexpr std::int64_t transitions_until =
    date::sys_days{date::year{2400} / 1 / 1}.time_since_epoch().count() * day_seconds;
constexpr std::int64_t no_lower_bound = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t no_upper_bound = std::numeric_limits<std::int64_t>::max();

constexpr std::array<std::string_view, 7> weekday_names{"mon", "tue", "wed", "thu",
                                                        "fri", "sat", "sun"};

/// a / b rounded down, for b > 0 (days, weeks, a week's business seconds).
constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept {
    const std::int64_t q = a / b;
    return a % b < 0 ? q - 1 : q;
}

constexpr std::int64_t clamp_seconds(std::int64_t s) noexcept {
    return std::clamp(s, -clamp_limit, clamp_limit);
}

/// Monday = 0. Local day 0 (1970-01-01) was a Thursday.
constexpr std::size_t weekday_of(std::int64_t local_day) noexcept {
    return static_cast<std::size_t>(local_day + 3 - floor_div(local_day + 3, 7) * 7);
}

/// Index of the week (Monday to Sunday) that contains `local_day`.
constexpr std::int64_t week_of(std::int64_t local_day) noexcept {
    return floor_div(local_day + 3, 7);
}

std::int64_t local_day_of(CivilDate d) noexcept {
    return date::local_days{d}.time_since_epoch().count();
}

struct Span {
    std::int64_t open;
    std::int64_t close;
};

/// The weekly hours as local seconds, with prefix sums: B for regular blocks.
class WeekPattern {
public:
    explicit WeekPattern(const std::array<std::vector<OpenInterval>, 7>& weekly) {
        for (std::size_t w = 0; w < 7; ++w) {
            std::int64_t sum = 0;
            for (const OpenInterval& i : weekly[w]) {
                days_[w].push_back(Span{i.open.seconds(), i.close.seconds()});
                sum += i.close.seconds() - i.open.seconds();
            }
            prefix_[w + 1] = prefix_[w] + sum;
        }
    }

    [[nodiscard]] std::int64_t total() const noexcept { return prefix_[7]; }

    /// Business seconds from the start of local week 0 to the local second `local`.
    [[nodiscard]] std::int64_t cumulative(std::int64_t local) const noexcept {
        const std::int64_t day = floor_div(local, day_seconds);
        const std::int64_t second = local - day * day_seconds;
        const std::size_t w = weekday_of(day);
        std::int64_t acc = week_of(day) * total() + prefix_[w];
        for (const Span& s : days_[w]) {
            if (second <= s.open) {
                break;
            }
            acc += std::min(second, s.close) - s.open;
        }
        return acc;
    }

    /// The earliest local second at which cumulative() reaches `g` (total() > 0).
    [[nodiscard]] std::int64_t inverse(std::int64_t g) const noexcept {
        const std::int64_t week = floor_div(g - 1, total());
        if (week > clamp_limit / week_seconds) {
            return clamp_limit;
        }
        if (week < -clamp_limit / week_seconds) {
            return -clamp_limit;
        }
        std::int64_t rest = g - week * total();  // in [1, total()]
        std::size_t w = 0;
        while (prefix_[w + 1] < rest) {
            ++w;
        }
        rest -= prefix_[w];  // in [1, open seconds of day w]
        const std::int64_t day_start = (week * 7 - 3 + static_cast<std::int64_t>(w)) * day_seconds;
        for (const Span& s : days_[w]) {
            const std::int64_t length = s.close - s.open;
            if (rest <= length) {
                return day_start + s.open + rest;
            }
            rest -= length;
        }
        return day_start + days_[w].back().close;  // unreachable: rest <= the day's open time
    }

    [[nodiscard]] bool is_open(std::int64_t local) const noexcept {
        const std::int64_t day = floor_div(local, day_seconds);
        const std::int64_t second = local - day * day_seconds;
        const auto& spans = days_[weekday_of(day)];
        return std::any_of(spans.begin(), spans.end(),
                           [&](const Span& s) { return s.open <= second && second < s.close; });
    }

    [[nodiscard]] bool has_hours(std::size_t w) const noexcept { return !days_[w].empty(); }

private:
    std::array<std::vector<Span>, 7> days_;
    std::array<std::int64_t, 8> prefix_{};
};

/// Sorted keys (block starts, or business time at block ends) and, for each bucket of 2^21 of
/// their units (about 24 days, of seconds or of business seconds) between the first and the last
/// finite key, how many keys are at most the bucket's start. `count_at_most(v)` then scans the
/// few keys inside v's bucket instead of searching hundreds: a calendar's offset changes over the
/// years its zone has rules for, and its holidays, make that many blocks. Values outside the
/// range are searched; so are all when the keys are few or would need too many buckets.
class StepIndex {
public:
    void build(std::vector<std::int64_t> keys) {
        constexpr std::size_t few_keys = 16;
        constexpr std::int64_t most_buckets = std::int64_t{1} << 16;
        keys_ = std::move(keys);
        buckets_.clear();
        auto lo = keys_.begin();  // the finite keys: the ends may be unbounded
        auto hi = keys_.end();
        while (lo != hi && *lo == no_lower_bound) {
            ++lo;
        }
        while (hi != lo && *(hi - 1) == no_upper_bound) {
            --hi;
        }
        if (keys_.size() <= few_keys || lo == hi) {
            return;
        }
        const std::int64_t buckets = ((*(hi - 1) - *lo) >> shift) + 1;
        if (buckets > most_buckets) {
            return;
        }
        origin_ = *lo;
        buckets_.reserve(static_cast<std::size_t>(buckets));
        std::size_t n = 0;
        for (std::int64_t b = 0; b < buckets; ++b) {
            const std::int64_t start = origin_ + (b << shift);
            while (n < keys_.size() && keys_[n] <= start) {
                ++n;
            }
            buckets_.push_back(static_cast<std::uint32_t>(n));
        }
    }

    /// The number of keys <= v.
    [[nodiscard]] std::size_t count_at_most(std::int64_t v) const noexcept {
        if (v >= origin_ && !buckets_.empty()) {
            const auto bucket = static_cast<std::uint64_t>(v - origin_) >> shift;
            if (bucket < buckets_.size()) {
                std::size_t n = buckets_[bucket];
                while (n < keys_.size() && keys_[n] <= v) {
                    ++n;
                }
                return n;
            }
        }
        return static_cast<std::size_t>(std::upper_bound(keys_.begin(), keys_.end(), v) -
                                        keys_.begin());
    }

private:
    static constexpr int shift = 21;
    std::vector<std::int64_t> keys_;
    std::int64_t origin_ = 0;
    std::vector<std::uint32_t> buckets_;  // by bucket: the keys at most its start
};

struct Block {
    std::int64_t start = 0;      // first UTC second of the block
    std::int64_t cum_start = 0;  // B(start); unused for the first block, which is unbounded
    bool regular = true;
    std::int64_t offset = 0;     // regular: local = utc + offset
    std::int64_t base = 0;       // regular: B(t) = base + week.cumulative(t + offset)
    std::size_t first_span = 0;  // irregular: spans [first_span, end_span)
    std::size_t end_span = 0;
};

std::string interval_text(const OpenInterval& i) {
    return fmt::format("{}", i);
}

/// Checks one day's intervals: each non-empty, ascending, non-overlapping.
std::optional<Error> validate_intervals(const std::vector<OpenInterval>& intervals,
                                        const std::string& where) {
    for (std::size_t i = 0; i < intervals.size(); ++i) {
        const OpenInterval& cur = intervals[i];
        const std::string here = fmt::format("{}/{}", where, i);
        if (cur.open >= cur.close) {
            return Error{ErrorCode::calendar_empty_interval, here,
                         fmt::format("{} is empty: the opening time must be before the closing "
                                     "time",
                                     interval_text(cur))};
        }
        if (i == 0) {
            continue;
        }
        const OpenInterval& prev = intervals[i - 1];
        if (cur.open < prev.open) {
            return Error{ErrorCode::calendar_unsorted, here,
                         fmt::format("{} starts before the previous interval {}: list a day's "
                                     "intervals in ascending order",
                                     interval_text(cur), interval_text(prev))};
        }
        if (cur.open < prev.close) {
            return Error{ErrorCode::calendar_overlap, here,
                         fmt::format("{} overlaps the previous interval {}", interval_text(cur),
                                     interval_text(prev))};
        }
    }
    return std::nullopt;
}

std::optional<Error> validate(const CalendarSpec& spec) {
    for (std::size_t w = 0; w < 7; ++w) {
        if (auto e =
                validate_intervals(spec.weekly[w], fmt::format("/hours/{}", weekday_names[w]))) {
            return e;
        }
    }
    const bool never_open = std::all_of(spec.weekly.begin(), spec.weekly.end(),
                                        [](const auto& day) { return day.empty(); });
    if (never_open) {
        return Error{ErrorCode::calendar_never_open, "/hours",
                     "the weekly hours contain no open time, so no business deadline could ever be "
                     "reached (give at least one weekday an interval)"};
    }
    std::vector<std::pair<CivilDate, std::size_t>> seen;
    for (std::size_t i = 0; i < spec.holidays.size(); ++i) {
        if (!spec.holidays[i].ok()) {
            return Error{ErrorCode::time_bad_date, fmt::format("/holidays/{}", i),
                         "the holiday is not a valid date"};
        }
        seen.emplace_back(spec.holidays[i], i);
    }
    std::sort(seen.begin(), seen.end());
    for (std::size_t i = 1; i < seen.size(); ++i) {
        if (seen[i].first == seen[i - 1].first) {
            return Error{ErrorCode::calendar_duplicate_date,
                         fmt::format("/holidays/{}", std::max(seen[i].second, seen[i - 1].second)),
                         fmt::format("{} is listed twice (also at /holidays/{})",
                                     format_civil_date(seen[i].first),
                                     std::min(seen[i].second, seen[i - 1].second))};
        }
    }
    std::vector<CivilDate> special_dates;
    for (const SpecialDay& day : spec.special_days) {
        const std::string where = fmt::format("/special_dates/{}", format_civil_date(day.date));
        if (!day.date.ok()) {
            return Error{ErrorCode::time_bad_date, where, "the special day is not a valid date"};
        }
        if (auto e = validate_intervals(day.hours, where)) {
            return e;
        }
        special_dates.push_back(day.date);
    }
    std::sort(special_dates.begin(), special_dates.end());
    const auto dup = std::adjacent_find(special_dates.begin(), special_dates.end());
    if (dup != special_dates.end()) {
        return Error{ErrorCode::calendar_duplicate_date,
                     fmt::format("/special_dates/{}", format_civil_date(*dup)),
                     fmt::format("{} is given twice as a special day", format_civil_date(*dup))};
    }
    return std::nullopt;
}

}  // namespace

std::string_view to_string(Weekday day) noexcept {
    return weekday_names[static_cast<std::size_t>(day)];
}

std::optional<Weekday> parse_weekday(std::string_view text) noexcept {
    for (std::size_t i = 0; i < weekday_names.size(); ++i) {
        if (weekday_names[i] == text) {
            return static_cast<Weekday>(i);
        }
    }
    return std::nullopt;
}

struct BusinessCalendar::Impl {
    CalendarSpec spec;
    Zone zone;
    WeekPattern week;

    std::vector<Block> blocks;
    StepIndex block_starts;              // blocks[k].start, for the search by instant
    StepIndex block_cum_ends;            // B at each block's end, for the search by value
    std::vector<Span> spans;             // irregular blocks' open spans, UTC, ascending
    std::vector<std::int64_t> span_cum;  // B at each span's opening

    // Local days whose hours differ from the weekly pattern, for BusinessDays.
    std::vector<std::int64_t> holiday_days;                          // sorted
    std::vector<std::pair<std::int64_t, std::size_t>> special_days;  // (day, spec index)
    std::array<std::int64_t, 8> business_weekday_prefix{};           // count of days with hours
    std::vector<std::int64_t> exception_days;    // days whose "is a business day" differs
    std::vector<std::int64_t> exception_prefix;  // sum of deltas before exception_days[i]
    std::vector<std::int64_t> irregular_days;    // sorted: the days of the irregular blocks

    Impl(CalendarSpec s, Zone z) : spec(std::move(s)), zone(z), week(spec.weekly) {}

    /// The local intervals that apply on `day`: none on a holiday, the special hours on a special
    /// day (a holiday beats a special day), else the weekly hours.
    [[nodiscard]] const std::vector<OpenInterval>& hours_of(std::int64_t day) const noexcept {
        static const std::vector<OpenInterval> closed;
        if (std::binary_search(holiday_days.begin(), holiday_days.end(), day)) {
            return closed;
        }
        const auto it = std::lower_bound(special_days.begin(), special_days.end(),
                                         std::pair<std::int64_t, std::size_t>{day, 0});
        if (it != special_days.end() && it->first == day) {
            return spec.special_days[it->second].hours;
        }
        return spec.weekly[weekday_of(day)];
    }

    [[nodiscard]] std::int64_t to_utc(std::int64_t local) const {
        return zone.to_instant(LocalTime{std::chrono::seconds{local}}).time_since_epoch().count();
    }

    /// The offset of UTC second `t` when a regular block holds it (no offset change is within a
    /// day of it, so the block's offset is the zone's), else nullopt.
    [[nodiscard]] std::optional<std::int64_t> regular_offset(std::int64_t t) const noexcept {
        if (t < transitions_from || t >= transitions_until) {
            return std::nullopt;  // the zone may change its offset where the blocks do not know
        }
        const Block& b = blocks[block_at(t)];
        return b.regular ? std::optional<std::int64_t>{b.offset} : std::nullopt;
    }

    /// Local seconds of UTC second `t`: the block's offset where it is regular, else the zone's.
    [[nodiscard]] std::int64_t to_local(std::int64_t t) const {
        if (const auto offset = regular_offset(t)) {
            return t + *offset;
        }
        return zone.to_local(Instant{std::chrono::seconds{t}}).time_since_epoch().count();
    }

    /// `to_utc(local)`, first trying `offset` (one seen nearby): when `local - offset` lies in a
    /// regular block of that offset, no offset change is near, so it is the only such instant.
    [[nodiscard]] std::int64_t to_utc(std::int64_t local, std::int64_t offset) const {
        const std::int64_t guess = local - offset;
        if (regular_offset(guess) == offset) {
            return guess;
        }
        return to_utc(local);
    }

    [[nodiscard]] std::int64_t offset_on_regular_day(std::int64_t day) const {
        const std::int64_t noon = to_utc(day * day_seconds + day_seconds / 2);
        return zone.offset(Instant{std::chrono::seconds{noon}}).count();
    }

    void build() {
        for (const CivilDate& d : spec.holidays) {
            holiday_days.push_back(local_day_of(d));
        }
        std::sort(holiday_days.begin(), holiday_days.end());
        for (std::size_t i = 0; i < spec.special_days.size(); ++i) {
            special_days.emplace_back(local_day_of(spec.special_days[i].date), i);
        }
        std::sort(special_days.begin(), special_days.end());

        std::vector<std::int64_t> irregular = holiday_days;
        for (const auto& [day, index] : special_days) {
            irregular.push_back(day);
        }
        mark_offset_changes(irregular);
        std::sort(irregular.begin(), irregular.end());
        irregular.erase(std::unique(irregular.begin(), irregular.end()), irregular.end());
        irregular_days = irregular;
        build_blocks(irregular);
        build_business_days();
    }

    /// Marks the local days around every UTC-offset change the tz database knows.
    void mark_offset_changes(std::vector<std::int64_t>& days) const {
        Instant t = Instant{std::chrono::seconds{transitions_from}};
        const Instant stop = Instant{std::chrono::seconds{transitions_until}};
        while (t < stop) {
            const std::optional<Instant> change = zone.next_transition(t);
            if (!change || *change >= stop) {
                break;
            }
            const std::int64_t at = change->time_since_epoch().count();
            const std::int64_t before = zone.offset(*change - std::chrono::seconds{1}).count();
            const std::int64_t after = zone.offset(*change).count();
            const std::int64_t d1 = floor_div(at + before, day_seconds);
            const std::int64_t d2 = floor_div(at + after, day_seconds);
            for (std::int64_t d = std::min(d1, d2) - 1; d <= std::max(d1, d2) + 1; ++d) {
                days.push_back(d);
            }
            t = *change;
        }
    }

    /// A regular block from `start`; B there is `cum_start`, and B(t) = base + week.cumulative(t +
    /// offset). The first block is unbounded below, so its B is anchored at its end instead.
    void add_regular_block(std::int64_t start,
                           std::int64_t offset,
                           std::int64_t cum_start,
                           std::int64_t anchor_local) {
        Block b;
        b.start = start;
        b.cum_start = cum_start;
        b.regular = true;
        b.offset = offset;
        b.base = cum_start - week.cumulative(anchor_local);
        blocks.push_back(b);
    }

    void add_irregular_block(std::int64_t first_day, std::int64_t end_day, std::int64_t cum_start) {
        const std::int64_t start = to_utc(first_day * day_seconds);
        const std::int64_t end = to_utc(end_day * day_seconds);
        std::vector<Span> images;
        for (std::int64_t d = first_day; d < end_day; ++d) {
            for (const OpenInterval& i : hours_of(d)) {
                const std::int64_t open = to_utc(d * day_seconds + i.open.seconds());
                const std::int64_t close = to_utc(d * day_seconds + i.close.seconds());
                if (open < close) {  // an interval inside a DST gap has no instants
                    images.push_back(Span{std::max(open, start), std::min(close, end)});
                }
            }
        }
        std::sort(images.begin(), images.end(),
                  [](const Span& a, const Span& b) { return a.open < b.open; });
        Block b;
        b.start = start;
        b.cum_start = cum_start;
        b.regular = false;
        b.first_span = spans.size();
        std::int64_t cum = cum_start;
        for (const Span& s : images) {
            if (s.open >= s.close) {
                continue;
            }
            if (spans.size() > b.first_span && s.open <= spans.back().close) {
                // Overlapping images (DST, skipped days) count once.
                if (s.close > spans.back().close) {
                    cum += s.close - spans.back().close;
                    spans.back().close = s.close;
                }
                continue;
            }
            span_cum.push_back(cum);
            spans.push_back(s);
            cum += s.close - s.open;
        }
        b.end_span = spans.size();
        blocks.push_back(b);
    }

    [[nodiscard]] std::int64_t block_total(const Block& b, std::int64_t end) const {
        if (b.regular) {
            return b.base + week.cumulative(end + b.offset) - b.cum_start;
        }
        std::int64_t total = 0;
        for (std::size_t i = b.first_span; i < b.end_span; ++i) {
            total += spans[i].close - spans[i].open;
        }
        return total;
    }

    void build_blocks(const std::vector<std::int64_t>& irregular) {
        if (irregular.empty()) {
            const std::int64_t offset = offset_on_regular_day(0);
            add_regular_block(no_lower_bound, offset, 0, 0);  // B(1970-01-01 local) = 0
            block_starts.build({no_lower_bound});
            block_cum_ends.build({no_upper_bound});
            return;
        }
        // The unbounded first block ends where the first irregular run begins; B is 0 there.
        const std::int64_t first_offset = offset_on_regular_day(irregular.front() - 1);
        const std::int64_t first_end = to_utc(irregular.front() * day_seconds);
        add_regular_block(no_lower_bound, first_offset, 0, first_end + first_offset);
        std::int64_t cum = 0;
        std::size_t i = 0;
        while (i < irregular.size()) {
            std::size_t j = i + 1;
            while (j < irregular.size() && irregular[j] == irregular[j - 1] + 1) {
                ++j;
            }
            const std::int64_t run_first = irregular[i];
            const std::int64_t run_end = irregular[j - 1] + 1;
            add_irregular_block(run_first, run_end, cum);
            cum += block_total(blocks.back(), 0);
            const std::int64_t regular_start = to_utc(run_end * day_seconds);
            const std::int64_t offset = offset_on_regular_day(run_end);
            add_regular_block(regular_start, offset, cum, regular_start + offset);
            if (j < irregular.size()) {
                cum += block_total(blocks.back(), to_utc(irregular[j] * day_seconds));
            }
            i = j;
        }
        std::vector<std::int64_t> starts;
        std::vector<std::int64_t> cum_ends;
        for (std::size_t k = 0; k < blocks.size(); ++k) {
            starts.push_back(blocks[k].start);
            cum_ends.push_back(k + 1 < blocks.size() ? blocks[k + 1].cum_start : no_upper_bound);
        }
        block_starts.build(std::move(starts));
        block_cum_ends.build(std::move(cum_ends));
    }

    /// Whether local day `day` is a business day: it has hours, and they cover some real time (a
    /// day skipped by a zone change, such as Pacific/Apia's 2011-12-30, has hours but no instants).
    [[nodiscard]] bool is_business_day(std::int64_t day) const {
        const auto& hours = hours_of(day);
        if (hours.empty()) {
            return false;
        }
        if (!std::binary_search(irregular_days.begin(), irregular_days.end(), day)) {
            return true;
        }
        return std::any_of(hours.begin(), hours.end(), [&](const OpenInterval& i) {
            return to_utc(day * day_seconds + i.close.seconds()) >
                   to_utc(day * day_seconds + i.open.seconds());
        });
    }

    void build_business_days() {
        for (std::size_t w = 0; w < 7; ++w) {
            business_weekday_prefix[w + 1] =
                business_weekday_prefix[w] + (week.has_hours(w) ? 1 : 0);
        }
        std::int64_t sum = 0;
        for (const std::int64_t d : irregular_days) {
            const std::int64_t delta =
                (is_business_day(d) ? 1 : 0) - (week.has_hours(weekday_of(d)) ? 1 : 0);
            if (delta != 0) {
                exception_days.push_back(d);
                exception_prefix.push_back(sum);
                sum += delta;
            }
        }
        exception_prefix.push_back(sum);
    }

    /// The number of business days before local day `day` (relative to a fixed origin).
    [[nodiscard]] std::int64_t business_days_before(std::int64_t day) const noexcept {
        const std::int64_t regular =
            week_of(day) * business_weekday_prefix[7] + business_weekday_prefix[weekday_of(day)];
        const auto it = std::lower_bound(exception_days.begin(), exception_days.end(), day);
        return regular + exception_prefix[static_cast<std::size_t>(it - exception_days.begin())];
    }

    [[nodiscard]] std::size_t block_at(std::int64_t t) const noexcept {
        return block_starts.count_at_most(t) - 1;  // the first block starts at no_lower_bound
    }

    /// B(t).
    [[nodiscard]] std::int64_t business_at(std::int64_t t) const noexcept {
        const Block& b = blocks[block_at(t)];
        if (b.regular) {
            return b.base + week.cumulative(t + b.offset);
        }
        const auto first = spans.begin() + static_cast<std::ptrdiff_t>(b.first_span);
        const auto last = spans.begin() + static_cast<std::ptrdiff_t>(b.end_span);
        const auto it = std::upper_bound(first, last, t,
                                         [](std::int64_t v, const Span& s) { return v < s.open; });
        if (it == first) {
            return b.cum_start;
        }
        const auto i = static_cast<std::size_t>(it - spans.begin()) - 1;
        return span_cum[i] + std::min(t, spans[i].close) - spans[i].open;
    }

    /// The earliest instant t with B(t) >= g.
    [[nodiscard]] std::int64_t earliest_reaching(std::int64_t g) const noexcept {
        const std::size_t k = block_cum_ends.count_at_most(g - 1);  // the first end >= g
        const Block& b = blocks[k];
        if (b.regular) {
            const std::int64_t local = week.inverse(g - b.base);
            if (local >= clamp_limit || local <= -clamp_limit) {
                return local;
            }
            return local - b.offset;
        }
        for (std::size_t i = b.first_span; i < b.end_span; ++i) {  // few spans per block
            const std::int64_t length = spans[i].close - spans[i].open;
            if (g - span_cum[i] <= length) {
                return spans[i].open + (g - span_cum[i]);
            }
        }
        return spans[b.end_span - 1].close;  // unreachable: g <= this block's end value
    }

    [[nodiscard]] bool open_at(std::int64_t t) const noexcept {
        const Block& b = blocks[block_at(t)];
        if (b.regular) {
            return week.is_open(t + b.offset);
        }
        const auto first = spans.begin() + static_cast<std::ptrdiff_t>(b.first_span);
        const auto last = spans.begin() + static_cast<std::ptrdiff_t>(b.end_span);
        const auto it = std::upper_bound(first, last, t,
                                         [](std::int64_t v, const Span& s) { return v < s.open; });
        return it != first && t < std::prev(it)->close;
    }

    [[nodiscard]] std::int64_t next_open_at(std::int64_t t) const noexcept {
        if (open_at(t)) {
            return t;
        }
        return earliest_reaching(business_at(t) + 1) - 1;
    }

    /// The closing instant of the last interval of local day `day` (which has hours); `offset` is
    /// a guess of the offset then (see `to_utc`).
    [[nodiscard]] std::int64_t end_of_day(std::int64_t day, std::int64_t offset) const {
        return to_utc(day * day_seconds + hours_of(day).back().close.seconds(), offset);
    }
};

BusinessCalendar::BusinessCalendar(std::shared_ptr<const Impl> impl) noexcept
    : impl_(std::move(impl)) {}

Result<BusinessCalendar> BusinessCalendar::create(CalendarSpec spec) {
    Result<Zone> zone = Zone::locate(spec.zone);
    if (!zone) {
        Error e = zone.error();
        e.where = "/tz";
        return e;
    }
    if (auto e = validate(spec)) {
        return *e;
    }
    auto impl = std::make_shared<Impl>(std::move(spec), *zone);
    impl->build();
    return BusinessCalendar{std::move(impl)};
}

const CalendarSpec& BusinessCalendar::spec() const noexcept {
    return impl_->spec;
}
const Zone& BusinessCalendar::zone() const noexcept {
    return impl_->zone;
}

BusinessDuration BusinessCalendar::weekly_hours() const noexcept {
    return BusinessDuration::seconds(impl_->week.total());
}

bool BusinessCalendar::is_open(Instant t) const noexcept {
    return impl_->open_at(clamp_seconds(t.time_since_epoch().count()));
}

Instant BusinessCalendar::next_open(Instant t) const noexcept {
    return Instant{
        std::chrono::seconds{impl_->next_open_at(clamp_seconds(t.time_since_epoch().count()))}};
}

Instant BusinessCalendar::add(Instant start, BusinessDuration d) const noexcept {
    const std::int64_t t = clamp_seconds(start.time_since_epoch().count());
    const std::int64_t amount = clamp_seconds(d.count());
    std::int64_t result = 0;
    if (amount > 0) {
        result = impl_->earliest_reaching(impl_->business_at(t) + amount);
    } else if (amount == 0) {
        result = impl_->next_open_at(t);
    } else {
        const std::int64_t reached = impl_->earliest_reaching(impl_->business_at(t) + amount);
        result = impl_->next_open_at(clamp_seconds(reached));
    }
    return Instant{std::chrono::seconds{clamp_seconds(result)}};
}

Instant BusinessCalendar::add(Instant start, BusinessDays days) const noexcept {
    const Impl& c = *impl_;
    const std::int64_t t = clamp_seconds(start.time_since_epoch().count());
    const std::int64_t local = c.to_local(t);
    const std::int64_t offset = local - t;
    const std::int64_t first_day = floor_div(local, day_seconds);
    std::int64_t n = days.count();
    if (n == 0) {
        if (c.is_business_day(first_day)) {
            const std::int64_t end = c.end_of_day(first_day, offset);
            if (end > t) {
                return Instant{std::chrono::seconds{end}};
            }
        }
        n = 1;
    }
    // The smallest day m > first_day with business_days_before(m + 1) >= target. Every week
    // holds at least one regular business day and exceptions remove at most one each, so the
    // answer lies within 7 * (n + exceptions + 1) days. It is usually within a few days of the
    // n-th (n days are needed at least), so the search gallops out from there before it halves.
    const std::int64_t target = c.business_days_before(first_day + 1) + n;
    const std::int64_t limit =
        first_day + 7 * (n + static_cast<std::int64_t>(c.exception_days.size()) + 1);
    std::int64_t lo = first_day + 1;
    std::int64_t hi = std::min(first_day + n, limit);
    for (std::int64_t step = 2; hi < limit && c.business_days_before(hi + 1) < target; step *= 2) {
        lo = hi + 1;  // every day up to hi falls short
        hi = std::min(hi + step, limit);
    }
    while (lo < hi) {
        const std::int64_t mid = lo + (hi - lo) / 2;
        if (c.business_days_before(mid + 1) >= target) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    return Instant{std::chrono::seconds{c.end_of_day(lo, offset)}};
}

BusinessDuration BusinessCalendar::elapsed(Instant from, Instant to) const noexcept {
    const std::int64_t a = clamp_seconds(from.time_since_epoch().count());
    const std::int64_t b = clamp_seconds(to.time_since_epoch().count());
    return BusinessDuration::seconds(impl_->business_at(b) - impl_->business_at(a));
}

bool operator==(const BusinessCalendar& a, const BusinessCalendar& b) noexcept {
    return a.impl_ == b.impl_ || a.impl_->spec == b.impl_->spec;
}

}  // namespace leadsla
