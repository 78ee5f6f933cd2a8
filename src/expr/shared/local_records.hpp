// SPDX-License-Identifier: Apache-2.0
// A history's records for one evaluation, kept in the object (on the caller's frame) when the
// history is short: the engine and the scoring model convert every history they read, and a heap
// block of records costs malloc its slow path (a block above its per-thread cache's limit).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "expr/shared/expression_set.hpp"
#include "inline_vector.hpp"

namespace leadsla::detail {

/// `ExpressionSet::prepare`'s records of a history (the same records, in the same order), held
/// in place up to `local_count` records and `local_count` slots (about 4 KB; a short history
/// of one slot per activity) and on the heap beyond. Not copyable or movable: the records point
/// into it.
class LocalRecords {
public:
    static constexpr std::size_t local_count = 64;

    LocalRecords() = default;
    LocalRecords(const LocalRecords&) = delete;
    LocalRecords& operator=(const LocalRecords&) = delete;
    LocalRecords(LocalRecords&&) = delete;
    LocalRecords& operator=(LocalRecords&&) = delete;
    ~LocalRecords() = default;

    /// Converts `activities` with `set`, as `set.prepare(activities)` does (replacing the records
    /// of an earlier call).
    void prepare(const ExpressionSet& set, std::span<const Activity> activities);

    [[nodiscard]] std::span<const ActivityRecord> records() const noexcept {
        return {records_.data(), records_.size()};
    }
    /// `records()[i].type` for every i, side by side: the form `SlaEvaluateOptions::
    /// activity_types` takes (filled by the same pass, so handing them on costs no copy).
    [[nodiscard]] std::span<const std::int32_t> types() const noexcept {
        return {types_.data(), types_.size()};
    }
    /// Whether the records and their slots are all held in the object.
    [[nodiscard]] bool local() const noexcept { return !records_.spilled() && !slots_.spilled(); }

private:
    InlineVector<ActivityRecord, local_count> records_;
    InlineVector<Slot, local_count> slots_;
    InlineVector<std::int32_t, local_count> types_;
    std::vector<std::string> unknown_strings_;
};

}  // namespace leadsla::detail
