// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include <leadsla/expr/classifier.hpp>
#include <leadsla/expr/schema.hpp>
#include <leadsla/model/lead.hpp>
#include <leadsla/result.hpp>
#include <leadsla/routing/assignment.hpp>
#include <leadsla/routing/routing_policy.hpp>
#include <leadsla/routing/routing_state.hpp>

namespace leadsla {

/// A routing decision and the routing state after it.
struct RoutingOutcome {
    RoutingDecision decision;
    RoutingState state;

    friend bool operator==(const RoutingOutcome&, const RoutingOutcome&) = default;
};

/// Compiled lead routing: account matching, then territories (first match) → team → owner by
/// the team's distribution, respecting capacity caps and availability, else the fallback queue.
/// Immutable, cheap to copy, safe to share across threads; no randomness anywhere — ties go to
/// the smaller owner id, so the order of owners in the input does not matter.
///
/// Example:
///   auto router = Router::create(spec, schema, &segments);
///   RoutingState state;
///   RoutingDecision d = router->route(lead, state);  // updates `state`
class Router {
public:
    /// Errors: the expression errors; policy.duplicate_id (territories, teams, owners, team
    /// members); policy.unknown_reference (a territory's team, a team member, a segment value,
    /// the classification); policy.invalid (a load-balanced member without a capacity, a weight
    /// of 0, an empty team, a territory condition that reads activities); json.missing_key
    /// (no fallback).
    [[nodiscard]] static Loaded<Router> create(RoutingSpec spec,
                                               const Schema& schema,
                                               const Classifier* classifier = nullptr);

    [[nodiscard]] const RoutingSpec& spec() const noexcept;

    /// Routes `lead` and records the assignment in `state` (sequence, the owner's load and last
    /// assignment, weights, the account's and domain's owner when they had none).
    [[nodiscard]] RoutingDecision route(const Lead& lead, RoutingState& state) const;
    /// The same on a copy: `state` is left as it was.
    [[nodiscard]] RoutingOutcome route(const Lead& lead, const RoutingState& state) const;

    struct Impl;  ///< opaque: the compiled routing

private:
    [[nodiscard]] static std::optional<Router> build(RoutingSpec spec,
                                                     const Schema& schema,
                                                     const Classifier* classifier,
                                                     std::vector<Error>& errors);
    explicit Router(std::shared_ptr<const Impl> impl) noexcept;
    std::shared_ptr<const Impl> impl_;
};

}  // namespace leadsla
