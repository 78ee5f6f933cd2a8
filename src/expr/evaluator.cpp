// SPDX-License-Identifier: Apache-2.0
// Evaluation of compiled conditions, the one-pass aggregates, record preparation and explanations.
#include <algorithm>
#include <limits>
#include <utility>

#include <fmt/format.h>

#include "expr/program.hpp"
#include "expr/shared/local_records.hpp"

namespace leadsla {
namespace {

using detail::CompareOp;

struct Val {
    std::int64_t v = 0;
    bool null = true;
};

constexpr bool compare(CompareOp op, std::int64_t a, std::int64_t b) noexcept {
    switch (op) {
        case CompareOp::eq:
            return a == b;
        case CompareOp::ne:
            return a != b;
        case CompareOp::lt:
            return a < b;
        case CompareOp::le:
            return a <= b;
        case CompareOp::gt:
            return a > b;
        case CompareOp::ge:
            return a >= b;
    }
    return false;
}

constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept {
    std::int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) {
        --q;
    }
    return q;
}

using Impl = ExpressionSet::Impl;

const Op& op_at(const Impl& p, std::int32_t i) {
    return p.ops[static_cast<std::size_t>(i)];
}

Val value(const Impl& p, std::int32_t index, const EvalFrame& f) noexcept {
    const Op& op = op_at(p, index);
    switch (op.kind) {
        case OpKind::v_const:
            return Val{op.c, false};
        case OpKind::v_null:
            return Val{};
        case OpKind::v_lead: {
            const Slot& s = f.lead->slots[static_cast<std::size_t>(op.a)];
            return Val{s.value, s.null};
        }
        case OpKind::v_activity: {
            const Slot& s = f.activity->slots[static_cast<std::size_t>(op.a)];
            return Val{s.value, s.null};
        }
        case OpKind::v_activity_time:
            return Val{f.activity->occurred_at.time_since_epoch().count(), false};
        case OpKind::v_aggregate: {
            const Slot& s = f.aggregates->slots[static_cast<std::size_t>(op.a)];
            return Val{s.value, s.null};
        }
        case OpKind::v_score: {
            const auto i = static_cast<std::size_t>(op.a);
            return i < f.scores.size() ? Val{f.scores[i], false} : Val{};
        }
        case OpKind::v_days_since: {
            const Val t = value(p, op.a, f);
            if (t.null) {
                return t;
            }
            return Val{floor_div(f.now.time_since_epoch().count() - t.v, 86400), false};
        }
        case OpKind::v_to_decimal: {
            const Val v = value(p, op.a, f);
            return Val{v.v * Decimal::scale, v.null};
        }
        default:
            return Val{};
    }
}

bool test_node(const Impl& p, std::int32_t index, const EvalFrame& f) noexcept {
    const Op& op = op_at(p, index);
    switch (op.kind) {
        case OpKind::b_lead_compare: {
            const Slot& s = f.lead->slots[static_cast<std::size_t>(op.a)];
            return !s.null && compare(op.op, s.value, op.c);
        }
        case OpKind::b_and:
            for (std::int32_t k = op.a; k < op.a + op.b; ++k) {
                if (!test_node(p, p.kids[static_cast<std::size_t>(k)], f)) {
                    return false;
                }
            }
            return true;
        case OpKind::b_or:
            for (std::int32_t k = op.a; k < op.a + op.b; ++k) {
                if (test_node(p, p.kids[static_cast<std::size_t>(k)], f)) {
                    return true;
                }
            }
            return false;
        case OpKind::b_not:
            return !test_node(p, op.a, f);
        case OpKind::b_const:
            return op.c != 0;
        case OpKind::b_value: {
            const Val v = value(p, op.a, f);
            return !v.null && v.v != 0;
        }
        case OpKind::b_compare: {
            const Val a = value(p, op.a, f);
            const Val b = value(p, op.b, f);
            return !a.null && !b.null && compare(op.op, a.v, b.v);
        }
        case OpKind::b_in_set: {
            const Val v = value(p, op.a, f);
            if (v.null) {
                return false;
            }
            const auto& members = p.set_members[static_cast<std::size_t>(op.b)];
            const bool member = v.v >= 0 && static_cast<std::size_t>(v.v) < members.size() &&
                                members[static_cast<std::size_t>(v.v)] != 0;
            return member != op.negated;
        }
        case OpKind::b_in_list: {
            const Val v = value(p, op.a, f);
            if (v.null) {
                return false;
            }
            const auto first = p.list_constants.begin() + op.c;
            const bool member = std::find(first, first + op.d, v.v) != first + op.d;
            return member != op.negated;
        }
        case OpKind::b_is_null:
            return value(p, op.a, f).null != op.negated;
        default:
            return false;
    }
}

/// A string no policy names: kept by the record, under a negative id. Not deduplicated: strings
/// are compared with policy strings only (never with each other), and `distinct` compares the
/// texts.
[[gnu::noinline]] Slot unknown_string(const std::string& s, std::vector<std::string>& unknown) {
    unknown.push_back(s);
    return Slot{-static_cast<std::int64_t>(unknown.size()), false};
}

/// `v` as a slot of `type` (null when it holds another type). Inline: it runs for every value a
/// lead or an activity is converted with.
inline Slot to_slot(const AttributeValue& v,
                    AttributeType type,
                    const Impl& p,
                    std::vector<std::string>& unknown) {
    switch (type) {
        case AttributeType::boolean:
            if (const auto b = v.as_bool()) {
                return Slot{*b ? 1 : 0, false};
            }
            break;
        case AttributeType::integer:
            if (const auto i = v.as_integer()) {
                return Slot{*i, false};
            }
            break;
        case AttributeType::decimal:
            if (const auto d = v.as_decimal()) {
                return Slot{d->units(), false};
            }
            if (const auto i = v.as_integer()) {
                return Slot{*i * Decimal::scale, false};
            }
            break;
        case AttributeType::string:
            if (const std::string* s = v.as_string()) {
                const std::int64_t id = p.find_string(*s);
                return id >= 0 ? Slot{id, false} : unknown_string(*s, unknown);
            }
            break;
        case AttributeType::instant:
            if (const auto t = v.as_instant()) {
                return Slot{t->time_since_epoch().count(), false};
            }
            break;
        default:
            break;
    }
    return Slot{};
}

/// Calls `f(slot, value)` for each of the `read` slots (ascending) whose name, in `names`, the
/// attributes hold. Both lists are in name order, so one walk over the two finds them all; most
/// names differ in their first 8 bytes, so they are compared by their prefix keys first.
template <typename F>
void for_each_held(const Attributes& attributes,
                   const std::vector<std::string>& names,
                   const std::vector<ReadName>& read,
                   F&& f) {
    auto it = attributes.begin();
    if (it == attributes.end()) {
        return;
    }
    std::uint64_t key = detail::prefix_key(it->first);
    for (const ReadName& name : read) {
        const auto i = static_cast<std::size_t>(name.slot);
        int order = -1;
        while ((order = detail::compare_keyed(key, it->first, name.key, names[i])) < 0) {
            if (++it == attributes.end()) {
                return;
            }
            key = detail::prefix_key(it->first);
        }
        if (order == 0) {
            f(i, it->second);
            if (++it == attributes.end()) {
                return;
            }
            key = detail::prefix_key(it->first);
        }
    }
}

std::string display(const Impl& p, const Op& op, const Val& v, const EvalFrame& f) {
    if (v.null) {
        return "null";
    }
    switch (op.type) {
        case ValueType::boolean:
            return v.v != 0 ? "true" : "false";
        case ValueType::decimal:
            return fmt::format("{}", Decimal::from_units(v.v));
        case ValueType::instant:
            return format_instant(Instant{std::chrono::seconds{v.v}});
        case ValueType::string: {
            if (v.v >= 0) {
                return fmt::format("\"{}\"", p.strings[static_cast<std::size_t>(v.v)]);
            }
            const auto i = static_cast<std::size_t>(-1 - v.v);
            const std::span<const std::string> unknown =
                op.kind == OpKind::v_activity && f.activity != nullptr ? f.activity->unknown_strings
                : f.lead != nullptr ? std::span<const std::string>{f.lead->unknown_strings}
                                    : std::span<const std::string>{};
            return i < unknown.size() ? fmt::format("\"{}\"", unknown[i]) : "\"?\"";
        }
        default:
            return fmt::format("{}", v.v);
    }
}

std::string source(const Impl& p, const Op& op) {
    const std::string& text = p.texts[static_cast<std::size_t>(op.condition)];
    return text.substr(static_cast<std::size_t>(op.begin),
                       static_cast<std::size_t>(op.end - op.begin));
}

/// "name = value" for the operands of a leaf that are not literals.
void operands(const Impl& p, std::int32_t node, const EvalFrame& f, std::vector<std::string>& out) {
    const Op& op = op_at(p, node);
    if (op.kind == OpKind::v_const || op.kind == OpKind::v_null) {
        return;
    }
    if (op.kind == OpKind::v_to_decimal) {
        operands(p, op.a, f, out);
        return;
    }
    out.push_back(fmt::format("{} = {}", source(p, op), display(p, op, value(p, node, f), f)));
}

std::string describe(const Impl& p, std::int32_t node, const EvalFrame& f) {
    const Op& op = op_at(p, node);
    const bool result = test_node(p, node, f);
    if (op.kind == OpKind::b_and || op.kind == OpKind::b_or) {
        std::vector<std::string> parts;
        for (std::int32_t k = op.a; k < op.a + op.b; ++k) {
            const std::int32_t kid = p.kids[static_cast<std::size_t>(k)];
            if (test_node(p, kid, f) == result) {
                parts.push_back(describe(p, kid, f));
                if ((op.kind == OpKind::b_and) != result) {
                    break;  // the first false of an and, the first true of an or decides
                }
            }
        }
        std::string out;
        for (const std::string& s : parts) {
            out += out.empty() ? "" : "; ";
            out += s;
        }
        return out;
    }
    if (op.kind == OpKind::b_not) {
        return fmt::format("{}: {} ({})", source(p, op), result, describe(p, op.a, f));
    }
    std::vector<std::string> values;
    switch (op.kind) {
        case OpKind::b_lead_compare:
            operands(p, op.d, f, values);
            break;
        case OpKind::b_compare:
            operands(p, op.a, f, values);
            operands(p, op.b, f, values);
            break;
        case OpKind::b_in_set:
        case OpKind::b_in_list:
        case OpKind::b_is_null:
        case OpKind::b_value:
            operands(p, op.a, f, values);
            break;
        default:
            break;
    }
    std::string out = fmt::format("{}: {}", source(p, op), result);
    if (!values.empty()) {
        std::string joined;
        for (const std::string& v : values) {
            joined += joined.empty() ? "" : ", ";
            joined += v;
        }
        out += fmt::format(" ({})", joined);
    }
    return out;
}

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

void ExpressionSet::prepare_into(const Attributes& attributes, LeadRecord& out) const {
    const Impl& p = *impl_;
    out.unknown_strings.clear();
    if (p.read_attributes.empty()) {
        out.slots.clear();  // nothing would look at them
        return;
    }
    out.slots.assign(p.attribute_names.size(), Slot{});
    // Only the attributes some condition reads: the others would never be looked at.
    for_each_held(attributes, p.attribute_names, p.read_attributes,
                  [&](std::size_t i, const AttributeValue& v) {
                      out.slots[i] = to_slot(v, p.attribute_types[i], p, out.unknown_strings);
                  });
}

LeadRecord ExpressionSet::prepare(const Lead& lead) const {
    LeadRecord out;
    prepare_into(lead.attributes, out);
    return out;
}

namespace {

/// The slots the records of `activities` need together: room for the widest layout a condition
/// reads at every activity, when layouts are narrow (then the records are made in one pass).
/// Wide ones would waste memory: their slots are counted.
std::size_t slot_room(const ExpressionSet::Impl& p, std::span<const Activity> activities) {
    constexpr std::size_t narrow_layout = 4;
    if (p.widest_read_layout <= narrow_layout) {
        return activities.size() * p.widest_read_layout;
    }
    std::size_t room = 0;
    for (const Activity& a : activities) {
        if (const std::int32_t t = p.find_activity(a.type); t >= 0) {
            const ActivityLayout& layout = p.activities[static_cast<std::size_t>(t)];
            room += layout.any_read ? layout.properties.size() : 0;
        }
    }
    return room;
}

/// Converts `activities` in order, calling `emit(record)` for each: the records' slots go to
/// `slots` (`slot_room` of them, null), the strings no policy names to `unknown`. The records'
/// `unknown_strings` are left empty: `unknown` may still move (see `attach_unknown_strings`).
template <typename Emit>
void convert_activities(const ExpressionSet::Impl& p,
                        std::span<const Activity> activities,
                        Slot* slots,
                        std::vector<std::string>& unknown,
                        Emit&& emit) {
    std::size_t next = 0;
    for (const Activity& a : activities) {
        const std::int32_t type = p.find_activity(a.type);
        std::span<const Slot> own;
        // Only the properties some condition reads: the others would never be looked at.
        if (type >= 0) {
            if (const ActivityLayout& layout = p.activities[static_cast<std::size_t>(type)];
                layout.any_read) {
                Slot* const first = slots + next;
                for_each_held(a.properties, layout.properties, layout.read_slots,
                              [&](std::size_t k, const AttributeValue& v) {
                                  first[k] = to_slot(v, layout.types[k], p, unknown);
                              });
                own = std::span<const Slot>{first, layout.properties.size()};
                next += layout.properties.size();
            }
        }
        emit(ActivityRecord{a.occurred_at, type, own, {}});
    }
}

/// Points every record at the strings no policy names, once all are known.
void attach_unknown_strings(std::span<ActivityRecord> records,
                            const std::vector<std::string>& unknown) {
    if (!unknown.empty()) {
        for (ActivityRecord& r : records) {
            r.unknown_strings = unknown;
        }
    }
}

}  // namespace

ActivityRecords ExpressionSet::prepare(std::span<const Activity> activities) const {
    const Impl& p = *impl_;
    ActivityRecords out;
    out.records_.reserve(activities.size());
    // The slots of all records are allocated once.
    if (const std::size_t room = slot_room(p, activities); room > 0) {
        out.slots_.resize(room);
    }
    // Made once, in place (room was reserved): no default record to overwrite.
    convert_activities(p, activities, out.slots_.data(), out.unknown_strings_,
                       [&](const ActivityRecord& r) { out.records_.push_back(r); });
    attach_unknown_strings(out.records_, out.unknown_strings_);
    return out;
}

void detail::LocalRecords::prepare(const ExpressionSet& set, std::span<const Activity> activities) {
    const ExpressionSet::Impl& p = *set.impl_;
    unknown_strings_.clear();
    slots_.resize_for_overwrite(slot_room(p, activities));
    std::fill(slots_.begin(), slots_.end(), Slot{});
    records_.resize_for_overwrite(activities.size());
    types_.resize_for_overwrite(activities.size());
    std::size_t i = 0;
    convert_activities(p, activities, slots_.data(), unknown_strings_,
                       [&](const ActivityRecord& r) {
                           types_[i] = r.type;
                           records_[i++] = r;
                       });
    attach_unknown_strings(std::span<ActivityRecord>{records_.data(), records_.size()},
                           unknown_strings_);
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

bool reads_aggregate(const ExpressionSet::Impl& p, std::int32_t node) {
    const Op& op = p.ops[static_cast<std::size_t>(node)];
    switch (op.kind) {
        case OpKind::v_aggregate:
            return true;
        case OpKind::b_and:
        case OpKind::b_or:
            for (std::int32_t k = op.a; k < op.a + op.b; ++k) {
                if (reads_aggregate(p, p.kids[static_cast<std::size_t>(k)])) {
                    return true;
                }
            }
            return false;
        case OpKind::b_compare:
            return reads_aggregate(p, op.a) || reads_aggregate(p, op.b);
        case OpKind::b_not:
        case OpKind::b_value:
        case OpKind::b_in_set:
        case OpKind::b_in_list:
        case OpKind::b_is_null:
        case OpKind::v_days_since:
        case OpKind::v_to_decimal:
            return reads_aggregate(p, op.a);
        default:
            return false;
    }
}

}  // namespace

bool ExpressionSet::reads_activities(ConditionId id) const {
    return reads_aggregate(*impl_, impl_->roots.at(id));
}

std::string ExpressionSet::explain(ConditionId id, const EvalFrame& frame) const {
    return describe(*impl_, impl_->roots.at(id), frame);
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
