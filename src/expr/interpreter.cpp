// SPDX-License-Identifier: Apache-2.0
// The tree-walking interpreter of checked Op trees (see interpreter.hpp).
#include "expr/interpreter.hpp"

namespace leadsla::detail {
namespace {

constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept {
    std::int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) {
        --q;
    }
    return q;
}

using Impl = ExpressionSet::Impl;

}  // namespace

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

}  // namespace leadsla::detail
