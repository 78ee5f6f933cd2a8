// SPDX-License-Identifier: Apache-2.0
// `leadsla summary`: the quarterly review of an SLA in one report.
#include <algorithm>
#include <array>
#include <map>
#include <memory>

#include <fmt/format.h>

#include <leadsla/lifecycle/volume.hpp>

#include "commands/history_commands.hpp"
#include "commands/history_options.hpp"
#include "exit_codes.hpp"
#include "history.hpp"

namespace leadsla::cli {
namespace {

struct SummaryOptions {
    HistoryOptions inputs;
    std::size_t breaches_shown = 15;
};

/// Timer statuses in the columns of the SLA table, and their headings.
constexpr std::array<TimerStatus, 8> columns{TimerStatus::met_on_time, TimerStatus::met_late,
                                             TimerStatus::breached,    TimerStatus::running,
                                             TimerStatus::paused,      TimerStatus::pending,
                                             TimerStatus::cancelled,   TimerStatus::unresolved};
constexpr std::array<const char*, columns.size()> headings{
    "met", "met late", "breached", "running", "paused", "pending", "cancelled", "unresolved"};

struct Counts {
    std::array<std::size_t, columns.size()> by_status{};
    /// Business time from start to stop of met clocks: < 1 h, 1–4 h, 4–24 h, > 24 h.
    std::array<std::size_t, 4> response{};

