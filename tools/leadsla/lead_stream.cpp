// SPDX-License-Identifier: Apache-2.0
#include "lead_stream.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <deque>
#include <fstream>
#include <limits>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include <fmt/format.h>

#include <leadsla/io/crm.hpp>
#include <leadsla/io/lead_json.hpp>

#include "crm_input.hpp"
#include "event_input.hpp"
#include "io.hpp"
#include "line_input.hpp"

namespace leadsla::cli {
namespace {

/// Activity ids given twice with different contents: the first `max_listed` printed, in the
/// order of the leads, then a count. A message printed before a restart is not printed again.
class ConflictReport {
public:
    ConflictReport(std::string activities_path, bool quiet)
        : path_(std::move(activities_path)), quiet_(quiet) {}

    void check(const LeadHistory& h, StreamCounts& counts) {
        for (const std::string& message : conflicting_activities(h)) {
            add(message, counts);
        }
    }
    void add(const std::string& message, StreamCounts& counts) {
        ++counts.conflicting_activities;
        if (!quiet_ && printed_.size() < max_listed && printed_.insert(message).second) {
            fmt::print(stderr, "{}: {}\n", path_, message);
        }
    }
    void summarise(const StreamCounts& counts) const {
        if (!quiet_ && counts.conflicting_activities > static_cast<std::int64_t>(max_listed)) {
            fmt::print(stderr,
                       "{}: {} activity ids are given twice with different contents ({} "
                       "listed)\n",
                       path_, counts.conflicting_activities, max_listed);
        }
    }

private:
    std::string path_;
    bool quiet_;
    std::set<std::string> printed_;
};

/// One pass over the leads file, attaching events as `events` hands them out.
class LeadReader {
public:
    /// With a CRM `mapping` the file is read whole when opened (`read_crm_file`: API pages,
    /// the latest version of each lead), then handed out lead by lead.
    LeadReader(std::string path,
               const Schema& schema,
               const CrmMapping* mapping,
               std::string mapping_path,
               const Lifecycle* lifecycle,
               std::size_t quiet_through = 0)
        : path_(std::move(path)),
          schema_(schema),
          mapping_(mapping),
          mapping_path_(std::move(mapping_path)),
          lifecycle_(lifecycle),
          quiet_through_(quiet_through) {}

    bool open() {
        if (mapping_ != nullptr) {
            crm_ = read_crm_file(path_, mapping_path_, *mapping_, schema_, lifecycle_,
                                 quiet_through_ > 0);
            line_ = std::numeric_limits<std::size_t>::max();  // all reported: a later pass is quiet
            return crm_.has_value();
        }
        input_.emplace(path_);
        return input_->open();
    }
    /// The next lead, with the history its CRM record carries (none from NDJSON lines).
    std::optional<LeadHistory> next(StreamCounts& counts) {
        if (crm_) {
            if (next_crm_ == 0) {
                counts.bad_lines += crm_->bad_records;
                counts.duplicate_leads += crm_->older_versions;
            }
            if (next_crm_ == crm_->leads.size()) {
                return std::nullopt;
            }
            CrmLead& l = crm_->leads[next_crm_++];
            return LeadHistory{
                std::move(l.lead), {}, std::move(l.changes), std::move(l.attribute_changes)};
        }
        while (const std::optional<InputLine> next = input_->next()) {
            line_ = next->number;
            if (next->too_long) {
                bad_line(counts, input_->too_long(*next));
                continue;
            }
            if (blank(next->text)) {
                continue;
            }
            Result<Lead> lead = parser_.lead(next->text, schema_);
            if (lead) {
                return LeadHistory{*std::move(lead), {}, {}, {}};
            }
            bad_line(counts, lead.error());
        }
        return std::nullopt;
    }
    [[nodiscard]] std::size_t line() const noexcept { return line_; }

private:
    void bad_line(StreamCounts& counts, const Error& error) const {
        ++counts.bad_lines;
        if (line_ > quiet_through_) {
            report_line(path_, line_, error);
        }
    }

    std::string path_;
    const Schema& schema_;
    const CrmMapping* mapping_;
    std::string mapping_path_;
    const Lifecycle* lifecycle_;
    std::size_t quiet_through_;
    InputLineReader parser_;
    std::optional<LineInput> input_;
    std::optional<CrmInput> crm_;
    std::size_t next_crm_ = 0;
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
        mapping = *std::move(m);
    }
    const Lifecycle* lifecycle = policy.lifecycle ? &*policy.lifecycle : nullptr;
    const CrmMapping* crm = mapping ? &*mapping : nullptr;

