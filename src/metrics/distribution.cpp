// SPDX-License-Identifier: Apache-2.0
#include "metrics/distribution.hpp"

namespace leadsla::detail {
namespace {

constexpr std::int64_t minute = 60;
constexpr std::int64_t seconds_per_hour = 3600;
constexpr std::int64_t seconds_per_day = 24 * seconds_per_hour;

/// `value` rounded up to a multiple of `step` (values are never negative here).
constexpr std::int64_t ceil_to(std::int64_t value, std::int64_t step) {
    return (value + step - 1) / step * step;
}

}  // namespace

std::int64_t Distribution::bucket(Unit unit, std::int64_t value) noexcept {
    if (unit == Unit::milli_points) {
        return value;
    }
    if (value <= 0) {
        return 0;
    }
    if (value <= seconds_per_hour) {
        return ceil_to(value, minute);
    }
    if (value <= seconds_per_day) {
        return ceil_to(value, 5 * minute);
    }
    if (value <= 30 * seconds_per_day) {
        return ceil_to(value, seconds_per_hour);
    }
    return ceil_to(value, seconds_per_day);
}

std::int64_t Distribution::reported(Unit /*unit*/, std::int64_t bucket) noexcept {
    return bucket;  // buckets are keyed by their upper edge
}

void Distribution::add(Unit unit, std::int64_t value, std::int64_t times) {
    buckets_[bucket(unit, value)] += times;
    count_ += times;
}

void Distribution::merge(const Distribution& other) {
    for (const auto& [b, n] : other.buckets_) {
        buckets_[b] += n;
    }
    count_ += other.count_;
}

std::int64_t Distribution::percentile(Unit unit, std::int64_t percent) const noexcept {
    if (count_ == 0) {
        return 0;
    }
    // Nearest rank: the smallest sample with at least `percent` % of the samples at or below.
    const std::int64_t rank = (count_ * percent + 99) / 100;
    std::int64_t seen = 0;
    for (const auto& [b, n] : buckets_) {
        seen += n;
        if (seen >= rank) {
            return reported(unit, b);
        }
    }
    return reported(unit, buckets_.rbegin()->first);
}

}  // namespace leadsla::detail
