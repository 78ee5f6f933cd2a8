// SPDX-License-Identifier: Apache-2.0
// The outcome fit: each studied lead scored at its hand-over, its rules and outcome tallied per
// pattern; the result fits the rules' weights and measures them (docs/outcome-fit.md).
#include <algorithm>
#include <cmath>
#include <numbers>
#include <utility>

#include <leadsla/metrics/outcome_fit.hpp>
#include <leadsla/model/activity_history.hpp>

#include "metrics/known_changes.hpp"
#include "metrics/logistic_fit.hpp"
#include "metrics/ranking.hpp"
#include "metrics/same_policies.hpp"

namespace leadsla {

std::optional<std::int64_t> OutcomeCount::rate_bp() const noexcept {
    if (leads == 0) {
        return std::nullopt;
    }
    return (converted * 20000 + leads) / (2 * leads);  // rounded half up; both are >= 0
}

namespace {

using detail::OutcomeTally;
using detail::PatternTallies;
using detail::ScoreTallies;

/// The rejected leads of one reason: how many, and how many of them each rule held for.
struct Rejected {
    std::int64_t leads = 0;
    std::vector<std::int64_t> fired;
};

OutcomeCount count_of(const OutcomeTally& t) {
    return OutcomeCount{t.leads, t.converted};
}

OutcomeTally sum(const PatternTallies& tallies) {
    OutcomeTally all;
    for (const auto& entry : tallies) {
        all += entry.second;
    }
    return all;
}

std::int64_t round_milli(double x) {
    return std::llround(1000 * x);
}

/// `part / whole` in basis points (0 without a whole).
std::int64_t share_bp(std::int64_t part, std::int64_t whole) {
    return OutcomeCount{whole, part}.rate_bp().value_or(0);
}

}  // namespace

struct OutcomeFit::Impl {
    PolicySet policies;
    OutcomeFitOptions options;
    PatternTallies learnt;
    PatternTallies measured;  ///< only with test_from
    /// The measured leads' scores on each policy axis (after caps), then the total, in
    /// milli-points.
    std::vector<ScoreTallies> scores;
    std::map<std::string, Rejected, std::less<>> rejections;
    std::vector<std::int64_t> fired;  ///< per rule, over all studied leads
    std::int64_t studied = 0;
    std::int64_t undecided = 0;
    std::int64_t bad_input = 0;

