// SPDX-License-Identifier: Apache-2.0
// A straightforward tree-walking interpreter of a parsed rule expression: it reads attributes and
// properties by name from the Lead and Activity values, none of the compiled machinery. The
// reference the compiled paths are checked against (property tests, the expression fuzzer).
#pragma once

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include <leadsla/model/activity.hpp>
#include <leadsla/model/lead.hpp>

#include "expr/parser.hpp"
#include "expr/shared/expression_set.hpp"

namespace leadsla::test {

using detail::AstKind;
using detail::AstNode;
using detail::CompareOp;

/// A value as the interpreter sees it: a number (in ten-thousandths when decimal), a string, or
/// null.
struct RefValue {
    enum Kind { null, integer, decimal, boolean, string, instant } kind = null;
    std::int64_t number = 0;
    std::string text;
};

class Interpreter {
public:
    Interpreter(const Schema& schema,
                const detail::Ast& ast,
                const Lead& lead,
                const std::vector<Activity>& history,
                Instant now,
                std::vector<std::int64_t> scores)
        : schema_(schema),
          ast_(ast),
          lead_(lead),
          history_(history),
          now_(now),
          scores_(std::move(scores)) {}

    bool run() { return cond(ast_.root, nullptr); }
    /// The condition in the scope of `a` (a scoring rule's or trigger's `where`).
    bool run_on(const Activity& a) { return cond(ast_.root, &a); }

private:
    const AstNode& n(int i) const { return ast_.nodes[static_cast<std::size_t>(i)]; }

    static RefValue from(const AttributeValue& v) {
        RefValue r;
        if (auto i = v.as_integer()) {
            r = {RefValue::integer, *i, {}};
        } else if (auto d = v.as_decimal()) {
            r = {RefValue::decimal, d->units(), {}};
        } else if (auto b = v.as_bool()) {
            r = {RefValue::boolean, *b ? 1 : 0, {}};
        } else if (auto t = v.as_instant()) {
            r = {RefValue::instant, t->time_since_epoch().count(), {}};
        } else if (const std::string* s = v.as_string()) {
            r = {RefValue::string, 0, *s};
        }
        return r;
    }

    bool counted(const AstNode& call, const Activity& a) {
        if (a.occurred_at > now_) {
            return false;
        }
        if (call.within >= 0 && a.occurred_at < now_ - std::chrono::seconds{n(call.within).value}) {
            return false;
        }
        return call.where < 0 || cond(call.where, &a);
    }

    std::string activity_type(const AstNode& call) const {
        const AstNode& arg = n(call.kids[0]);
        return arg.kind == AstKind::member ? n(arg.kids[0]).text : arg.text;
    }

