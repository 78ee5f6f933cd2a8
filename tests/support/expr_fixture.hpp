// SPDX-License-Identifier: Apache-2.0
// Compiling and evaluating one condition on the examples of expr_examples.hpp, for the
// rule-language tests.
#pragma once

#include "expr/shared/expression_set.hpp"

#include <support/expr_examples.hpp>
#include <support/test_support.hpp>

namespace leadsla::test {

/// Compiles `text` with the example schema and evaluates it on the example lead and history.
struct Evaluated {
    bool value = false;
    std::string explanation;
};

inline Evaluated evaluate(std::string_view text,
                          const Lead& lead = example_lead(),
                          const std::vector<Activity>& history = example_history(),
                          std::vector<std::int64_t> scores = {300000, 250000}) {
    ExpressionSetBuilder builder{example_schema(), {"fit", "engagement"}};
    const auto id = builder.add_condition(text, "/test");
    if (!id) {
        FAIL(fmt::format("{}", id.error()));
    }
    const ExpressionSet set = std::move(builder).build();
    const LeadRecord record = set.prepare(lead);
    const ActivityRecords activities = set.prepare(history);
    const AggregateValues aggregates = set.aggregate(activities, example_now());
    const EvalFrame frame{&record, &aggregates, scores, nullptr, example_now()};
    return Evaluated{set.test(*id, frame), set.explain(*id, frame)};
}

inline Error compile_error(std::string_view text) {
    ExpressionSetBuilder builder{example_schema(), {"fit", "engagement"}};
    const auto id = builder.add_condition(text, "/scoring/rules/3/when");
    REQUIRE_FALSE(id);
    return id.error();
}

}  // namespace leadsla::test
