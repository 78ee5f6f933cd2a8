// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <leadsla/result.hpp>

#include "expr/shared/expression_set.hpp"

namespace leadsla::detail {

/// Reads flat NDJSON lead lines straight into the compiled form — the bulk path of scoring, with
/// no intermediate JSON tree:
///
///   {"id":"L0000001","employees":740,"industry":"manufacturing","budget_indicated":false}
///
/// Values must match the declared types: an integer for `int`; an integer or a decimal number
/// with at most 4 fractional digits for `decimal`; true/false for `bool`; a string for `string`;
/// an RFC 3339 string with offset for `instant`; `null` for a missing value. Keys the schema does
/// not declare are skipped (a CRM export carries many fields no rule reads). `id` is required.
/// Nested objects and arrays are refused.
///
/// Not thread-safe (it caches the key order of the last line); use one reader per thread.
class LeadLineReader {
public:
    explicit LeadLineReader(const ExpressionSet& expressions);

    /// Fills `id` and `record`; returns the error instead when the line is not a valid lead
    /// (`where` is the JSON pointer of the bad value, e.g. `/employees`).
    [[nodiscard]] std::optional<Error> read(std::string_view line,
                                            std::string& id,
                                            LeadRecord& record);

private:
    const ExpressionSet* expressions_;
    std::vector<std::string> names_;        // attribute names by slot
    std::vector<AttributeType> types_;      // by slot
    std::vector<std::int32_t> last_order_;  // the slots of the previous line's keys, in order
    std::vector<std::string> last_keys_;
    std::vector<std::uint8_t> seen_;
    std::string key_;
    std::string text_;
};

}  // namespace leadsla::detail
