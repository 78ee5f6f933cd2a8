// SPDX-License-Identifier: Apache-2.0
// Property tests of BusinessCalendar over seeded random calendars and instants.
//
// The reference below knows nothing of blocks, weeks or prefix sums: it maps every local day's
// intervals to UTC one by one (the documented rule), merges them, and answers by looking at those
// spans — or, for the brute-force part, by stepping minute by minute.
#include <algorithm>
#include <random>

#include <support/test_support.hpp>

using leadsla::BusinessCalendar;
using leadsla::BusinessDuration;
using leadsla::CalendarSpec;
using leadsla::Instant;
using leadsla::OpenInterval;

namespace {

constexpr std::int64_t day_s = 86400;

std::int64_t seconds_of(Instant t) {
    return t.time_since_epoch().count();
}
Instant instant_of(std::int64_t s) {
    return Instant{std::chrono::seconds{s}};
}

std::int64_t local_day(leadsla::CivilDate d) {
    return date::local_days{d}.time_since_epoch().count();
}

/// The hours of local day `d`: none on a holiday, else a special day's, else the weekday's.
const std::vector<OpenInterval>& hours_on(const CalendarSpec& spec, std::int64_t d) {
    static const std::vector<OpenInterval> closed;
    for (const auto& h : spec.holidays) {
        if (local_day(h) == d) {
            return closed;
        }
    }
    for (const auto& s : spec.special_days) {
        if (local_day(s.date) == d) {
            return s.hours;
        }
    }
    return spec.weekly[static_cast<std::size_t>(((d + 3) % 7 + 7) % 7)];
}

/// `add(t, BusinessDays{n})` as documented: the close of the n-th business day after t's local day
/// (n = 0: today's close if today is a business day not yet closed, else as n = 1). A business
/// day has hours that cover some real time.
Instant add_business_days(const BusinessCalendar& cal, Instant t, std::uint32_t n) {
    const leadsla::Zone& zone = cal.zone();
    const auto utc = [&](std::int64_t local) {
        return zone.to_instant(leadsla::LocalTime{std::chrono::seconds{local}});
    };
    const auto business = [&](std::int64_t d) {
        const auto& hours = hours_on(cal.spec(), d);
        return std::any_of(hours.begin(), hours.end(), [&](const OpenInterval& i) {
            return utc(d * day_s + i.close.seconds()) > utc(d * day_s + i.open.seconds());
        });
    };
    const auto close = [&](std::int64_t d) {
        return utc(d * day_s + hours_on(cal.spec(), d).back().close.seconds());
    };
    std::int64_t d = zone.to_local(t).time_since_epoch().count() / day_s;  // after 1970: d >= 0
    if (n == 0) {
        if (business(d) && close(d) > t) {
            return close(d);
        }
        n = 1;
    }
    for (std::uint32_t found = 0; found < n;) {
        ++d;
        found += business(d) ? 1U : 0U;
    }
    return close(d);
}

/// The documented semantics, computed the slow and obvious way over a range of local days.
class Reference {
public:
    Reference(const BusinessCalendar& cal, std::int64_t first_day, std::int64_t last_day) {
        const CalendarSpec& spec = cal.spec();
        std::vector<std::pair<std::int64_t, std::int64_t>> images;
        for (std::int64_t d = first_day; d <= last_day; ++d) {
            for (const OpenInterval& i : hours_on(spec, d)) {
                const auto open = seconds_of(cal.zone().to_instant(
                    leadsla::LocalTime{std::chrono::seconds{d * day_s + i.open.seconds()}}));
                const auto close = seconds_of(cal.zone().to_instant(
                    leadsla::LocalTime{std::chrono::seconds{d * day_s + i.close.seconds()}}));
                if (open < close) {
                    images.emplace_back(open, close);
                }
            }
        }
        std::sort(images.begin(), images.end());
        for (const auto& [open, close] : images) {
            if (!spans_.empty() && open <= spans_.back().second) {
                spans_.back().second = std::max(spans_.back().second, close);
            } else {
                spans_.emplace_back(open, close);
            }
        }
        prefix_.push_back(0);
        for (const auto& [open, close] : spans_) {
            prefix_.push_back(prefix_.back() + (close - open));
        }
        lo_ = spans_.front().first;
        hi_ = spans_.back().second;
    }

    [[nodiscard]] bool covers(std::int64_t t) const {
        return t > lo_ + 40 * day_s && t < hi_ - 40 * day_s;
    }

    [[nodiscard]] bool open(std::int64_t t) const {
        const auto it =
            std::upper_bound(spans_.begin(), spans_.end(), std::make_pair(t, INT64_MAX));
        return it != spans_.begin() && t < std::prev(it)->second;
    }

    [[nodiscard]] std::int64_t next_open(std::int64_t t) const {
        const auto it = first_ending_after(t);
        return it == spans_.end() ? INT64_MAX : std::max(t, it->first);
    }