    [[nodiscard]] const Policy& policy() const { return policies.in_force(options.as_of).policy(); }
};

Result<OutcomeFit> OutcomeFit::create(PolicySet policies, OutcomeFitOptions options) {
    const auto invalid = [](std::string message) {
        return Error{ErrorCode::policy_invalid, "", std::move(message)};
    };
    if (!(options.from < options.to)) {
        return invalid("the outcome fit's window is empty: from must be before to");
    }
    if (options.test_from &&
        !(options.from < *options.test_from && *options.test_from < options.to)) {
        return invalid(fmt::format("test_from {} is not inside the window [{}, {})",
                                   format_instant(*options.test_from), format_instant(options.from),
                                   format_instant(options.to)));
    }
    if (!(options.from < options.as_of)) {
        return invalid("as_of is not after the window's start: nothing was known yet");
    }
    if (options.points_to_double_odds <= 0 || options.ridge_milli <= 0) {
        return invalid("points_to_double_odds and ridge_milli must be positive");
    }
    const Policy& policy = policies.in_force(options.as_of).policy();
    const std::string name = fmt::format("policy {} {}", policy.id, policy.version);
    if (!policy.scoring || policy.scoring->spec().rules.empty()) {
        return invalid(name + " has no scoring rules to learn weights for");
    }
    if (!policy.lifecycle) {
        return invalid(name + " has no lifecycle: the hand-over and outcome stages are its");
    }
    const Lifecycle& lifecycle = *policy.lifecycle;
    for (const Stage s : {options.handover, options.outcome}) {
        if (!lifecycle.funnel_position(s)) {
            return invalid(fmt::format("{} is not a funnel stage of {}'s lifecycle", s, name));
        }
    }
    if (!(lifecycle.funnel_position(options.handover) <
          lifecycle.funnel_position(options.outcome))) {
        return invalid(
            fmt::format("the outcome stage {} does not come after the hand-over stage "
                        "{} in the funnel",
                        options.outcome, options.handover));
    }
    auto impl =
        std::make_unique<Impl>(Impl{std::move(policies), options, {}, {}, {}, {}, {}, 0, 0, 0});
    const std::size_t axes = impl->policy().scoring->spec().axes.size();
    impl->scores.resize(axes + 1);
    impl->fired.assign(impl->policy().scoring->spec().rules.size(), 0);
    return OutcomeFit{std::move(impl)};
}

OutcomeFit::OutcomeFit(std::unique_ptr<Impl> impl) noexcept : impl_(std::move(impl)) {}
OutcomeFit::OutcomeFit(const OutcomeFit& other) : impl_(std::make_unique<Impl>(*other.impl_)) {}
OutcomeFit& OutcomeFit::operator=(const OutcomeFit& other) {
    if (this != &other) {
        impl_ = std::make_unique<Impl>(*other.impl_);
    }
    return *this;
}
OutcomeFit::OutcomeFit(OutcomeFit&& other) noexcept = default;
OutcomeFit& OutcomeFit::operator=(OutcomeFit&& other) noexcept = default;
OutcomeFit::~OutcomeFit() = default;

const OutcomeFitOptions& OutcomeFit::options() const noexcept {
    return impl_->options;
}

void OutcomeFit::add(const Lead& lead,
                     std::span<const Activity> activities,
                     std::span<const StageChange> changes,
                     std::span<const PastAttributes> past_attributes) {
    Impl& f = *impl_;
    const OutcomeFitOptions& o = f.options;
    if (lead.created_at > o.as_of) {
        return;
    }
    const std::vector<StageChange> known = detail::known_changes(changes, o.as_of);
    const auto handover = std::find_if(known.begin(), known.end(),
                                       [&](const StageChange& c) { return c.to == o.handover; });
    if (handover == known.end() || handover->at < o.from || !(handover->at < o.to)) {
        return;
    }
    const Policy& policy = f.policy();
    const Lifecycle& lifecycle = *policy.lifecycle;
    const std::size_t target = *lifecycle.funnel_position(o.outcome);  // checked by create
    const auto after = std::next(handover);
    const bool converted = std::any_of(after, known.end(), [&](const StageChange& c) {
        const std::optional<std::size_t> at = lifecycle.funnel_position(c.to);
        return at && *at >= target;
    });
    // Leaving the funnel: a side state the lifecycle defines.
    const auto exit = std::find_if(after, known.end(), [&](const StageChange& c) {
        return lifecycle.defines(c.to) && !lifecycle.funnel_position(c.to);
    });
    if (!converted && exit == known.end()) {
        ++f.undecided;
        return;
    }

    // Scored at the hand-over with what was known then.
    Lead then = lead;
    then.attributes = detail::attributes_at(lead, past_attributes, handover->at);
    then.stage = o.handover;
    const ScoringModel& scoring = *policy.scoring;
    const ScoreCard card =
        scoring.score(then, ActivityHistory{activities}, handover->at, ExplainLevel::rules);
    std::string pattern(scoring.spec().rules.size(), '0');
    for (const RuleOutcome& r : card.rules) {
        if (r.held) {
            pattern[r.rule] = '1';
        }
    }

    const OutcomeTally one{1, converted ? 1 : 0};
    const bool held_out = o.test_from && !(handover->at < *o.test_from);
    (held_out ? f.measured : f.learnt)[pattern] += one;
    if (held_out || !o.test_from) {
        for (std::size_t a = 0; a < card.axes.size(); ++a) {
            f.scores[a][card.axes[a].score.milli()] += one;
        }
        f.scores.back()[card.total.milli()] += one;
    }
    ++f.studied;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        f.fired[i] += pattern[i] == '1' ? 1 : 0;
    }
    // Rejected: the first decision after the hand-over sent the lead to a side stage.
    if (after != known.end() && after == exit) {
        Rejected& r = f.rejections[exit->reason];
        r.fired.resize(pattern.size(), 0);
        ++r.leads;
        for (std::size_t i = 0; i < pattern.size(); ++i) {
            r.fired[i] += pattern[i] == '1' ? 1 : 0;
        }
    }
}

