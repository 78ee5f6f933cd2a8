// SPDX-License-Identifier: Apache-2.0
// A streaming lead router: events arrive one at a time (here replayed from a history file in
// time order); each new lead is routed, each event is applied to the lead's state, and a due
// queue (BreachScanner) wakes leads whose clocks change — warnings, breaches, escalations —
// without polling. Each owed action is printed once, when it falls due. Run from examples/.
#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include <fmt/format.h>

#include <leadsla/leadsla.hpp>

namespace {

using namespace leadsla;

struct Incoming {
    Instant at;
    std::variant<Lead, LeadEvent> what;
};

void print_actions(const std::vector<OwedAction>& actions, const LeadId& lead) {
    for (const OwedAction& a : actions) {
        fmt::print("{}  {} {} {}{}   [{}]\n", format_instant(a.at), lead, a.sla, a.kind,
                   a.action.empty() ? "" : " -> " + a.action, a.id);
    }
}

}  // namespace

int main() {
    std::ifstream policy_file("company/policy.json");
    std::stringstream text;
    text << policy_file.rdbuf();
    const Loaded<Policy> policy = load_policy(text.str());
    if (!policy) {
        for (const Error& e : policy.errors()) {
            fmt::print("policy: {}\n", e);
        }
        return 1;
    }
    const Engine engine{*policy};
    const Schema& schema = engine.policy().schema;

    // The stream: lead creations and events, in time order (creations first on ties).
    std::vector<Incoming> stream;
    std::ifstream leads_file("data/history/leads.ndjson");
    for (std::string line; std::getline(leads_file, line);) {
        Lead lead = read_lead_json(line, schema).value();
        lead.stage = Stage::lead;  // the stream replays the stage changes themselves
        lead.owner.reset();        // and routes the lead when it arrives
        stream.push_back({lead.created_at, std::move(lead)});
    }
    std::ifstream events_file("data/history/activities.ndjson");
    for (std::string line; std::getline(events_file, line);) {
        LeadEvent e = read_event_json(line, schema).value();
        const Instant at = e.at();
        stream.push_back({at, std::move(e)});
    }
    std::stable_sort(stream.begin(), stream.end(), [](const Incoming& a, const Incoming& b) {
        return std::pair{a.at, a.what.index()} < std::pair{b.at, b.what.index()};
    });

    std::map<LeadId, LeadState> states;
    std::map<LeadId, std::vector<LeadEvent>> early;  // events seen before their lead (web visits)
    RoutingState routing;
    BreachScanner due;
    const auto wake_until = [&](Instant t) {  // the due queue: wake leads whose clocks change
        while (due.next() && *due.next() <= t) {
            const auto [when, id] = due.due(t, 1).front();
            Step step = engine.advance(std::move(states.at(id)), when);
            print_actions(step.actions, id);
            states.insert_or_assign(id, std::move(step.state));
            due.schedule(id, step.next_check_at);
        }
    };
    const auto settle = [&](const LeadId& id, Step step) {
        print_actions(step.actions, id);
        states.insert_or_assign(id, std::move(step.state));
        due.schedule(id, step.next_check_at);  // when to look again if nothing arrives
    };

    for (const Incoming& in : stream) {
        wake_until(in.at);
        if (const auto* lead = std::get_if<Lead>(&in.what)) {
            Lead routed = *lead;
            const RoutingDecision d = engine.policy().routing->route(routed, routing);
            routed.owner = d.owner;
            fmt::print("{}  {} created, routed to {}\n", format_instant(in.at), routed.id, d);
            states.insert_or_assign(routed.id, engine.start(routed, in.at));
            for (const LeadEvent& e : early[routed.id]) {
                settle(e.lead,
                       engine.apply(std::move(states.at(e.lead)), std::get<Activity>(e.event)));
            }
            early.erase(routed.id);
            continue;
        }
        const auto& event = std::get<LeadEvent>(in.what);
        if (!states.contains(event.lead)) {
            early[event.lead].push_back(event);  // applied when the lead arrives
            continue;
        }
        if (const auto* a = std::get_if<Activity>(&event.event)) {
            settle(event.lead, engine.apply(std::move(states.at(event.lead)), *a));
        } else if (const auto* c = std::get_if<StageChange>(&event.event)) {
            fmt::print("{}  {} {} -> {}\n", format_instant(in.at), event.lead, c->from, c->to);
            settle(event.lead, engine.apply(std::move(states.at(event.lead)), *c));
        } else {  // an attribute changed: `update` takes it at the watermark, so first advance
            const auto& change = std::get<AttributeChange>(event.event);
            settle(event.lead, engine.advance(std::move(states.at(event.lead)), in.at));
            Lead changed = states.at(event.lead).lead;
            changed.attributes.erase(change.attribute);
            if (!change.to.is_null()) {
                changed.attributes.emplace(change.attribute, change.to);
            }
            settle(event.lead, engine.update(std::move(states.at(event.lead)), std::move(changed)));
        }
    }
    // After the last event: run the due queue to the end of the year.
    wake_until(parse_instant("2026-12-31T23:59:59Z").value());
    fmt::print("{} leads; next wake-up {}\n", states.size(),
               due.next() ? format_instant(*due.next()) : std::string{"none"});
}
