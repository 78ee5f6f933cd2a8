// SPDX-License-Identifier: Apache-2.0
#include "lead_stream.hpp"

#include <fstream>
#include <map>
#include <set>

#include <fmt/format.h>

#include <leadsla/io/crm.hpp>
#include <leadsla/io/lead_json.hpp>

#include "io.hpp"

namespace leadsla::cli {
namespace {

bool blank(const std::string& line) {
    return line.find_first_not_of(" \t\r") == std::string::npos;
}

void report_line(const std::string& path, std::size_t n, Error e) {
    e.line = static_cast<std::uint32_t>(n);
    fmt::print(stderr, "{}\n", diagnostic(path, e));
}

/// A file read line by line, parsing each event line once.
class EventReader {
public:
    /// Lines up to `quiet_through` were reported by an earlier pass: counted, not printed again.
    EventReader(std::string path, const Schema& schema, std::size_t quiet_through = 0)
        : path_(std::move(path)), schema_(schema), quiet_through_(quiet_through) {}
    [[nodiscard]] std::size_t line() const noexcept { return line_; }

    bool open() {
        if (path_.empty()) {
            return true;
        }
        in_.open(path_, std::ios::binary);
        if (!in_) {
            fmt::print(stderr, "leadsla: cannot read {}\n", path_);
            return false;
        }
        return true;
    }
    /// The next good event (bad lines are reported and counted), or nullopt at the end.
    std::optional<LeadEvent> next(StreamCounts& counts) {
        if (path_.empty()) {
            return std::nullopt;
        }
        std::string line;
        while (std::getline(in_, line)) {
            ++line_;
            if (blank(line)) {
                continue;
            }
            Result<LeadEvent> e = read_event_json(line, schema_);
            if (e) {
                return std::move(*e);
            }
            ++counts.bad_lines;
            if (line_ > quiet_through_) {
                report_line(path_, line_, e.error());
            }
        }
        return std::nullopt;
    }

private:
    std::string path_;
    const Schema& schema_;
    std::size_t quiet_through_;
    std::ifstream in_;
    std::size_t line_ = 0;
};

void attach(LeadHistory& h, LeadEvent e) {
    if (auto* a = std::get_if<Activity>(&e.event)) {
        h.activities.push_back(std::move(*a));
    } else {
        h.changes.push_back(std::get<StageChange>(std::move(e.event)));
    }
}

/// One pass over the leads file, attaching events as `events` hands them out.
class LeadReader {
public:
    LeadReader(std::string path,
               const Schema& schema,
               const CrmMapping* mapping,
               const Lifecycle* lifecycle,
               std::size_t quiet_through = 0)
        : path_(std::move(path)),
          schema_(schema),
          mapping_(mapping),
          lifecycle_(lifecycle),
          quiet_through_(quiet_through) {}

    bool open() {
        in_.open(path_, std::ios::binary);
        if (!in_) {
            fmt::print(stderr, "leadsla: cannot read {}\n", path_);
            return false;
        }
        return true;
    }
    std::optional<Lead> next(StreamCounts& counts) {
        std::string line;
        while (std::getline(in_, line)) {
            ++line_;
            if (blank(line)) {
                continue;
            }
            Result<Lead> lead = mapping_ != nullptr
                                    ? read_crm_lead(line, *mapping_, schema_, lifecycle_)
                                    : read_lead_json(line, schema_);
            if (lead) {
                return std::move(*lead);
            }
            ++counts.bad_lines;
            if (line_ > quiet_through_) {
                report_line(path_, line_, lead.error());
            }
        }
        return std::nullopt;
    }
    [[nodiscard]] std::size_t line() const noexcept { return line_; }

private:
    std::string path_;
    const Schema& schema_;
    const CrmMapping* mapping_;
    const Lifecycle* lifecycle_;
    std::size_t quiet_through_;
    std::ifstream in_;
    std::size_t line_ = 0;
};

}  // namespace

std::optional<StreamCounts> for_each_lead(const std::string& leads_path,
                                          const std::string& activities_path,
                                          const std::string& crm_mapping_path,
                                          const Policy& policy,
                                          const LeadSink& sink) {
    std::optional<CrmMapping> mapping;
    if (!crm_mapping_path.empty()) {
        const std::optional<std::string> text = read_file(crm_mapping_path);
        if (!text) {
            return std::nullopt;
        }
        Result<CrmMapping> m = parse_crm_mapping(*text, policy.schema);
        if (!m) {
            fmt::print(stderr, "{}\n", diagnostic(crm_mapping_path, m.error()));
            return std::nullopt;
        }
        mapping = std::move(*m);
    }
    const Lifecycle* lifecycle = policy.lifecycle ? &*policy.lifecycle : nullptr;
    const CrmMapping* crm = mapping ? &*mapping : nullptr;

    // The streaming pass: each lead takes the events that follow it. Whether the file is
    // grouped shows only as it goes (an event of a lead already handed out) or at its end
    // (events left over), so leads are handed out as they come and taken back by `restart`.
    StreamCounts counts;
    LeadReader leads{leads_path, policy.schema, crm, lifecycle};
    EventReader events{activities_path, policy.schema};
    if (!leads.open() || !events.open()) {
        return std::nullopt;
    }
    std::optional<LeadEvent> ahead = events.next(counts);
    std::set<std::string, std::less<>> seen;
    bool grouped = true;
    while (std::optional<Lead> lead = leads.next(counts)) {
        if (!seen.insert(lead->id.value()).second) {
            ++counts.duplicate_leads;
            continue;
        }
        LeadHistory h{std::move(*lead), {}, {}};
        while (ahead && ahead->lead == h.lead.id) {
            attach(h, std::move(*ahead));
            ahead = events.next(counts);
        }
        ++counts.leads;
        sink.each(h);
        if (ahead && seen.contains(ahead->lead.value())) {
            grouped = false;  // an event of a lead handed out already
            break;
        }
    }
    if (grouped && !ahead) {
        return counts;
    }
    fmt::print(stderr,
               "leadsla: {} does not list each lead's events together, in the order of {}: "
               "reading the events into memory\n",
               activities_path, leads_path);
    sink.restart();

    // The in-memory pass: every event by lead, then the leads again.
    StreamCounts again;
    again.streamed = false;
    std::map<std::string, LeadHistory, std::less<>> by_lead;
    EventReader all{activities_path, policy.schema, events.line()};
    if (!all.open()) {
        return std::nullopt;
    }
    while (std::optional<LeadEvent> e = all.next(again)) {
        LeadHistory& h = by_lead[e->lead.value()];
        attach(h, std::move(*e));
    }
    LeadReader second{leads_path, policy.schema, crm, lifecycle, leads.line()};
    if (!second.open()) {
        return std::nullopt;
    }
    seen.clear();
    while (std::optional<Lead> lead = second.next(again)) {
        if (!seen.insert(lead->id.value()).second) {
            ++again.duplicate_leads;
            continue;
        }
        LeadHistory h;
        if (const auto it = by_lead.find(lead->id.value()); it != by_lead.end()) {
            h = std::move(it->second);
            by_lead.erase(it);
        }
        h.lead = std::move(*lead);
        ++again.leads;
        sink.each(h);
    }
    for (const auto& [id, h] : by_lead) {
        again.unknown_lead_events +=
            static_cast<std::int64_t>(h.activities.size() + h.changes.size());
    }
    return again;
}

}  // namespace leadsla::cli
