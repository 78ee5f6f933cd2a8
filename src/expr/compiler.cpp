// SPDX-License-Identifier: Apache-2.0
// Type checker of rule expressions, emitting as it checks: AST -> Op trees (program.hpp). The
// trees are lowered to the leaf VM by lowering.cpp.
#include <algorithm>

#include <fmt/format.h>

#include "expr/lowering.hpp"
#include "expr/parser.hpp"
#include "expr/program.hpp"

namespace leadsla {
namespace {

using detail::AstKind;
using detail::AstNode;
using detail::CompareOp;

struct CompileError {
    ErrorCode code;
    int offset;
    std::string what;
};

[[noreturn]] void fail(ErrorCode code, const AstNode& at, std::string what) {
    throw CompileError{code, at.begin, std::move(what)};
}

std::string_view type_name(ValueType t) {
    switch (t) {
        case ValueType::boolean:
            return "bool";
        case ValueType::integer:
            return "int";
        case ValueType::decimal:
            return "decimal";
        case ValueType::string:
            return "string";
        case ValueType::instant:
            return "instant";
        case ValueType::string_list:
            return "string_list";
        case ValueType::null:
            return "null";
        case ValueType::set:
            return "set";
        case ValueType::list:
            return "list";
        case ValueType::duration:
            return "duration";
        case ValueType::activity:
            return "activity";
    }
    return "?";
}

ValueType value_type_of(AttributeType t) {
    switch (t) {
        case AttributeType::boolean:
            return ValueType::boolean;
        case AttributeType::integer:
            return ValueType::integer;
        case AttributeType::decimal:
            return ValueType::decimal;
        case AttributeType::string:
            return ValueType::string;
        case AttributeType::instant:
            return ValueType::instant;
        case AttributeType::string_list:
            return ValueType::string_list;
        case AttributeType::null:
            return ValueType::null;
    }
    return ValueType::null;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) {
        row[j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] =
                std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = up;
        }
    }
    return row[b.size()];
}

/// ` (did you mean "employees"?)` when a candidate is close, else ``.
std::string suggestion(std::string_view name, const std::vector<std::string>& candidates) {
    std::string best;
    std::size_t best_distance = 3;
    for (const std::string& c : candidates) {
        const std::size_t d = edit_distance(name, c);
        if (d < best_distance) {
            best_distance = d;
            best = c;
        }
    }
    return best.empty() ? "" : fmt::format(" (did you mean \"{}\"?)", best);
}

std::string join(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& n : names) {
        out += out.empty() ? "" : ", ";
        out += n;
    }
    return out.empty() ? "none" : out;
}

/// A compiled value: its node and type, plus what `in` and literals need.
struct Typed {
    std::int32_t node = -1;
    ValueType type = ValueType::null;
    std::int32_t set_index = -1;   // type set
    const AstNode* ast = nullptr;  // the source node
    std::int32_t aggregate = -1;   // type activity (last(...)): its aggregate
};

}  // namespace

struct ExpressionSetBuilder::Impl {
    std::shared_ptr<ExpressionSet::Impl> out = std::make_shared<ExpressionSet::Impl>();
    const detail::Ast* ast = nullptr;
    std::int32_t scope = -1;  // activity type index, or -1 for the lead
    std::int32_t condition = 0;

    Impl(Schema schema, std::vector<std::string> scores) {
        out->schema = std::move(schema);
        out->score_names = std::move(scores);
        for (const auto& [name, type] : out->schema.attributes) {
            out->attribute_names.push_back(name);
            out->attribute_types.push_back(type);
            out->attribute_read.push_back(0);
        }
        for (const auto& [name, properties] : out->schema.activities) {
            ActivityLayout layout;
            layout.name = name;
            for (const auto& [property, type] : properties) {
                layout.properties.push_back(property);
                layout.types.push_back(type);
                layout.read.push_back(0);
            }
            out->activities.push_back(std::move(layout));
        }
        for (const auto& [name, members] : out->schema.sets) {
            out->set_names.push_back(name);
            for (const std::string& m : members) {
                intern(m);
            }
        }
    }

