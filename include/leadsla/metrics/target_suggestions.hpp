// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include <leadsla/metrics/review.hpp>
#include <leadsla/sla/agreement.hpp>

namespace leadsla {

/// How far a suggestion moves from what the history achieved (docs/backtest.md#target-suggestions);
/// each step is clamped to 0..1000.
struct SuggestionOptions {
    /// Rates, counts and amounts: the achieved figure improved by this many per mille (100:
    /// the source material's "current performance plus 10–15 %" at its low end).
    std::int32_t improve_permille = 100;
    /// Durations (response times): the achieved figure tightened by this many per mille.
    std::int32_t tighten_permille = 100;

    friend bool operator==(const SuggestionOptions&, const SuggestionOptions&) = default;
};

/// What a review's history says about one target of the agreement, and a target drawn from it.
///
/// "Achieved" is the median of the target's closed periods that have data (the running period
/// is partial and left out); the spread is the worst and the best of them. The suggestion
/// improves the achieved figure — up for `at_least`, down for `at_most` — and rounds it to a
/// value people state: a whole count; a whole percent (a tenth under 10 %; at most 100 %);
/// a duration to the review's resolution (the minute under 1 h, 5 minutes under 24 h, the hour
/// beyond); an amount to three significant digits. Without a closed period with data the
/// target is kept as stated.
struct TargetSuggestion {
    AgreementTarget target;               ///< as the policy states it
    std::int64_t periods = 0;             ///< closed periods with data
    std::int64_t periods_met = 0;         ///< of those, the ones that met the stated target
    std::optional<TargetValue> achieved;  ///< the median; nullopt without data
    std::optional<TargetValue> lowest;    ///< the spread: the lowest and highest closed period
    std::optional<TargetValue> highest;
    TargetValue suggested;  ///< the target's value as suggested (the stated one without data)
    std::string rationale;  ///< one sentence: the periods, the median, the spread, the step

    [[nodiscard]] bool changes() const noexcept { return !(suggested == target.value); }
    /// `stricter`, `looser` (than the stated target: the history does not support it) or
    /// `unchanged`.
    [[nodiscard]] std::string_view direction() const noexcept;
    friend bool operator==(const TargetSuggestion&, const TargetSuggestion&) = default;
};

/// A suggestion for each target of `review`, in the policy's order. Pure and deterministic.
[[nodiscard]] std::vector<TargetSuggestion> suggest_targets(const Review& review,
                                                            const SuggestionOptions& options = {});

/// The suggestions that change a target as an RFC 6902 JSON Patch of the policy document
/// (`[{"op": "replace", "path": "/agreement/targets/0/at_least", "value": 21}, …]`), each value
/// in the policy's own syntax, so any JSON Patch tool — or `leadsla suggest-targets
/// --output` — turns the policy into one `validate` accepts and `diff` explains.
[[nodiscard]] std::string suggestions_patch_json(std::span<const TargetSuggestion> suggestions);

/// The suggestions for the review meeting: per target the periods met, the achieved median
/// and spread, the suggestion and its rationale. Deterministic.
[[nodiscard]] std::string suggestions_text(std::span<const TargetSuggestion> suggestions);

}  // namespace leadsla

/// `mql_volume: >= 60 -> >= 21 (median 19 over 11 closed months, 7..26; +10 %)`.
template <>
struct fmt::formatter<leadsla::TargetSuggestion> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    template <typename FormatContext>
    auto format(const leadsla::TargetSuggestion& s, FormatContext& ctx) const {
        const char* op = s.target.at_least ? ">=" : "<=";
        return fmt::format_to(ctx.out(), "{}: {} {} -> {} {} ({})", s.target.id, op,
                              leadsla::to_string(s.target.value), op,
                              leadsla::to_string(s.suggested), s.rationale);
    }
};
