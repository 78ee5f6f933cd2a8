// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <array>
#include <bit>
#include <limits>
#include <set>

#include <fmt/format.h>

#include <leadsla/scoring/scoring_model.hpp>
#include <leadsla/time/duration_text.hpp>

#include "expr/shared/local_records.hpp"
#include "scoring/shared/bulk_scoring.hpp"

namespace leadsla {
namespace {

// 2^(-i/64) in Q30, i = 0..63: half-life decay in integers, the same on every machine.
constexpr std::array<std::int64_t, 64> half_life_table{
    1073741824, 1062175491, 1050733751, 1039415261, 1028218693, 1017142735, 1006186087, 995347464,
    984625594,  974019220,  963527098,  953147997,  942880699,  932724001,  922676710,  912737649,
    902905651,  893179563,  883558244,  874040567,  864625413,  855311680,  846098274,  836984114,
    827968132,  819049271,  810226483,  801498734,  792865000,  784324269,  775875538,  767517817,
    759250125,  751071493,  742980960,  734977579,  727060411,  719228525,  711481005,  703816941,
    696235434,  688735596,  681316545,  673977412,  666717336,  659535466,  652430958,  645402981,
    638450708,  631573326,  624770026,  618040012,  611382493,  604796689,  598281827,  591837143,
    585461881,  579155293,  572916640,  566745190,  560640218,  554601009,  548626854,  542717053};

constexpr std::int64_t max_points = 1'000'000'000;
constexpr std::size_t max_axes = 16;
constexpr std::int64_t ten_thousandths_per_milli = Decimal::scale / 1000;

constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept {
    std::int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) {
        --q;
    }
    return q;
}

struct CompiledRule {
    std::int32_t axis = 0;
    std::int64_t points = 0;
    std::int64_t when = -1;  // ConditionId or -1
    std::int32_t activity_type = -1;
    std::int64_t where = -1;  // ConditionId or -1
    std::int64_t within = -1;
    Repeat repeat = Repeat::every;
    std::int64_t period = 0;
    std::uint32_t max_times = 0;
    DecaySpec decay;
};

void earliest(std::optional<Instant>& next, Instant candidate) {
    if (!next || candidate < *next) {
        next = candidate;
    }
}

/// The decayed milli-points of one occurrence of age `age` (seconds), and when that value changes.
std::int64_t decayed(std::int64_t points,
                     std::int64_t age,
                     Instant occurred,
                     const DecaySpec& decay,
                     std::optional<Instant>& next) {
    const std::int64_t base = points * 1000;
    if (!decay.steps.empty()) {
        for (const DecaySpec::Step& step : decay.steps) {
            if (age <= step.max_age.count()) {
                earliest(next, occurred + step.max_age + std::chrono::seconds{1});
                return points * 10 * step.percent;  // points * 1000 * percent / 100, exactly
            }
        }
        return 0;
    }
    if (decay.half_life) {
        const std::int64_t h = decay.half_life->count();
        const std::int64_t k = age * 64 / h;
        const std::int64_t halvings = k / 64;
        if (halvings >= 40) {
            return 0;
        }
        const std::int64_t magnitude = base < 0 ? -base : base;
        const std::int64_t value =
            (magnitude * half_life_table[static_cast<std::size_t>(k % 64)]) >> (30 + halvings);
        // floor(age * 64 / h) next increases at age ceil((k + 1) * h / 64).
        earliest(next, occurred + std::chrono::seconds{((k + 1) * h + 63) / 64});
        return base < 0 ? -value : value;
    }
    return base;
}

}  // namespace

