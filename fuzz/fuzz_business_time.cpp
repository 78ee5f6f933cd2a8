// SPDX-License-Identifier: Apache-2.0
// Properties of BusinessCalendar on fuzzer-chosen calendars, instants and durations:
// elapsed(t, add(t, d)) == d, add(t, 0) == next_open(t), antisymmetry, monotonicity.
#include <array>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include <leadsla/time/business_calendar.hpp>

namespace {

constexpr std::array<const char*, 6> zones{"Europe/Berlin",       "America/New_York",
                                           "Australia/Lord_Howe", "America/Sao_Paulo",
                                           "Pacific/Apia",        "UTC"};

class Input {
public:
    Input(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
    std::uint64_t next(std::uint64_t bound) {
        std::uint64_t v = 0;
        for (int i = 0; i < 8 && pos_ < size_; ++i) {
            v = (v << 8) | data_[pos_++];
        }
        return bound == 0 ? v : v % bound;
    }

private:
    const std::uint8_t* data_;
    std::size_t size_;
    std::size_t pos_ = 0;
};

void check(bool ok) {
    if (!ok) {
        std::abort();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    Input in{data, size};
    leadsla::CalendarSpec spec;
    spec.zone = zones[in.next(zones.size())];
    for (auto& day : spec.weekly) {
        const auto a = static_cast<std::int64_t>(in.next(97)) * 900;
        const auto b = static_cast<std::int64_t>(in.next(97)) * 900;
        if (a < b) {
            day.push_back({leadsla::TimeOfDay::from_seconds(a).value(),
                           leadsla::TimeOfDay::from_seconds(b).value()});
        }
    }
    for (std::uint64_t i = in.next(8); i > 0; --i) {
        spec.holidays.push_back(
            date::year_month_day{date::sys_days{date::days{18000 + in.next(4000)}}});
    }
    const auto cal = leadsla::BusinessCalendar::create(spec);
    if (!cal) {
        return 0;
    }
    const leadsla::Instant t{
        std::chrono::seconds{1'500'000'000 + static_cast<std::int64_t>(in.next(400'000'000))}};
    const auto d =
        leadsla::BusinessDuration::seconds(static_cast<std::int64_t>(in.next(40'000'000)));
    const leadsla::Instant due = cal->add(t, d);
    check(cal->elapsed(t, due) == d);
    check(cal->elapsed(due, t) == -d);
    check(cal->add(t, leadsla::BusinessDuration{}) == cal->next_open(t));
    check(due >= t);
    const leadsla::Instant later = t + std::chrono::seconds{in.next(1'000'000)};
    check(cal->add(later, d) >= due);
    return 0;
}
