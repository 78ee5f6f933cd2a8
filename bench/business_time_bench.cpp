// SPDX-License-Identifier: Apache-2.0
// BusinessCalendar::add and ::elapsed for 1 hour, 1 week and 1 year of business time, on a Berlin
// calendar with a lunch break and 20 holidays: the cost must not grow with the duration.
// Run: build/bench/bench/leadsla_bench_business_time --benchmark_repetitions=5
#include <array>
#include <vector>

#include <benchmark/benchmark.h>

#include <leadsla/leadsla.hpp>

namespace {

using leadsla::BusinessCalendar;
using leadsla::BusinessDuration;
using leadsla::Instant;

const BusinessCalendar& berlin() {
    static const BusinessCalendar calendar = leadsla::parse_calendar(R"({"tz":"Europe/Berlin",
      "hours":{"mon":[["08:00","12:00"],["13:00","17:00"]],"tue":[["08:00","12:00"],["13:00","17:00"]],
               "wed":[["08:00","12:00"],["13:00","17:00"]],"thu":[["08:00","12:00"],["13:00","17:00"]],
               "fri":[["08:00","12:00"],["13:00","17:00"]]},
      "holidays":["2026-01-01","2026-04-03","2026-04-06","2026-05-01","2026-05-14","2026-05-25",
                  "2026-10-03","2026-12-25","2026-12-26","2027-01-01","2027-03-26","2027-03-29",
                  "2027-05-01","2027-05-06","2027-05-17","2027-10-03","2027-12-25","2027-12-26",
                  "2028-01-01","2028-04-14"]})")
                                                 .value();
    return calendar;
}

/// 1,024 start instants spread over 2026 (and so over both DST changes), a fixed pseudo-random
/// walk.
std::vector<Instant> starts() {
    std::vector<Instant> out;
    std::uint64_t x = 88172645463325252ULL;
    const std::int64_t year_start = 1767222000;  // 2026-01-01T00:00:00+01:00
    for (int i = 0; i < 1024; ++i) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        out.push_back(
            Instant{std::chrono::seconds{year_start + static_cast<std::int64_t>(x % 31'536'000)}});
    }
    return out;
}

// Business durations: 1 hour, 1 week (40 h) and 1 year (about 2,000 h of business time).
constexpr std::array<std::int64_t, 3> durations{3600, 40 * 3600, 2000 * 3600};

void add(benchmark::State& state) {
    const BusinessCalendar& cal = berlin();
    const std::vector<Instant> t = starts();
    const auto d = BusinessDuration::seconds(durations[static_cast<std::size_t>(state.range(0))]);
    std::size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(cal.add(t[i++ & 1023], d));
    }
}

void elapsed(benchmark::State& state) {
    const BusinessCalendar& cal = berlin();
    const std::vector<Instant> t = starts();
    const auto d = BusinessDuration::seconds(durations[static_cast<std::size_t>(state.range(0))]);
    std::vector<Instant> ends;
    for (const Instant s : t) {
        ends.push_back(cal.add(s, d));
    }
    std::size_t i = 0;
    for (auto _ : state) {
        const std::size_t k = i++ & 1023;
        benchmark::DoNotOptimize(cal.elapsed(t[k], ends[k]));
    }
}

void next_open(benchmark::State& state) {
    const BusinessCalendar& cal = berlin();
    const std::vector<Instant> t = starts();
    std::size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(cal.next_open(t[i++ & 1023]));
    }
}

void add_business_days(benchmark::State& state) {
    const BusinessCalendar& cal = berlin();
    const std::vector<Instant> t = starts();
    const leadsla::BusinessDays n{static_cast<std::uint32_t>(state.range(0))};
    std::size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(cal.add(t[i++ & 1023], n));
    }
}

void create_calendar(benchmark::State& state) {
    const leadsla::CalendarSpec spec = berlin().spec();
    for (auto _ : state) {
        benchmark::DoNotOptimize(BusinessCalendar::create(spec));
    }
}

}  // namespace

// Arg: 0 = 1 hour, 1 = 1 week, 2 = 1 year.
BENCHMARK(add)->Arg(0)->Arg(1)->Arg(2);
BENCHMARK(elapsed)->Arg(0)->Arg(1)->Arg(2);
BENCHMARK(next_open);
BENCHMARK(add_business_days)->Arg(1)->Arg(5)->Arg(250);
BENCHMARK(create_calendar)->Unit(benchmark::kMicrosecond);
