// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <leadsla/expr/schema.hpp>
#include <leadsla/model/activity.hpp>
#include <leadsla/model/lead.hpp>
#include <leadsla/result.hpp>
#include <leadsla/time/instant.hpp>

namespace leadsla {

/// Index of a compiled condition in its `ExpressionSet`.
using ConditionId = std::uint32_t;

/// One typed value in a record: an integer, a decimal in ten-thousandths, a bool as 0/1, an
/// instant in epoch seconds, or a string as the id the policy gave it (negative: a string the
/// policy never mentions, kept in the record's `unknown_strings`).
struct Slot {
    std::int64_t value = 0;
    bool null = true;

    friend bool operator==(const Slot&, const Slot&) = default;
};

/// A lead converted to the compiled form: attributes by slot, strings interned. Only the
/// attributes the set's conditions read are converted (`slots` is empty when they read none).
struct LeadRecord {
    std::vector<Slot> slots;
    std::vector<std::string> unknown_strings;
};

/// An activity converted to the compiled form. `type` is -1 for a type the schema does not declare.
/// Only the properties the set's conditions read are converted (`slots` is empty when they read
/// none of the type's properties). A view: its slots and strings belong to the `ActivityRecords`
/// it came from.
struct ActivityRecord {
    Instant occurred_at;
    std::int32_t type = -1;
    std::span<const Slot> slots;
    std::span<const std::string> unknown_strings;  ///< strings with negative ids, by `-1 - id`
};

/// A history converted to the compiled form (`ExpressionSet::prepare`): one record per activity, in
/// the history's order. The slots of all records share one buffer, so a history of any length
/// costs three allocations. Move-only: the records point into it.
class ActivityRecords {
public:
    ActivityRecords() = default;
    ActivityRecords(const ActivityRecords&) = delete;
    ActivityRecords& operator=(const ActivityRecords&) = delete;
    ActivityRecords(ActivityRecords&&) noexcept = default;
    ActivityRecords& operator=(ActivityRecords&&) noexcept = default;
    ~ActivityRecords() = default;

    [[nodiscard]] const ActivityRecord* begin() const noexcept { return records_.data(); }
    [[nodiscard]] const ActivityRecord* end() const noexcept {
        return records_.data() + records_.size();
    }
    [[nodiscard]] const ActivityRecord* data() const noexcept { return records_.data(); }
    [[nodiscard]] std::size_t size() const noexcept { return records_.size(); }
    [[nodiscard]] bool empty() const noexcept { return records_.empty(); }
    [[nodiscard]] const ActivityRecord& operator[](std::size_t i) const noexcept {
        return records_[i];
    }

private:
    friend class ExpressionSet;
    std::vector<ActivityRecord> records_;
    std::vector<Slot> slots_;
    std::vector<std::string> unknown_strings_;
};

/// The values of every aggregate (`count`, `exists`, `distinct`, `last`) for one lead at one `now`.
struct AggregateValues {
    std::vector<Slot> slots;
};

/// One and-term over the bits of `ExpressionSet::shared_tests`: it holds when every `must_true`
/// bit is set and no `must_false` bit is.
struct SharedTerm {
    std::uint64_t must_true = 0;
    std::uint64_t must_false = 0;

    friend bool operator==(const SharedTerm&, const SharedTerm&) = default;
};

/// Everything a condition can read while it is evaluated.
struct EvalFrame {
    const LeadRecord* lead = nullptr;
    const AggregateValues* aggregates = nullptr;
    std::span<const std::int64_t> scores;      ///< axis scores in ten-thousandths, by score index
    const ActivityRecord* activity = nullptr;  ///< for conditions compiled in an activity's scope
    Instant now;
};

class ExpressionSet;

namespace detail {
class LocalRecords;  // the engine's records of one evaluation (internal)
}  // namespace detail

/// Compiles rule expressions against a `Schema` (docs/rule-language.md).
///
/// Every name is resolved and every type checked here; an `ExpressionSet` never fails at
/// evaluation. Errors carry the expression, a caret under the column and the JSON pointer given.
///
/// Example:
///   ExpressionSetBuilder builder{schema, {"fit", "engagement"}};
///   auto mql = builder.add_condition("employees >= 20 and industry in core_industries", "/mql");
///   ExpressionSet set = std::move(builder).build();
class ExpressionSetBuilder {
public:
    /// `score_names` become decimal variables (axis scores) that conditions may read.
    explicit ExpressionSetBuilder(Schema schema, std::vector<std::string> score_names = {});
    ~ExpressionSetBuilder();
    ExpressionSetBuilder(ExpressionSetBuilder&& other) noexcept;
    ExpressionSetBuilder& operator=(ExpressionSetBuilder&& other) noexcept;
    ExpressionSetBuilder(const ExpressionSetBuilder&) = delete;
    ExpressionSetBuilder& operator=(const ExpressionSetBuilder&) = delete;

    /// Compiles a boolean condition. With `activity_scope` set, names resolve to that activity's
    /// properties first (as inside `where`). Errors: expr.syntax, expr.unknown_name,
    /// expr.type_mismatch, expr.not_a_set, expr.unknown_activity, expr.unknown_property,
    /// expr.bad_call; `where` = `pointer`.
    [[nodiscard]] Result<ConditionId> add_condition(std::string_view text,
                                                    const std::string& pointer,
                                                    std::string_view activity_scope = {});

    /// The index of activity type `name` in records, or -1.
    [[nodiscard]] std::int32_t activity_type(std::string_view name) const;

