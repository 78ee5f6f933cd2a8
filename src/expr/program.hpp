// SPDX-License-Identifier: Apache-2.0
// The compiled form shared by the compiler (compiler.cpp) and the evaluator (evaluator.cpp).
//
// Conditions are trees of `Op` nodes in one vector, children by index, evaluated by a switch: no
// names, no maps and no virtual calls at evaluation. Attributes and properties are slots, strings
// are ids, sets are membership tables indexed by string id.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "byte_order.hpp"
#include "expr/ast.hpp"
#include "expr/shared/expression_set.hpp"

namespace leadsla {

enum class ValueType : std::uint8_t {
    boolean,
    integer,
    decimal,
    string,
    instant,
    string_list,
    null,
    set,
    list,
    duration,
    activity
};

enum class OpKind : std::uint8_t {
    // boolean nodes
    b_const,         // c: 0/1
    b_and,           // kids [a, a + b)
    b_or,            // kids [a, a + b)
    b_not,           // a
    b_value,         // a: a boolean value node (null is false)
    b_compare,       // op; a, b: value nodes; c: 1 when strings (eq/ne only)
    b_lead_compare,  // op; a: lead slot; c: constant (the fast path of `attribute op literal`)
    b_in_set,        // a: value node; b: set index; negated
    b_in_list,       // a: value node; kids [c, c + d) hold the constants; negated
    b_is_null,       // a: value node; negated
    // value nodes
    v_const,  // c
    v_null,
    v_lead,           // a: lead slot
    v_activity,       // a: property slot of the activity in scope
    v_activity_time,  // the activity in scope's occurred_at
    v_aggregate,      // a: aggregate index
    v_score,          // a: score index
    v_days_since,     // a: instant value node
    v_to_decimal,     // a: integer value node, scaled to ten-thousandths
};

struct Op {
    OpKind kind{};
    detail::CompareOp op = detail::CompareOp::eq;
    bool negated = false;
    std::int32_t a = 0;
    std::int32_t b = 0;
    std::int64_t c = 0;
    std::int32_t d = 0;
    std::int32_t condition = 0;  // the condition whose text `begin`/`end` index
    std::int32_t begin = 0;
    std::int32_t end = 0;
    ValueType type = ValueType::boolean;  // for value nodes: how to print the value
};

enum class AggregateKind : std::uint8_t { count, exists, distinct, last };

struct AggregateSpec {
    AggregateKind kind{};
    std::int32_t activity_type = -1;
    std::int32_t where = -1;          // boolean node in the activity's scope, or -1
    std::int32_t where_entry = -1;    // its leaf program (built with the set), or -1
    detail::QuickTest where_quick;    // its inline form, when it is one comparison
    std::int64_t within = -1;         // seconds, or -1 for no window
    std::int32_t property_slot = -1;  // distinct: the property
};

/// A name some condition reads, at its slot, with its `detail::prefix_key` (a walk over a lead's
/// or an activity's sorted names compares most of them by that one word).
struct ReadName {
    std::uint64_t key = 0;
    std::int32_t slot = 0;
};

struct ActivityLayout {
    std::string name;
    std::vector<std::string> properties;  // by slot
    std::vector<AttributeType> types;
    std::vector<std::uint8_t> read;    // by slot: some condition reads it (only those are prepared)
    std::vector<ReadName> read_slots;  // the slots read, ascending (built with the set)
    bool any_read = false;
    std::vector<std::int32_t> aggregates;  // the aggregates over this type
};

/// A condition flattened to tests with jumps (and/or/not become control flow): evaluation is a
/// loop over `Leaf`s, no recursion for the logic. Fast kinds read a lead slot directly.
enum class LeafKind : std::uint8_t {
    lead_eq,
    lead_ne,
    lead_lt,
    lead_le,
    lead_gt,
    lead_ge,
    lead_in_set,
    lead_bool,
    score_compare,
    // Fast, but not shared per lead (they read the activity or the aggregates of the frame):
    activity_compare,   // an activity property against a constant (`where url == "/pricing"`)
    aggregate_compare,  // an aggregate against a constant (`count(web_visit) >= 3`)
    general
};

/// Whether a leaf's test can be computed once per lead into a `shared_tests` bit.
[[nodiscard]] constexpr bool shared_kind(LeafKind k) noexcept {
    return k <= LeafKind::score_compare;
}

struct Leaf {
    LeafKind kind{};
    detail::CompareOp op = detail::CompareOp::eq;  // score, activity and aggregate compares
    bool negated = false;
    std::int32_t slot = 0;     // lead, activity or aggregate slot, score index, or op (general)
    std::int32_t set = 0;      // lead_in_set
    std::int64_t c = 0;        // the constant of lead comparisons
    std::int32_t on_true = 0;  // next leaf, or accept / reject
    std::int32_t on_false = 0;
};
inline constexpr std::int32_t leaf_accept = -1;
inline constexpr std::int32_t leaf_reject = -2;

/// The bulk-scoring plan: the distinct fast leaves of all conditions are computed once per lead
/// into one 64-bit word (grouped by kind, so the loops have no dispatch), and every condition that
/// is an or-of-ands of such leaves is answered with masks. Score comparisons (qualifications) get
/// bits too; they are computed from the frame's scores when a condition reads them.
struct BitTest {
    std::int32_t slot = 0;                         // lead slot, or score index for score_compare
    detail::CompareOp op = detail::CompareOp::eq;  // score_compare
    std::int32_t set = 0;
    std::int64_t c = 0;
    std::uint64_t bit = 0;
    bool negated = false;
    const std::uint8_t* members = nullptr;  // lead_in_set: `set_members[set].data()`
    std::size_t members_last = 0;           // lead_in_set: its last index (the 0 entry)
};
using MaskTerm = SharedTerm;
struct MaskPlan {
    bool usable = false;
    bool reads_scores = false;  // some term tests a score bit: computed from the frame's scores
    std::int32_t first = 0;
    std::int32_t count = 0;
};

/// `sizeof(Word)` bytes from `p`, unaligned (names are hashed and keyed a word at a time).
template <typename Word>
[[nodiscard]] Word load_word(const char* p) noexcept {
    Word w;
    std::memcpy(&w, p, sizeof w);
    return w;
}

/// A short name as three words that compare equal exactly when the names do, for names of up to
/// 16 bytes (longer ones also compare the middle): the length, and the first and last 8 bytes,
/// overlapping (shorter names pack their bytes the same way). Comparing three words beats a
/// `memcmp` call when a name is looked up among a few.
struct NameKey {
    std::uint64_t size = 0;
    std::uint64_t head = 0;
    std::uint64_t tail = 0;