    // The streaming pass: each lead takes the events that follow it. Whether the file is
    // grouped shows only as it goes (an event of a lead already handed out) or at its end
    // (events left over), so leads are handed out as they come and taken back by `restart`.
    StreamCounts counts;
    // A quiet pass reports nothing: every line counts as reported already.
    const std::size_t quiet_through = sink.quiet ? std::numeric_limits<std::size_t>::max() : 0;
    ConflictReport conflicts{activities_path, sink.quiet};
    LeadReader leads{leads_path, policy.schema, crm, crm_mapping_path, lifecycle, quiet_through};
    EventReader events{activities_path, policy.schema, crm, lifecycle, quiet_through};
    if (!leads.open() || !events.open()) {
        return std::nullopt;
    }
    std::optional<LeadEvent> ahead = events.next(counts.bad_lines);
    std::set<std::string, std::less<>> seen;
    bool grouped = true;
    while (std::optional<LeadHistory> next = leads.next(counts)) {
        if (!seen.insert(next->lead.id.value()).second) {
            ++counts.duplicate_leads;
            continue;
        }
        LeadHistory h = *std::move(next);
        while (ahead && ahead->lead == h.lead.id) {
            attach(h, std::move(*ahead));
            ahead = events.next(counts.bad_lines);
        }
        ++counts.leads;
        conflicts.check(h, counts);
        sink.each(h);
        if (ahead && seen.contains(ahead->lead.value())) {
            grouped = false;  // an event of a lead handed out already
            break;
        }
    }
    if (grouped && !ahead) {
        conflicts.summarise(counts);
        return counts;
    }
    if (!sink.quiet) {
        fmt::print(stderr,
                   "leadsla: {} does not list each lead's events together, in the order of {}: "
                   "reading the events into memory\n",
                   activities_path, leads_path);
    }
    sink.restart();

    // The in-memory pass: every event by lead, then the leads again.
    StreamCounts again;
    again.streamed = false;
    std::map<std::string, LeadHistory, std::less<>> by_lead;
    EventReader all{activities_path, policy.schema, crm, lifecycle,
                    std::max(events.line(), quiet_through)};
    if (!all.open()) {
        return std::nullopt;
    }
    while (std::optional<LeadEvent> e = all.next(again.bad_lines)) {
        LeadHistory& h = by_lead[e->lead.value()];
        attach(h, *std::move(e));
    }
    LeadReader second{leads_path,       policy.schema, crm,
                      crm_mapping_path, lifecycle,     std::max(leads.line(), quiet_through)};
    if (!second.open()) {
        return std::nullopt;
    }
    seen.clear();
    while (std::optional<LeadHistory> lead = second.next(again)) {
        if (!seen.insert(lead->lead.id.value()).second) {
            ++again.duplicate_leads;
            continue;
        }
        LeadHistory h = *std::move(lead);
        if (const auto it = by_lead.find(h.lead.id.value()); it != by_lead.end()) {
            merge_into(h, std::move(it->second));
            by_lead.erase(it);
        }
        ++again.leads;
        conflicts.check(h, again);
        sink.each(h);
    }
    for (const auto& [id, h] : by_lead) {
        again.unknown_lead_events += static_cast<std::int64_t>(
            h.activities.size() + h.changes.size() + h.attribute_changes.size());
    }
    conflicts.summarise(again);
    return again;
}

}  // namespace leadsla::cli

namespace leadsla::cli {
namespace {

/// The string value of top-level key `key` in a flat JSON line, read without parsing when it is
/// written plainly (`"key":"value"`, no escapes); nullopt otherwise. Only a hint: the worker
/// that parses the line checks it.
std::optional<std::string_view> quick_string(std::string_view line, std::string_view key) {
    std::string pattern;
    pattern.reserve(key.size() + 2);
    pattern += '"';
    pattern += key;
    pattern += '"';
    const auto skip_space = [&](std::size_t i) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) {
            ++i;
        }
        return i;
    };
    // The value after the one occurrence of the name as a key: after `{` or `,` and before
    // `:`. The name as a string value (`"from":"lead"`) is no key; two keys are no plain line.
    std::optional<std::size_t> value_at;
    for (std::size_t at = line.find(pattern); at != std::string_view::npos;
         at = line.find(pattern, at + 1)) {
        std::size_t before = at;
        while (before > 0 && (line[before - 1] == ' ' || line[before - 1] == '\t')) {
            --before;
        }
        const std::size_t colon = skip_space(at + pattern.size());
        if (before == 0 || (line[before - 1] != '{' && line[before - 1] != ',') ||
            colon >= line.size() || line[colon] != ':') {
            continue;
        }
        if (value_at) {
            return std::nullopt;
        }
        value_at = skip_space(colon + 1);
    }
    if (!value_at || *value_at >= line.size() || line[*value_at] != '"') {
        return std::nullopt;
    }
    const std::size_t start = *value_at + 1;
    const std::size_t end = line.find('"', start);
    if (end == std::string_view::npos ||
        line.substr(start, end - start).find('\\') != std::string_view::npos) {
        return std::nullopt;
    }
    return line.substr(start, end - start);
}