    std::int64_t intern(const std::string& text) {
        const auto [it, inserted] =
            out->string_ids.emplace(text, static_cast<std::int64_t>(out->strings.size()));
        if (inserted) {
            out->strings.push_back(text);
        }
        return it->second;
    }

    const AstNode& node(int i) const { return ast->nodes[static_cast<std::size_t>(i)]; }

    std::int32_t emit(Op op, const AstNode& src) {
        op.condition = condition;
        op.begin = src.begin;
        op.end = src.end;
        out->ops.push_back(op);
        return static_cast<std::int32_t>(out->ops.size()) - 1;
    }

    std::int32_t activity_index(std::string_view name) const {
        for (std::size_t i = 0; i < out->activities.size(); ++i) {
            if (out->activities[i].name == name) {
                return static_cast<std::int32_t>(i);
            }
        }
        return -1;
    }

    std::vector<std::string> activity_names() const {
        std::vector<std::string> names;
        for (const auto& a : out->activities) {
            names.push_back(a.name);
        }
        return names;
    }

    // ---- values -------------------------------------------------------------------------

    Typed constant(const AstNode& n, ValueType type, std::int64_t value) {
        Op op{OpKind::v_const};
        op.c = value;
        op.type = type;
        return Typed{emit(op, n), type, -1, &n, -1};
    }

    static void mark_read(ActivityLayout& layout, std::size_t slot) {
        layout.read[slot] = 1;
        layout.any_read = true;
    }

    Typed name_value(const AstNode& n) {
        if (scope >= 0) {
            ActivityLayout& layout = out->activities[static_cast<std::size_t>(scope)];
            if (n.text == "occurred_at") {
                Op op{OpKind::v_activity_time};
                op.type = ValueType::instant;
                return Typed{emit(op, n), ValueType::instant, -1, &n, -1};
            }
            const auto it = std::find(layout.properties.begin(), layout.properties.end(), n.text);
            if (it != layout.properties.end()) {
                const auto slot = static_cast<std::size_t>(it - layout.properties.begin());
                mark_read(layout, slot);
                Op op{OpKind::v_activity};
                op.a = static_cast<std::int32_t>(slot);
                op.type = value_type_of(layout.types[slot]);
                return Typed{emit(op, n), op.type, -1, &n, -1};
            }
            // In an activity's scope only its properties, occurred_at and the sets are visible.
            const auto set = std::find(out->set_names.begin(), out->set_names.end(), n.text);
            if (set != out->set_names.end()) {
                return Typed{-1, ValueType::set,
                             static_cast<std::int32_t>(set - out->set_names.begin()), &n, -1};
            }
            std::vector<std::string> candidates = layout.properties;
            candidates.emplace_back("occurred_at");
            fail(ErrorCode::expr_unknown_name, n,
                 fmt::format("unknown name \"{}\": {} has the properties {} (and occurred_at){}",
                             n.text, layout.name, join(layout.properties),
                             suggestion(n.text, candidates)));
        }
        const auto attr =
            std::find(out->attribute_names.begin(), out->attribute_names.end(), n.text);
        if (attr != out->attribute_names.end()) {
            const auto slot = static_cast<std::size_t>(attr - out->attribute_names.begin());
            Op op{OpKind::v_lead};
            op.a = static_cast<std::int32_t>(slot);
            out->attribute_read[slot] = 1;
            op.type = value_type_of(out->attribute_types[slot]);
            return Typed{emit(op, n), op.type, -1, &n, -1};
        }
        const auto score = std::find(out->score_names.begin(), out->score_names.end(), n.text);
        if (score != out->score_names.end()) {
            Op op{OpKind::v_score};
            op.a = static_cast<std::int32_t>(score - out->score_names.begin());
            op.type = ValueType::decimal;
            return Typed{emit(op, n), ValueType::decimal, -1, &n, -1};
        }
        const auto set = std::find(out->set_names.begin(), out->set_names.end(), n.text);
        if (set != out->set_names.end()) {
            return Typed{-1, ValueType::set,
                         static_cast<std::int32_t>(set - out->set_names.begin()), &n, -1};
        }
        if (activity_index(n.text) >= 0) {
            fail(ErrorCode::expr_type_mismatch, n,
                 fmt::format("\"{}\" is an activity type: use it inside count(...), exists(...), "
                             "distinct(...) or last(...)",
                             n.text));
        }
        std::vector<std::string> candidates = out->attribute_names;
        candidates.insert(candidates.end(), out->score_names.begin(), out->score_names.end());
        candidates.insert(candidates.end(), out->set_names.begin(), out->set_names.end());
        fail(ErrorCode::expr_unknown_name, n,
             fmt::format(
                 "unknown name \"{}\": not a lead attribute, a score or a set of the schema{}",
                 n.text, suggestion(n.text, candidates)));
    }

