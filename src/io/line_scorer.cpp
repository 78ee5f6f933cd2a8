// SPDX-License-Identifier: Apache-2.0
// Flat NDJSON lead lines, read into records and scored without a JSON tree in between.
#include <leadsla/io/line_scorer.hpp>

#include "io/lead_line_reader.hpp"
#include "scoring/shared/bulk_scoring.hpp"

namespace leadsla {

struct LineScorer::Impl {
    explicit Impl(ScoringModel m) : model(std::move(m)), reader(detail::expressions_of(model)) {}

    ScoringModel model;
    detail::LeadLineReader reader;  // reads against `model`'s compiled conditions
    std::string id;
    LeadRecord record;
};

LineScorer::LineScorer(ScoringModel model) : impl_(std::make_unique<Impl>(std::move(model))) {}
LineScorer::~LineScorer() = default;
LineScorer::LineScorer(LineScorer&&) noexcept = default;
LineScorer& LineScorer::operator=(LineScorer&&) noexcept = default;

const ScoringModel& LineScorer::model() const noexcept {
    return impl_->model;
}

Result<std::string_view> LineScorer::score(std::string_view line,
                                           Instant now,
                                           ExplainLevel level,
                                           ScoreCard& card) {
    Impl& m = *impl_;
    if (std::optional<Error> error = m.reader.read(line, m.id, m.record)) {
        return std::move(*error);
    }
    detail::score_records(m.model, m.record, {}, now, level, card);
    return std::string_view{m.id};
}

}  // namespace leadsla