    [[nodiscard]] static NameKey of(std::string_view name) noexcept {
        const char* p = name.data();
        const std::size_t n = name.size();
        NameKey k{n, 0, 0};
        if (n >= 8) {
            k.head = load_word<std::uint64_t>(p);
            k.tail = load_word<std::uint64_t>(p + n - 8);
        } else if (n >= 4) {
            k.head = load_word<std::uint32_t>(p);
            k.tail = load_word<std::uint32_t>(p + n - 4);
        } else if (n > 0) {
            k.head = static_cast<unsigned char>(p[0]);
            k.tail = static_cast<unsigned char>(p[n / 2]) |
                     (std::uint64_t{static_cast<unsigned char>(p[n - 1])} << 8);
        }
        return k;
    }
    /// A hash of the key: two multiplies, no loop.
    [[nodiscard]] std::uint64_t hash() const noexcept {
        constexpr std::uint64_t k = 0x9E3779B97F4A7C15ULL;
        const std::uint64_t h = ((head * k) ^ tail ^ size) * k;
        return h ^ (h >> 29);
    }
    /// Whether `name`, whose key is `*this`, equals `other` (whose key is `key`).
    [[nodiscard]] bool same(const NameKey& key,
                            std::string_view name,
                            std::string_view other) const noexcept {
        return size == key.size && head == key.head && tail == key.tail &&
               (size <= 16 || name.substr(8, size - 16) == other.substr(8, size - 16));
    }
};

/// Names to their index in a list, as an open-addressed table: a probe is a few instructions
/// where a node-based map hashes with murmur and chases pointers. The names stay in their list;
/// the table holds indexes + 1 (0 is an empty entry), and each name's key, so a probe compares
/// three words rather than calling `memcmp`.
class NameIndex {
public:
    template <typename NameOf>
    void build(std::size_t count, NameOf&& name_of) {
        std::size_t size = 8;
        while (size < count * 2) {
            size *= 2;
        }
        table_.assign(size, 0);
        mask_ = size - 1;
        keys_.clear();
        for (std::size_t n = 0; n < count; ++n) {
            keys_.push_back(NameKey::of(name_of(n)));
            std::uint64_t i = keys_.back().hash() & mask_;
            while (table_[i] != 0) {
                i = (i + 1) & mask_;
            }
            table_[i] = static_cast<std::uint32_t>(n + 1);
        }
    }

