// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <fmt/format.h>

#include <leadsla/detail/fixed_point_format.hpp>
#include <leadsla/engine/policy_set.hpp>
#include <leadsla/model/activity.hpp>
#include <leadsla/model/lead.hpp>
#include <leadsla/model/past_attributes.hpp>
#include <leadsla/model/stage.hpp>
#include <leadsla/model/stage_change.hpp>
#include <leadsla/result.hpp>
#include <leadsla/scoring/points.hpp>
#include <leadsla/time/instant.hpp>

namespace leadsla {

/// What an outcome fit learns from (docs/outcome-fit.md).
struct OutcomeFitOptions {
    Instant from;  ///< leads handed over in `[from, to)` are studied
    Instant to;
    /// Only what was known at this instant counts: hand-overs and outcomes up to it.
    Instant as_of;
    /// Leads handed over from this instant on are held out: the fit learns from
    /// `[from, test_from)` and is measured on `[test_from, to)`. Without it, it is measured on
    /// the leads it learnt from (and says so).
    std::optional<Instant> test_from;
    /// The moment each lead is scored: its first entry into this stage (marketing's hand-over).
    Stage handover = Stage::mql;
    /// Success: reaching this funnel stage, or one after it, after the hand-over (`sal`: sales
    /// accepted the lead; `sql`; `opportunity`; `customer`: won).
    Stage outcome = Stage::sal;
    /// The scale of the suggested points: this many points double the odds of success.
    std::int32_t points_to_double_odds = 20;
    /// The strength of the fit's ridge penalty, in thousandths (1000 = 1.0): it shrinks the
    /// weights of rules that fired for few leads towards 0.
    std::int32_t ridge_milli = 1000;

    friend bool operator==(const OutcomeFitOptions&, const OutcomeFitOptions&) = default;
};

/// Leads and how many of them succeeded.
struct OutcomeCount {
    std::int64_t leads = 0;
    std::int64_t converted = 0;

    /// `converted / leads` in basis points (10000 = 100 %), rounded; nullopt without leads.
    [[nodiscard]] std::optional<std::int64_t> rate_bp() const noexcept;

    friend bool operator==(const OutcomeCount&, const OutcomeCount&) = default;
};

/// How one scoring rule related to the outcome among the leads the fit learnt from.
struct RuleFit {
    std::string rule;  ///< the rule's id
    std::string axis;
    Points points;           ///< its points in the policy
    OutcomeCount fired;      ///< leads it held for at the hand-over
    OutcomeCount not_fired;  ///< the others
    /// Success when it fired over success overall, in basis points (10000 = no lift).
    std::optional<std::int64_t> lift_bp;
    /// The rule alone: the log of the odds ratio of success (fired vs not), smoothed by adding
    /// one half to each cell, in thousandths.
    std::int64_t log_odds_milli = 0;
    /// The rule in the joint fit (all rules together, so overlapping rules share the credit):
    /// its logistic-regression weight in thousandths of log-odds.
    std::int64_t weight_milli = 0;
    /// The weight in points (`points_to_double_odds` per doubling), rounded to whole points:
    /// the rule's points on the predictive axis.
    Points suggested;

    /// Whether the rule held for some of the leads and not for others: only then is there
    /// anything to learn (a rule every lead met at hand-over gets no weight).
    [[nodiscard]] bool varies() const noexcept { return fired.leads > 0 && not_fired.leads > 0; }

    friend bool operator==(const RuleFit&, const RuleFit&) = default;
};

/// Predicted against observed success for the measured leads whose predicted chance (from
/// their points on the predictive axis) falls in `[from_bp, to_bp)`.
struct CalibrationBand {
    std::int64_t from_bp = 0;
    std::int64_t to_bp = 0;
    OutcomeCount observed;
    std::int64_t predicted_bp = 0;  ///< the mean predicted chance

    friend bool operator==(const CalibrationBand&, const CalibrationBand&) = default;
};

/// How well one score ranks the measured leads by success.
struct RankingPower {
    std::string score;  ///< `predictive` (the fit), a policy axis's id, or `total`
    /// The area under the ROC curve in basis points: the chance that a random success scores
    /// above a random failure (ties count half); 5000 is no better than chance.
    std::optional<std::int64_t> auc_bp;
    /// Success among the top-scoring tenth over success overall, in basis points (ties at the
    /// cut count in proportion).
    std::optional<std::int64_t> top_decile_lift_bp;