    void add(const TimerResult& t) {
        const auto c = std::find(columns.begin(), columns.end(), t.status);
        if (c != columns.end()) {
            ++by_status[static_cast<std::size_t>(c - columns.begin())];
        }
        if (t.status == TimerStatus::met_on_time || t.status == TimerStatus::met_late) {
            const std::int64_t s = t.elapsed.count();
            ++response[s < 3600 ? 0 : s < 4 * 3600 ? 1 : s < 24 * 3600 ? 2 : 3];
        }
    }
    [[nodiscard]] std::size_t met() const { return by_status[0] + by_status[1]; }
    [[nodiscard]] std::size_t decided() const { return met() + by_status[2]; }
};

std::string percent(std::size_t part, std::size_t whole) {
    if (whole == 0) {
        return "-";
    }
    return fmt::format("{:.1f}%", 100.0 * static_cast<double>(part) / static_cast<double>(whole));
}

void print_counts_row(const std::string& label, const Counts& c) {
    fmt::print("  {:<24}", label);
    for (const std::size_t n : c.by_status) {
        fmt::print(" {:>10}", n);
    }
    // On time: met on time among the clocks that are decided (met, late or breached).
    fmt::print(" {:>8}\n", percent(c.by_status[0], c.decided()));
}

int run_summary(const SummaryOptions& o) {
    std::optional<Inputs> in = load_inputs(o.inputs);
    if (!in) {
        return exit_usage;
    }
    const PolicySet& policies = in->policies;
    const Instant now = in->now;
    const Engine& engine = policies.in_force(now);
    const History& history = in->history;
    const Policy& p = engine.policy();
    const std::vector<Evaluation> results =
        evaluate_all(policies, history, now, ExplainLevel::none);

    fmt::print("SLA compliance report: policy {} {} ({})\n", p.id, p.version, p.content_hash);
    if (policies.versions().size() > 1) {
        fmt::print("versions:");
        for (const Engine& v : policies.versions()) {
            fmt::print(" {} from {};", v.policy().version,
                       v.policy().effective_from ? format_instant(*v.policy().effective_from)
                                                 : std::string{"the start"});
        }
        fmt::print(" each clock is judged under the version in force when it started\n");
    }
    std::size_t activities = 0;
    Instant first = now;
    for (const LeadHistory& h : history.leads) {
        activities += h.activities.size();
        first = std::min(first, h.lead.created_at);
    }
    fmt::print("{} leads created {} .. {}, {} activities; evaluated at {}\n", results.size(),
               format_instant(first).substr(0, 10), format_instant(now).substr(0, 10), activities,
               format_instant(now));

    // Funnel: the stage each lead is in, and what the policy recommends.
    std::map<Stage, std::size_t> stages;
    std::map<std::pair<Stage, Stage>, std::size_t> moves;
    for (std::size_t i = 0; i < results.size(); ++i) {
        ++stages[history.leads[i].lead.stage];
        if (results[i].stage && results[i].stage->changes()) {
            ++moves[{results[i].stage->current, results[i].stage->recommended}];
        }
    }
    fmt::print("\nLeads per stage (as reported)\n");
    for (const auto& [stage, n] : stages) {
        fmt::print("  {:<14} {:>6}  {:>6}\n", to_string(stage), n, percent(n, results.size()));
    }
    if (!moves.empty()) {
        fmt::print("Stage changes the policy recommends now\n");
        for (const auto& [move, n] : moves) {
            fmt::print("  {:<14} -> {:<14} {:>5}\n", to_string(move.first), to_string(move.second),
                       n);
        }
    }

    // Volume targets (e.g. 60 MQLs a month), per calendar month (UTC), from the reported
    // stage changes; the current month with its projection.
    if (p.lifecycle) {
        std::vector<StageChange> all;
        for (const LeadHistory& h : history.leads) {
            all.insert(all.end(), h.changes.begin(), h.changes.end());
        }
        for (const VolumeTarget& t : p.lifecycle->spec().volume_targets) {
            const std::vector<MonthlyVolume> months = monthly_volume(t, all, now);
            std::size_t met = 0;
            for (const MonthlyVolume& m : months) {
                met += m.met ? 1U : 0U;
            }
            fmt::print(
                "Volume target {}: at least {} entries into {} a month; met in {} of {} "
                "months",
                t.id, t.at_least, t.stage, met, months.size());
            for (std::size_t i = 0; i < months.size(); ++i) {
                const MonthlyVolume& m = months[i];
                fmt::print("{}{} {:>4}{}", i % 6 == 0 ? "\n  " : "   ", m.month, m.entries,
                           m.met ? "*" : " ");
            }
            if (!months.empty() && months.back().projected > 0) {
                const MonthlyVolume& last = months.back();
                fmt::print("\n  {} so far {}, projected {}: {}", last.month, last.entries,
                           last.projected, last.projected >= t.at_least ? "on track" : "behind");
            }
            fmt::print("\n  (* = met)\n");
        }
    }

    // SLAs, per SLA and segment.
    std::map<std::string, std::map<std::string, Counts>> per_sla;
    std::vector<std::string> sla_order;
    struct Breach {
        Instant at;
        std::string lead;
        std::string sla;
        std::string segment;
        std::string owner;
        BusinessDuration elapsed;
        TimerStatus status;
    };
    std::vector<Breach> breaches;
    std::map<std::string, std::size_t> judged_under;  // started clocks per policy version
    for (std::size_t i = 0; i < results.size(); ++i) {
        const Evaluation& e = results[i];
        const Lead& lead = history.leads[i].lead;
        for (const TimerResult& t : e.timers) {
            if (t.status == TimerStatus::not_applicable) {
                continue;
            }
            if (std::find(sla_order.begin(), sla_order.end(), t.sla) == sla_order.end()) {
                sla_order.push_back(t.sla);
            }
            const std::string segment =
                !t.segment.empty()
                    ? t.segment
                    : (e.segments.empty() ? std::string{"-"} : e.segments.front().value);
            per_sla[t.sla][segment].add(t);
            if (t.started_at) {
                ++judged_under[t.policy_version];
            }
            per_sla[t.sla]["(all)"].add(t);
            if (t.breached_at) {
                breaches.push_back({*t.breached_at, lead.id.value(), t.sla, segment,
                                    lead.owner ? lead.owner->value() : std::string{"-"}, t.elapsed,
                                    t.status});
            }
        }
    }
    fmt::print(
        "\nSLA clocks at {} (met = met on time; on time = met / (met + met late + breached))\n",
        format_instant(now));
    fmt::print("  {:<24}", "sla / segment");
    for (const char* heading : headings) {
        fmt::print(" {:>10}", heading);
    }
    fmt::print(" {:>8}\n", "on time");
    for (const std::string& sla : sla_order) {
        fmt::print("  {}\n", sla);
        for (const auto& [segment, counts] : per_sla[sla]) {
            if (segment != "(all)") {
                print_counts_row("  " + segment, counts);
            }
        }
        print_counts_row("  (all)", per_sla[sla]["(all)"]);
    }

    if (judged_under.size() > 1) {
        fmt::print("  started clocks judged under each version:");
        for (const auto& [version, n] : judged_under) {
            fmt::print(" {} {};", version, n);
        }
        fmt::print("\n");
    }

    fmt::print("\nResponse time: business time from start to stop of met clocks\n");
    fmt::print("  {:<24} {:>9} {:>9} {:>9} {:>9}\n", "sla", "< 1h", "1-4h", "4-24h", "> 24h");
    for (const std::string& sla : sla_order) {
        const Counts& c = per_sla[sla]["(all)"];
        if (c.met() == 0) {
            continue;
        }
        fmt::print("  {:<24}", sla);
        for (const std::size_t n : c.response) {
            fmt::print(" {:>9}", fmt::format("{} {}", n, percent(n, c.met())));
        }
        fmt::print("\n");
    }

    std::sort(breaches.begin(), breaches.end(), [](const Breach& a, const Breach& b) {
        return std::tie(a.at, a.lead, a.sla) > std::tie(b.at, b.lead, b.sla);
    });
    fmt::print("\nBreaches: {} (the {} most recent)\n", breaches.size(),
               std::min(breaches.size(), o.breaches_shown));
    for (std::size_t i = 0; i < breaches.size() && i < o.breaches_shown; ++i) {
        const Breach& b = breaches[i];
        fmt::print("  {}  {:<10} {:<20} {:<12} owner {:<10} {} ({} counted)\n",
                   format_instant(b.at), b.lead, b.sla, b.segment, b.owner, b.status, b.elapsed);
    }
    if (history.bad_lines > 0) {
        fmt::print("\n{} input lines were invalid and skipped (see stderr)\n", history.bad_lines);
    }
    return breaches.empty() && history.bad_lines == 0 ? exit_ok : exit_findings;
}

}  // namespace

void add_summary_command(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<SummaryOptions>();
    CLI::App* cmd = app.add_subcommand(
        "summary",
        "Population figures of a history at --now, for the SLA review: leads per stage, each\n"
        "SLA's clocks per segment (met on time, met late, breached, running, ...), response-time\n"
        "buckets (< 1h, 1-4h, 4-24h, > 24h of business time) and the most recent breaches.\n"
        "Exit 0 when nothing is breached, 1 when something is, 2 on usage or I/O errors.");
    options->inputs.add_to(*cmd);
    cmd->add_option("--breaches", options->breaches_shown, "How many breaches to list (15)");
    cmd->callback([options, &exit_code] { exit_code = run_summary(*options); });
}

}  // namespace leadsla::cli