    [[nodiscard]] ExpressionSet build() &&;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

namespace detail {

/// Internal to the set (its inline fast path): a condition that is one comparison of an activity
/// property with a constant (`where url == "/pricing"`), as the range of values it holds on:
/// [lo, hi], or outside it when `outside`; a null value compares false. `slot` is -1 for every
/// other condition.
struct QuickTest {
    std::int32_t slot = -1;
    bool outside = false;
    bool when_true = false;   // the condition's value when the comparison holds
    bool when_false = false;  // ... when it does not
    std::int64_t lo = 0;
    std::int64_t hi = 0;

    [[nodiscard]] bool holds(const Slot& s) const noexcept {
        const bool in_range = s.value >= lo && s.value <= hi;
        return (!s.null && in_range != outside) ? when_true : when_false;
    }
};

}  // namespace detail

/// Compiled conditions: immutable, cheap to copy, safe to share across threads.
class ExpressionSet {
public:
    [[nodiscard]] const Schema& schema() const noexcept;

    /// Converts a lead (missing attributes are null; attributes of another type than declared are
    /// null too — convert with declared types before, see the policy loader). Only the attributes
    /// some condition of the set reads are converted; the other slots stay null.
    [[nodiscard]] LeadRecord prepare(const Lead& lead) const;
    /// Converts a history, keeping its order (a span of one activity converts one).
    [[nodiscard]] ActivityRecords prepare(std::span<const Activity> activities) const;
    /// Reuses `out`'s storage (the hot path of bulk scoring).
    void prepare_into(const Attributes& attributes, LeadRecord& out) const;

    /// The index of activity type `name` (`ActivityRecord::type`), or -1 for a type the schema
    /// does not declare.
    [[nodiscard]] std::int32_t activity_type(std::string_view name) const noexcept;
    /// The slot of lead attribute `name`, or -1.
    [[nodiscard]] std::int32_t attribute_slot(std::string_view name) const;
    /// The id of `text` in the policy's strings, or -1.
    [[nodiscard]] std::int64_t string_id(std::string_view text) const;

    /// Computes every aggregate in one pass. `activities` must be ordered by (occurred_at, id)
    /// without duplicates; activities after `now` are not counted.
    [[nodiscard]] AggregateValues aggregate(std::span<const ActivityRecord> activities,
                                            Instant now) const;
    [[nodiscard]] bool uses_aggregates() const noexcept;

    /// Evaluates a condition. Comparisons with a null operand are false; `is null` tests for it.
    [[nodiscard]] bool test(ConditionId id, const EvalFrame& frame) const noexcept;

    /// The tests that lead-level conditions share, computed once for `lead` (bulk scoring): pass
    /// the result to `test(id, frame, shared)`, which answers simple conditions with bit masks.
    [[nodiscard]] std::uint64_t shared_tests(const LeadRecord& lead) const noexcept;
    /// `test(id, frame)`, using `shared` = `shared_tests(*frame.lead)` where the condition allows.
    [[nodiscard]] bool test(ConditionId id,
                            const EvalFrame& frame,
                            std::uint64_t shared) const noexcept;

    /// The terms of a lead condition that is an or of and-terms over `shared_tests` bits (it
    /// holds when any term does); empty when the condition is not one, or reads axis scores.
    [[nodiscard]] std::span<const SharedTerm> shared_terms(ConditionId id) const noexcept;

    /// Tests up to 64 conditions at once: bit i of the result is `test(ids[i], frame, shared)`.
    [[nodiscard]] std::uint64_t test_many(std::span<const ConditionId> ids,
                                          const EvalFrame& frame,
                                          std::uint64_t shared) const noexcept;

    /// Why the condition has its value: for a false condition the first sub-condition that
    /// failed, with the values it read, e.g. `employees >= 20: false (employees = 12)`.
    [[nodiscard]] std::string explain(ConditionId id, const EvalFrame& frame) const;

    /// Whether a condition reads the lead's activities (an aggregate such as `count(...)`).
    [[nodiscard]] bool reads_activities(ConditionId id) const;

    /// The source text of a condition.
    [[nodiscard]] const std::string& text(ConditionId id) const;

    /// The earliest instant after `now` at which a `within:` window of a counted activity closes
    /// (a condition over windows may change then); nullopt when none will. `activities` must be
    /// in time order, as for `aggregate`.
    [[nodiscard]] std::optional<Instant> next_window_change(
        std::span<const ActivityRecord> activities, Instant now) const;

    struct Impl;

private:
    friend class ExpressionSetBuilder;
    friend class detail::LocalRecords;

    explicit ExpressionSet(std::shared_ptr<const Impl> impl) noexcept;
    /// `test` by the compiled program.
    [[nodiscard]] bool run(ConditionId id, const EvalFrame& frame) const noexcept;

    std::shared_ptr<const Impl> impl_;
    const detail::QuickTest* quick_ = nullptr;  // by ConditionId; owned by *impl_
};

// Inline: `where` filters are tested once per activity of a rule's type, and most are one
// comparison, for which the call would cost more than the test.
inline bool ExpressionSet::test(ConditionId id, const EvalFrame& frame) const noexcept {
    const detail::QuickTest& q = quick_[id];
    if (q.slot < 0) {
        return run(id, frame);
    }
    // A quick test is a `where` filter: the frame always holds the activity it filters.
    // NOLINTNEXTLINE(clang-analyzer-core.CallAndMessage)
    return q.holds(frame.activity->slots[static_cast<std::size_t>(q.slot)]);
}

}  // namespace leadsla
