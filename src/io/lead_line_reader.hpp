// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <leadsla/result.hpp>

#include "expr/shared/expression_set.hpp"

namespace leadsla::detail {

class JsonLineParser;

/// Reads flat NDJSON lead lines straight into the compiled form — the bulk path of scoring:
///
///   {"id":"L0000001","employees":740,"industry":"manufacturing","budget_indicated":false}
///
/// The JSON dialect, the limits and the typed values are those of every input line
/// (`read_lead_json`'s `attributes`; io/json_line.hpp): `id` is a non-empty string; keys the
/// schema does not declare are skipped, whatever their value; a declared key holds its type or
/// `null`. `string_list` attributes cannot be scored from a line.
///
/// Not thread-safe (it reuses its parser and caches the key order of the last line); use one
/// reader per thread.
class LeadLineReader {
public:
    explicit LeadLineReader(const ExpressionSet& expressions);
    ~LeadLineReader();
    LeadLineReader(LeadLineReader&& other) noexcept;
    LeadLineReader& operator=(LeadLineReader&& other) noexcept;
    LeadLineReader(const LeadLineReader&) = delete;
    LeadLineReader& operator=(const LeadLineReader&) = delete;

    /// Fills `id` and `record`; returns the error instead when the line is not a valid lead
    /// (`where` is the JSON pointer of the bad value, e.g. `/employees`).
    [[nodiscard]] std::optional<Error> read(std::string_view line,
                                            std::string& id,
                                            LeadRecord& record);

private:
    [[nodiscard]] std::int32_t slot_of(std::size_t index, std::string_view key);

    const ExpressionSet* expressions_;
    std::unique_ptr<JsonLineParser> parser_;
    std::vector<std::string> names_;        // attribute names by slot
    std::vector<AttributeType> types_;      // by slot
    std::vector<std::int32_t> last_order_;  // the slots of the previous line's keys, in order
    std::vector<std::string> last_keys_;
};

}  // namespace leadsla::detail
