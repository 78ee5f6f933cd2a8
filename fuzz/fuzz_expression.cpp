// SPDX-License-Identifier: Apache-2.0
// Any input as a rule expression against the rule-language tests' schema: compiling never crashes,
// and a condition that compiles gives the same answer by every compiled path (the program, the
// shared-test bit masks, test_many) as a tree-walking interpreter of its syntax tree, on the
// example lead and history; explain always says something.
#include <algorithm>

#include "expr/parser.hpp"
#include "fuzz_support.hpp"

#include <support/expr_fixture.hpp>
#include <support/expr_interpreter.hpp>

using namespace leadsla;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const Schema schema = test::example_schema();
    static const Lead lead = test::example_lead();
    static const std::vector<Activity> history = test::example_history();
    static const Instant now = parse_instant("2026-03-31T12:00:00Z").value();

    const std::string_view text = fuzz::text(data, size);
    ExpressionSetBuilder builder{schema, {"fit", "engagement"}};
    const auto id = builder.add_condition(text, "/p");
    if (!id) {
        return 0;
    }
    const ExpressionSet set = std::move(builder).build();
    const auto ast = detail::parse_expression(text, "/p");
    fuzz::check(ast.has_value(), "a condition that compiles parses");

    const std::vector<std::int64_t> scores{25 * 10000, 60 * 10000};
    const LeadRecord record = set.prepare(lead);
    const ActivityRecords records = set.prepare(history);
    const auto aggregates = set.aggregate(records, now);
    const EvalFrame frame{&record, &aggregates, scores, nullptr, now};
    const bool compiled = set.test(*id, frame);
    const bool reference = test::Interpreter{schema, *ast, lead, history, now, scores}.run();
    fuzz::check(compiled == reference, "the compiled program equals the interpreter");

    const std::uint64_t shared = set.shared_tests(record);
    fuzz::check(set.test(*id, frame, shared) == compiled, "the shared-test path agrees");
    const ConditionId ids[] = {*id, *id};
    fuzz::check(set.test_many(ids, frame, shared) == (compiled ? 3U : 0U), "test_many agrees");
    const auto terms = set.shared_terms(*id);
    if (!terms.empty()) {
        const bool any = std::any_of(terms.begin(), terms.end(), [&](const auto& t) {
            return (shared & t.must_true) == t.must_true && (shared & t.must_false) == 0;
        });
        fuzz::check(any == compiled, "the shared terms agree");
    }
    fuzz::check(!set.explain(*id, frame).empty(), "explain says something");
    return 0;
}