namespace {

/// Why a rule gave its points, for ExplainLevel::conditions: an attribute rule's condition with
/// the values it read; an activity rule's count (and its gate's condition when it has one).
std::string explain_rule(const ScoringRuleSpec& spec,
                         const CompiledRule& rule,
                         const RuleOutcome& outcome,
                         bool gate,
                         const ExpressionSet& e,
                         const EvalFrame& frame) {
    std::string when =
        rule.when >= 0 ? e.explain(static_cast<ConditionId>(rule.when), frame) : std::string{};
    if (rule.activity_type < 0) {
        return when;
    }
    if (!gate) {
        return fmt::format("not counted: {}", when);
    }
    std::string out = fmt::format("{} {}{}", outcome.occurrences, spec.activity,
                                  outcome.occurrences == 1 ? "" : "s");
    if (!spec.where.empty()) {
        out += fmt::format(" where {}", spec.where);
    }
    if (spec.within) {
        out += fmt::format(" within {}", format_wall_duration(*spec.within));
    }
    switch (spec.repeat) {
        case Repeat::every:
            break;
        case Repeat::once:
            out += ", the most recent once";
            break;
        case Repeat::once_per:
            out += fmt::format(", once per {}", format_wall_duration(spec.period));
            break;
    }
    if (spec.max_times != 0) {
        out += fmt::format(", at most {}", spec.max_times);
    }
    if (!spec.decay.steps.empty() || spec.decay.half_life) {
        out += ", decayed by age";
    }
    if (!when.empty()) {
        out += fmt::format("; {}", when);
    }
    return out;
}

}  // namespace

struct ScoringModel::Impl {
    ScoringSpec spec;
    ExpressionSet expressions;
    std::vector<CompiledRule> rules;
    std::vector<ConditionId> qualifications;
    bool uses_time = false;
    // The bulk path (ExplainLevel::none). Attribute rules whose condition is one and-term over
    // the shared tests are arrays by axis, summed without branches; the others are tested one by
    // one.
    struct TermRules {
        std::vector<std::uint64_t> must_true;
        std::vector<std::uint64_t> must_false;
        std::vector<std::int64_t> milli;
    };
    std::vector<TermRules> term_rules;  // by axis
    struct OtherRule {
        ConditionId when = 0;
        std::size_t axis = 0;
        std::int64_t milli = 0;
    };
    std::vector<OtherRule> other_rules;
    std::vector<std::uint32_t> activity_rules;  // indexes of the activity rules
    std::vector<std::uint32_t> all_rules;       // 0 .. rules.size() - 1

    Impl(ScoringSpec s, ExpressionSet e) : spec(std::move(s)), expressions(std::move(e)) {}
};

ScoringModel::ScoringModel(std::shared_ptr<const Impl> impl) noexcept : impl_(std::move(impl)) {}
const ScoringSpec& ScoringModel::spec() const noexcept {
    return impl_->spec;
}
const ExpressionSet& detail::expressions_of(const ScoringModel& model) noexcept {
    return model.impl().expressions;
}
bool ScoringModel::uses_time() const noexcept {
    return impl_->uses_time;
}

Loaded<ScoringModel> ScoringModel::create(ScoringSpec spec) {
    std::vector<Error> errors;
    auto model = build(std::move(spec), errors);
    if (model) {
        return std::move(*model);
    }
    return errors;
}