    /// Business seconds from the start of the range to t.
    [[nodiscard]] std::int64_t business(std::int64_t t) const {
        const auto it = first_ending_after(t);
        const auto i = static_cast<std::size_t>(it - spans_.begin());
        if (it == spans_.end()) {
            return prefix_.back();
        }
        return prefix_[i] + std::max<std::int64_t>(0, t - it->first);
    }

private:
    [[nodiscard]] std::vector<std::pair<std::int64_t, std::int64_t>>::const_iterator
    first_ending_after(std::int64_t t) const {
        return std::partition_point(spans_.begin(), spans_.end(),
                                    [&](const auto& s) { return s.second <= t; });
    }

    std::vector<std::pair<std::int64_t, std::int64_t>> spans_;
    std::vector<std::int64_t> prefix_;
    std::int64_t lo_ = 0;
    std::int64_t hi_ = 0;
};

const std::vector<std::string> zones{"Europe/Berlin",       "America/New_York",  "Australia/Sydney",
                                     "Australia/Lord_Howe", "America/Sao_Paulo", "Europe/London",
                                     "Asia/Kathmandu",      "Pacific/Auckland",  "UTC"};

struct RandomCalendar {
    BusinessCalendar calendar;
    std::vector<std::int64_t> transitions;  // offset changes in the tested range
};

// 2022-01-01 .. 2028-12-31 as local day numbers.
const std::int64_t range_first = local_day(date::year{2022} / 1 / 1);
const std::int64_t range_last = local_day(date::year{2028} / 12 / 31);

RandomCalendar random_calendar(std::mt19937_64& rng) {
    auto pick = [&](std::int64_t lo, std::int64_t hi) {
        return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
    };
    auto random_day_hours = [&](int max_intervals) {
        std::vector<OpenInterval> out;
        const auto count = pick(0, max_intervals);
        // Edges on a 15-minute grid of the day (97 points including 24:00), ascending and distinct.
        std::vector<std::int64_t> edges;
        for (std::int64_t i = 0; i < 2 * count; ++i) {
            edges.push_back(pick(0, 96) * 900);
        }
        std::sort(edges.begin(), edges.end());
        edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
        for (std::size_t i = 0; i + 1 < edges.size(); i += 2) {
            out.push_back(OpenInterval{leadsla::TimeOfDay::from_seconds(edges[i]).value(),
                                       leadsla::TimeOfDay::from_seconds(edges[i + 1]).value()});
        }
        return out;
    };
    CalendarSpec spec;
    spec.zone =
        zones[static_cast<std::size_t>(pick(0, static_cast<std::int64_t>(zones.size()) - 1))];
    while (std::all_of(spec.weekly.begin(), spec.weekly.end(),
                       [](const auto& d) { return d.empty(); })) {
        for (auto& day : spec.weekly) {
            day = random_day_hours(3);
        }
    }
    const auto holidays = pick(0, 20);
    std::vector<std::int64_t> used;
    for (std::int64_t i = 0; i < holidays + 5; ++i) {
        const auto d = pick(range_first + 60, range_last - 60);
        if (std::find(used.begin(), used.end(), d) != used.end()) {
            continue;
        }
        used.push_back(d);
        const leadsla::CivilDate date{date::local_days{date::days{d}}};
        if (i < holidays) {
            spec.holidays.push_back(date);
        } else {
            spec.special_days.push_back(leadsla::SpecialDay{date, random_day_hours(2)});
        }
    }
    auto cal = BusinessCalendar::create(spec);
    REQUIRE(cal);
    RandomCalendar out{*cal, {}};
    Instant t = instant_of(range_first * day_s);
    while (auto next = cal->zone().next_transition(t)) {
        if (seconds_of(*next) > range_last * day_s) {
            break;
        }
        out.transitions.push_back(seconds_of(*next));
        t = *next;
    }
    return out;
}

/// A random instant in the middle of the range; with probability 4/10 within 4 days of an offset
/// change when the zone has any.
std::int64_t random_instant(std::mt19937_64& rng, const RandomCalendar& rc, bool minute_aligned) {
    std::uniform_int_distribution<std::int64_t> any((range_first + 120) * day_s,
                                                    (range_last - 120) * day_s);
    std::int64_t t = any(rng);
    if (!rc.transitions.empty() && std::uniform_int_distribution<int>(0, 9)(rng) < 4) {
        const auto i =
            std::uniform_int_distribution<std::size_t>(0, rc.transitions.size() - 1)(rng);
        t = rc.transitions[i] +
            std::uniform_int_distribution<std::int64_t>(-4 * day_s, 4 * day_s)(rng);
        t = std::clamp(t, (range_first + 120) * day_s, (range_last - 120) * day_s);
    }
    return minute_aligned ? t - (t % 60 + 60) % 60 : t;
}

bool near_transition(const RandomCalendar& rc, std::int64_t t) {
    return std::any_of(rc.transitions.begin(), rc.transitions.end(),
                       [&](std::int64_t x) { return t > x - 4 * day_s && t < x + 4 * day_s; });
}

constexpr int calendars = leadsla::test::property_cases(500);
constexpr int cases_per_calendar = 200;  // 100,000 cases in all (20,000 under a sanitizer)

}  // namespace