    Typed value(int index) {
        const AstNode& n = node(index);
        switch (n.kind) {
            case AstKind::int_literal:
                return constant(n, ValueType::integer, n.value);
            case AstKind::decimal_literal:
                return constant(n, ValueType::decimal, n.value);
            case AstKind::string_literal:
                return constant(n, ValueType::string, intern(n.text));
            case AstKind::bool_literal:
                return constant(n, ValueType::boolean, n.value);
            case AstKind::duration_literal:
                return constant(n, ValueType::duration, n.value);
            case AstKind::null_literal: {
                Op op{OpKind::v_null};
                op.type = ValueType::null;
                return Typed{emit(op, n), ValueType::null, -1, &n, -1};
            }
            case AstKind::list:
                return Typed{-1, ValueType::list, -1, &n, -1};
            case AstKind::name:
                return name_value(n);
            case AstKind::call:
                return call(n);
            case AstKind::member:
                return member(n);
            default:
                fail(ErrorCode::expr_type_mismatch, n,
                     "a condition cannot be used as a value here");
        }
    }

    Typed member(const AstNode& n) {
        const AstNode& base = node(n.kids[0]);
        if (base.kind == AstKind::call && base.text == "last") {
            const Typed last = call(base);
            if (n.text != "occurred_at") {
                fail(ErrorCode::expr_unknown_property, n,
                     fmt::format("last(...) has only .occurred_at, not .{}", n.text));
            }
            Op op{OpKind::v_aggregate};
            op.a = last.aggregate;
            op.type = ValueType::instant;
            return Typed{emit(op, n), ValueType::instant, -1, &n, -1};
        }
        if (base.kind == AstKind::name && activity_index(base.text) >= 0) {
            fail(ErrorCode::expr_bad_call, n,
                 fmt::format("{}.{} names an activity property: use it as distinct({}.{}) or "
                             "inside a where filter",
                             base.text, n.text, base.text, n.text));
        }
        fail(ErrorCode::expr_type_mismatch, n,
             "'.' applies to last(...).occurred_at and to activity.property in distinct(...)");
    }

    std::int32_t activity_argument(const AstNode& call_node, const AstNode& arg) const {
        if (arg.kind != AstKind::name) {
            fail(ErrorCode::expr_bad_call, arg,
                 fmt::format("{}(...) takes an activity type name", call_node.text));
        }
        const std::int32_t type = activity_index(arg.text);
        if (type < 0) {
            std::vector<std::string> names = activity_names();
            fail(ErrorCode::expr_unknown_activity, arg,
                 fmt::format("\"{}\" is not a declared activity type (declared: {}){}", arg.text,
                             join(names), suggestion(arg.text, names)));
        }
        return type;
    }

