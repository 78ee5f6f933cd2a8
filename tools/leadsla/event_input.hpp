// SPDX-License-Identifier: Apache-2.0
// The events of an activities file, one at a time: leadsla event lines, or a CRM's activity and
// field-history records read through the mapping's `activities` / `history` sections.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>

#include <leadsla/io/crm.hpp>
#include <leadsla/io/lead_json.hpp>

#include "line_input.hpp"

namespace leadsla::cli {

/// Whether `mapping` reads the activities file as CRM records (it has an `activities` or a
/// `history` section); otherwise that file holds leadsla event lines.
[[nodiscard]] bool reads_crm_events(const CrmMapping* mapping) noexcept;

/// A file read line by line, parsing each line once. Bad lines (bad records) are printed as
/// `path:line[:column]: error[...]` and counted; CRM records no rule matched and history of
/// fields the mapping does not read are summed up on stderr at the end of the file.
class EventReader {
public:
    /// `path` "" reads nothing. Lines up to `quiet_through` were reported by an earlier pass:
    /// counted, not printed again (nor the summary, when that is every line).
    EventReader(std::string path,
                const Schema& schema,
                const CrmMapping* mapping,
                const Lifecycle* lifecycle,
                std::size_t quiet_through = 0);

    /// False (after printing why) when the file cannot be read.
    bool open();
    /// The next good event, or nullopt at the end; `bad_lines` counts refused lines or records.
    std::optional<LeadEvent> next(std::int64_t& bad_lines);
    /// The number of the line last read.
    [[nodiscard]] std::size_t line() const noexcept { return line_; }

private:
    void bad_line(std::int64_t& bad_lines, const Error& error) const;
    void summarise() const;

    std::string path_;
    const Schema& schema_;
    const CrmMapping* mapping_;  ///< non-null: CRM records
    const Lifecycle* lifecycle_;
    std::size_t quiet_through_;
    InputLineReader parser_;
    std::optional<LineInput> input_;
    std::size_t line_ = 0;
    std::deque<LeadEvent> queued_;  ///< the rest of a CRM line's records
    std::size_t unmatched_ = 0;
    std::map<std::string, std::size_t, std::less<>> unmapped_history_;
};

}  // namespace leadsla::cli