void OutcomeFit::add_bad_input(std::int64_t n) noexcept {
    impl_->bad_input += n;
}

OutcomeFitResult OutcomeFit::result() const {
    const Impl& f = *impl_;
    const OutcomeFitOptions& o = f.options;
    const Policy& policy = f.policy();
    const ScoringSpec& spec = policy.scoring->spec();
    const double points_per_log_odds = o.points_to_double_odds / std::numbers::ln2;

    OutcomeFitResult r;
    r.options = o;
    r.policy_version = policy.version;
    r.undecided = f.undecided;
    r.bad_input = f.bad_input;
    r.held_out = o.test_from.has_value();
    const PatternTallies& measured = r.held_out ? f.measured : f.learnt;
    const OutcomeTally learnt = sum(f.learnt);
    r.learnt = count_of(learnt);
    r.measured = count_of(sum(measured));
    r.fitted = learnt.converted > 0 && learnt.converted < learnt.leads;

    // Per rule, alone.
    std::vector<bool> use(spec.rules.size(), false);
    for (std::size_t i = 0; i < spec.rules.size(); ++i) {
        RuleFit rule;
        rule.rule = spec.rules[i].id;
        rule.axis = spec.rules[i].axis;
        rule.points = Points::whole(spec.rules[i].points);
        OutcomeTally fired;
        for (const auto& [pattern, t] : f.learnt) {
            if (pattern[i] == '1') {
                fired += t;
            }
        }
        rule.fired = count_of(fired);
        rule.not_fired =
            OutcomeCount{learnt.leads - fired.leads, learnt.converted - fired.converted};
        if (fired.leads > 0 && learnt.converted > 0) {
            rule.lift_bp = std::llround(
                10000.0 *
                (static_cast<double>(fired.converted) / static_cast<double>(fired.leads)) /
                (static_cast<double>(learnt.converted) / static_cast<double>(learnt.leads)));
        }
        const auto cell = [](std::int64_t n) { return static_cast<double>(n) + 0.5; };
        const std::int64_t a = fired.converted;
        const std::int64_t b = fired.leads - fired.converted;
        const std::int64_t c = rule.not_fired.converted;
        const std::int64_t d = rule.not_fired.leads - rule.not_fired.converted;
        rule.log_odds_milli = round_milli(std::log(cell(a) * cell(d) / (cell(b) * cell(c))));
        use[i] = rule.varies();
        r.rules.push_back(std::move(rule));
    }
    if (!r.fitted) {
        return r;
    }

    // Together.
    const detail::LogisticModel model = detail::fit_logistic(f.learnt, use, o.ridge_milli / 1000.0);
    r.intercept_milli = round_milli(model.intercept);
    r.base = Points::whole(std::llround(model.intercept * points_per_log_odds));
    for (std::size_t i = 0; i < r.rules.size(); ++i) {
        r.rules[i].weight_milli = round_milli(model.weights[i]);
        r.rules[i].suggested = Points::whole(std::llround(model.weights[i] * points_per_log_odds));
    }

    // The predictive axis's points for the measured leads: ranking and calibration.
    ScoreTallies predictive;
    std::array<OutcomeTally, 10> band_tallies{};
    std::array<double, 10> band_predicted{};
    for (const auto& [pattern, t] : measured) {
        std::int64_t milli = r.base.milli();
        for (std::size_t i = 0; i < pattern.size(); ++i) {
            milli += pattern[i] == '1' ? r.rules[i].suggested.milli() : 0;
        }
        predictive[milli] += t;
        const double points = static_cast<double>(milli) / 1000;
        const double chance = 1 / (1 + std::exp2(-points / o.points_to_double_odds));
        const auto band = std::min<std::size_t>(9, static_cast<std::size_t>(chance * 10));
        band_tallies[band] += t;
        band_predicted[band] += chance * static_cast<double>(t.leads);
    }
    const auto power = [](std::string name, const ScoreTallies& scores) {
        return RankingPower{std::move(name), detail::auc_bp(scores),
                            detail::top_decile_lift_bp(scores)};
    };
    r.power.push_back(power("predictive", predictive));
    for (std::size_t a = 0; a < spec.axes.size(); ++a) {
        r.power.push_back(power(spec.axes[a].id, f.scores[a]));
    }
    r.power.push_back(power("total", f.scores.back()));
    for (std::size_t b = 0; b < band_tallies.size(); ++b) {
        if (band_tallies[b].leads > 0) {
            const auto from = static_cast<std::int64_t>(b) * 1000;
            r.calibration.push_back(
                CalibrationBand{from, from + 1000, count_of(band_tallies[b]),
                                std::llround(10000 * band_predicted[b] /
                                             static_cast<double>(band_tallies[b].leads))});
        }
    }

    // What the rejected leads shared: the rules that vary, most over-represented first.
    for (const auto& [reason, rejected] : f.rejections) {
        RejectionProfile profile{reason, rejected.leads, {}};
        for (std::size_t i = 0; i < spec.rules.size(); ++i) {
            if (f.fired[i] == 0 || f.fired[i] == f.studied) {
                continue;
            }
            profile.rules.push_back(SharedRule{spec.rules[i].id,
                                               share_bp(rejected.fired[i], rejected.leads),
                                               share_bp(f.fired[i], f.studied)});
        }
        std::stable_sort(profile.rules.begin(), profile.rules.end(),
                         [](const SharedRule& x, const SharedRule& y) {
                             return x.share_bp - x.overall_share_bp >
                                    y.share_bp - y.overall_share_bp;
                         });
        r.rejections.push_back(std::move(profile));
    }
    return r;
}

