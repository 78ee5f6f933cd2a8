// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <fmt/format.h>

#include <leadsla/expr/schema.hpp>
#include <leadsla/model/activity_history.hpp>
#include <leadsla/model/explain_level.hpp>
#include <leadsla/model/lead.hpp>
#include <leadsla/result.hpp>
#include <leadsla/scoring/points.hpp>

namespace leadsla {

/// How an activity's points lose value with its age.
struct DecaySpec {
    struct Step {
        std::chrono::seconds max_age;  ///< applies while age <= max_age
        std::int32_t percent = 100;
        friend bool operator==(const Step&, const Step&) = default;
    };
    std::vector<Step> steps;  ///< ascending max_age; older than the last step: 0 points
    std::optional<std::chrono::seconds>
        half_life;  ///< alternative to steps: halves every half_life

    friend bool operator==(const DecaySpec&, const DecaySpec&) = default;
};

/// How often one rule may count an activity.
enum class Repeat : std::uint8_t {
    every,     ///< every matching activity
    once,      ///< only the most recent matching activity
    once_per,  ///< the most recent per period (periods are fixed UTC buckets of `period` length)
};

/// One scoring rule. With `activity` empty it is an attribute rule: `when` (a lead condition)
/// holds → `points`. With `activity` set it scores each matching activity (`where` in the
/// activity's scope, within `within`), subject to `repeat`, `decay` and `max_times`.
struct ScoringRuleSpec {
    std::string id;
    std::string axis;
    std::int64_t points = 0;  ///< whole points; negative allowed
    std::string when;         ///< attribute rules (may also gate activity rules)
    std::string activity;
    std::string where;
    std::optional<std::chrono::seconds> within;
    Repeat repeat = Repeat::every;
    std::chrono::seconds period{0};  ///< for Repeat::once_per
    std::uint32_t max_times = 0;     ///< 0 = no limit
    DecaySpec decay;
    std::string pointer;  ///< JSON pointer of the rule, for errors

    friend bool operator==(const ScoringRuleSpec&, const ScoringRuleSpec&) = default;
};

/// A grade band: `label` applies from `min` points up (the last band has no `min`).
struct GradeBand {
    std::string label;
    std::optional<std::int64_t> min;
    friend bool operator==(const GradeBand&, const GradeBand&) = default;
};

/// A score axis (`fit`, `engagement`) with optional caps and grade bands (highest first).
struct AxisSpec {
    std::string id;
    std::optional<std::int64_t> max;
    std::optional<std::int64_t> min;
    std::vector<GradeBand> bands;
    /// Whether the axis's score adds to `ScoreCard::total` (false for an axis shown beside the
    /// others, e.g. a predictive axis learnt from outcomes).
    bool in_total = true;
    friend bool operator==(const AxisSpec&, const AxisSpec&) = default;
};

/// A named classification over attributes, aggregates and the capped axis scores, e.g. `mql`.
struct QualificationSpec {
    std::string id;
    std::string when;
    std::string pointer;
    friend bool operator==(const QualificationSpec&, const QualificationSpec&) = default;
};

struct ScoringSpec {
    Schema schema;
    std::vector<AxisSpec> axes;
    std::vector<ScoringRuleSpec> rules;
    std::vector<QualificationSpec> qualifications;
    friend bool operator==(const ScoringSpec&, const ScoringSpec&) = default;
};

/// The outcome of one rule for one lead.
struct RuleOutcome {
    std::string id;          ///< the rule's id
    std::uint32_t rule = 0;  ///< index into `ScoringModel::spec().rules`
    bool held = false;
    std::uint32_t occurrences = 0;  ///< activities counted (activity rules)
    Points points;                  ///< after decay and the rule's limits, before axis caps
    /// With ExplainLevel::conditions: why, e.g. `employees >= 200: true (employees = 740)` or
    /// `2 web_visits where url == "/pricing" within 30d`.
    std::string explanation;
    friend bool operator==(const RuleOutcome&, const RuleOutcome&) = default;
};

struct AxisScore {
    std::string id;  ///< the axis's id, e.g. `fit`
    Points raw;      ///< sum of the rules' points
    Points score;    ///< after the axis caps
    std::string band;
    friend bool operator==(const AxisScore&, const AxisScore&) = default;
};

/// A lead's score: per axis, total, grade, qualifications, and the breakdown.
struct ScoreCard {
    std::vector<AxisScore> axes;  ///< in the order of `spec().axes`
    Points total;
    std::string grade;  ///< the bands of the axes that have bands, in axis order, e.g. "B2"
    std::vector<bool> qualified;  ///< in the order of `spec().qualifications`
    std::vector<std::string> qualification_explanations;  ///< with ExplainLevel::conditions
    std::vector<RuleOutcome> rules;                       ///< with ExplainLevel::rules or more
    std::optional<Instant>
        next_change;  ///< the next instant the score changes by decay or a window
    friend bool operator==(const ScoreCard&, const ScoreCard&) = default;
};

/// A compiled scoring model: immutable, cheap to copy, safe to share across threads.
///
/// Order of operations (fixed): per-activity points → decay → per-rule limits (repeat,
/// max_times) → axis caps (max, then min) → total → grade bands → qualifications (which read the
/// capped scores). Points are exact integers of milli-points.
///
/// Example:
///   Loaded<ScoringModel> model = ScoringModel::create(spec);  // every error, or the model
///   ScoreCard card = model->score(lead, ActivityHistory{activities}, now);
class ScoringModel {
public:
    /// Compiles every expression and checks the references. Errors: the expr.* codes, and
    /// json.type / parse.out_of_range for inconsistent rules (unknown axis, bad bands, ...); the
    /// `where` of each error points into the spec.
    [[nodiscard]] static Loaded<ScoringModel> create(ScoringSpec spec);

