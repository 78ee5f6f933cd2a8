// SPDX-License-Identifier: Apache-2.0
#include "history.hpp"

#include <algorithm>
#include <map>
#include <numeric>
#include <sstream>

#include <fmt/format.h>

#include <leadsla/engine/explanation.hpp>
#include <leadsla/io/crm.hpp>
#include <leadsla/io/lead_json.hpp>
#include <leadsla/io/routing_state_json.hpp>
#include <leadsla/policy/load.hpp>

#include "commands/history_options.hpp"
#include "crm_input.hpp"
#include "event_input.hpp"
#include "io.hpp"
#include "line_input.hpp"
#include "logging.hpp"
#include "progress.hpp"

namespace leadsla::cli {
namespace {

/// The conflicting activity ids of every lead, the first `max_listed` printed, then counted.
void report_conflicting_activities(const History& h, const std::string& activities_path) {
    std::size_t conflicts = 0;
    for (const LeadHistory& lead : h.leads) {
        for (const std::string& message : conflicting_activities(lead)) {
            if (++conflicts <= max_listed) {
                fmt::print(stderr, "{}: {}\n", activities_path, message);
            }
        }
    }
    if (conflicts > max_listed) {
        fmt::print(stderr,
                   "{}: {} activity ids are given twice with different contents ({} "
                   "listed)\n",
                   activities_path, conflicts, max_listed);
    }
}

}  // namespace

void attach(LeadHistory& h, LeadEvent event) {
    if (auto* a = std::get_if<Activity>(&event.event)) {
        h.activities.push_back(std::move(*a));
    } else if (auto* c = std::get_if<StageChange>(&event.event)) {
        h.changes.push_back(std::move(*c));
    } else {
        h.attribute_changes.push_back(std::get<AttributeChange>(std::move(event.event)));
    }
}

void merge_into(LeadHistory& h, LeadHistory&& events) {
    const auto append = [](auto& to, auto& from) {
        to.insert(to.end(), std::make_move_iterator(from.begin()),
                  std::make_move_iterator(from.end()));
    };
    append(h.activities, events.activities);
    append(h.changes, events.changes);
    append(h.attribute_changes, events.attribute_changes);
}

std::vector<std::string> conflicting_activities(const LeadHistory& h) {
    std::vector<std::string> out;
    std::map<std::string_view, const Activity*> first;
    for (const Activity& a : h.activities) {
        const auto [it, fresh] = first.emplace(a.id.value(), &a);
        if (fresh || *it->second == a) {
            continue;
        }
        const Activity& x = *it->second;
        out.push_back(
            fmt::format("activity \"{}\" of lead \"{}\" is given twice with different "
                        "contents ({} at {}, {} at {}); the earliest is used",
                        a.id.value(), h.lead.id.value(), x.type, format_instant(x.occurred_at),
                        a.type, format_instant(a.occurred_at)));
    }
    return out;
}

std::optional<PolicySet> load_policies(const std::vector<std::string>& paths) {
    std::vector<Engine> versions;
    bool ok = true;
    for (const std::string& path : paths) {
        const std::optional<std::string> text = read_file(path);
        if (!text) {
            return std::nullopt;
        }
        Loaded<Policy> policy = load_policy(*text, {logger()});
        if (!policy) {
            for (const Error& e : policy.errors()) {
                fmt::print(stderr, "{}\n", diagnostic(path, e));
            }
            ok = false;
            continue;
        }
        versions.emplace_back(std::move(policy).value());
    }
    if (!ok) {
        return std::nullopt;
    }
    Loaded<PolicySet> set = PolicySet::create(std::move(versions));
    if (!set) {
        for (const Error& e : set.errors()) {
            fmt::print(stderr, "leadsla: {}\n", e);
        }
        return std::nullopt;
    }
    return std::move(set).value();
}

std::optional<Instant> parse_now(const std::string& text) {
    Result<Instant> now = parse_instant(text);
    if (!now) {
        fmt::print(stderr, "leadsla: --now: {}\n", now.error());
        return std::nullopt;
    }
    return *now;
}

std::optional<History> load_history(const std::string& leads_path,
                                    const std::string& activities_path,
                                    const std::string& crm_mapping_path,
                                    const Policy& policy) {
    const Schema& schema = policy.schema;
    std::optional<CrmMapping> mapping;
    if (!crm_mapping_path.empty()) {
        const std::optional<std::string> text = read_file(crm_mapping_path);
        if (!text) {
            return std::nullopt;
        }
        Result<CrmMapping> m = parse_crm_mapping(*text, schema);
        if (!m) {
            fmt::print(stderr, "{}\n", diagnostic(crm_mapping_path, m.error()));
            return std::nullopt;
        }
        mapping = *std::move(m);
    }
    const Lifecycle* lifecycle = policy.lifecycle ? &*policy.lifecycle : nullptr;
    History h;
    InputLineReader parser;
    std::map<std::string, std::size_t, std::less<>> index;
    if (mapping) {
        std::optional<CrmInput> crm =
            read_crm_file(leads_path, crm_mapping_path, *mapping, schema, lifecycle, false);
        if (!crm) {
            return std::nullopt;
        }
        h.bad_lines += static_cast<std::size_t>(crm->bad_records);
        h.unseen_mapped_fields = crm->unseen_fields.size();
        for (CrmLead& l : crm->leads) {
            index.emplace(l.lead.id.value(), h.leads.size());
            h.leads.push_back(LeadHistory{
                std::move(l.lead), {}, std::move(l.changes), std::move(l.attribute_changes)});
        }
    } else {
        LineInput leads{leads_path};
        if (!leads.open()) {
            return std::nullopt;
        }
        std::size_t duplicates = 0;
        while (const std::optional<InputLine> next = leads.next()) {
            const std::size_t n = next->number;
            const std::string_view line = next->text;
            if (next->too_long) {
                ++h.bad_lines;
                report_line(leads_path, n, leads.too_long(*next));
                continue;
            }
            if (blank(line)) {
                continue;
            }
            Result<Lead> lead = parser.lead(line, schema);
            if (!lead) {
                ++h.bad_lines;
                report_line(leads_path, n, lead.error());
                continue;
            }
            if (!index.emplace(lead->id.value(), h.leads.size()).second) {
                ++h.bad_lines;
                if (++duplicates <= max_listed) {
                    fmt::print(stderr,
                               "{}:{}: lead \"{}\" appears twice; the later line is skipped\n",
                               leads_path, n, lead->id.value());
                }
                continue;
            }
            h.leads.push_back(LeadHistory{*std::move(lead), {}, {}, {}});
        }
        if (duplicates > max_listed) {
            fmt::print(stderr, "{}: {} later lines of leads seen before were skipped ({} listed)\n",
                       leads_path, duplicates, max_listed);
        }
    }
    if (activities_path.empty()) {
        return h;
    }
    EventReader events{activities_path, schema, mapping ? &*mapping : nullptr, lifecycle};
    if (!events.open()) {
        return std::nullopt;
    }
    std::int64_t bad_events = 0;
    while (std::optional<LeadEvent> event = events.next(bad_events)) {
        const auto it = index.find(event->lead.value());
        if (it == index.end()) {
            ++h.unknown_lead_events;
            continue;
        }
        attach(h.leads[it->second], *std::move(event));
    }
    h.bad_lines += static_cast<std::size_t>(bad_events);
    if (h.unknown_lead_events > 0) {
        fmt::print(stderr, "{}: {} events of leads that {} does not list were skipped\n",
                   activities_path, h.unknown_lead_events, leads_path);
    }
    report_conflicting_activities(h, activities_path);
    return h;
}

std::optional<Inputs> load_inputs(const HistoryOptions& options) {
    std::optional<PolicySet> policies = load_policies(options.policies);
    if (!policies) {
        return std::nullopt;
    }
    const std::optional<Instant> now = parse_now(options.now);
    if (!now) {
        return std::nullopt;
    }
    std::optional<History> history = load_history(
        options.leads, options.activities, options.crm_mapping, policies->in_force(*now).policy());
    if (!history) {
        return std::nullopt;
    }
    RoutingState routing;
    if (!options.routing_state.empty()) {
        const std::optional<std::string> text = read_file(options.routing_state);
        if (!text) {
            return std::nullopt;
        }
        Result<RoutingState> restored = restore_routing_state(*text);
        if (!restored) {
            fmt::print(stderr, "{}\n", diagnostic(options.routing_state, restored.error()));
            return std::nullopt;
        }
        routing = *std::move(restored);
    }
    const std::optional<Router>& router = policies->in_force(*now).policy().routing;
    for (const std::string& owner : options.away) {
        const bool known =
            router && std::any_of(router->spec().owners.begin(), router->spec().owners.end(),
                                  [&](const OwnerSpec& o) { return o.id.value() == owner; });
        if (!known) {
            fmt::print(stderr, "leadsla: --away {}: not an owner of the policy's routing\n", owner);
            return std::nullopt;
        }
        routing.set_away(OwnerId{owner}, true);
    }
    seed_routing(routing, *history);
    return Inputs{std::move(*policies), *now, std::move(*history), std::move(routing)};
}

void seed_routing(RoutingState& state, const History& history) {
    for (auto& [owner, s] : state.owners) {
        s.open = 0;
    }
    for (const LeadHistory& h : history.leads) {
        const Lead& lead = h.lead;
        if (!lead.owner) {
            continue;
        }
        const bool closed = lead.stage == Stage::customer || lead.stage == Stage::nurture ||
                            lead.stage == Stage::disqualified;
        if (!closed) {
            ++state.owners[*lead.owner].open;
        }
        if (lead.account) {
            state.account_owners.try_emplace(*lead.account, *lead.owner);
        }
    }
}

std::vector<Evaluation> evaluate_all(const PolicySet& policies,
                                     const History& history,
                                     Instant now,
                                     ExplainLevel explain,
                                     RoutingState routing) {
    std::vector<std::size_t> order(history.leads.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const Lead& x = history.leads[a].lead;
        const Lead& y = history.leads[b].lead;
        return std::tie(x.created_at, x.id) < std::tie(y.created_at, y.id);
    });
    std::vector<Evaluation> out(history.leads.size());
    const std::optional<Router>& router = policies.in_force(now).policy().routing;
    Progress progress{"evaluating", order.size()};
    for (const std::size_t i : order) {
        const LeadHistory& h = history.leads[i];
        EvaluateOptions options;
        options.explain = explain;
        options.routing = &routing;
        const std::vector<PastAttributes> past = h.past_attributes();
        options.past_attributes = past;
        out[i] = policies.evaluate(h.lead, h.activities, h.changes, now, options);
        if (out[i].owner && router) {
            (void)router->route(h.lead, routing);  // commit the assignment
        }
        progress.tick();
    }
    return out;
}

bool has_breach(const Evaluation& e) {
    return std::any_of(e.timers.begin(), e.timers.end(), [](const TimerResult& t) {
        return t.status == TimerStatus::breached || t.status == TimerStatus::met_late;
    });
}

Explained explain_lead(const PolicySet& policies,
                       const LeadHistory& h,
                       Instant now,
                       const RoutingState& routing) {
    EvaluateOptions options;
    options.explain = ExplainLevel::conditions;
    options.routing = &routing;
    const std::vector<PastAttributes> past = h.past_attributes();
    options.past_attributes = past;
    const Evaluation e = policies.evaluate(h.lead, h.activities, h.changes, now, options);
    return {explanation_text(e, policies.in_force(now).policy(), h.lead, h.activities, h.changes),
            has_breach(e)};
}

}  // namespace leadsla::cli
