// SPDX-License-Identifier: Apache-2.0
// Leads with their histories, one at a time, from a leads NDJSON file and an activities NDJSON
// file: streamed when the activities are grouped by lead in the leads file's order, else read
// into memory first.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include <leadsla/engine/policy.hpp>

#include "history.hpp"

namespace leadsla::cli {

/// What a pass over the inputs read.
struct StreamCounts {
    std::int64_t leads = 0;
    std::int64_t bad_lines = 0;            ///< refused lines of either file (printed to stderr)
    std::int64_t unknown_lead_events = 0;  ///< events of leads the leads file lacks
    std::int64_t duplicate_leads = 0;      ///< later lines of a lead id seen before
    /// activity ids given twice with different contents (the first listed on stderr; the
    /// engine keeps the earliest)
    std::int64_t conflicting_activities = 0;
    bool streamed = true;  ///< false: the activities were not grouped and were held in memory
};

/// Where the leads go.
struct LeadSink {
    std::function<void(const LeadHistory&)> each;
    /// Called when the input turned out not to be grouped after some leads were handed out:
    /// forget them, every lead comes again.
    std::function<void()> restart;
    /// A second pass over inputs read before: no diagnostic is printed again (the counts are).
    bool quiet = false;
};

/// Calls `sink.each` for every lead of `leads_path` (in file order, each id once) with its
/// activities and stage changes from `activities_path` ("" for none), reading CRM records
/// through `crm_mapping_path` when given. Streams when the activities file lists each lead's
/// events together and in the leads file's order (what `generate_history --grouped` writes):
/// memory then holds one lead's history at a time. Otherwise it says so on stderr, calls
/// `sink.restart`, reads the events into memory and hands the leads out again. Bad lines are
/// printed as `path:line: error[...]` and counted, once. Nullopt after an I/O error or a bad
/// mapping.
[[nodiscard]] std::optional<StreamCounts> for_each_lead(const std::string& leads_path,
                                                        const std::string& activities_path,
                                                        const std::string& crm_mapping_path,
                                                        const Policy& policy,
                                                        const LeadSink& sink);

}  // namespace leadsla::cli

namespace leadsla::cli {

/// Where the leads go when several threads evaluate them.
struct ParallelSink {
    /// Called from worker thread `worker` (0 .. jobs - 1), for each lead it took.
    std::function<void(std::size_t worker, const LeadHistory&)> each;
    /// As `LeadSink::restart`: forget every lead handed out; they come again, one thread.
    std::function<void()> restart;
    /// The one-thread sink the input goes to when it cannot be split (CRM records, or
    /// activities that are not grouped by lead).
    LeadSink sequential;
};

/// `for_each_lead` with `jobs` worker threads parsing and handing out leads: the calling thread
/// reads the lines and cuts them into groups of a lead and its events; each group goes whole to
/// one worker, which parses it (checking the cut against what it parsed). Input that cannot be
/// cut so — CRM records, or activities not grouped by lead — goes to `sink.sequential` instead,
/// after `sink.restart`. Bad lines are printed in file order once the workers are done.
[[nodiscard]] std::optional<StreamCounts> for_each_lead_parallel(
    const std::string& leads_path,
    const std::string& activities_path,
    const std::string& crm_mapping_path,
    const Policy& policy,
    std::size_t jobs,
    const ParallelSink& sink);

}  // namespace leadsla::cli