/// A line of a batch: where it is in the batch's text, and in its file.
struct LineRef {
    std::size_t offset = 0;
    std::size_t size = 0;
    std::size_t number = 0;
};

/// A lead's lines, cut from the files: spans into its batch's text.
struct RawLead {
    LineRef id;  // the id the cut was made by
    LineRef lead;
    std::size_t first_event = 0;  // into the batch's `events`
    std::size_t event_count = 0;
};

/// Leads cut from the files, with their lines copied into one buffer (one allocation a batch,
/// freed by the worker).
struct RawBatch {
    std::string text;
    std::vector<RawLead> leads;
    std::vector<LineRef> events;

    LineRef add(std::string_view line, std::size_t number) {
        LineRef r{text.size(), line.size(), number};
        text.append(line);
        return r;
    }
    [[nodiscard]] std::string_view view(const LineRef& r) const {
        return std::string_view{text}.substr(r.offset, r.size);
    }
};

/// What a worker found in a batch: its errors, in file order.
struct BatchResult {
    std::vector<std::pair<std::pair<int, std::size_t>, std::string>> errors;  // (file, line)
    std::vector<std::pair<std::size_t, std::string>> conflicts;               // by the lead's line
    std::int64_t bad_lines = 0;
    std::int64_t unknown_lead_events = 0;  // events of a lead whose own line was refused
    std::int64_t leads = 0;
    bool cut_wrong = false;  // a parsed id differs from the one the cut was made by
};

}  // namespace