    friend bool operator==(const RankingPower&, const RankingPower&) = default;
};

/// A rule among leads rejected with one reason, next to all studied leads.
struct SharedRule {
    std::string rule;
    std::int64_t share_bp = 0;          ///< of the rejected leads it held for
    std::int64_t overall_share_bp = 0;  ///< of all studied leads it held for

    friend bool operator==(const SharedRule&, const SharedRule&) = default;
};

/// The leads whose first exit after the hand-over was to a side stage with `reason`, and the
/// rules they shared, most over-represented first.
struct RejectionProfile {
    std::string reason;  ///< the reason code, or empty when none was given
    std::int64_t leads = 0;
    std::vector<SharedRule> rules;

    friend bool operator==(const RejectionProfile&, const RejectionProfile&) = default;
};

/// An outcome fit's result: per rule, how it related to success and the points it earns on a
/// predictive axis; how well that axis ranks held-out leads next to the policy's own scores;
/// its calibration; and what rejected leads had in common. Every figure is an integer: the same
/// leads give the same bytes, however they were partitioned.
struct OutcomeFitResult {
    OutcomeFitOptions options;
    std::string policy_version;  ///< the version whose rules were scored (in force at as_of)
    OutcomeCount learnt;         ///< the leads the fit learnt from
    OutcomeCount measured;       ///< the held-out leads (or the learnt ones without test_from)
    bool held_out = false;       ///< whether `measured` are other leads than `learnt`
    /// Studied leads with no outcome yet at as_of (neither success nor an exit to a side stage):
    /// left out of the fit.
    std::int64_t undecided = 0;
    std::int64_t bad_input = 0;  ///< input items the host could not read
    /// Whether there was something to learn: successes and failures among the learnt leads.
    bool fitted = false;
    std::int64_t intercept_milli = 0;  ///< the joint fit's intercept in thousandths of log-odds
    Points base;                 ///< the intercept in points: the predictive axis's constant rule
    std::vector<RuleFit> rules;  ///< in the policy's order
    std::vector<RankingPower> power;  ///< `predictive`, each policy axis, `total`
    std::vector<CalibrationBand>
        calibration;  ///< ten bands of predicted chance, empty ones left out
    std::vector<RejectionProfile> rejections;  ///< by reason

    friend bool operator==(const OutcomeFitResult&, const OutcomeFitResult&) = default;
};

/// Learning from outcomes, explainably (docs/outcome-fit.md): each studied lead is scored at its
/// hand-over with what was known then, under the rules of the version in force at `as_of`; the
/// rules that held and what happened next are counted; `result()` fits how each rule relates to
/// success. Accumulated one lead at a time and mergeable like `Scorecard`; deterministic (a
/// fixed number of Newton steps over counts kept in sorted order).
///
/// Example:
///   OutcomeFit fit = OutcomeFit::create(policies, {from, to, as_of, split}).value();
///   for (const auto& l : leads) fit.add(l.lead, l.activities, l.changes);
///   fmt::print("{}", outcome_fit_text(fit.result()));  // <leadsla/metrics/outcome_fit_format.hpp>
class OutcomeFit {
public:
    /// Errors (policy.invalid): an empty window, `test_from` outside it, `as_of` not after
    /// `from`;
    /// `points_to_double_odds` or `ridge_milli` not positive; a policy without scoring rules or
    /// a lifecycle; `handover` or `outcome` not funnel stages of the lifecycle, or `outcome`
    /// not after `handover`.
    [[nodiscard]] static Result<OutcomeFit> create(PolicySet policies, OutcomeFitOptions options);

    OutcomeFit(const OutcomeFit& other);
    OutcomeFit& operator=(const OutcomeFit& other);
    OutcomeFit(OutcomeFit&& other) noexcept;
    OutcomeFit& operator=(OutcomeFit&& other) noexcept;
    ~OutcomeFit();

    [[nodiscard]] const OutcomeFitOptions& options() const noexcept;

    /// Adds one lead with its history, as `Scorecard::add` takes it. It is studied when its
    /// first reported entry into the hand-over stage known at `as_of` is in the window; it is
    /// scored then, with its attributes at that instant and the activities up to it.
    void add(const Lead& lead,
             std::span<const Activity> activities,
             std::span<const StageChange> changes,
             std::span<const PastAttributes> past_attributes = {});

