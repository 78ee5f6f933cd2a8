// SPDX-License-Identifier: Apache-2.0
// The leaf VM that evaluates compiled conditions (one program per condition, quick tests and
// bit masks for the common shapes; see lowering.cpp), and the one-pass aggregates.
#include <algorithm>
#include <limits>
#include <utility>

#include "expr/interpreter.hpp"
#include "expr/program.hpp"

namespace leadsla {
namespace {

using detail::compare;
using detail::test_node;
using Impl = ExpressionSet::Impl;

/// The outcome of the leaf program entered at `i`: its leaves, from `i` to its accept or reject.
/// (A program that is one activity comparison is answered inline before: `detail::QuickTest`.)
bool run_program(const Impl& p, std::int32_t i, const EvalFrame& frame) noexcept {
    const Leaf* leaves = p.leaves.data();
    while (true) {
        const Leaf& leaf = leaves[i];
        bool r = false;
        switch (leaf.kind) {
            case LeafKind::lead_eq:
            case LeafKind::lead_ne:
            case LeafKind::lead_lt:
            case LeafKind::lead_le:
            case LeafKind::lead_gt:
            case LeafKind::lead_ge: {
                const Slot& s = frame.lead->slots[static_cast<std::size_t>(leaf.slot)];
                if (!s.null) {
                    switch (leaf.kind) {
                        case LeafKind::lead_eq:
                            r = s.value == leaf.c;
                            break;
                        case LeafKind::lead_ne:
                            r = s.value != leaf.c;
                            break;
                        case LeafKind::lead_lt:
                            r = s.value < leaf.c;
                            break;
                        case LeafKind::lead_le:
                            r = s.value <= leaf.c;
                            break;
                        case LeafKind::lead_gt:
                            r = s.value > leaf.c;
                            break;
                        default:
                            r = s.value >= leaf.c;
                            break;
                    }
                }
                break;
            }
            case LeafKind::lead_in_set: {
                const Slot& s = frame.lead->slots[static_cast<std::size_t>(leaf.slot)];
                if (!s.null) {
                    const auto& members = p.set_members[static_cast<std::size_t>(leaf.set)];
                    const bool member = s.value >= 0 &&
                                        static_cast<std::size_t>(s.value) < members.size() &&
                                        members[static_cast<std::size_t>(s.value)] != 0;
                    r = member != leaf.negated;
                }
                break;
            }
            case LeafKind::lead_bool: {
                const Slot& s = frame.lead->slots[static_cast<std::size_t>(leaf.slot)];
                r = !s.null && s.value != 0;
                break;
            }
            case LeafKind::score_compare: {
                const auto axis = static_cast<std::size_t>(leaf.slot);
                r = axis < frame.scores.size() && compare(leaf.op, frame.scores[axis], leaf.c);
                break;
            }
            case LeafKind::activity_compare: {
                const Slot& s = frame.activity->slots[static_cast<std::size_t>(leaf.slot)];
                r = !s.null && compare(leaf.op, s.value, leaf.c);
                break;
            }
            case LeafKind::aggregate_compare: {
                const Slot& s = frame.aggregates->slots[static_cast<std::size_t>(leaf.slot)];
                r = !s.null && compare(leaf.op, s.value, leaf.c);
                break;
            }
            case LeafKind::general:
                r = test_node(p, leaf.slot, frame);
                break;
        }
        i = r ? leaf.on_true : leaf.on_false;
        if (i < 0) {
            return i == leaf_accept;
        }
    }
}

}  // namespace

ExpressionSet::ExpressionSet(std::shared_ptr<const Impl> impl) noexcept
    : impl_(std::move(impl)), quick_(impl_->quick_tests.data()) {}

const Schema& ExpressionSet::schema() const noexcept {
    return impl_->schema;
}
bool ExpressionSet::uses_aggregates() const noexcept {
    return !impl_->aggregates.empty();
}
const std::string& ExpressionSet::text(ConditionId id) const {
    return impl_->texts.at(id);
}

std::int32_t ExpressionSet::attribute_slot(std::string_view name) const {
    const auto it = std::find(impl_->attribute_names.begin(), impl_->attribute_names.end(), name);
    return it == impl_->attribute_names.end()
               ? -1
               : static_cast<std::int32_t>(it - impl_->attribute_names.begin());
}

std::int32_t ExpressionSet::activity_type(std::string_view name) const noexcept {
    return impl_->find_activity(name);
}

std::int64_t ExpressionSet::string_id(std::string_view text) const {
    return impl_->find_string(text);
}
bool ExpressionSet::run(ConditionId id, const EvalFrame& frame) const noexcept {
    return run_program(*impl_, impl_->entries[id], frame);
}

std::uint64_t ExpressionSet::shared_tests(const LeadRecord& lead) const noexcept {
    const Impl& p = *impl_;
    const Slot* slots = lead.slots.data();
    std::uint64_t bits = 0;
    // Branch-free: a test's outcome depends on the data, so `&&` and `?:` would mispredict.
    const auto each = [&](LeafKind kind, auto predicate) {
        for (const BitTest& t : p.bit_tests[static_cast<std::size_t>(kind)]) {
            const Slot& s = slots[t.slot];
            const bool held = static_cast<bool>(static_cast<int>(!s.null) &
                                                static_cast<int>(predicate(s.value, t)));
            bits |= t.bit & (std::uint64_t{0} - static_cast<std::uint64_t>(held));
        }
    };
    each(LeafKind::lead_eq, [](std::int64_t v, const BitTest& t) { return v == t.c; });
    each(LeafKind::lead_ne, [](std::int64_t v, const BitTest& t) { return v != t.c; });
    each(LeafKind::lead_lt, [](std::int64_t v, const BitTest& t) { return v < t.c; });
    each(LeafKind::lead_le, [](std::int64_t v, const BitTest& t) { return v <= t.c; });
    each(LeafKind::lead_gt, [](std::int64_t v, const BitTest& t) { return v > t.c; });
    each(LeafKind::lead_ge, [](std::int64_t v, const BitTest& t) { return v >= t.c; });
    each(LeafKind::lead_bool, [](std::int64_t v, const BitTest&) { return v != 0; });
    each(LeafKind::lead_in_set, [](std::int64_t v, const BitTest& t) {
        // Membership tables end with a 0 entry for "not a policy string" (negative ids too).
        const std::size_t index = std::min(static_cast<std::size_t>(v), t.members_last);
        return (t.members[index] != 0) != t.negated;
    });
    return bits;
}

namespace {

/// The bits of the score comparisons, from the frame's axis scores.
std::uint64_t score_tests(const ExpressionSet::Impl& p, std::span<const std::int64_t> scores) {
    std::uint64_t bits = 0;
    for (const BitTest& t : p.bit_tests[static_cast<std::size_t>(LeafKind::score_compare)]) {
        const auto axis = static_cast<std::size_t>(t.slot);
        bits |= (axis < scores.size() && compare(t.op, scores[axis], t.c)) ? t.bit : 0;
    }
    return bits;
}

/// A condition's or-of-ands over the bits, without early exits (the trip count is the
/// condition's, so the branch predictor learns it whatever the data).
bool masked(const MaskTerm* terms, std::int32_t count, std::uint64_t bits) noexcept {
    unsigned r = 0;
    for (std::int32_t k = 0; k < count; ++k) {
        // Integer `&` on purpose: no short-circuit branch.
        r |= static_cast<unsigned>((bits & terms[k].must_true) == terms[k].must_true) &
             static_cast<unsigned>((bits & terms[k].must_false) == 0);
    }
    return r != 0;
}

}  // namespace

bool ExpressionSet::test(ConditionId id,
                         const EvalFrame& frame,
                         std::uint64_t shared) const noexcept {
    const Impl& p = *impl_;
    const MaskPlan& plan = p.mask_plans[id];
    if (!plan.usable) {
        return test(id, frame);
    }
    if (plan.reads_scores) {
        shared = (shared & ~p.score_bits) | score_tests(p, frame.scores);
    }
    return masked(p.mask_terms.data() + plan.first, plan.count, shared);
}

std::span<const SharedTerm> ExpressionSet::shared_terms(ConditionId id) const noexcept {
    const Impl& p = *impl_;
    const MaskPlan& plan = p.mask_plans[id];
    if (!plan.usable || plan.reads_scores) {
        return {};
    }
    return {p.mask_terms.data() + plan.first, static_cast<std::size_t>(plan.count)};
}

std::uint64_t ExpressionSet::test_many(std::span<const ConditionId> ids,
                                       const EvalFrame& frame,
                                       std::uint64_t shared) const noexcept {
    const Impl& p = *impl_;
    std::uint64_t result = 0;
    const std::size_t n = std::min<std::size_t>(ids.size(), 64);
    bool scored = false;
    for (std::size_t i = 0; i < n; ++i) {
        const MaskPlan& plan = p.mask_plans[ids[i]];
        bool r = false;
        if (plan.usable) {
            if (plan.reads_scores && !scored) {
                shared = (shared & ~p.score_bits) | score_tests(p, frame.scores);
                scored = true;
            }
            r = masked(p.mask_terms.data() + plan.first, plan.count, shared);
        } else {
            r = test(ids[i], frame);
        }
        result |= static_cast<std::uint64_t>(r) << i;
    }
    return result;
}

namespace {

/// Whether `a`, an activity of the aggregate's type inside its window, passes its `where` filter.
/// (Filters read the activity only: aggregates cannot be nested.)
bool counted(const Impl& p, const AggregateSpec& spec, const ActivityRecord& a, std::int64_t now) {
    if (spec.where < 0) {
        return true;
    }
    if (spec.where_quick.slot >= 0) {
        return spec.where_quick.holds(a.slots[static_cast<std::size_t>(spec.where_quick.slot)]);
    }
    const AggregateValues none;
    const EvalFrame frame{nullptr, &none, {}, &a, Instant{std::chrono::seconds{now}}};
    return run_program(p, spec.where_entry, frame);
}

}  // namespace

AggregateValues ExpressionSet::aggregate(std::span<const ActivityRecord> activities,
                                         Instant now) const {
    const Impl& p = *impl_;
    AggregateValues out;
    out.slots.resize(p.aggregates.size());
    // In time order: the activities up to now, and of those the ones inside a window, are a
    // range. Each aggregate walks its range newest first, testing only the type, and `exists` and
    // `last` stop at the first one they count.
    const auto end = static_cast<std::size_t>(
        std::partition_point(activities.begin(), activities.end(),
                             [&](const ActivityRecord& a) { return a.occurred_at <= now; }) -
        activities.begin());
    const std::int64_t n = now.time_since_epoch().count();
    std::vector<std::pair<std::int32_t, std::string>> distinct_values;
    for (std::size_t i = 0; i < p.aggregates.size(); ++i) {
        const AggregateSpec& spec = p.aggregates[i];
        Slot& s = out.slots[i];
        if (spec.kind != AggregateKind::last) {
            s = Slot{0, false};
        }
        std::size_t from = 0;
        if (spec.within >= 0) {
            from = static_cast<std::size_t>(
                std::partition_point(
                    activities.begin(), activities.begin() + static_cast<std::ptrdiff_t>(end),
                    [&](const ActivityRecord& a) {
                        return a.occurred_at.time_since_epoch().count() < n - spec.within;
                    }) -
                activities.begin());
        }
        for (std::size_t k = end; k-- > from;) {
            const ActivityRecord& a = activities[k];
            if (a.type != spec.activity_type || !counted(p, spec, a, n)) {
                continue;
            }
            if (spec.kind == AggregateKind::count) {
                ++s.value;
                continue;
            }
            if (spec.kind == AggregateKind::exists) {
                s.value = 1;
                break;
            }
            if (spec.kind == AggregateKind::last) {
                s = Slot{a.occurred_at.time_since_epoch().count(), false};
                break;
            }
            const Slot& v = a.slots[static_cast<std::size_t>(spec.property_slot)];
            if (v.null) {
                continue;
            }
            // Strings the policy never names have record-local ids: compare them by text.
            std::string key = v.value >= 0
                                  ? fmt::format("#{}", v.value)
                                  : "$" + a.unknown_strings[static_cast<std::size_t>(-1 - v.value)];
            distinct_values.emplace_back(static_cast<std::int32_t>(i), std::move(key));
        }
    }
    std::sort(distinct_values.begin(), distinct_values.end());
    distinct_values.erase(std::unique(distinct_values.begin(), distinct_values.end()),
                          distinct_values.end());
    for (const auto& [index, key] : distinct_values) {
        ++out.slots[static_cast<std::size_t>(index)].value;
    }
    return out;
}

std::optional<Instant> ExpressionSet::next_window_change(std::span<const ActivityRecord> activities,
                                                         Instant now) const {
    const Impl& p = *impl_;
    std::optional<Instant> next;
    const std::int64_t n = now.time_since_epoch().count();
    const auto end =
        std::partition_point(activities.begin(), activities.end(),
                             [&](const ActivityRecord& a) { return a.occurred_at <= now; });
    // The activities are in time order: of those a windowed aggregate counts, the first in its
    // window leaves it first.
    for (const AggregateSpec& spec : p.aggregates) {
        if (spec.within < 0 || spec.activity_type < 0) {
            continue;
        }
        const auto from =
            std::partition_point(activities.begin(), end, [&](const ActivityRecord& a) {
                return a.occurred_at.time_since_epoch().count() < n - spec.within;
            });
        for (auto it = from; it != end; ++it) {
            if (it->type == spec.activity_type && counted(p, spec, *it, n)) {
                // Counted while occurred_at >= now - within: it leaves one second later.
                const Instant leaves = it->occurred_at + std::chrono::seconds{spec.within + 1};
                if (!next || leaves < *next) {
                    next = leaves;
                }
                break;
            }
        }
    }
    return next;
}

}  // namespace leadsla
