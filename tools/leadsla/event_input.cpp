// SPDX-License-Identifier: Apache-2.0
#include "event_input.hpp"

#include <limits>

#include <fmt/format.h>

#include "io.hpp"

namespace leadsla::cli {

bool reads_crm_events(const CrmMapping* mapping) noexcept {
    return mapping != nullptr && (mapping->activities || mapping->history);
}

EventReader::EventReader(std::string path,
                         const Schema& schema,
                         const CrmMapping* mapping,
                         const Lifecycle* lifecycle,
                         std::size_t quiet_through)
    : path_(std::move(path)),
      schema_(schema),
      mapping_(reads_crm_events(mapping) ? mapping : nullptr),
      lifecycle_(lifecycle),
      quiet_through_(quiet_through) {}

bool EventReader::open() {
    if (path_.empty()) {
        return true;
    }
    // A CRM page of records is one line: allow the library's size for one JSON text.
    input_.emplace(path_, mapping_ != nullptr ? max_document_bytes : max_line_bytes);
    return input_->open();
}

std::optional<LeadEvent> EventReader::next(std::int64_t& bad_lines) {
    if (path_.empty()) {
        return std::nullopt;
    }
    while (queued_.empty()) {
        const std::optional<InputLine> next = input_->next();
        if (!next) {
            summarise();
            return std::nullopt;
        }
        line_ = next->number;
        if (next->too_long) {
            bad_line(bad_lines, input_->too_long(*next));
            continue;
        }
        if (blank(next->text)) {
            continue;
        }
        if (mapping_ == nullptr) {
            Result<LeadEvent> e = parser_.event(next->text, schema_);
            if (e) {
                return *std::move(e);
            }
            bad_line(bad_lines, e.error());
            continue;
        }
        CrmEvents read = read_crm_events(next->text, *mapping_, schema_, lifecycle_);
        for (const Error& e : read.errors) {
            bad_line(bad_lines, e);
        }
        unmatched_ += read.unmatched;
        for (const auto& [field, n] : read.unmapped_history) {
            unmapped_history_[field] += n;
        }
        std::move(read.events.begin(), read.events.end(), std::back_inserter(queued_));
    }
    LeadEvent e = std::move(queued_.front());
    queued_.pop_front();
    return e;
}

void EventReader::bad_line(std::int64_t& bad_lines, const Error& error) const {
    ++bad_lines;
    if (line_ > quiet_through_) {
        Error in_line = error;  // located within the line: a column past its first line is not
        if (in_line.line > 1) {
            in_line.column = 0;
        }
        report_line(path_, line_, std::move(in_line));
    }
}

void EventReader::summarise() const {
    if (quiet_through_ == std::numeric_limits<std::size_t>::max()) {
        return;
    }
    if (unmatched_ > 0) {
        fmt::print(stderr,
                   "leadsla: {}: {} activity record(s) matched no rule of the mapping's "
                   "\"activities\" and were not read\n",
                   path_, unmatched_);
    }
    if (!unmapped_history_.empty()) {
        std::string fields;
        for (const auto& [field, n] : unmapped_history_) {
            fields += fmt::format("{}{} ({})", fields.empty() ? "" : ", ", field, n);
        }
        fmt::print(stderr,
                   "leadsla: {}: history of fields the mapping does not read was skipped: {}\n",
                   path_, fields);
    }
}

}  // namespace leadsla::cli
