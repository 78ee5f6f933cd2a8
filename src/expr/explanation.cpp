// SPDX-License-Identifier: Apache-2.0
// Explanations of conditions: the deciding sub-conditions with the values they read
// (`ExpressionSet::explain`), and which conditions read activities.
#include <fmt/format.h>

#include "expr/interpreter.hpp"
#include "expr/program.hpp"

namespace leadsla {
namespace {

using detail::op_at;
using detail::test_node;
using detail::Val;
using detail::value;
using Impl = ExpressionSet::Impl;

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

}  // namespace

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

}  // namespace leadsla