std::optional<ScoringModel> ScoringModel::build(ScoringSpec spec, std::vector<Error>& errors) {
    const std::size_t errors_before = errors.size();
    auto error = [&](ErrorCode code, std::string where, std::string message) {
        errors.push_back(Error{code, std::move(where), std::move(message)});
    };
    std::vector<std::string> axis_names;
    for (std::size_t i = 0; i < spec.axes.size(); ++i) {
        const AxisSpec& axis = spec.axes[i];
        const std::string where = fmt::format("/scoring/axes/{}", i);
        if (axis.id.empty() ||
            std::find(axis_names.begin(), axis_names.end(), axis.id) != axis_names.end()) {
            error(ErrorCode::json_type, where + "/id",
                  fmt::format("axis ids must be unique and non-empty; \"{}\" is not", axis.id));
        }
        if (spec.schema.attributes.contains(axis.id)) {
            error(ErrorCode::json_type, where + "/id",
                  fmt::format("axis \"{}\" has the name of a lead attribute", axis.id));
        }
        axis_names.push_back(axis.id);
        if (axis.max && axis.min && *axis.min > *axis.max) {
            error(ErrorCode::parse_out_of_range, where,
                  fmt::format("min ({}) is above max ({})", *axis.min, *axis.max));
        }
        for (std::size_t b = 0; b < axis.bands.size(); ++b) {
            const GradeBand& band = axis.bands[b];
            const std::string here = fmt::format("{}/bands/{}", where, b);
            const bool last = b + 1 == axis.bands.size();
            if (last == band.min.has_value()) {
                error(ErrorCode::json_type, here,
                      last ? "the last band catches everything below the others: give it no \"min\""
                           : "every band but the last needs a \"min\"");
            } else if (b > 0 && band.min && axis.bands[b - 1].min &&
                       *band.min >= *axis.bands[b - 1].min) {
                error(ErrorCode::parse_out_of_range, here + "/min",
                      "bands go from the highest \"min\" down, each lower than the one before");
            }
            if (band.label.empty()) {
                error(ErrorCode::json_type, here + "/grade",
                      "a band needs a non-empty grade label");
            }
        }
    }
    if (spec.axes.size() > max_axes) {
        error(ErrorCode::parse_out_of_range, "/scoring/axes",
              fmt::format("a model has at most {} axes", max_axes));
    }
    if (spec.axes.empty()) {
        error(ErrorCode::json_missing_key, "/scoring/axes",
              "a scoring model needs at least one axis (e.g. fit and engagement)");
    }

    // Rule conditions may not read scores (that would be circular): compile them once without.
    ExpressionSetBuilder rules_only{spec.schema};
    ExpressionSetBuilder builder{spec.schema, axis_names};
    std::vector<CompiledRule> compiled;
    std::set<std::string> rule_ids;
    auto compile = [&](const std::string& text, const std::string& where,
                       std::string_view scope) -> std::int64_t {
        if (text.empty()) {
            return -1;
        }
        if (const auto check = rules_only.add_condition(text, where, scope); !check) {
            errors.push_back(check.error());
            return -1;
        }
        const auto id = builder.add_condition(text, where, scope);
        return id ? static_cast<std::int64_t>(*id) : -1;
    };
    for (std::size_t i = 0; i < spec.rules.size(); ++i) {
        ScoringRuleSpec& rule = spec.rules[i];
        if (rule.pointer.empty()) {
            rule.pointer = fmt::format("/scoring/rules/{}", i);
        }
        const std::string& where = rule.pointer;
        CompiledRule c;
        if (rule.id.empty() || !rule_ids.insert(rule.id).second) {
            error(ErrorCode::json_type, where + "/id",
                  fmt::format("rule ids must be unique and non-empty; \"{}\" is not", rule.id));
        }
        const auto axis = std::find(axis_names.begin(), axis_names.end(), rule.axis);
        if (axis == axis_names.end()) {
            error(ErrorCode::json_type, where + "/axis",
                  fmt::format("\"{}\" is not an axis of the model (axes: {})", rule.axis,
                              fmt::join(axis_names, ", ")));
        }
        c.axis = static_cast<std::int32_t>(axis - axis_names.begin());
        if (rule.points < -max_points || rule.points > max_points) {
            error(ErrorCode::parse_out_of_range, where + "/points",
                  fmt::format("points must lie within ±{}", max_points));
        }
        c.points = rule.points;
        c.when = compile(rule.when, where + "/when", {});
        if (rule.activity.empty()) {
            if (rule.when.empty()) {
                error(ErrorCode::json_missing_key, where,
                      "a rule needs \"when\" (a lead condition) or \"activity\" (points per "
                      "activity)");
            }
            if (!rule.where.empty() || rule.within || rule.repeat != Repeat::every ||
                rule.max_times != 0 || !rule.decay.steps.empty() || rule.decay.half_life) {
                error(ErrorCode::json_type, where,
                      "\"where\", \"within\", \"repeat\", \"max_times\" and \"decay\" apply to "
                      "activity rules only (set \"activity\")");
            }
        } else {
            c.activity_type = builder.activity_type(rule.activity);
            if (c.activity_type < 0) {
                error(ErrorCode::expr_unknown_activity, where + "/activity",
                      fmt::format("\"{}\" is not an activity type of the schema", rule.activity));
            } else {
                c.where = compile(rule.where, where + "/where", rule.activity);
            }
        }
        if (rule.within) {
            if (rule.within->count() <= 0) {
                error(ErrorCode::parse_out_of_range, where + "/within",
                      "the window must be positive");
            }
            c.within = rule.within->count();
        }
        c.repeat = rule.repeat;
        c.period = rule.period.count();
        if (rule.repeat == Repeat::once_per && c.period <= 0) {
            error(ErrorCode::parse_out_of_range, where + "/repeat",
                  "once_per needs a positive period, e.g. \"once_per:1d\"");
        }
        c.max_times = rule.max_times;
        if (!rule.decay.steps.empty() && rule.decay.half_life) {
            error(ErrorCode::json_type, where + "/decay",
                  "give either \"steps\" or \"half_life\", not both");
        }
        for (std::size_t s = 0; s < rule.decay.steps.size(); ++s) {
            const auto& step = rule.decay.steps[s];
            if (step.percent < 0 || step.percent > 100) {
                error(ErrorCode::parse_out_of_range,
                      fmt::format("{}/decay/steps/{}/percent", where, s),
                      "percent must be 0 to 100");
            }
            if (s > 0 && step.max_age <= rule.decay.steps[s - 1].max_age) {
                error(ErrorCode::parse_out_of_range,
                      fmt::format("{}/decay/steps/{}/within", where, s),
                      "decay steps go from the shortest window to the longest");
            }
        }
        if (rule.decay.half_life && rule.decay.half_life->count() <= 0) {
            error(ErrorCode::parse_out_of_range, where + "/decay/half_life",
                  "the half-life must be positive");
        }
        c.decay = rule.decay;
        compiled.push_back(std::move(c));
    }
    std::vector<ConditionId> qualifications;
    std::set<std::string> qualification_ids;
    for (std::size_t i = 0; i < spec.qualifications.size(); ++i) {
        QualificationSpec& q = spec.qualifications[i];
        if (q.pointer.empty()) {
            q.pointer = fmt::format("/scoring/qualifications/{}", i);
        }
        if (q.id.empty() || !qualification_ids.insert(q.id).second) {
            error(
                ErrorCode::json_type, q.pointer + "/id",
                fmt::format("qualification ids must be unique and non-empty; \"{}\" is not", q.id));
        }
        const auto id = builder.add_condition(q.when, q.pointer + "/when");
        if (!id) {
            errors.push_back(id.error());
        } else {
            qualifications.push_back(*id);
        }
    }
    if (errors.size() != errors_before) {
        return std::nullopt;
    }
    auto impl = std::make_shared<Impl>(std::move(spec), std::move(builder).build());
    impl->rules = std::move(compiled);
    impl->qualifications = std::move(qualifications);
    for (std::uint32_t i = 0; i < impl->rules.size(); ++i) {
        const CompiledRule& r = impl->rules[i];
        impl->all_rules.push_back(i);
        if (r.activity_type >= 0) {
            impl->activity_rules.push_back(i);
        }
    }
    impl->term_rules.resize(impl->spec.axes.size());
    for (const CompiledRule& r : impl->rules) {
        if (r.activity_type >= 0 || r.when < 0) {
            continue;
        }
        const auto when = static_cast<ConditionId>(r.when);
        const auto axis = static_cast<std::size_t>(r.axis);
        const auto terms = impl->expressions.shared_terms(when);
        if (terms.size() == 1) {
            Impl::TermRules& t = impl->term_rules[axis];
            t.must_true.push_back(terms[0].must_true);
            t.must_false.push_back(terms[0].must_false);
            t.milli.push_back(r.points * 1000);
        } else {
            impl->other_rules.push_back({when, axis, r.points * 1000});
        }
    }
    impl->uses_time = impl->expressions.uses_aggregates() ||
                      std::any_of(impl->rules.begin(), impl->rules.end(),
                                  [](const CompiledRule& r) { return r.activity_type >= 0; });
    return ScoringModel{std::move(impl)};
}

