// SPDX-License-Identifier: Apache-2.0
// Validation of a routing section and the route of one lead.
#include <algorithm>
#include <cctype>
#include <limits>
#include <set>

#include <fmt/format.h>

#include <leadsla/routing/router.hpp>

#include "expr/shared/expression_set.hpp"

namespace leadsla {

struct Router::Impl {
    RoutingSpec spec;
    std::optional<ExpressionSet> expressions;  // set once the territories are compiled
    std::optional<Classifier> classifier;
    std::optional<std::size_t> classification;  // index in the classifier
    std::vector<std::int32_t> territory_when;   // ConditionId or -1
    std::vector<std::size_t> territory_team;    // index into spec.teams
    std::map<OwnerId, std::optional<std::uint32_t>> capacity;
};

namespace {

/// `jane@Acme.com` → `acme.com`; a bare domain is lower-cased as is.
std::string domain_of(std::string_view text) {
    const auto at = text.rfind('@');
    std::string out{at == std::string_view::npos ? text : text.substr(at + 1)};
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string owner_list(const std::vector<Candidate>& candidates) {
    std::string out;
    for (const Candidate& c : candidates) {
        out += out.empty() ? "" : ", ";
        out += fmt::format("{}: {}", c.owner, to_string(c.skipped));
        if (c.skipped == SkipReason::at_capacity && c.capacity) {
            out += fmt::format(" {}/{}", c.open, *c.capacity);
        }
    }
    return out;
}

}  // namespace

std::string_view to_string(Distribution d) noexcept {
    switch (d) {
        case Distribution::round_robin:
            return "round_robin";
        case Distribution::weighted_round_robin:
            return "weighted_round_robin";
        case Distribution::load_balanced:
            return "load_balanced";
    }
    return "unknown";
}

std::optional<Distribution> parse_distribution(std::string_view text) noexcept {
    for (const Distribution d : {Distribution::round_robin, Distribution::weighted_round_robin,
                                 Distribution::load_balanced}) {
        if (to_string(d) == text) {
            return d;
        }
    }
    return std::nullopt;
}

std::string_view to_string(RouteKind kind) noexcept {
    switch (kind) {
        case RouteKind::account_owner:
            return "account_owner";
        case RouteKind::domain_owner:
            return "domain_owner";
        case RouteKind::territory:
            return "territory";
        case RouteKind::fallback:
            return "fallback";
    }
    return "unknown";
}

std::string_view to_string(SkipReason reason) noexcept {
    switch (reason) {
        case SkipReason::none:
            return "eligible";
        case SkipReason::away:
            return "away";
        case SkipReason::at_capacity:
            return "at capacity";
    }
    return "unknown";
}

Router::Router(std::shared_ptr<const Impl> impl) noexcept : impl_(std::move(impl)) {}

Loaded<Router> Router::create(RoutingSpec spec,
                              const Schema& schema,
                              const Classifier* classifier) {
    std::vector<Error> errors;
    auto r = build(std::move(spec), schema, classifier, errors);
    if (r) {
        return std::move(*r);
    }
    return errors;
}

std::optional<Router> Router::build(RoutingSpec spec,
                                    const Schema& schema,
                                    const Classifier* classifier,
                                    std::vector<Error>& errors) {
    const std::size_t errors_before = errors.size();
    const auto error = [&](ErrorCode code, std::string where, std::string message) {
        errors.push_back(Error{code, std::move(where), std::move(message)});
    };
    auto impl = std::make_shared<Impl>();
    if (classifier != nullptr) {
        impl->classifier = *classifier;
    }
    if (spec.fallback.value().empty()) {
        error(ErrorCode::json_missing_key, spec.pointer + "/fallback",
              "routing needs a \"fallback\" owner or queue for leads nobody else can take");
    }
    for (const OwnerSpec& o : spec.owners) {
        if (!impl->capacity.emplace(o.id, o.capacity).second) {
            error(ErrorCode::policy_duplicate_id, o.pointer + "/id",
                  fmt::format("owner \"{}\" is defined twice", o.id));
        }
    }
    std::set<std::string, std::less<>> team_ids;
    for (const TeamSpec& t : spec.teams) {
        if (!team_ids.insert(t.id).second) {
            error(ErrorCode::policy_duplicate_id, t.pointer + "/id",
                  fmt::format("team \"{}\" is defined twice", t.id));
        }
        if (t.members.empty()) {
            error(ErrorCode::policy_invalid, t.pointer + "/members",
                  fmt::format("team \"{}\" has no members", t.id));
        }
        std::set<OwnerId> members;
        for (std::size_t i = 0; i < t.members.size(); ++i) {
            const TeamMember& m = t.members[i];
            const std::string here = fmt::format("{}/members/{}", t.pointer, i);
            if (!members.insert(m.owner).second) {
                error(ErrorCode::policy_duplicate_id, here,
                      fmt::format("\"{}\" is in team \"{}\" twice", m.owner, t.id));
            }
            const auto cap = impl->capacity.find(m.owner);
            if (cap == impl->capacity.end()) {
                error(ErrorCode::policy_unknown_reference, here,
                      fmt::format("\"{}\" is not in \"owners\"", m.owner));
            } else if (t.distribution == Distribution::load_balanced && !cap->second) {
                error(ErrorCode::policy_invalid, here,
                      fmt::format("team \"{}\" is load balanced, so \"{}\" needs a capacity", t.id,
                                  m.owner));
            }
            if (m.weight == 0) {
                error(ErrorCode::policy_invalid, here + "/weight",
                      "a weight must be at least 1 (remove the member to give them no leads)");
            }
        }
    }
    bool uses_segments = false;
    for (const TerritorySpec& t : spec.territories) {
        uses_segments = uses_segments || !t.segments.empty();
    }
    if (uses_segments) {
        impl->classification =
            classifier != nullptr ? classifier->find(spec.classification) : std::nullopt;
        if (!impl->classification) {
            error(ErrorCode::policy_unknown_reference, spec.pointer + "/classification",
                  fmt::format("territories name segments, but \"{}\" is not a classification of "
                              "the policy",
                              spec.classification));
        }
    }
    ExpressionSetBuilder builder{schema};
    std::set<std::string, std::less<>> territory_ids;
    for (const TerritorySpec& t : spec.territories) {
        if (!territory_ids.insert(t.id).second) {
            error(ErrorCode::policy_duplicate_id, t.pointer + "/id",
                  fmt::format("territory \"{}\" is defined twice", t.id));
        }
        const auto team = std::find_if(spec.teams.begin(), spec.teams.end(),
                                       [&](const TeamSpec& s) { return s.id == t.team; });
        if (team == spec.teams.end()) {
            error(ErrorCode::policy_unknown_reference, t.pointer + "/team",
                  fmt::format("\"{}\" is not a team of the policy", t.team));
            impl->territory_team.push_back(0);
        } else {
            impl->territory_team.push_back(static_cast<std::size_t>(team - spec.teams.begin()));
        }
        for (std::size_t i = 0; i < t.segments.size(); ++i) {
            if (impl->classification &&
                !classifier->can_give(*impl->classification, t.segments[i])) {
                error(ErrorCode::policy_unknown_reference,
                      fmt::format("{}/segments/{}", t.pointer, i),
                      fmt::format("\"{}\" is not a value of classification \"{}\"", t.segments[i],
                                  spec.classification));
            }
        }
        std::int32_t when = -1;
        if (!t.when.empty()) {
            const auto id = builder.add_condition(t.when, t.pointer + "/when");
            if (id) {
                when = static_cast<std::int32_t>(*id);
            } else {
                errors.push_back(id.error());
            }
        }
        impl->territory_when.push_back(when);
    }
    impl->expressions = std::move(builder).build();
    for (std::size_t i = 0; i < spec.territories.size(); ++i) {
        const std::int32_t when = impl->territory_when[i];
        if (when >= 0 && impl->expressions->reads_activities(static_cast<ConditionId>(when))) {
            error(ErrorCode::policy_invalid, spec.territories[i].pointer + "/when",
                  "a territory reads lead attributes only, not activities");
        }
    }
    if (errors.size() != errors_before) {
        return std::nullopt;
    }
    impl->spec = std::move(spec);
    return Router{std::move(impl)};
}

const RoutingSpec& Router::spec() const noexcept {
    return impl_->spec;
}

RoutingOutcome Router::route(const Lead& lead, const RoutingState& state) const {
    RoutingOutcome out{{}, state};
    out.decision = route(lead, out.state);
    return out;
}

RoutingDecision Router::route(const Lead& lead, RoutingState& state) const {
    const Impl& m = *impl_;
    RoutingDecision d;
    std::string domain;
    if (!m.spec.domain_attribute.empty()) {
        if (const auto* text = lead.attribute(m.spec.domain_attribute).as_string()) {
            domain = domain_of(*text);
        }
    }
    const auto assign = [&](const OwnerId& owner, RouteKind kind) {
        d.owner = owner;
        d.kind = kind;
        OwnerState& s = state.owners[owner];
        s.last_assigned = ++state.sequence;
        ++s.open;
        if (lead.account) {
            state.account_owners.try_emplace(*lead.account, owner);
        }
        if (!domain.empty()) {
            state.domain_owners.try_emplace(domain, owner);
        }
        return d;
    };
    // Why an account's owner cannot take the lead now (capacity and availability hold for
    // account matches too); empty when they can.
    const auto unavailable = [&](const OwnerId& owner) -> std::string {
        const auto it = state.owners.find(owner);
        const OwnerState s = it == state.owners.end() ? OwnerState{} : it->second;
        if (s.away) {
            return "who is away";
        }
        const auto cap = m.capacity.find(owner);
        if (cap != m.capacity.end() && cap->second && s.open >= *cap->second) {
            return fmt::format("who is at capacity {}/{}", s.open, *cap->second);
        }
        return {};
    };

    // 1. Account matching (ABM): the account's owner keeps its leads while not away.
    if (m.spec.match_accounts) {
        if (lead.account) {
            if (const auto it = state.account_owners.find(*lead.account);
                it != state.account_owners.end()) {
                const OwnerId owner = it->second;
                const std::string why = unavailable(owner);
                if (why.empty()) {
                    d.trace.push_back(
                        fmt::format("account {} is owned by {}", *lead.account, owner));
                    return assign(owner, RouteKind::account_owner);
                }
                d.trace.push_back(
                    fmt::format("account {} is owned by {}, {}", *lead.account, owner, why));
            }
        }
        if (!domain.empty()) {
            if (const auto it = state.domain_owners.find(domain); it != state.domain_owners.end()) {
                const OwnerId owner = it->second;
                const std::string why = unavailable(owner);
                if (why.empty()) {
                    d.trace.push_back(fmt::format("domain {} is owned by {}", domain, owner));
                    return assign(owner, RouteKind::domain_owner);
                }
                d.trace.push_back(fmt::format("domain {} is owned by {}, {}", domain, owner, why));
            }
        }
    }

    // 2. Territories, first match.
    if (m.classification) {
        ClassValue v = m.classifier->classify(*m.classification, lead);
        d.segment = std::move(v.value);
        d.trace.push_back(
            fmt::format("{} = {} ({})", m.spec.classification, d.segment, v.explanation));
    }
    std::optional<std::size_t> matched;
    if (!m.spec.territories.empty()) {
        const LeadRecord record = m.expressions->prepare(lead);
        const AggregateValues none;
        const EvalFrame frame{&record, &none, {}, nullptr, Instant{}};
        for (std::size_t i = 0; i < m.spec.territories.size() && !matched; ++i) {
            const TerritorySpec& t = m.spec.territories[i];
            if (!t.segments.empty() &&
                std::find(t.segments.begin(), t.segments.end(), d.segment) == t.segments.end()) {
                d.trace.push_back(fmt::format("territory {}: {} {} is not one of its segments",
                                              t.id, m.spec.classification, d.segment));
                continue;
            }
            if (const std::int32_t w = m.territory_when[i]; w >= 0) {
                const auto id = static_cast<ConditionId>(w);
                const bool held = m.expressions->test(id, frame);
                d.trace.push_back(
                    fmt::format("territory {}: {}", t.id, m.expressions->explain(id, frame)));
                if (!held) {
                    continue;
                }
            } else {
                d.trace.push_back(fmt::format("territory {}: matches", t.id));
            }
            matched = i;
        }
    }
    if (!matched) {
        d.trace.push_back(fmt::format("no territory matched: fallback {}", m.spec.fallback));
        return assign(m.spec.fallback, RouteKind::fallback);
    }
    const TerritorySpec& territory = m.spec.territories[*matched];
    const TeamSpec& team = m.spec.teams[m.territory_team[*matched]];
    d.territory = territory.id;
    d.team = team.id;

    // 3. The team's eligible members, then its distribution. Ties go to the smaller owner id.
    std::optional<std::size_t> best;
    std::int64_t total_weight = 0;
    auto& weights = state.weights[team.id];
    for (const TeamMember& member : team.members) {
        Candidate c;
        c.owner = member.owner;
        const auto s = state.owners.find(member.owner);
        const OwnerState os = s == state.owners.end() ? OwnerState{} : s->second;
        c.open = os.open;
        c.capacity = m.capacity.at(member.owner);
        c.last_assigned = os.last_assigned;
        if (os.away) {
            c.skipped = SkipReason::away;
        } else if (c.capacity && c.open >= *c.capacity) {
            c.skipped = SkipReason::at_capacity;
        }
        d.candidates.push_back(c);
        if (c.skipped != SkipReason::none) {
            continue;
        }
        const std::size_t i = d.candidates.size() - 1;
        std::int64_t& current = weights[member.owner];
        if (team.distribution == Distribution::weighted_round_robin) {
            current += member.weight;
            total_weight += member.weight;
        }
        if (!best) {
            best = i;
            continue;
        }
        const Candidate& b = d.candidates[*best];
        const auto round_robin_key = [](const Candidate& x) {
            return std::tie(x.last_assigned, x.owner);
        };
        bool better = false;
        switch (team.distribution) {
            case Distribution::round_robin:
                better = round_robin_key(c) < round_robin_key(b);
                break;
            case Distribution::weighted_round_robin: {
                const std::int64_t bw = weights[b.owner];
                better = current > bw || (current == bw && c.owner < b.owner);
                break;
            }
            case Distribution::load_balanced: {
                const auto free = [](const Candidate& x) {
                    return static_cast<std::int64_t>(*x.capacity) - x.open;
                };
                better = free(c) > free(b) ||
                         (free(c) == free(b) && round_robin_key(c) < round_robin_key(b));
                break;
            }
        }
        if (better) {
            best = i;
        }
    }
    if (!best) {
        d.trace.push_back(fmt::format("team {}: nobody eligible ({}): fallback {}", team.id,
                                      owner_list(d.candidates), m.spec.fallback));
        return assign(m.spec.fallback, RouteKind::fallback);
    }
    Candidate& chosen = d.candidates[*best];
    chosen.chosen = true;
    if (team.distribution == Distribution::weighted_round_robin) {
        weights[chosen.owner] -= total_weight;
    }
    d.trace.push_back(fmt::format("team {} ({}): {} chosen ({})", team.id,
                                  to_string(team.distribution), chosen.owner,
                                  owner_list(d.candidates)));
    return assign(chosen.owner, RouteKind::territory);
}

}  // namespace leadsla
