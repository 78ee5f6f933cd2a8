// SPDX-License-Identifier: Apache-2.0
// The population commands (`report`, `backtest`): every lead of a history into an accumulator
// of the library's (`Scorecard`, `Backtest`), one per worker, merged at the end.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "lead_stream.hpp"

namespace leadsla::cli {

template <typename Accumulator>
struct Accumulated {
    Accumulator all;
    StreamCounts counts;
};

/// Streams the leads of `leads_path` with their history into accumulators made by `make()`:
/// one per worker (a partition of the leads, each lead whole in one), merged at the end, so the
/// result is the same for any number of `jobs`. What the stream refused (bad lines, events of
/// unknown leads, repeated lead lines) is counted with `add_bad_input` and described on stderr.
/// nullopt when the input cannot be read (already reported).
template <typename Accumulator, typename Make>
[[nodiscard]] std::optional<Accumulated<Accumulator>> accumulate_leads(
    const std::string& leads_path,
    const std::string& activities_path,
    const std::string& crm_mapping_path,
    const Policy& policy,
    std::size_t jobs,
    const Make& make) {
    std::vector<Accumulator> parts(std::max<std::size_t>(jobs, 1), make());
    ParallelSink sink;
    sink.each = [&](std::size_t worker, const LeadHistory& h) {
        parts[worker].add(h.lead, h.activities, h.changes, h.past_attributes());
    };
    sink.restart = [&] { std::fill(parts.begin(), parts.end(), make()); };
    sink.sequential.each = [&](const LeadHistory& h) {
        parts[0].add(h.lead, h.activities, h.changes, h.past_attributes());
    };
    sink.sequential.restart = sink.restart;
    const std::optional<StreamCounts> counts =
        for_each_lead_parallel(leads_path, activities_path, crm_mapping_path, policy, jobs, sink);
    if (!counts) {
        return std::nullopt;
    }
    std::optional<Accumulator> all{std::move(parts[0])};
    for (std::size_t i = 1; i < parts.size(); ++i) {
        all = merge(std::move(*all), parts[i]).value();  // made alike: cannot fail
    }
    all->add_bad_input(counts->bad_lines + counts->unknown_lead_events + counts->duplicate_leads);
    if (counts->unknown_lead_events > 0) {
        fmt::print(stderr, "{}: {} events of leads that {} does not list were not counted\n",
                   activities_path, counts->unknown_lead_events, leads_path);
    }
    if (counts->duplicate_leads > 0) {
        fmt::print(stderr, "{}: {} lines repeat a lead id; the first line of each was used\n",
                   leads_path, counts->duplicate_leads);
    }
    return Accumulated<Accumulator>{std::move(*all), *counts};
}

}  // namespace leadsla::cli