std::optional<StreamCounts> for_each_lead_parallel(const std::string& leads_path,
                                                   const std::string& activities_path,
                                                   const std::string& crm_mapping_path,
                                                   const Policy& policy,
                                                   std::size_t jobs,
                                                   const ParallelSink& sink) {
    if (!crm_mapping_path.empty() || jobs < 2) {
        return for_each_lead(leads_path, activities_path, crm_mapping_path, policy,
                             sink.sequential);
    }
    LineInput leads{leads_path};
    if (!leads.open()) {
        return std::nullopt;
    }
    std::optional<LineInput> events;
    if (!activities_path.empty()) {
        events.emplace(activities_path);
        if (!events->open()) {
            return std::nullopt;
        }
    }

    // Batches of leads go to the workers through one queue; results come back by batch number.
    constexpr std::size_t batch_size = 256;
    constexpr std::size_t queued_at_most = 16;  // bounds memory: a few thousand leads in flight
    std::mutex mutex;
    std::condition_variable changed;
    std::deque<std::pair<std::size_t, RawBatch>> queue;
    std::map<std::size_t, BatchResult> results;
    bool done = false;
    std::atomic<bool> stop{false};
    const Schema& schema = policy.schema;

    std::vector<std::thread> workers;
    for (std::size_t w = 0; w < jobs; ++w) {
        workers.emplace_back([&, w] {
            InputLineReader parser;
            for (;;) {
                std::pair<std::size_t, RawBatch> batch;
                {
                    std::unique_lock lock{mutex};
                    changed.wait(lock, [&] { return !queue.empty() || done; });
                    if (queue.empty()) {
                        return;
                    }
                    batch = std::move(queue.front());
                    queue.pop_front();
                }
                changed.notify_all();
                BatchResult result;
                const RawBatch& b = batch.second;
                for (const RawLead& raw : b.leads) {
                    if (stop.load()) {
                        break;
                    }
                    const std::string_view id = b.view(raw.id);
                    Result<Lead> lead = parser.lead(b.view(raw.lead), schema);
                    if (!lead) {
                        Error e = lead.error();
                        e.line = static_cast<std::uint32_t>(raw.lead.number);
                        result.errors.push_back({{0, raw.lead.number}, diagnostic(leads_path, e)});
                        ++result.bad_lines;
                        // Its events were cut to it by its id: counted as events of a lead the
                        // leads file lacks, as one thread counts them.
                        result.unknown_lead_events += static_cast<std::int64_t>(raw.event_count);
                        continue;
                    }
                    if (lead->id.value() != id) {
                        result.cut_wrong = true;
                        stop = true;
                        break;
                    }
                    LeadHistory h{*std::move(lead), {}, {}, {}};
                    for (std::size_t k = raw.first_event; k < raw.first_event + raw.event_count;
                         ++k) {
                        const LineRef& line = b.events[k];
                        Result<LeadEvent> e = parser.event(b.view(line), schema);
                        if (!e) {
                            Error error = e.error();
                            error.line = static_cast<std::uint32_t>(line.number);
                            result.errors.push_back(
                                {{1, line.number}, diagnostic(activities_path, error)});
                            ++result.bad_lines;
                            continue;
                        }
                        if (e->lead.value() != id) {
                            result.cut_wrong = true;
                            stop = true;
                            break;
                        }
                        attach(h, *std::move(e));
                    }
                    if (result.cut_wrong) {
                        break;
                    }
                    ++result.leads;
                    for (std::string& message : conflicting_activities(h)) {
                        result.conflicts.emplace_back(raw.lead.number, std::move(message));
                    }
                    sink.each(w, h);
                }
                std::lock_guard lock{mutex};
                results.emplace(batch.first, std::move(result));
            }
        });
    }

    // The cut: each lead line, and the event lines after it that name it. An event of an
    // earlier lead, or of none, means the file is not grouped: stop and go to one thread.
    StreamCounts counts;
    std::set<std::string, std::less<>> seen;
    RawBatch batch;
    std::size_t batches = 0;
    const auto push = [&] {
        std::unique_lock lock{mutex};
        changed.wait(lock, [&] { return queue.size() < queued_at_most; });
        queue.emplace_back(batches++, std::move(batch));
        batch = RawBatch{};
        lock.unlock();
        changed.notify_all();
    };
    bool splittable = true;
    std::optional<std::string_view> event_line;  // the event line held, valid until the next
    std::optional<std::string> ahead_id;         // its lead
    const auto next_event = [&]() -> bool {
        while (const std::optional<InputLine> next = events->next()) {
            if (next->too_long) {
                return false;  // one thread reports it
            }
            if (blank(next->text)) {
                continue;
            }
            event_line = next->text;
            const std::optional<std::string_view> id = quick_string(*event_line, "lead");
            if (!id) {
                return false;  // cannot cut by it
            }
            ahead_id = std::string{*id};
            return true;
        }
        ahead_id.reset();
        return true;
    };
    if (!activities_path.empty() && !next_event()) {
        splittable = false;
    }
    while (splittable) {
        const std::optional<InputLine> next = leads.next();
        if (!next) {
            break;
        }
        if (next->too_long) {
            splittable = false;  // one thread reports it
            break;
        }
        const std::optional<std::string_view> line = next->text;
        if (blank(*line)) {
            continue;
        }
        const std::optional<std::string_view> id = quick_string(*line, "id");
        if (!id || !seen.insert(std::string{*id}).second) {
            splittable = false;  // cannot cut by it, or a repeated id: one thread decides
            break;
        }
        RawLead raw;
        raw.lead = batch.add(*line, leads.number());
        raw.id = LineRef{raw.lead.offset + static_cast<std::size_t>(id->data() - line->data()),
                         id->size(), 0};
        raw.first_event = batch.events.size();
        while (ahead_id && *ahead_id == *id) {
            batch.events.push_back(batch.add(*event_line, events->number()));
            ++raw.event_count;
            if (!next_event()) {
                splittable = false;
                break;
            }
        }
        if (ahead_id && seen.contains(*ahead_id)) {
            splittable = false;  // an event of a lead cut already
        }
        batch.leads.push_back(raw);
        if (batch.leads.size() == batch_size) {
            push();
        }
        if (stop.load()) {
            break;
        }
    }
    if (splittable && ahead_id) {
        splittable = false;  // events left over: of leads the file lacks, or out of order
    }
    if (!batch.leads.empty() && splittable) {
        push();
    }
    {
        std::lock_guard lock{mutex};
        done = true;
    }
    changed.notify_all();
    for (std::thread& t : workers) {
        t.join();
    }
    bool cut_wrong = false;
    for (const auto& [number, r] : results) {
        cut_wrong = cut_wrong || r.cut_wrong;
    }
    if (!splittable || cut_wrong || stop.load()) {
        sink.restart();
        return for_each_lead(leads_path, activities_path, crm_mapping_path, policy,
                             sink.sequential);
    }
    std::vector<std::pair<std::pair<int, std::size_t>, std::string>> errors;
    ConflictReport conflicts{activities_path, false};
    for (auto& [number, r] : results) {  // batches in input order
        counts.leads += r.leads;
        counts.bad_lines += r.bad_lines;
        counts.unknown_lead_events += r.unknown_lead_events;
        errors.insert(errors.end(), r.errors.begin(), r.errors.end());
    }
    std::stable_sort(errors.begin(), errors.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [where, message] : errors) {
        fmt::print(stderr, "{}\n", message);
    }
    for (const auto& [number, r] : results) {
        for (const auto& [line, message] : r.conflicts) {
            conflicts.add(message, counts);
        }
    }
    conflicts.summarise(counts);
    return counts;
}

}  // namespace leadsla::cli
