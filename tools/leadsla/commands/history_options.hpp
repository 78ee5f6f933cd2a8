// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace leadsla::cli {

/// The inputs of the commands that evaluate a history: `eval`, `explain`, `summary`.
struct HistoryOptions {
    std::vector<std::string> policies;
    std::string leads;
    std::string activities;
    std::string crm_mapping;
    std::string now;

    void add_to(CLI::App& cmd) {
        cmd.add_option("--policy", policies,
                       "Policy JSON (docs/policy.md); repeat it for several versions of one "
                       "policy: each clock is judged under the version in force when it started")
            ->required();
        cmd.add_option("--leads", leads,
                       "Leads NDJSON: {\"id\",\"created_at\",\"stage\",\"owner\",\"attributes\"}")
            ->required();
        cmd.add_option("--activities", activities,
                       "History NDJSON: activities {\"id\",\"lead\",\"occurred_at\",\"type\","
                       "\"properties\"} and stage changes {\"lead\",\"stage_change\":{...}}");
        cmd.add_option("--crm-mapping", crm_mapping,
                       "Read --leads as CRM records (HubSpot objects or Salesforce Leads) through "
                       "this mapping file (docs/policy.md#crm-records)");
        cmd.add_option("--now", now,
                       "The evaluation instant, RFC 3339 with offset (never the wall clock: the "
                       "same inputs give the same output)")
            ->required();
    }
};

}  // namespace leadsla::cli
