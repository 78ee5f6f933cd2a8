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
    std::string routing_state;
    std::vector<std::string> away;

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
                       "\"properties\"}, stage changes {\"lead\",\"stage_change\":{...}} and "
                       "attribute changes {\"lead\",\"attribute_change\":{...}}; CRM records "
                       "when --crm-mapping has activities or history");
        cmd.add_option("--crm-mapping", crm_mapping,
                       "Read --leads as CRM records (HubSpot objects or Salesforce Leads) through "
                       "this mapping file (docs/policy.md#crm-records)");
        cmd.add_option("--routing-state", routing_state,
                       "Routing state before these leads (a leadsla.routing_state/1 snapshot: "
                       "rotation, away owners, account owners); the owners' open leads are "
                       "counted from --leads");
        cmd.add_option("--away", away,
                       "An owner who is away (out of office) now: routing skips them; repeat it");
        cmd.add_option("--now", now,
                       "The evaluation instant, RFC 3339 with offset (never the wall clock: the "
                       "same inputs give the same output)")
            ->required();
    }
};

}  // namespace leadsla::cli