TEST_CASE(
    "random calendars agree with the span-by-span reference on 100,000 cases "
    "(20,000 under a sanitizer)",
    "[time][properties]") {
    std::mt19937_64 rng{20261127};
    int checked = 0;
    int in_dst_weeks = 0;
    for (int c = 0; c < calendars; ++c) {
        const RandomCalendar rc = random_calendar(rng);
        const BusinessCalendar& cal = rc.calendar;
        const Reference ref{cal, range_first - 2, range_last + 2};
        const std::int64_t week = cal.weekly_hours().count();
        for (int k = 0; k < cases_per_calendar; ++k) {
            const std::int64_t t = random_instant(rng, rc, false);
            in_dst_weeks += near_transition(rc, t) ? 1 : 0;
            const Instant ti = instant_of(t);
            INFO(fmt::format("calendar {} ({}), t = {}", c, leadsla::to_json(cal.spec()),
                             leadsla::format_instant(ti)));

            // is_open and next_open against the reference.
            REQUIRE(cal.is_open(ti) == ref.open(t));
            REQUIRE(seconds_of(cal.next_open(ti)) == ref.next_open(t));
            // add(t, 0) == next_open(t).
            REQUIRE(cal.add(ti, BusinessDuration{}) == cal.next_open(ti));

            // add: the earliest instant at which d has elapsed; elapsed is its inverse.
            const std::int64_t d = std::uniform_int_distribution<std::int64_t>(1, 3 * week)(rng);
            const Instant u = cal.add(ti, BusinessDuration::seconds(d));
            REQUIRE(ref.covers(seconds_of(u)));
            REQUIRE(ref.business(seconds_of(u)) - ref.business(t) == d);
            REQUIRE(ref.business(seconds_of(u) - 1) - ref.business(t) == d - 1);
            REQUIRE(cal.elapsed(ti, u) == BusinessDuration::seconds(d));
            REQUIRE(cal.elapsed(u, ti) == BusinessDuration::seconds(-d));

            // elapsed between two random instants, against the reference, antisymmetric.
            const std::int64_t v = random_instant(rng, rc, false);
            REQUIRE(cal.elapsed(ti, instant_of(v)).count() == ref.business(v) - ref.business(t));

            // Monotone: a later start never gives an earlier deadline.
            const std::int64_t t2 =
                t + std::uniform_int_distribution<std::int64_t>(0, 3 * day_s)(rng);
            REQUIRE(cal.add(instant_of(t2), BusinessDuration::seconds(d)) >= u);

            // Business days: the close of the n-th business day, against the day-by-day walk.
            const std::uint32_t n = std::uniform_int_distribution<std::uint32_t>(0, 3)(rng);
            REQUIRE(cal.add(ti, leadsla::BusinessDays{n}) == add_business_days(cal, ti, n));

            // Backward: from an open instant, subtract lands on the latest instant d before it.
            const Instant o = cal.next_open(ti);
            const Instant back = cal.subtract(o, BusinessDuration::seconds(d));
            REQUIRE(cal.elapsed(back, o) == BusinessDuration::seconds(d));
            REQUIRE(cal.is_open(back));
            ++checked;
        }
    }
    CHECK(checked == calendars * cases_per_calendar);
    // At least 20 % of the cases lie in a week with a DST change.
    CHECK(in_dst_weeks * 5 >= checked);
}

TEST_CASE("random calendars agree with minute-by-minute stepping", "[time][properties]") {
    std::mt19937_64 rng{42};
    int checked = 0;
    int in_dst_weeks = 0;
    for (int c = 0; c < 100; ++c) {
        const RandomCalendar rc = random_calendar(rng);
        const BusinessCalendar& cal = rc.calendar;
        const Reference ref{cal, range_first - 2, range_last + 2};
        for (int k = 0; k < 20; ++k) {
            const std::int64_t t = random_instant(rng, rc, true);
            in_dst_weeks += near_transition(rc, t) ? 1 : 0;
            const std::int64_t minutes =
                std::uniform_int_distribution<std::int64_t>(1, 7 * 24 * 60)(rng);
            // Step minute by minute: every edge and offset here lies on a whole minute.
            std::int64_t open_minutes = 0;
            std::int64_t reached_at = -1;
            std::int64_t first_open = -1;
            for (std::int64_t m = 0; m < minutes; ++m) {
                if (ref.open(t + m * 60)) {
                    first_open = first_open < 0 ? t + m * 60 : first_open;
                    ++open_minutes;
                    reached_at = t + (m + 1) * 60;
                }
            }
            INFO(fmt::format("calendar {} ({}), t = {}, {} minutes", c,
                             leadsla::to_json(cal.spec()), leadsla::format_instant(instant_of(t)),
                             minutes));
            REQUIRE(cal.elapsed(instant_of(t), instant_of(t + minutes * 60)) ==
                    BusinessDuration::minutes(open_minutes));
            if (open_minutes > 0) {
                REQUIRE(seconds_of(cal.add(instant_of(t),
                                           BusinessDuration::minutes(open_minutes))) == reached_at);
                REQUIRE(seconds_of(cal.next_open(instant_of(t))) == first_open);
            }
            ++checked;
        }
    }
    CHECK(checked == 2000);
    CHECK(in_dst_weeks * 5 >= checked);
}