    RefValue value(int i, const Activity* scope) {
        const AstNode& node = n(i);
        switch (node.kind) {
            case AstKind::int_literal:
                return {RefValue::integer, node.value, {}};
            case AstKind::decimal_literal:
                return {RefValue::decimal, node.value, {}};
            case AstKind::string_literal:
                return {RefValue::string, 0, node.text};
            case AstKind::bool_literal:
                return {RefValue::boolean, node.value, {}};
            case AstKind::name:
                if (scope != nullptr) {
                    if (node.text == "occurred_at") {
                        return {
                            RefValue::instant, scope->occurred_at.time_since_epoch().count(), {}};
                    }
                    return from(scope->property(node.text));
                }
                if (node.text == "fit") {
                    return {RefValue::decimal, scores_[0], {}};
                }
                if (node.text == "engagement") {
                    return {RefValue::decimal, scores_[1], {}};
                }
                return from(lead_.attribute(node.text));
            case AstKind::member: {  // last(...).occurred_at
                const AstNode& call = n(node.kids[0]);
                RefValue last;
                for (const Activity& a : history_) {
                    if (a.type == activity_type(call) && counted(call, a)) {
                        last = {RefValue::instant, a.occurred_at.time_since_epoch().count(), {}};
                    }
                }
                return last;
            }
            case AstKind::call: {
                if (node.text == "days_since") {
                    const RefValue t = value(node.kids[0], scope);
                    if (t.kind == RefValue::null) {
                        return t;
                    }
                    const std::int64_t diff = now_.time_since_epoch().count() - t.number;
                    return {RefValue::integer,
                            diff >= 0 ? diff / 86400 : -((-diff + 86399) / 86400),
                            {}};
                }
                std::int64_t count = 0;
                std::set<std::string> distinct;
                for (const Activity& a : history_) {
                    if (a.type != activity_type(node) || !counted(node, a)) {
                        continue;
                    }
                    ++count;
                    if (node.text == "distinct") {
                        const AttributeValue& v = a.property(n(node.kids[0]).text);
                        if (!v.is_null()) {
                            distinct.insert(fmt::format("{}", v));
                        }
                    }
                }
                if (node.text == "exists") {
                    return {RefValue::boolean, count > 0 ? 1 : 0, {}};
                }
                if (node.text == "distinct") {
                    return {RefValue::integer, static_cast<std::int64_t>(distinct.size()), {}};
                }
                return {RefValue::integer, count, {}};
            }
            default:
                return {};
        }
    }

    static bool compare(CompareOp op, const RefValue& a, const RefValue& b) {
        if (a.kind == RefValue::null || b.kind == RefValue::null) {
            return false;
        }
        if (a.kind == RefValue::string) {
            return op == CompareOp::eq ? a.text == b.text : a.text != b.text;
        }
        std::int64_t x = a.number;
        std::int64_t y = b.number;
        if (a.kind == RefValue::integer && b.kind == RefValue::decimal) {
            x *= Decimal::scale;
        }
        if (b.kind == RefValue::integer && a.kind == RefValue::decimal) {
            y *= Decimal::scale;
        }
        switch (op) {
            case CompareOp::eq:
                return x == y;
            case CompareOp::ne:
                return x != y;
            case CompareOp::lt:
                return x < y;
            case CompareOp::le:
                return x <= y;
            case CompareOp::gt:
                return x > y;
            case CompareOp::ge:
                return x >= y;
        }
        return false;
    }

    bool cond(int i, const Activity* scope) {
        const AstNode& node = n(i);
        switch (node.kind) {
            case AstKind::and_op:
                return std::all_of(node.kids.begin(), node.kids.end(),
                                   [&](int k) { return cond(k, scope); });
            case AstKind::or_op:
                return std::any_of(node.kids.begin(), node.kids.end(),
                                   [&](int k) { return cond(k, scope); });
            case AstKind::not_op:
                return !cond(node.kids[0], scope);
            case AstKind::compare:
                return compare(node.op, value(node.kids[0], scope), value(node.kids[1], scope));
            case AstKind::is_null:
                return (value(node.kids[0], scope).kind == RefValue::null) != node.negated;
            case AstKind::in_op: {
                const RefValue v = value(node.kids[0], scope);
                if (v.kind == RefValue::null) {
                    return false;
                }
                const AstNode& rhs = n(node.kids[1]);
                bool member = false;
                if (rhs.kind == AstKind::list) {
                    for (int k : rhs.kids) {
                        member = member || compare(CompareOp::eq, v, value(k, scope));
                    }
                } else {
                    const auto& set = schema_.sets.at(rhs.text);
                    member = std::find(set.begin(), set.end(), v.text) != set.end();
                }
                return member != node.negated;
            }
            default: {
                const RefValue v = value(i, scope);
                return v.kind != RefValue::null && v.number != 0;
            }
        }
    }

    const Schema& schema_;
    const detail::Ast& ast_;
    const Lead& lead_;
    const std::vector<Activity>& history_;
    Instant now_;
    std::vector<std::int64_t> scores_;
};

}  // namespace leadsla::test
