// SPDX-License-Identifier: Apache-2.0
// Lowering of checked Op trees (compiler.cpp) to what evaluation runs: leaf programs with jump
// targets, one-leaf quick tests, bit-mask plans over shared leaves, set membership tables and
// the attributes and properties some condition reads.
#include "expr/lowering.hpp"

#include <cstdint>
#include <limits>
#include <vector>

namespace leadsla {
namespace {

using detail::CompareOp;

/// Flattens the tree under `node` into leaves with jump targets. Leaves are generated from the
/// right, so every target already exists; `leaves` is in reverse order until `flatten` fixes it.
std::int32_t generate(const ExpressionSet::Impl& p,
                      std::int32_t node,
                      std::int32_t on_true,
                      std::int32_t on_false,
                      std::vector<Leaf>& leaves) {
    const Op& op = p.ops[static_cast<std::size_t>(node)];
    switch (op.kind) {
        case OpKind::b_and:
        case OpKind::b_or: {
            const bool is_and = op.kind == OpKind::b_and;
            std::int32_t next = -3;
            for (std::int32_t k = op.a + op.b - 1; k >= op.a; --k) {
                const std::int32_t kid = p.kids[static_cast<std::size_t>(k)];
                if (k == op.a + op.b - 1) {
                    next = generate(p, kid, on_true, on_false, leaves);
                } else {
                    next = is_and ? generate(p, kid, next, on_false, leaves)
                                  : generate(p, kid, on_true, next, leaves);
                }
            }
            return next;
        }
        case OpKind::b_not:
            return generate(p, op.a, on_false, on_true, leaves);
        default:
            break;
    }
    Leaf leaf;
    leaf.on_true = on_true;
    leaf.on_false = on_false;
    leaf.kind = LeafKind::general;
    leaf.slot = node;
    if (op.kind == OpKind::b_lead_compare) {
        static constexpr std::array<LeafKind, 6> kinds{LeafKind::lead_eq, LeafKind::lead_ne,
                                                       LeafKind::lead_lt, LeafKind::lead_le,
                                                       LeafKind::lead_gt, LeafKind::lead_ge};
        leaf.kind = kinds[static_cast<std::size_t>(op.op)];
        leaf.slot = op.a;
        leaf.c = op.c;
    } else if (op.kind == OpKind::b_in_set &&
               p.ops[static_cast<std::size_t>(op.a)].kind == OpKind::v_lead) {
        leaf.kind = LeafKind::lead_in_set;
        leaf.slot = p.ops[static_cast<std::size_t>(op.a)].a;
        leaf.set = op.b;
        leaf.negated = op.negated;
    } else if (op.kind == OpKind::b_compare &&
               p.ops[static_cast<std::size_t>(op.a)].kind == OpKind::v_score &&
               p.ops[static_cast<std::size_t>(op.b)].kind == OpKind::v_const) {
        leaf.kind = LeafKind::score_compare;  // an axis score against a constant (qualifications)
        leaf.op = op.op;
        leaf.slot = p.ops[static_cast<std::size_t>(op.a)].a;
        leaf.c = p.ops[static_cast<std::size_t>(op.b)].c;
    } else if (op.kind == OpKind::b_compare &&
               (p.ops[static_cast<std::size_t>(op.a)].kind == OpKind::v_activity ||
                p.ops[static_cast<std::size_t>(op.a)].kind == OpKind::v_aggregate) &&
               p.ops[static_cast<std::size_t>(op.b)].kind == OpKind::v_const) {
        const Op& v = p.ops[static_cast<std::size_t>(op.a)];
        leaf.kind =
            v.kind == OpKind::v_activity ? LeafKind::activity_compare : LeafKind::aggregate_compare;
        leaf.op = op.op;
        leaf.slot = v.a;
        leaf.c = p.ops[static_cast<std::size_t>(op.b)].c;
    } else if (op.kind == OpKind::b_value &&
               p.ops[static_cast<std::size_t>(op.a)].kind == OpKind::v_lead) {
        leaf.kind = LeafKind::lead_bool;
        leaf.slot = p.ops[static_cast<std::size_t>(op.a)].a;
    }
    leaves.push_back(leaf);
    return static_cast<std::int32_t>(leaves.size()) - 1;
}

/// Appends the program of `root` to `p.leaves` in evaluation order; returns its entry.
std::int32_t flatten(ExpressionSet::Impl& p, std::int32_t root) {
    std::vector<Leaf> reversed;
    const std::int32_t entry = generate(p, root, leaf_accept, leaf_reject, reversed);
    const auto base = static_cast<std::int32_t>(p.leaves.size());
    const auto last = static_cast<std::int32_t>(reversed.size()) - 1;
    const auto remap = [&](std::int32_t target) {
        return target < 0 ? target : base + (last - target);
    };
    for (std::size_t k = reversed.size(); k-- > 0;) {  // the leaves were collected backwards
        Leaf leaf = reversed[k];
        leaf.on_true = remap(leaf.on_true);
        leaf.on_false = remap(leaf.on_false);
        p.leaves.push_back(leaf);
    }
    return remap(entry);
}

/// The bit of a fast leaf (shared by equal leaves), or 0 when there are more than 64.
std::uint64_t leaf_bit(ExpressionSet::Impl& p, const Leaf& leaf, int& used) {
    auto& tests = p.bit_tests[static_cast<std::size_t>(leaf.kind)];
    for (const BitTest& t : tests) {
        if (t.slot == leaf.slot && t.set == leaf.set && t.c == leaf.c &&
            t.negated == leaf.negated && t.op == leaf.op) {
            return t.bit;
        }
    }
    if (used == 64) {
        return 0;
    }
    const std::uint64_t bit = std::uint64_t{1} << used++;
    tests.push_back(BitTest{leaf.slot, leaf.op, leaf.set, leaf.c, bit, leaf.negated});
    if (leaf.kind == LeafKind::score_compare) {
        p.score_bits |= bit;
    }
    return bit;
}

/// The condition under `node` as an or of and-terms over fast leaves; false when it is not one.
bool to_terms(ExpressionSet::Impl& p, std::int32_t node, int& used, std::vector<MaskTerm>& out) {
    // not(not(x)) is x; a not over and/or is not an or-of-ands of leaves (no De Morgan here).
    bool negated = false;
    while (p.ops[static_cast<std::size_t>(node)].kind == OpKind::b_not) {
        negated = !negated;
        node = p.ops[static_cast<std::size_t>(node)].a;
    }
    const Op& op = p.ops[static_cast<std::size_t>(node)];
    if (negated && (op.kind == OpKind::b_or || op.kind == OpKind::b_and)) {
        return false;
    }
    if (op.kind == OpKind::b_or) {
        for (std::int32_t k = op.a; k < op.a + op.b; ++k) {
            if (!to_terms(p, p.kids[static_cast<std::size_t>(k)], used, out)) {
                return false;
            }
        }
        return out.size() <= 16;
    }
    if (op.kind == OpKind::b_and) {
        std::vector<MaskTerm> product{MaskTerm{}};
        for (std::int32_t k = op.a; k < op.a + op.b; ++k) {
            std::vector<MaskTerm> kid;
            if (!to_terms(p, p.kids[static_cast<std::size_t>(k)], used, kid)) {
                return false;
            }
            std::vector<MaskTerm> next;
            for (const MaskTerm& a : product) {
                for (const MaskTerm& b : kid) {
                    next.push_back(
                        MaskTerm{a.must_true | b.must_true, a.must_false | b.must_false});
                }
            }
            if (next.size() > 16) {
                return false;
            }
            product = std::move(next);
        }
        out.insert(out.end(), product.begin(), product.end());
        return true;
    }
    std::vector<Leaf> leaves;
    generate(p, node, leaf_accept, leaf_reject, leaves);
    if (leaves.size() != 1 || !shared_kind(leaves[0].kind)) {
        return false;
    }
    const std::uint64_t bit = leaf_bit(p, leaves[0], used);
    if (bit == 0) {
        return false;
    }
    out.push_back(negated ? MaskTerm{0, bit} : MaskTerm{bit, 0});
    return true;
}

/// The inline form of a program that is one activity comparison (`ExpressionSet::test`), else
/// none (slot -1). `value op c` as a range of values: [c, c] for == and != (outside), up to
/// c - 1 or c for < and <=, from c + 1 or c for > and >=; a range past the integers is empty.
detail::QuickTest quick_test(const Leaf& leaf) {
    detail::QuickTest q;
    if (leaf.kind != LeafKind::activity_compare || leaf.on_true >= 0 || leaf.on_false >= 0) {
        return q;
    }
    constexpr std::int64_t min = std::numeric_limits<std::int64_t>::min();
    constexpr std::int64_t max = std::numeric_limits<std::int64_t>::max();
    const std::int64_t c = leaf.c;
    q.slot = leaf.slot;
    q.when_true = leaf.on_true == leaf_accept;
    q.when_false = leaf.on_false == leaf_accept;
    q.lo = c;
    q.hi = c;
    switch (leaf.op) {
        case CompareOp::eq:
            break;
        case CompareOp::ne:
            q.outside = true;
            break;
        case CompareOp::lt:  // [min, c - 1]; empty ([max, min]) below the least integer
            q.lo = c == min ? max : min;
            q.hi = c == min ? min : c - 1;
            break;
        case CompareOp::le:
            q.lo = min;
            break;
        case CompareOp::gt:  // [c + 1, max]; empty above the greatest
            q.lo = c == max ? max : c + 1;
            q.hi = c == max ? min : max;
            break;
        case CompareOp::ge:
            q.hi = max;
            break;
    }
    return q;
}

}  // namespace

namespace detail {

void lower(ExpressionSet::Impl& p) {
    for (AggregateSpec& a : p.aggregates) {
        if (a.where >= 0) {
            a.where_entry = flatten(p, a.where);
            a.where_quick = quick_test(p.leaves[static_cast<std::size_t>(a.where_entry)]);
        }
    }
    int used_bits = 0;
    for (const std::int32_t root : p.roots) {
        p.entries.push_back(flatten(p, root));
        p.quick_tests.push_back(quick_test(p.leaves[static_cast<std::size_t>(p.entries.back())]));
        std::vector<MaskTerm> terms;
        MaskPlan plan;
        if (to_terms(p, root, used_bits, terms)) {
            std::uint64_t read = 0;
            for (const MaskTerm& t : terms) {
                read |= t.must_true | t.must_false;
            }
            plan = MaskPlan{true, (read & p.score_bits) != 0,
                            static_cast<std::int32_t>(p.mask_terms.size()),
                            static_cast<std::int32_t>(terms.size())};
            p.mask_terms.insert(p.mask_terms.end(), terms.begin(), terms.end());
        }
        p.mask_plans.push_back(plan);
    }
    for (std::size_t s = 0; s < p.set_names.size(); ++s) {
        // One entry per policy string, and a final 0 that any other value maps to.
        std::vector<std::uint8_t> members(p.strings.size() + 1, 0);
        for (const std::string& m : p.schema.sets.find(p.set_names[s])->second) {
            members[static_cast<std::size_t>(p.string_ids.at(m))] = 1;
        }
        p.set_members.push_back(std::move(members));
    }
    for (BitTest& t : p.bit_tests[static_cast<std::size_t>(LeafKind::lead_in_set)]) {
        const auto& members = p.set_members[static_cast<std::size_t>(t.set)];
        t.members = members.data();
        t.members_last = members.size() - 1;
    }
    for (std::size_t i = 0; i < p.attribute_read.size(); ++i) {
        if (p.attribute_read[i] != 0) {
            p.read_attributes.push_back(
                ReadName{detail::prefix_key(p.attribute_names[i]), static_cast<std::int32_t>(i)});
        }
    }
    for (ActivityLayout& layout : p.activities) {
        for (std::size_t k = 0; k < layout.read.size(); ++k) {
            if (layout.read[k] != 0) {
                layout.read_slots.push_back(ReadName{detail::prefix_key(layout.properties[k]),
                                                     static_cast<std::int32_t>(k)});
            }
        }
    }
    p.string_index.build(p.strings.size(),
                         [&](std::size_t i) -> const std::string& { return p.strings[i]; });
    p.index_activities();
}

}  // namespace detail
}  // namespace leadsla
