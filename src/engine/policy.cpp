// SPDX-License-Identifier: Apache-2.0
// What the compiled policy's sections hand each other.
#include <leadsla/engine/policy.hpp>

namespace leadsla {

ScoreFacts score_facts(const ScoringModel& model, const ScoreCard& card) {
    ScoreFacts facts;
    facts.axis_milli.reserve(card.axes.size());
    for (const AxisScore& a : card.axes) {
        facts.axis_milli.push_back(a.score.milli());
    }
    const auto& qualifications = model.spec().qualifications;
    for (std::size_t i = 0; i < card.qualified.size() && i < qualifications.size(); ++i) {
        if (card.qualified[i]) {
            facts.qualifications.push_back(qualifications[i].id);
        }
    }
    return facts;
}

}  // namespace leadsla
