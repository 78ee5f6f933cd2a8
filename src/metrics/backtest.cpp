// SPDX-License-Identifier: Apache-2.0
// The backtest: each lead replayed under two policies, into a review each, and compared.
#include <algorithm>
#include <array>
#include <map>
#include <utility>

#include <leadsla/metrics/backtest.hpp>

#include "metrics/known_changes.hpp"
#include "metrics/same_policies.hpp"
#include "metrics/stage_replay.hpp"

namespace leadsla {
namespace {

using Kind = LeadDifference::Kind;

/// The funnel stages whose first entry is compared.
constexpr std::array<Stage, 5> compared_stages{Stage::mql, Stage::sal, Stage::sql,
                                               Stage::opportunity, Stage::customer};

std::optional<Instant> first_entry(std::span<const StageChange> changes, Stage stage) {
    const auto it = std::find_if(changes.begin(), changes.end(),
                                 [&](const StageChange& c) { return c.to == stage; });
    return it == changes.end() ? std::nullopt : std::optional{it->at};
}

/// The SLAs whose clock breached (still owed, or met late), with when it did.
std::map<std::string, std::optional<Instant>, std::less<>> breaches(const Evaluation& e) {
    std::map<std::string, std::optional<Instant>, std::less<>> out;
    for (const TimerResult& t : e.timers) {
        if (t.status == TimerStatus::breached || t.status == TimerStatus::met_late) {
            out.emplace(t.sla, t.breached_at);
        }
    }
    return out;
}

/// Whether `replayed` has the stages and instants of the reported changes known at `as_of`
/// (each once, in time order).
bool same_stages(std::span<const StageChange> replayed,
                 std::span<const StageChange> reported,
                 Instant as_of) {
    const std::vector<StageChange> known = detail::known_changes(reported, as_of);
    return std::equal(known.begin(), known.end(), replayed.begin(), replayed.end(),
                      [](const StageChange& x, const StageChange& y) {
                          return x.at == y.at && x.from == y.from && x.to == y.to;
                      });
}

}  // namespace

std::string_view to_string(LeadDifference::Kind kind) noexcept {
    switch (kind) {
        case Kind::gains:
            return "gains";
        case Kind::loses:
            return "loses";
        case Kind::earlier:
            return "earlier";
        case Kind::later:
            return "later";
        case Kind::breached:
            return "breached";
        case Kind::met:
            return "met";
    }
    return "gains";
}

struct Backtest::Impl {
    PolicySet current;
    PolicySet candidate;
    BacktestOptions options;
    Scorecard current_card;
    Scorecard candidate_card;
    std::int64_t leads_changed = 0;
    std::int64_t replay_differs = 0;
    std::map<std::pair<Kind, std::string>, std::int64_t> counts;
    /// The listed leads' differences: the `lead_limit` smallest ids seen.
    std::map<std::string, std::vector<LeadDifference>, std::less<>> listed;
    bool truncated = false;