    /// Counts `n` input items the host could not read.
    void add_bad_input(std::int64_t n) noexcept;

    [[nodiscard]] OutcomeFitResult result() const;

    struct Impl;  ///< opaque

    /// `a` with the leads of `b` added. Errors (policy.invalid): another policy or options.
    friend Result<OutcomeFit> merge(OutcomeFit a, const OutcomeFit& b);

private:
    explicit OutcomeFit(std::unique_ptr<Impl> impl) noexcept;
    std::unique_ptr<Impl> impl_;
};

/// `a` with the leads of `b` added (see `OutcomeFit`).
[[nodiscard]] Result<OutcomeFit> merge(OutcomeFit a, const OutcomeFit& b);

}  // namespace leadsla

/// `412 leads, 305 converted`.
template <>
struct fmt::formatter<leadsla::OutcomeCount> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    template <typename FormatContext>
    auto format(const leadsla::OutcomeCount& c, FormatContext& ctx) const {
        return fmt::format_to(ctx.out(), "{} leads, {} converted", c.leads, c.converted);
    }
};

/// `fit.student: 21 of 412 leads, weight -1.204, suggested -35`.
template <>
struct fmt::formatter<leadsla::RuleFit> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    template <typename FormatContext>
    auto format(const leadsla::RuleFit& r, FormatContext& ctx) const {
        auto out = fmt::format_to(ctx.out(), "{}: {} of {} leads, weight ", r.rule, r.fired.leads,
                                  r.fired.leads + r.not_fired.leads);
        out = leadsla::detail::format_fixed_point(out, r.weight_milli, 3);
        return fmt::format_to(out, ", suggested {}", r.suggested);
    }
};

/// `predictive: AUC 0.7412, top-decile lift 1.62`.
template <>
struct fmt::formatter<leadsla::RankingPower> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    template <typename FormatContext>
    auto format(const leadsla::RankingPower& p, FormatContext& ctx) const {
        auto out = fmt::format_to(ctx.out(), "{}: AUC ", p.score);
        out = p.auc_bp ? leadsla::detail::format_fixed_point(out, *p.auc_bp, 4)
                       : fmt::format_to(out, "n/a");
        out = fmt::format_to(out, ", top-decile lift ");
        return p.top_decile_lift_bp
                   ? leadsla::detail::format_fixed_point(out, *p.top_decile_lift_bp, 4)
                   : fmt::format_to(out, "n/a");
    }
};

/// `predicted 50-60 %: 3 leads, 2 converted, mean prediction 5200 bp`.
template <>
struct fmt::formatter<leadsla::CalibrationBand> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    template <typename FormatContext>
    auto format(const leadsla::CalibrationBand& b, FormatContext& ctx) const {
        return fmt::format_to(ctx.out(), "predicted {}-{} %: {}, mean prediction {} bp",
                              b.from_bp / 100, b.to_bp / 100, b.observed, b.predicted_bp);
    }
};

/// `fit.student 4000 bp (all leads 1210 bp)`.
template <>
struct fmt::formatter<leadsla::SharedRule> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    template <typename FormatContext>
    auto format(const leadsla::SharedRule& s, FormatContext& ctx) const {
        return fmt::format_to(ctx.out(), "{} {} bp (all leads {} bp)", s.rule, s.share_bp,
                              s.overall_share_bp);
    }
};

/// `not_a_fit: 25 leads` (`(no reason)` for an empty reason).
template <>
struct fmt::formatter<leadsla::RejectionProfile> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    template <typename FormatContext>
    auto format(const leadsla::RejectionProfile& p, FormatContext& ctx) const {
        return fmt::format_to(ctx.out(), "{}: {} leads",
                              p.reason.empty() ? "(no reason)" : p.reason, p.leads);
    }
};

/// `outcome fit of 2026.1 (sal after mql): learnt 151 leads, 122 converted; measured 56 leads,
/// 44 converted (held out)`.
template <>
struct fmt::formatter<leadsla::OutcomeFitResult> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    template <typename FormatContext>
    auto format(const leadsla::OutcomeFitResult& r, FormatContext& ctx) const {
        return fmt::format_to(ctx.out(),
                              "outcome fit of {} ({} after {}): learnt {}; measured {} ({})",
                              r.policy_version, r.options.outcome, r.options.handover, r.learnt,
                              r.measured, r.held_out ? "held out" : "the learnt leads");
    }
};
