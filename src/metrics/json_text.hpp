// SPDX-License-Identifier: Apache-2.0
// JSON text of the review's values, written by hand so key order and bytes are fixed: shared by
// `review_json` and `backtest_json`.
#pragma once

#include <string>
#include <string_view>

#include <leadsla/metrics/review.hpp>

namespace leadsla::detail {

/// Appends `s` as a JSON string; bytes that are not valid UTF-8 become U+FFFD.
void quoted(std::string& out, std::string_view s);
/// `s` as a JSON string.
[[nodiscard]] std::string q(std::string_view s);
/// `count`, `rate`, `duration`, `points`, `amount`.
[[nodiscard]] std::string_view kind_name(Figure::Kind k) noexcept;
/// Appends a figure: counts and amounts always, rates with numerator and denominator (and the
/// percent when there is one), distributions with samples and p50 / p90.
void figure(std::string& out, const Figure& f);
/// Appends a period: label, from, to, running.
void period(std::string& out, const ReviewPeriod& p);

}  // namespace leadsla::detail