    Typed call(const AstNode& n) {
        static const std::vector<std::string> functions{"count", "exists", "distinct", "last",
                                                        "days_since"};
        if (std::find(functions.begin(), functions.end(), n.text) == functions.end()) {
            fail(ErrorCode::expr_bad_call, n,
                 fmt::format("unknown function \"{}\" (functions: {}){}", n.text, join(functions),
                             suggestion(n.text, functions)));
        }
        if (n.text == "days_since") {
            if (n.where >= 0 || n.within >= 0) {
                fail(ErrorCode::expr_bad_call, n,
                     "days_since(...) takes one instant and no where/within");
            }
            const Typed arg = value(n.kids[0]);
            if (arg.type != ValueType::instant) {
                fail(ErrorCode::expr_type_mismatch, *arg.ast,
                     fmt::format("days_since(...) needs an instant, got {}", type_name(arg.type)));
            }
            Op op{OpKind::v_days_since};
            op.a = arg.node;
            op.type = ValueType::integer;
            return Typed{emit(op, n), ValueType::integer, -1, &n, -1};
        }
        if (scope >= 0) {
            fail(ErrorCode::expr_bad_call, n,
                 fmt::format("{}(...) cannot be used inside a where filter or an activity rule",
                             n.text));
        }
        AggregateSpec spec;
        spec.kind = n.text == "count"      ? AggregateKind::count
                    : n.text == "exists"   ? AggregateKind::exists
                    : n.text == "distinct" ? AggregateKind::distinct
                                           : AggregateKind::last;
        const AstNode& arg = node(n.kids[0]);
        if (spec.kind == AggregateKind::distinct) {
            if (arg.kind != AstKind::member || node(arg.kids[0]).kind != AstKind::name) {
                fail(ErrorCode::expr_bad_call, arg,
                     "distinct(...) takes activity.property, e.g. "
                     "distinct(contact_attempt.channel)");
            }
            spec.activity_type = activity_argument(n, node(arg.kids[0]));
            ActivityLayout& layout = out->activities[static_cast<std::size_t>(spec.activity_type)];
            const auto it = std::find(layout.properties.begin(), layout.properties.end(), arg.text);
            if (it == layout.properties.end()) {
                fail(ErrorCode::expr_unknown_property, arg,
                     fmt::format("{} has no property \"{}\" (it has: {}){}", layout.name, arg.text,
                                 join(layout.properties), suggestion(arg.text, layout.properties)));
            }
            const auto slot = static_cast<std::size_t>(it - layout.properties.begin());
            mark_read(layout, slot);
            spec.property_slot = static_cast<std::int32_t>(slot);
        } else {
            spec.activity_type = activity_argument(n, arg);
        }
        if (n.within >= 0) {
            const AstNode& w = node(n.within);
            if (w.kind != AstKind::duration_literal || w.value <= 0) {
                fail(ErrorCode::expr_type_mismatch, w,
                     "within: takes a positive duration such as 30d or 12h");
            }
            spec.within = w.value;
        }
        if (n.where >= 0) {
            const std::int32_t saved = scope;
            scope = spec.activity_type;
            spec.where = boolean(n.where);
            scope = saved;
        }
        out->aggregates.push_back(spec);
        const auto index = static_cast<std::int32_t>(out->aggregates.size()) - 1;
        out->activities[static_cast<std::size_t>(spec.activity_type)].aggregates.push_back(index);
        if (spec.kind == AggregateKind::last) {
            return Typed{-1, ValueType::activity, -1, &n, index};
        }
        Op op{OpKind::v_aggregate};
        op.a = index;
        op.type = spec.kind == AggregateKind::exists ? ValueType::boolean : ValueType::integer;
        return Typed{emit(op, n), op.type, -1, &n, index};
    }

    // ---- conditions ---------------------------------------------------------------------

    std::int32_t to_decimal(const Typed& t) {
        const Op& src = out->ops[static_cast<std::size_t>(t.node)];
        if (src.kind == OpKind::v_const) {
            Op op = src;
            op.c = src.c * Decimal::scale;
            op.type = ValueType::decimal;
            return emit(op, *t.ast);
        }
        Op op{OpKind::v_to_decimal};
        op.a = t.node;
        op.type = ValueType::decimal;
        return emit(op, *t.ast);
    }

