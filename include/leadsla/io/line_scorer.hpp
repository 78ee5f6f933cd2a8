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
/// straight into the model's compiled form:
///
///   {"id":"L0000001","employees":740,"industry":"manufacturing","budget_indicated":false}
///
/// A line is read as `read_lead_json` reads a lead's `attributes` (the same JSON dialect, limits,
/// typed values and messages, <leadsla/io/lead_json.hpp>): `id` is a non-empty string; an `int`
/// takes an integer, a `decimal` a number or a decimal string with at most 4 fractional digits,
/// a `bool` true/false, a `string` a string, an `instant` an RFC 3339 string with offset or epoch
/// milliseconds; `null` is a missing value. Keys the schema does not declare are skipped,
/// whatever their value (a CRM export carries many fields no rule reads); a repeated key is an
/// error. `string_list` attributes are not read from lines.
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