    /// The index of `name`, or -1.
    template <typename NameOf>
    [[nodiscard]] std::int64_t find(std::string_view name, NameOf&& name_of) const noexcept {
        if (table_.empty()) {
            return -1;
        }
        const NameKey key = NameKey::of(name);
        std::uint64_t i = key.hash() & mask_;
        while (const std::uint32_t entry = table_[i]) {
            if (key.same(keys_[entry - 1], name, name_of(entry - 1))) {
                return static_cast<std::int64_t>(entry - 1);
            }
            i = (i + 1) & mask_;
        }
        return -1;
    }

private:
    std::vector<std::uint32_t> table_;
    std::vector<NameKey> keys_;  // by index
    std::uint64_t mask_ = 0;
};

struct ExpressionSet::Impl {
    Schema schema;
    std::vector<std::string> score_names;
    std::vector<std::string> attribute_names;  // by slot
    std::vector<AttributeType> attribute_types;
    std::vector<ActivityLayout> activities;  // by activity type index
    std::vector<Op> ops;
    std::vector<std::int32_t> kids;                 // child lists of b_and / b_or
    std::vector<std::int64_t> list_constants;       // constants of b_in_list
    std::vector<std::int32_t> roots;                // by ConditionId
    std::vector<Leaf> leaves;                       // every condition flattened to tests with jumps
    std::vector<std::int32_t> entries;              // by ConditionId: the first leaf of its program
    std::vector<detail::QuickTest> quick_tests;     // by ConditionId
    std::array<std::vector<BitTest>, 9> bit_tests;  // by LeafKind (the fast kinds)
    std::uint64_t score_bits = 0;                   // the bits of the score_compare tests
    std::vector<MaskTerm> mask_terms;
    std::vector<MaskPlan> mask_plans;  // by ConditionId
    std::vector<std::string> texts;    // by ConditionId
    std::vector<AggregateSpec> aggregates;
    std::vector<std::string> strings;  // by string id
    struct StringHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept {
            return std::hash<std::string_view>{}(s);
        }
    };
    std::unordered_map<std::string, std::int64_t, StringHash, std::equal_to<>> string_ids;
    std::vector<std::vector<std::uint8_t>> set_members;  // by set index, by string id
    std::vector<std::string> set_names;
    std::vector<std::uint8_t> attribute_read;  // by slot: some condition reads it
    std::vector<ReadName> read_attributes;     // the slots read, ascending: only they are prepared

    // For evaluation (built with the set): records intern every string they convert; activity
    // types are found by their key (a hash of two words, one probe as a rule).
    NameIndex string_index;                    // `strings`
    std::vector<NameKey> activity_keys;        // by activity type
    std::vector<std::int32_t> activity_table;  // open-addressed by key hash: type + 1, 0 empty
    std::uint64_t activity_mask = 0;
    std::size_t widest_read_layout = 0;  // the most properties of a type some condition reads

    [[nodiscard]] std::int64_t find_string(std::string_view text) const noexcept {
        return string_index.find(text,
                                 [&](std::size_t i) -> const std::string& { return strings[i]; });
    }
    [[nodiscard]] std::int32_t find_activity(std::string_view name) const noexcept {
        if (activity_table.empty()) {
            return -1;  // not built
        }
        const NameKey key = NameKey::of(name);
        for (std::uint64_t i = key.hash() & activity_mask; activity_table[i] != 0;
             i = (i + 1) & activity_mask) {
            const auto t = static_cast<std::size_t>(activity_table[i] - 1);
            if (key.same(activity_keys[t], name, activities[t].name)) {
                return static_cast<std::int32_t>(t);
            }
        }
        return -1;
    }
    /// Builds the activity-type table from `activities` (with the set).
    void index_activities() {
        std::size_t size = 8;
        while (size < activities.size() * 4) {
            size *= 2;
        }
        activity_table.assign(size, 0);
        activity_mask = size - 1;
        activity_keys.clear();
        widest_read_layout = 0;
        for (std::size_t t = 0; t < activities.size(); ++t) {
            if (activities[t].any_read) {
                widest_read_layout = std::max(widest_read_layout, activities[t].properties.size());
            }
            activity_keys.push_back(NameKey::of(activities[t].name));
            std::uint64_t i = activity_keys.back().hash() & activity_mask;
            while (activity_table[i] != 0) {
                i = (i + 1) & activity_mask;
            }
            activity_table[i] = static_cast<std::int32_t>(t + 1);
        }
    }
};

}  // namespace leadsla