    std::int32_t compare(const AstNode& n) {
        Typed left = value(n.kids[0]);
        Typed right = value(n.kids[1]);
        if (left.type == ValueType::null || right.type == ValueType::null) {
            fail(ErrorCode::expr_type_mismatch,
                 left.type == ValueType::null ? *left.ast : *right.ast,
                 "a comparison with null is always false: write 'is null' or 'is not null'");
        }
        const auto numeric = [](ValueType t) {
            return t == ValueType::integer || t == ValueType::decimal;
        };
        const bool ordering = n.op != CompareOp::eq && n.op != CompareOp::ne;
        bool strings = false;
        if (numeric(left.type) && numeric(right.type)) {
            if (left.type != right.type) {
                (left.type == ValueType::integer ? left.node : right.node) =
                    to_decimal(left.type == ValueType::integer ? left : right);
            }
        } else if (left.type != right.type || left.type == ValueType::set ||
                   left.type == ValueType::list || left.type == ValueType::duration ||
                   left.type == ValueType::activity || left.type == ValueType::string_list) {
            fail(ErrorCode::expr_type_mismatch, *right.ast,
                 fmt::format("cannot compare {} ({}) with {} ({})", source(*left.ast),
                             type_name(left.type), source(*right.ast), type_name(right.type)));
        } else if (ordering &&
                   (left.type == ValueType::string || left.type == ValueType::boolean)) {
            fail(
                ErrorCode::expr_type_mismatch, n,
                fmt::format("{} values can only be compared with == and !=", type_name(left.type)));
        } else if (left.type == ValueType::string) {
            const auto is_literal = [&](const Typed& t) {
                return t.ast->kind == AstKind::string_literal;
            };
            if (!is_literal(left) && !is_literal(right)) {
                fail(ErrorCode::expr_type_mismatch, n,
                     "compare a string attribute or property with a string literal or a set");
            }
            strings = true;
        }
        const Op& l = out->ops[static_cast<std::size_t>(left.node)];
        const Op& r = out->ops[static_cast<std::size_t>(right.node)];
        if (l.kind == OpKind::v_lead && r.kind == OpKind::v_const) {
            Op op{OpKind::b_lead_compare};
            op.op = n.op;
            op.a = l.a;
            op.c = r.c;
            op.d = left.node;  // for explanations
            return emit(op, n);
        }
        Op op{OpKind::b_compare};
        op.op = n.op;
        op.a = left.node;
        op.b = right.node;
        op.c = strings ? 1 : 0;
        return emit(op, n);
    }

    std::int32_t in(const AstNode& n) {
        const Typed left = value(n.kids[0]);
        const AstNode& rhs = node(n.kids[1]);
        if (rhs.kind == AstKind::list) {
            const ValueType want = left.type;
            if (want != ValueType::string && want != ValueType::integer) {
                fail(ErrorCode::expr_type_mismatch, *left.ast,
                     fmt::format("'in' needs a string or an int on the left, got {}",
                                 type_name(want)));
            }
            Op op{OpKind::b_in_list};
            op.a = left.node;
            op.negated = n.negated;
            op.c = static_cast<std::int64_t>(out->list_constants.size());
            for (const int k : rhs.kids) {
                const AstNode& item = node(k);
                const bool ok =
                    (want == ValueType::string && item.kind == AstKind::string_literal) ||
                    (want == ValueType::integer && item.kind == AstKind::int_literal);
                if (!ok) {
                    fail(ErrorCode::expr_type_mismatch, item,
                         fmt::format("the list must hold {} literals like the left side",
                                     type_name(want)));
                }
                out->list_constants.push_back(want == ValueType::string ? intern(item.text)
                                                                        : item.value);
            }
            op.d = static_cast<std::int32_t>(rhs.kids.size());
            return emit(op, n);
        }
        const Typed right = value(n.kids[1]);
        if (right.type != ValueType::set) {
            fail(ErrorCode::expr_not_a_set, rhs,
                 fmt::format("'in' needs a named set or a list such as [\"DE\", \"AT\"] on the "
                             "right; {} is {}",
                             source(rhs), type_name(right.type)));
        }
        if (left.type != ValueType::string) {
            fail(ErrorCode::expr_type_mismatch, *left.ast,
                 fmt::format("sets hold strings; {} is {}", source(*left.ast),
                             type_name(left.type)));
        }
        Op op{OpKind::b_in_set};
        op.a = left.node;
        op.b = right.set_index;
        op.negated = n.negated;
        return emit(op, n);
    }