ScoreCard ScoringModel::score(const Lead& lead,
                              const ActivityHistory& activities,
                              Instant now,
                              ExplainLevel level) const {
    const ExpressionSet& e = impl_->expressions;
    detail::LocalRecords records;
    records.prepare(e, activities.activities());
    ScoreCard card;
    detail::score_records(*this, e.prepare(lead), records.records(), now, level, card);
    return card;
}

void detail::score_records(const ScoringModel& model,
                           const LeadRecord& lead,
                           std::span<const ActivityRecord> activities,
                           Instant now,
                           ExplainLevel level,
                           ScoreCard& out) {
    const ScoringModel::Impl& m = model.impl();
    const ExpressionSet& e = m.expressions;
    static const AggregateValues no_aggregates;
    const AggregateValues aggregates =
        e.uses_aggregates() ? e.aggregate(activities, now) : AggregateValues{};
    EvalFrame frame{&lead, e.uses_aggregates() ? &aggregates : &no_aggregates, {}, nullptr, now};
    const std::size_t axes = m.spec.axes.size();
    out.axes.resize(axes);
    for (std::size_t a = 0; a < axes; ++a) {
        AxisScore& s = out.axes[a];
        if (s.id != m.spec.axes[a].id) {
            s.id = m.spec.axes[a].id;  // once for a card that is reused
        }
        s.raw = Points{};
        s.band.clear();
    }
    out.rules.clear();
    if (level >= ExplainLevel::rules) {
        out.rules.reserve(m.rules.size());  // one block, not one per doubling
    }
    out.next_change.reset();
    out.qualification_explanations.clear();

    const std::uint64_t shared = e.shared_tests(lead);
    if (level == ExplainLevel::none) {
        // The bulk path: attribute rules 64 at a time, no outcome records, just the points.
        // Only [0, axes) is used, and each is set below (no `{}`: zeroing 16 words costs more
        // than the rules).
        std::array<std::int64_t, max_axes> raw;  // NOLINT(cppcoreguidelines-pro-type-member-init)
        for (std::size_t a = 0; a < axes; ++a) {
            // Branch-free: which rules hold depends on the data, the loop does not.
            const ScoringModel::Impl::TermRules& t = m.term_rules[a];
            std::int64_t sum = 0;
            for (std::size_t k = 0; k < t.milli.size(); ++k) {
                // Integer `&` on purpose: no short-circuit branch.
                const auto held =
                    static_cast<std::int64_t>((shared & t.must_true[k]) == t.must_true[k]) &
                    static_cast<std::int64_t>((shared & t.must_false[k]) == 0);
                sum += t.milli[k] & -held;
            }
            raw[a] = sum;
        }
        for (const ScoringModel::Impl::OtherRule& r : m.other_rules) {
            raw[r.axis] += e.test(r.when, frame, shared) ? r.milli : 0;
        }
        for (std::size_t a = 0; a < axes; ++a) {
            out.axes[a].raw += Points::from_milli(raw[a]);
        }
    }
    const std::vector<std::uint32_t>& remaining =
        level == ExplainLevel::none ? m.activity_rules : m.all_rules;
    // Each type's activities, newest first, chained through the history (built at the first
    // activity rule): a rule reads only the activities of its own type. chain[i] is the previous
    // activity of activities[i]'s type, or -1; chain[n + t] the newest of type t. A short history
    // chains on the stack.
    std::array<std::int32_t, 96> on_stack;  // NOLINT(cppcoreguidelines-pro-type-member-init)
    std::vector<std::int32_t> on_heap;
    std::span<std::int32_t> chain;
    const auto newest_of = [&](std::int32_t type) {
        const std::size_t n = activities.size();
        if (chain.empty()) {
            const std::size_t size = n + e.schema().activities.size();
            if (size <= on_stack.size()) {
                chain = std::span<std::int32_t>{on_stack.data(), size};
            } else {
                on_heap.resize(size);
                chain = on_heap;
            }
            std::fill(chain.begin(), chain.end(), -1);
            for (std::size_t i = 0; i < n; ++i) {
                if (const std::int32_t t = activities[i].type; t >= 0) {
                    std::int32_t& newest = chain[n + static_cast<std::size_t>(t)];
                    chain[i] = newest;
                    newest = static_cast<std::int32_t>(i);
                }
            }
        }
        return chain[n + static_cast<std::size_t>(type)];
    };
    for (const std::uint32_t r : remaining) {
        const CompiledRule& rule = m.rules[r];
        const bool gate =
            rule.when < 0 || e.test(static_cast<ConditionId>(rule.when), frame, shared);
        RuleOutcome outcome;
        outcome.rule = r;
        std::int64_t milli = 0;
        if (rule.activity_type < 0) {
            outcome.held = gate;
            milli = gate ? rule.points * 1000 : 0;
        } else if (gate) {
            std::int64_t last_bucket = std::numeric_limits<std::int64_t>::max();
            // Newest first: repeat and max_times keep the most recent occurrences.
            for (std::int32_t i = newest_of(rule.activity_type); i >= 0;
                 i = chain[static_cast<std::size_t>(i)]) {
                const ActivityRecord& a = activities[static_cast<std::size_t>(i)];
                if (a.occurred_at > now) {
                    continue;
                }
                const std::int64_t age = (now - a.occurred_at).count();
                if (rule.within >= 0 && age > rule.within) {
                    break;  // older ones are outside the window too
                }
                if (rule.where >= 0) {
                    frame.activity = &a;
                    const bool match = e.test(static_cast<ConditionId>(rule.where), frame);
                    frame.activity = nullptr;
                    if (!match) {
                        continue;
                    }
                }
                if (rule.repeat == Repeat::once_per) {
                    const std::int64_t bucket =
                        floor_div(a.occurred_at.time_since_epoch().count(), rule.period);
                    if (bucket == last_bucket) {
                        continue;
                    }
                    last_bucket = bucket;
                }
                if (rule.within >= 0) {
                    earliest(out.next_change,
                             a.occurred_at + std::chrono::seconds{rule.within + 1});
                }
                milli += decayed(rule.points, age, a.occurred_at, rule.decay, out.next_change);
                ++outcome.occurrences;
                if (rule.repeat == Repeat::once ||
                    (rule.max_times != 0 && outcome.occurrences >= rule.max_times)) {
                    break;
                }
            }
            outcome.held = outcome.occurrences > 0;
        }
        outcome.points = Points::from_milli(milli);
        out.axes[static_cast<std::size_t>(rule.axis)].raw += outcome.points;
        if (level >= ExplainLevel::conditions) {
            outcome.explanation = explain_rule(m.spec.rules[r], rule, outcome, gate, e, frame);
        }
        if (level >= ExplainLevel::rules) {
            outcome.id = m.spec.rules[r].id;
            out.rules.push_back(std::move(outcome));
        }
    }

    // Scores in ten-thousandths for the qualifications (a model has at most max_axes axes).
    // [0, axes) is set below; zeroing the rest would cost every evaluation.
    // NOLINTNEXTLINE(cppcoreguidelines-pro-type-member-init)
    std::array<std::int64_t, max_axes> scores;
    out.total = Points{};
    out.grade.clear();
    for (std::size_t a = 0; a < axes; ++a) {
        const AxisSpec& spec = m.spec.axes[a];
        AxisScore& s = out.axes[a];
        std::int64_t v = s.raw.milli();
        if (spec.max) {
            v = std::min(v, *spec.max * 1000);
        }
        if (spec.min) {
            v = std::max(v, *spec.min * 1000);
        }
        s.score = Points::from_milli(v);
        if (spec.in_total) {
            out.total += s.score;
        }
        scores[a] = v * ten_thousandths_per_milli;
        for (const GradeBand& band : spec.bands) {
            if (!band.min || v >= *band.min * 1000) {
                s.band = band.label;
                out.grade += band.label;
                break;
            }
        }
    }
    frame.scores = std::span<const std::int64_t>{scores.data(), axes};
    out.qualified.assign(m.qualifications.size(), false);
    for (std::size_t q = 0; q < m.qualifications.size(); ++q) {
        out.qualified[q] = e.test(m.qualifications[q], frame, shared);
        if (level >= ExplainLevel::conditions) {
            out.qualification_explanations.push_back(e.explain(m.qualifications[q], frame));
        }
    }
    if (e.uses_aggregates()) {
        if (const auto change = e.next_window_change(activities, now)) {
            earliest(out.next_change, *change);
        }
    }
}

}  // namespace leadsla
