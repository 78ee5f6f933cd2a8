// SPDX-License-Identifier: Apache-2.0
// Which stage a lead qualifies for now: forward along allowed transitions while a later stage's
// entry criteria hold; back only through a configured regression.
#include <algorithm>

#include <fmt/format.h>

#include "inline_vector.hpp"
#include "lifecycle/lifecycle_impl.hpp"

namespace leadsla {
namespace {

struct Context {
    const Lifecycle::Impl& m;
    const EvalFrame& frame;
    const ScoreFacts& facts;
    std::vector<std::string>& trace;

    bool has_criteria(std::size_t spec) const {
        return m.entry_when[spec] >= 0 || m.entry_qualification[spec] >= 0;
    }

    /// The stage's entry criteria, each written to the trace.
    bool criteria_hold(std::size_t spec) {
        const StageSpec& s = m.spec.stages[spec];
        bool ok = true;
        if (const std::int32_t q = m.entry_qualification[spec]; q >= 0) {
            const std::string& name = m.qualification_names[static_cast<std::size_t>(q)];
            const bool held = std::find(facts.qualifications.begin(), facts.qualifications.end(),
                                        name) != facts.qualifications.end();
            trace.push_back(fmt::format("{}: qualification {}: {}", s.stage, name, held));
            ok = held;
        }
        if (const std::int32_t w = m.entry_when[spec]; w >= 0) {
            const auto id = static_cast<ConditionId>(w);
            const bool held = m.expressions.test(id, frame);
            trace.push_back(fmt::format("{}: {}", s.stage, m.expressions.explain(id, frame)));
            ok = ok && held;
        }
        return ok;
    }
};

}  // namespace

StageRecommendation Lifecycle::recommend(const Lead& lead,
                                         const ActivityHistory& history,
                                         const ScoreFacts& facts,
                                         Instant now) const {
    const Impl& m = *impl_;
    StageRecommendation out;
    out.current = lead.stage;
    out.recommended = lead.stage;
    if (!defines(lead.stage)) {
        out.kind = StageChangeKind::not_in_the_model;
        out.trace.push_back(
            fmt::format("\"{}\" is not a stage of this model: nothing is recommended", lead.stage));
        return out;
    }
    const ExpressionSet& e = m.expressions;
    // The history is read through aggregates only: without any, it is not prepared.
    AggregateValues aggregates;
    if (e.uses_aggregates()) {
        aggregates = e.aggregate(e.prepare(history.activities()), now);
    }
    const LeadRecord record = e.prepare(lead);
    // In place for a model's few axes (scoring allows 16).
    detail::InlineVector<std::int64_t, 16> scores;
    scores.resize_for_overwrite(m.score_names.size());
    for (std::size_t i = 0; i < m.score_names.size(); ++i) {
        // Milli-points to the ten-thousandths of decimal variables.
        scores[i] = i < facts.axis_milli.size() ? facts.axis_milli[i] * 10 : 0;
    }
    const EvalFrame frame{&record, &aggregates, {scores.data(), scores.size()}, nullptr, now};
    Context c{m, frame, facts, out.trace};

    // Forward: from the current stage, the furthest later stage (by funnel rank) that an
    // allowed transition reaches and whose criteria hold; repeat from there.
    Stage at = lead.stage;
    for (std::size_t step = 0; step < stage_count; ++step) {
        std::optional<Stage> best;
        for (const TransitionSpec& t : m.spec.transitions) {
            if (t.from != at) {
                continue;
            }
            const auto spec = static_cast<std::size_t>(m.spec_of[stage_index(t.to)]);
            const std::int32_t rank = m.rank[stage_index(t.to)];
            if (rank <= m.rank[stage_index(at)] || !c.has_criteria(spec)) {
                continue;
            }
            if ((!best || rank > m.rank[stage_index(*best)]) && c.criteria_hold(spec)) {
                best = t.to;
            }
        }
        if (!best) {
            break;
        }
        at = *best;
        out.path.push_back(at);
    }
    if (at != lead.stage) {
        out.recommended = at;
        out.kind = StageChangeKind::qualified;
        return out;
    }

    // Back: only through the current stage's configured regression.
    const auto spec = static_cast<std::size_t>(m.spec_of[stage_index(lead.stage)]);
    const StageSpec& s = m.spec.stages[spec];
    if (s.regress_to) {
        bool regress = false;
        if (const std::int32_t w = m.regress_when[spec]; w >= 0) {
            const auto id = static_cast<ConditionId>(w);
            regress = e.test(id, frame);
            out.trace.push_back(fmt::format("{}: regress to {} when {}", s.stage, *s.regress_to,
                                            e.explain(id, frame)));
        } else {
            regress = !c.criteria_hold(spec);
            out.trace.push_back(fmt::format("{}: entry criteria {}: regress to {} is {}", s.stage,
                                            regress ? "no longer hold" : "still hold",
                                            *s.regress_to, regress ? "due" : "not due"));
        }
        if (regress) {
            out.recommended = *s.regress_to;
            out.kind = StageChangeKind::regressed;
            out.path.push_back(*s.regress_to);
        }
    }
    return out;
}

}  // namespace leadsla