    std::int32_t boolean(int index) {
        const AstNode& n = node(index);
        switch (n.kind) {
            case AstKind::and_op:
            case AstKind::or_op: {
                std::vector<std::int32_t> kids;
                for (const int k : n.kids) {
                    kids.push_back(boolean(k));
                }
                Op op{n.kind == AstKind::and_op ? OpKind::b_and : OpKind::b_or};
                op.a = static_cast<std::int32_t>(out->kids.size());
                op.b = static_cast<std::int32_t>(kids.size());
                out->kids.insert(out->kids.end(), kids.begin(), kids.end());
                return emit(op, n);
            }
            case AstKind::not_op: {
                Op op{OpKind::b_not};
                op.a = boolean(n.kids[0]);
                return emit(op, n);
            }
            case AstKind::compare:
                return compare(n);
            case AstKind::in_op:
                return in(n);
            case AstKind::is_null: {
                const Typed v = value(n.kids[0]);
                if (v.node < 0 || v.type == ValueType::null) {
                    fail(ErrorCode::expr_type_mismatch, *v.ast,
                         "'is null' applies to an attribute, a property or last(...).occurred_at");
                }
                Op op{OpKind::b_is_null};
                op.a = v.node;
                op.negated = n.negated;
                return emit(op, n);
            }
            case AstKind::bool_literal: {
                Op op{OpKind::b_const};
                op.c = n.value;
                return emit(op, n);
            }
            default:
                break;
        }
        const Typed v = value(index);
        if (v.type != ValueType::boolean) {
            fail(ErrorCode::expr_type_mismatch, n,
                 fmt::format("expected a condition, but {} is {}", source(n), type_name(v.type)));
        }
        Op op{OpKind::b_value};
        op.a = v.node;
        return emit(op, n);
    }

    std::string_view current_text;
    std::string source(const AstNode& n) const {
        return std::string{current_text.substr(static_cast<std::size_t>(n.begin),
                                               static_cast<std::size_t>(n.end - n.begin))};
    }
};

ExpressionSetBuilder::ExpressionSetBuilder(Schema schema, std::vector<std::string> score_names)
    : impl_(std::make_unique<Impl>(std::move(schema), std::move(score_names))) {}
ExpressionSetBuilder::~ExpressionSetBuilder() = default;
ExpressionSetBuilder::ExpressionSetBuilder(ExpressionSetBuilder&&) noexcept = default;
ExpressionSetBuilder& ExpressionSetBuilder::operator=(ExpressionSetBuilder&&) noexcept = default;

std::int32_t ExpressionSetBuilder::activity_type(std::string_view name) const {
    return impl_->activity_index(name);
}

Result<ConditionId> ExpressionSetBuilder::add_condition(std::string_view text,
                                                        const std::string& pointer,
                                                        std::string_view activity_scope) {
    Impl& b = *impl_;
    Result<detail::Ast> ast = detail::parse_expression(text, pointer);
    if (!ast) {
        return ast.error();
    }
    std::int32_t scope = -1;
    if (!activity_scope.empty()) {
        scope = b.activity_index(activity_scope);
        if (scope < 0) {
            return detail::expr_error(
                ErrorCode::expr_unknown_activity, text, 0,
                fmt::format("\"{}\" is not a declared activity type (declared: {})", activity_scope,
                            join(b.activity_names())),
                pointer);
        }
    }
    // On an error, roll back whatever this condition added.
    const std::size_t ops = b.out->ops.size();
    const std::size_t kids = b.out->kids.size();
    const std::size_t lists = b.out->list_constants.size();
    const std::size_t aggregates = b.out->aggregates.size();
    std::vector<std::size_t> per_activity;
    for (const auto& a : b.out->activities) {
        per_activity.push_back(a.aggregates.size());
    }
    b.ast = &*ast;
    b.scope = scope;
    b.current_text = text;
    b.condition = static_cast<std::int32_t>(b.out->roots.size());
    try {
        const std::int32_t root = b.boolean(ast->root);
        b.out->roots.push_back(root);
        b.out->texts.emplace_back(text);
        return static_cast<ConditionId>(b.out->roots.size() - 1);
    } catch (const CompileError& e) {
        b.out->ops.resize(ops);
        b.out->kids.resize(kids);
        b.out->list_constants.resize(lists);
        b.out->aggregates.resize(aggregates);
        for (std::size_t i = 0; i < per_activity.size(); ++i) {
            b.out->activities[i].aggregates.resize(per_activity[i]);
        }
        return detail::expr_error(e.code, text, e.offset, e.what, pointer);
    }
}

ExpressionSet ExpressionSetBuilder::build() && {
    detail::lower(*impl_->out);
    return ExpressionSet{std::move(impl_->out)};
}

}  // namespace leadsla
