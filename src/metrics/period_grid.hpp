// SPDX-License-Identifier: Apache-2.0
// The periods of a review window, placed in the reporting zone.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <leadsla/metrics/review.hpp>
#include <leadsla/result.hpp>
#include <leadsla/sla/agreement.hpp>
#include <leadsla/time/zone.hpp>

namespace leadsla::detail {

/// The periods of one kind that overlap a window `[from, to)`: each starts at local midnight
/// of its first day in the zone (a DST change at midnight moves the start as `Zone::to_instant`
/// says) and ends where the next one starts. The first may begin before `from` and the last end
/// after `to`; only instants inside the window are placed.
class PeriodGrid {
public:
    /// Errors: policy.invalid for an empty window or more than `max_periods` periods.
    [[nodiscard]] static Result<PeriodGrid> create(Period kind,
                                                   const Zone& zone,
                                                   Instant from,
                                                   Instant to);
    static constexpr std::size_t max_periods = 5000;

    [[nodiscard]] Period kind() const noexcept { return kind_; }
    [[nodiscard]] std::size_t size() const noexcept { return labels_.size(); }
    /// The period of `t`, or nullopt when `t` is outside the window.
    [[nodiscard]] std::optional<std::uint32_t> index(Instant t) const noexcept;
    [[nodiscard]] Instant start(std::size_t i) const noexcept { return bounds_[i]; }
    [[nodiscard]] Instant end(std::size_t i) const noexcept { return bounds_[i + 1]; }
    [[nodiscard]] const std::string& label(std::size_t i) const noexcept { return labels_[i]; }
    /// The periods as the review shows them; `running` marks the one that holds `as_of`.
    [[nodiscard]] std::vector<ReviewPeriod> periods(Instant as_of) const;

private:
    PeriodGrid() = default;
    Period kind_ = Period::month;
    Instant from_;
    Instant to_;
    std::vector<Instant> bounds_;  // size() + 1 instants
    std::vector<std::string> labels_;
};

}  // namespace leadsla::detail