    /// Keeps `differences` of `lead` if its id is among the smallest `lead_limit`.
    void list(const std::string& lead, std::vector<LeadDifference> differences) {
        if (options.lead_limit == 0) {
            truncated = true;
            return;
        }
        if (listed.size() >= options.lead_limit) {
            if (lead >= listed.rbegin()->first) {
                truncated = true;
                return;
            }
            listed.erase(std::prev(listed.end()));
            truncated = true;
        }
        listed.insert_or_assign(lead, std::move(differences));
    }
};

Result<Backtest> Backtest::create(PolicySet current, PolicySet candidate, BacktestOptions options) {
    Result<Scorecard> current_card = Scorecard::create(current, options.review);
    if (!current_card) {
        return current_card.error();
    }
    Result<Scorecard> candidate_card = Scorecard::create(candidate, options.review);
    if (!candidate_card) {
        return candidate_card.error();
    }
    return Backtest{std::make_unique<Impl>(Impl{std::move(current),
                                                std::move(candidate),
                                                options,
                                                std::move(current_card).value(),
                                                std::move(candidate_card).value(),
                                                0,
                                                0,
                                                {},
                                                {},
                                                false})};
}

Backtest::Backtest(std::unique_ptr<Impl> impl) noexcept : impl_(std::move(impl)) {}
Backtest::Backtest(const Backtest& other) : impl_(std::make_unique<Impl>(*other.impl_)) {}
Backtest& Backtest::operator=(const Backtest& other) {
    if (this != &other) {
        impl_ = std::make_unique<Impl>(*other.impl_);
    }
    return *this;
}
Backtest::Backtest(Backtest&& other) noexcept = default;
Backtest& Backtest::operator=(Backtest&& other) noexcept = default;
Backtest::~Backtest() = default;

const BacktestOptions& Backtest::options() const noexcept {
    return impl_->options;
}

void Backtest::add(const Lead& lead,
                   std::span<const Activity> activities,
                   std::span<const StageChange> changes,
                   std::span<const PastAttributes> past_attributes) {
    Impl& b = *impl_;
    const Instant as_of = b.options.review.as_of;
    if (lead.created_at > as_of) {  // it did not exist yet: both reviews count it so
        b.current_card.add(lead, activities, changes, past_attributes);
        b.candidate_card.add(lead, activities, changes, past_attributes);
        return;
    }
    EvaluateOptions eo;
    eo.explain = ExplainLevel::none;
    eo.past_attributes = past_attributes;
    // One policy's replay: into its review, and the lead's clocks at as_of.
    const auto replay = [&](const PolicySet& policies, Scorecard& card) {
        detail::ReplayedStages r =
            detail::replay(policies, lead, activities, changes, past_attributes, as_of);
        Lead then = lead;
        then.stage = r.changes.empty() ? r.initial : r.changes.back().to;
        card.add(then, activities, r.changes, past_attributes);
        return std::pair{std::move(r.changes),
                         breaches(policies.evaluate(then, activities, r.changes, as_of, eo))};
    };
    const auto [current_changes, current_breaches] = replay(b.current, b.current_card);
    if (!same_stages(current_changes, changes, as_of)) {
        ++b.replay_differs;
    }
    const auto [candidate_changes, candidate_breaches] = replay(b.candidate, b.candidate_card);

    std::vector<LeadDifference> found;
    const auto differ = [&](Kind kind, std::string subject, std::optional<Instant> current,
                            std::optional<Instant> candidate) {
        found.push_back(
            LeadDifference{lead.id.value(), kind, std::move(subject), current, candidate});
    };
    for (const Stage stage : compared_stages) {
        const std::optional<Instant> cur = first_entry(current_changes, stage);
        const std::optional<Instant> cand = first_entry(candidate_changes, stage);
        const std::string name{to_string(stage)};
        if (cur && !cand) {
            differ(Kind::loses, name, cur, cand);
        } else if (!cur && cand) {
            differ(Kind::gains, name, cur, cand);
        } else if (cur && cand && *cand < *cur) {
            differ(Kind::earlier, name, cur, cand);
        } else if (cur && cand && *cur < *cand) {
            differ(Kind::later, name, cur, cand);
        }
    }
    // Each SLA of either policy: breached under one only.
    for (const auto& [sla, at] : current_breaches) {
        if (!candidate_breaches.contains(sla)) {
            differ(Kind::met, sla, at, std::nullopt);
        }
    }
    for (const auto& [sla, at] : candidate_breaches) {
        if (!current_breaches.contains(sla)) {
            differ(Kind::breached, sla, std::nullopt, at);
        }
    }
    if (found.empty()) {
        return;
    }
    ++b.leads_changed;
    for (const LeadDifference& d : found) {
        ++b.counts[{d.kind, d.subject}];
    }
    std::sort(found.begin(), found.end(), [](const LeadDifference& x, const LeadDifference& y) {
        return std::tie(x.kind, x.subject) < std::tie(y.kind, y.subject);
    });
    b.list(lead.id.value(), std::move(found));
}

void Backtest::add_bad_input(std::int64_t n) noexcept {
    impl_->current_card.add_bad_input(n);
    impl_->candidate_card.add_bad_input(n);
}

BacktestResult Backtest::result() const {
    const Impl& b = *impl_;
    BacktestResult r;
    r.current = b.current_card.review();
    r.candidate = b.candidate_card.review();
    r.leads_changed = b.leads_changed;
    r.replay_differs_from_reported = b.replay_differs;
    for (const auto& [key, n] : b.counts) {
        r.counts.push_back(DifferenceCount{key.first, key.second, n});
    }
    for (const auto& [lead, differences] : b.listed) {
        r.differences.insert(r.differences.end(), differences.begin(), differences.end());
    }
    r.truncated = b.truncated;
    return r;
}

Result<Backtest> merge(Backtest a, const Backtest& b) {
    Backtest::Impl& x = *a.impl_;
    const Backtest::Impl& y = *b.impl_;
    if (!(x.options == y.options) || !detail::same_policies(x.current, y.current) ||
        !detail::same_policies(x.candidate, y.candidate)) {
        return Error{ErrorCode::policy_invalid, "",
                     "backtests of other policies or options cannot be merged"};
    }
    Result<Scorecard> current = merge(std::move(x.current_card), y.current_card);
    if (!current) {
        return current.error();
    }
    Result<Scorecard> candidate = merge(std::move(x.candidate_card), y.candidate_card);
    if (!candidate) {
        return candidate.error();
    }
    x.current_card = std::move(current).value();
    x.candidate_card = std::move(candidate).value();
    x.leads_changed += y.leads_changed;
    x.replay_differs += y.replay_differs;
    for (const auto& [key, n] : y.counts) {
        x.counts[key] += n;
    }
    x.truncated = x.truncated || y.truncated;
    for (const auto& [lead, differences] : y.listed) {
        x.list(lead, differences);
    }
    return a;
}

}  // namespace leadsla