    [[nodiscard]] const ScoringSpec& spec() const noexcept;

    /// Scores a lead. Activities after `now` are ignored (a span or vector of activities in any
    /// order converts; duplicates count once).
    [[nodiscard]] ScoreCard score(const Lead& lead,
                                  const ActivityHistory& activities,
                                  Instant now,
                                  ExplainLevel level = ExplainLevel::rules) const;

    /// Whether any rule or condition depends on activities or on `now`.
    [[nodiscard]] bool uses_time() const noexcept;

    struct Impl;  ///< opaque: the compiled model
    /// The compiled model, for leadsla's own modules (an incomplete type to hosts).
    [[nodiscard]] const Impl& impl() const noexcept { return *impl_; }

private:
    [[nodiscard]] static std::optional<ScoringModel> build(ScoringSpec spec,
                                                           std::vector<Error>& errors);
    explicit ScoringModel(std::shared_ptr<const Impl> impl) noexcept;
    std::shared_ptr<const Impl> impl_;
};

}  // namespace leadsla

/// `fit.core_industry: +10 (held)`, or `eng.visits: 0 (not held)`.
template <>
struct fmt::formatter<leadsla::RuleOutcome> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    template <typename FormatContext>
    auto format(const leadsla::RuleOutcome& o, FormatContext& ctx) const {
        return fmt::format_to(ctx.out(), "{}: {}{} ({})", o.id, o.points.milli() > 0 ? "+" : "",
                              o.points, o.held ? "held" : "not held");
    }
};

/// `fit 40 (B)`.
template <>
struct fmt::formatter<leadsla::AxisScore> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    template <typename FormatContext>
    auto format(const leadsla::AxisScore& a, FormatContext& ctx) const {
        auto out = fmt::format_to(ctx.out(), "{} {}", a.id, a.score);
        return a.band.empty() ? out : fmt::format_to(out, " ({})", a.band);
    }
};

/// `65, grade B2 (fit 40 (B), engagement 25 (2))`.
template <>
struct fmt::formatter<leadsla::ScoreCard> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    template <typename FormatContext>
    auto format(const leadsla::ScoreCard& c, FormatContext& ctx) const {
        auto out = fmt::format_to(ctx.out(), "{}", c.total);
        if (!c.grade.empty()) {
            out = fmt::format_to(out, ", grade {}", c.grade);
        }
        out = fmt::format_to(out, " (");
        for (std::size_t i = 0; i < c.axes.size(); ++i) {
            out = fmt::format_to(out, "{}{}", i == 0 ? "" : ", ", c.axes[i]);
        }
        return fmt::format_to(out, ")");
    }
};
