// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>
#include <string_view>

#include <leadsla/model/explain_level.hpp>
#include <leadsla/result.hpp>
#include <leadsla/scoring/scoring_model.hpp>
#include <leadsla/time/instant.hpp>

namespace leadsla {

/// Scores flat NDJSON lead lines — the bulk path of scoring (`leadsla score`), reading each line
/// straight into the model's compiled form with no JSON tree in between:
///
///   {"id":"L0000001","employees":740,"industry":"manufacturing","budget_indicated":false}
///
/// Values must have the declared types: an integer for `int`; an integer or a decimal number
/// with at most 4 fractional digits for `decimal`; true/false for `bool`; a string for `string`;
/// an RFC 3339 string with offset for `instant`; `null` for a missing value. Keys the schema does
/// not declare are skipped (a CRM export carries many fields no rule reads). `id` is required.
/// Nested objects and arrays are refused.
///
/// Attribute rules and qualifications are scored; the line carries no activities, so activity
/// rules count none.
///
/// Not thread-safe (it reuses its buffers and caches the key order of the last line): use one
/// scorer per thread; they may share the model.
///
/// Example:
///   LineScorer scorer{*load_scoring_policy(text)};
///   ScoreCard card;
///   Result<std::string_view> id = scorer.score(line, now, ExplainLevel::none, card);
///   if (id) fmt::print("{}: {}\n", *id, card.total);
class LineScorer {
public:
    explicit LineScorer(ScoringModel model);
    ~LineScorer();
    LineScorer(LineScorer&& other) noexcept;
    LineScorer& operator=(LineScorer&& other) noexcept;
    LineScorer(const LineScorer&) = delete;
    LineScorer& operator=(const LineScorer&) = delete;

    [[nodiscard]] const ScoringModel& model() const noexcept;

    /// Reads one line and scores it at `now` into `card`, whose storage is reused (a loop
    /// allocates nothing once warm). Returns the lead's id — a view valid until the next call —
    /// or the reason the line is not a valid lead (`where` is the JSON pointer of the bad value,
    /// e.g. `/employees`).
    [[nodiscard]] Result<std::string_view> score(std::string_view line,
                                                 Instant now,
                                                 ExplainLevel level,
                                                 ScoreCard& card);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace leadsla
