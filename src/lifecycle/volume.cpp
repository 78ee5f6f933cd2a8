// SPDX-License-Identifier: Apache-2.0
// Volume targets: entries into a stage per calendar month, and the current month's projection.
#include <map>

#include <fmt/format.h>

#include <leadsla/lifecycle/volume.hpp>

namespace leadsla {

std::vector<MonthlyVolume> monthly_volume(const VolumeTarget& target,
                                          std::span<const StageChange> changes,
                                          Instant now) {
    using namespace std::chrono;
    std::map<year_month, std::uint32_t> counts;
    std::optional<year_month> first;
    for (const StageChange& c : changes) {
        if (c.at > now) {
            continue;
        }
        const year_month_day d{floor<days>(c.at)};
        const year_month m{d.year(), d.month()};
        first = first ? std::min(*first, m) : m;
        if (c.to == target.stage) {
            ++counts[m];
        }
    }
    std::vector<MonthlyVolume> out;
    if (!first) {
        return out;
    }
    const year_month_day today{floor<days>(now)};
    const year_month current{today.year(), today.month()};
    for (year_month m = *first; m <= current; m += months{1}) {
        MonthlyVolume v;
        v.month = fmt::format("{:04}-{:02}", static_cast<int>(m.year()),
                              static_cast<unsigned>(m.month()));
        const auto it = counts.find(m);
        v.entries = it == counts.end() ? 0 : it->second;
        v.met = v.entries >= target.at_least;
        if (m == current) {
            const sys_seconds start{sys_days{m / 1}};
            const sys_seconds end{sys_days{(m + months{1}) / 1}};
            const auto passed = (now - start).count();
            const auto whole = (end - start).count();
            v.projected = passed <= 0 ? v.entries
                                      : static_cast<std::uint32_t>(
                                            static_cast<std::int64_t>(v.entries) * whole / passed);
        }
        out.push_back(std::move(v));
    }
    return out;
}

}  // namespace leadsla
