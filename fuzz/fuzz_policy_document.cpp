// SPDX-License-Identifier: Apache-2.0
// Any input as a policy document: load_policy never crashes. A policy that loads is then run: a
// lead entering MQL, evaluated, streamed (start, apply, advance) and explained; the stream ends
// where evaluate does, and the state's snapshot restores to an equal state.
#include <leadsla/engine/engine.hpp>
#include <leadsla/engine/explanation.hpp>
#include <leadsla/io/evaluation_json.hpp>
#include <leadsla/io/lead_state_json.hpp>
#include <leadsla/time/instant.hpp>

#include "fuzz_support.hpp"

using namespace leadsla;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto policy = load_policy(fuzz::text(data, size));
    if (!policy) {
        return 0;
    }
    const Engine engine{*std::move(policy)};
    const Instant created = parse_instant("2026-03-02T08:00:00Z").value();
    const Instant now = parse_instant("2026-03-05T16:30:00Z").value();
    Lead lead;
    lead.id = LeadId{"L-1"};
    lead.created_at = created;
    const std::vector<StageChange> changes{
        {parse_instant("2026-03-02T09:00:00Z").value(), Stage::lead, Stage::mql, "automation", ""}};

    EvaluateOptions options;
    options.explain = ExplainLevel::conditions;
    options.attached_at = created;
    const Evaluation whole = engine.evaluate(lead, {}, changes, now, options);
    (void)evaluation_json(whole, engine.policy());
    (void)explanation_text(whole, engine.policy(), lead, {}, changes);

    Step step = engine.apply(engine.start(lead, created), changes.front());
    step = engine.advance(std::move(step.state), now);
    const Evaluation streamed = engine.evaluate(step.state);
    fuzz::check(streamed.timers == whole.timers && streamed.actions == whole.actions &&
                    streamed.next_check_at == whole.next_check_at,
                "apply then advance ends where evaluate does");

    const auto back = restore_lead_state(snapshot_json(step.state));
    fuzz::check(back && *back == step.state, "a snapshot restores to an equal state");
    return 0;
}