Result<OutcomeFit> merge(OutcomeFit a, const OutcomeFit& b) {
    OutcomeFit::Impl& x = *a.impl_;
    const OutcomeFit::Impl& y = *b.impl_;
    if (!(x.options == y.options) || !detail::same_policies(x.policies, y.policies)) {
        return Error{ErrorCode::policy_invalid, "",
                     "outcome fits of other policies or options cannot be merged"};
    }
    for (const auto& [pattern, t] : y.learnt) {
        x.learnt[pattern] += t;
    }
    for (const auto& [pattern, t] : y.measured) {
        x.measured[pattern] += t;
    }
    for (std::size_t s = 0; s < x.scores.size(); ++s) {
        for (const auto& [score, t] : y.scores[s]) {
            x.scores[s][score] += t;
        }
    }
    for (const auto& [reason, rejected] : y.rejections) {
        Rejected& into = x.rejections[reason];
        into.fired.resize(rejected.fired.size(), 0);
        into.leads += rejected.leads;
        for (std::size_t i = 0; i < rejected.fired.size(); ++i) {
            into.fired[i] += rejected.fired[i];
        }
    }
    for (std::size_t i = 0; i < x.fired.size(); ++i) {
        x.fired[i] += y.fired[i];
    }
    x.studied += y.studied;
    x.undecided += y.undecided;
    x.bad_input += y.bad_input;
    return a;
}

}  // namespace leadsla
