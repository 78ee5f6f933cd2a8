// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

#include <leadsla/engine/evaluation.hpp>
#include <leadsla/engine/policy.hpp>

namespace leadsla {

/// An evaluation as one line of JSON (no newline), for hosts that store or forward results and
/// for `leadsla eval`. Instants are RFC 3339 in UTC, business durations are `4h30m`, points are
/// decimal numbers; rule outcomes are named by the ids in `policy` (the policy the evaluation
/// came from). Traces and explanations are included when the evaluation has them.
///
///   {"lead":"L1","now":"…","policy":{"id":"…","version":"…","hash":"sha256:…"},
///    "score":{"total":65,"axes":{"fit":40,"engagement":25},"grade":"B2","qualified":["mql"],
///             "rules":[…]},
///    "segments":{"segment":"enterprise"},"stage":{"current":"mql","recommended":"mql",…},
///    "owner":{…},"timers":[{"sla":"first_contact","status":"running","due_at":"…",…}],
///    "violations":[…],"cadence":{…},"recycling":{…},"actions":[…],
///    "future_activities":[…],"next_check_at":"…"}
[[nodiscard]] std::string evaluation_json(const Evaluation& evaluation, const Policy& policy);

}  // namespace leadsla
