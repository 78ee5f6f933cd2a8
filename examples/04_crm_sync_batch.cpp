// SPDX-License-Identifier: Apache-2.0
// A CRM-sync style batch job: read the CRM's export of leads and their history, evaluate every
// lead at one instant, and print what to write back — score, grade, recommended stage, the
// owner for unassigned leads, each running SLA's due time — plus the tasks owed now and when to
// run again. Run from the examples/ folder (ctest does).
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include <leadsla/leadsla.hpp>

namespace {

std::vector<std::string> lines(const char* path) {
    std::ifstream in(path);
    std::vector<std::string> out;
    for (std::string line; std::getline(in, line);) {
        if (!line.empty()) {
            out.push_back(line);
        }
    }
    return out;
}

}  // namespace

int main() {
    using namespace leadsla;
    std::ifstream policy_file("company/policy.json");
    std::stringstream policy_text;
    policy_text << policy_file.rdbuf();
    const Loaded<Policy> policy = load_policy(policy_text.str());
    if (!policy) {
        for (const Error& e : policy.errors()) {
            fmt::print("policy: {}\n", e);
        }
        return 1;
    }
    const Engine engine{*policy};
    const Schema& schema = engine.policy().schema;

    // The export: leads, then their events (activities and reported stage changes).
    std::map<LeadId, Lead> leads;
    std::map<LeadId, std::vector<Activity>> activities;
    std::map<LeadId, std::vector<StageChange>> changes;
    std::map<LeadId, std::vector<AttributeChange>> attribute_changes;
    for (const std::string& line : lines("data/history/leads.ndjson")) {
        Result<Lead> lead = read_lead_json(line, schema);
        if (!lead) {
            fmt::print("skipped lead: {}\n", lead.error());
            continue;
        }
        leads.emplace(lead->id, *lead);
    }
    for (const std::string& line : lines("data/history/activities.ndjson")) {
        Result<LeadEvent> event = read_event_json(line, schema);
        if (!event) {
            fmt::print("skipped event: {}\n", event.error());
            continue;
        }
        if (const auto* a = std::get_if<Activity>(&event->event)) {
            activities[event->lead].push_back(*a);
        } else if (const auto* c = std::get_if<StageChange>(&event->event)) {
            changes[event->lead].push_back(*c);
        } else {  // a field changed value: SLA targets follow the segment it puts the lead in
            attribute_changes[event->lead].push_back(std::get<AttributeChange>(event->event));
        }
    }

    // Evaluate each lead at the sync instant; unassigned leads are routed on one state.
    const Instant now = parse_instant("2026-11-27T17:00:00Z").value();
    RoutingState routing;
    BreachScanner next_run;
    for (const auto& [id, lead] : leads) {
        EvaluateOptions options;
        options.routing = &routing;
        const std::vector<PastAttributes> past =
            past_attributes_from(lead.attributes, attribute_changes[id]);
        options.past_attributes = past;
        const Evaluation e = engine.evaluate(lead, activities[id], changes[id], now, options);
        fmt::print("{}: score {}", id, e.score->total);
        if (e.stage && e.stage->changes()) {
            fmt::print(", move stage {} -> {}", e.stage->current, e.stage->recommended);
        }
        if (e.owner) {
            (void)engine.policy().routing->route(lead, routing);  // commit the assignment
            fmt::print(", assign to {}", e.owner->owner);
        }
        fmt::print("\n");
        for (const TimerResult& t : e.timers) {
            if (t.status == TimerStatus::running || t.status == TimerStatus::breached) {
                fmt::print("  {} {}, due {}\n", t.sla, t.status, format_instant(*t.due_at));
            }
        }
        for (const OwedAction& a : e.actions) {
            fmt::print("  task: {} {} (id {})\n", a.kind, a.action.empty() ? a.sla : a.action,
                       a.id);
        }
        next_run.schedule(id, e.next_check_at);
    }
    if (const auto next = next_run.next()) {
        fmt::print("next sync needed at {} ({} leads scheduled)\n", format_instant(*next),
                   next_run.size());
    }
}
