// SPDX-License-Identifier: Apache-2.0
// A history's records for one evaluation, kept in the object (on the caller's frame) when the
// history is short: the engine and the scoring model convert every history they read, and a heap
// block of records costs malloc its slow path (a block above its per-thread cache's limit).
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include <leadsla/expr/expression_set.hpp>

namespace leadsla::detail {

/// `ExpressionSet::prepare`'s records of a history (the same records, in the same order), held
/// in place up to `local_bytes` of records and slots together and on the heap beyond. Not
/// copyable or movable: the records point into it.
class LocalRecords {
public:
    /// About 60 activities of one slot each (48 bytes a record, 16 a slot).
    static constexpr std::size_t local_bytes = 4096;

    LocalRecords() = default;
    LocalRecords(const LocalRecords&) = delete;
    LocalRecords& operator=(const LocalRecords&) = delete;
    ~LocalRecords() = default;

    /// Converts `activities` with `set`, as `set.prepare(activities)` does (replacing the records
    /// of an earlier call).
    void prepare(const ExpressionSet& set, std::span<const Activity> activities);

    [[nodiscard]] std::span<const ActivityRecord> records() const noexcept { return records_; }
    /// Whether the records and their slots are held in the object.
    [[nodiscard]] bool local() const noexcept { return !records_.empty() && heap_records_.empty(); }

private:
    // The records, then their slots; elements begin their lifetimes by `construct_at` and
    // `uninitialized_fill_n` (both trivially destructible).
    alignas(ActivityRecord) std::byte storage_[local_bytes];
    std::vector<ActivityRecord> heap_records_;
    std::vector<Slot> heap_slots_;
    std::vector<std::string> unknown_strings_;
    std::span<const ActivityRecord> records_;
};

}  // namespace leadsla::detail
