// SPDX-License-Identifier: Apache-2.0
// How the review's renderers (text, HTML) read and show figures: one wording, one rounding.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <leadsla/metrics/review.hpp>

namespace leadsla::detail {

/// The stages after MQL, in funnel order (`funnel` series details).
inline constexpr std::array<std::string_view, 4> funnel_stages{"sal", "sql", "opportunity",
                                                               "customer"};
/// The response-time buckets of docs/metrics.md (`response_buckets` details `<sla>:<bucket>`).
inline constexpr std::array<std::string_view, 4> bucket_labels{"< 1h", "1-4h", "4-24h", "> 24h"};

/// Whether the review shows its change log (`Review::policy_versions`): with more than one
/// version, or one that says why it exists.
[[nodiscard]] inline bool shows_versions(const Review& r) {
    return r.policy_versions.size() > 1 ||
           (r.policy_versions.size() == 1 && r.policy_versions.front().rationale.has_value());
}

/// `part / whole` in percent with one decimal, rounded half up; `-` for no whole.
[[nodiscard]] std::string percent(std::int64_t part, std::int64_t whole);
/// A rate figure as `percent`, or `-` without data.
[[nodiscard]] std::string rate_text(const Figure& f);
/// Seconds as a business duration: `2h35m`.
[[nodiscard]] std::string duration_text(std::int64_t seconds);
/// p50 / p90 of a duration or points figure, or `-`.
[[nodiscard]] std::string spread_text(const Figure& f);
/// A target's figure as the target is stated (a count, a rate, the p50 or p90, an amount).
[[nodiscard]] std::string target_figure_text(const AgreementTarget& t, const Figure& f);
/// `met`, `MISSED`, `on track`, `AT RISK`, `no data`: capitals where a reader must look.
[[nodiscard]] std::string_view status_mark(TargetStatus s) noexcept;
/// How many closed periods of a target met it, of those with data.
struct PeriodsMet {
    std::size_t met = 0;
    std::size_t closed = 0;
};
[[nodiscard]] PeriodsMet periods_met(const TargetReview& t) noexcept;

/// What a target measures: `on_time_rate(first_contact) for team dach`.
[[nodiscard]] std::string target_subject(const AgreementTarget& t);

/// The window's figure of a series, or an empty figure of the metric's kind (a count of 0, a
/// rate without data) when no lead contributed to it.
[[nodiscard]] const Figure& window_of(const Review& r,
                                      std::string_view metric,
                                      std::string_view detail = {},
                                      Dimension d = Dimension::all,
                                      std::string_view key = {});
[[nodiscard]] std::int64_t count_of(const Review& r,
                                    std::string_view metric,
                                    std::string_view detail = {},
                                    Dimension d = Dimension::all,
                                    std::string_view key = {});
/// The SLAs with clocks in the review, in name order.
[[nodiscard]] std::vector<std::string> slas_of(const Review& r);
/// The rejection reason codes given in the window, in code order.
[[nodiscard]] std::vector<std::string> rejection_codes_of(const Review& r);

}  // namespace leadsla::detail
