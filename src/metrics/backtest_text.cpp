// SPDX-License-Identifier: Apache-2.0
// A backtest for the review meeting, as text.
#include <algorithm>
#include <array>
#include <iterator>

#include <leadsla/metrics/backtest_format.hpp>

#include "metrics/review_figures.hpp"

namespace leadsla {
namespace {

using Out = std::back_insert_iterator<std::string>;

/// `10 met, 2 MISSED` over a target's periods (the running one by its projection).
std::string periods_summary(const TargetReview& t) {
    std::array<std::size_t, 5> n{};
    for (const TargetPeriod& p : t.periods) {
        ++n[static_cast<std::size_t>(p.status)];
    }
    std::string out;
    for (const TargetStatus s : {TargetStatus::met, TargetStatus::missed, TargetStatus::on_track,
                                 TargetStatus::at_risk, TargetStatus::no_data}) {
        if (n[static_cast<std::size_t>(s)] > 0) {
            out += fmt::format("{}{} {}", out.empty() ? "" : ", ", n[static_cast<std::size_t>(s)],
                               detail::status_mark(s));
        }
    }
    return out.empty() ? "-" : out;
}

void write_targets(Out out, const BacktestResult& r) {
    if (r.current.targets.empty() && r.candidate.targets.empty()) {
        return;
    }
    const auto find = [](const Review& review, const std::string& id) -> const TargetReview* {
        const auto it = std::find_if(review.targets.begin(), review.targets.end(),
                                     [&](const TargetReview& t) { return t.target.id == id; });
        return it == review.targets.end() ? nullptr : &*it;
    };
    std::vector<std::string> ids;
    for (const Review* review : {&r.current, &r.candidate}) {
        for (const TargetReview& t : review->targets) {
            if (std::find(ids.begin(), ids.end(), t.target.id) == ids.end()) {
                ids.push_back(t.target.id);
            }
        }
    }
    const auto stated = [](const TargetReview* x) {
        return x == nullptr
                   ? std::string{"(not a target)"}
                   : fmt::format("{} {}", x->target.at_least ? ">=" : "<=", x->target.value);
    };
    const auto summary = [](const TargetReview* x) {
        return x == nullptr ? std::string{"-"} : periods_summary(*x);
    };
    // The current column is as wide as its widest cell, and two spaces more.
    std::size_t width = 28;
    for (const std::string& id : ids) {
        const TargetReview* cur = find(r.current, id);
        width = std::max({width, stated(cur).size() + 2, summary(cur).size() + 2});
    }
    fmt::format_to(out, "\nAgreement targets (periods met)           {:<{}}{}\n", "current", width,
                   "candidate");
    for (const std::string& id : ids) {
        const TargetReview* cur = find(r.current, id);
        const TargetReview* cand = find(r.candidate, id);
        const AgreementTarget& t = cur != nullptr ? cur->target : cand->target;
        fmt::format_to(out, "  {}: {} per {}\n", id, detail::target_subject(t), t.period);
        fmt::format_to(out, "    {:<38}{:<{}}{}\n", "target", stated(cur), width, stated(cand));
        fmt::format_to(out, "    {:<38}{:<{}}{}\n", "periods", summary(cur), width, summary(cand));
    }
}

void write_figures(Out out, const BacktestResult& r) {
    const std::vector<SeriesDelta> all = series_deltas(r.current, r.candidate, true);
    std::size_t same = 0;
    std::vector<const SeriesDelta*> differ;
    for (const SeriesDelta& d : all) {
        if (d.dimension != Dimension::all) {
            continue;
        }
        if (d.current == d.candidate) {
            ++same;
        } else {
            differ.push_back(&d);
        }
    }
    fmt::format_to(out, "\nFigures that differ (the whole window, all leads)\n");
    if (differ.empty()) {
        fmt::format_to(out, "  none: all {} figures are the same\n", same);
        return;
    }
    // Each column as wide as its widest cell, and two spaces more.
    std::array<std::size_t, 3> width{40, 28, 28};
    const auto name_of = [](const SeriesDelta& d) {
        return d.detail.empty() ? d.metric : fmt::format("{}({})", d.metric, d.detail);
    };
    for (const SeriesDelta* d : differ) {
        width[0] = std::max(width[0], name_of(*d).size() + 2);
        width[1] = std::max(width[1], to_string(d->current).size() + 2);
        width[2] = std::max(width[2], to_string(d->candidate).size() + 2);
    }
    fmt::format_to(out, "  {:<{}}{:<{}}{:<{}}{}\n", "figure", width[0], "current", width[1],
                   "candidate", width[2], "change");
    for (const SeriesDelta* d : differ) {
        fmt::format_to(out, "  {:<{}}{:<{}}{:<{}}{}\n", name_of(*d), width[0],
                       to_string(d->current), width[1], to_string(d->candidate), width[2],
                       d->change_text());
    }
    fmt::format_to(out, "  ({} other figures are the same; the JSON has every breakdown)\n", same);
}

void write_leads(Out out, const BacktestResult& r, const BacktestTextOptions& o) {
    fmt::format_to(out, "\nLeads that changed: {} of {}\n", r.leads_changed, r.current.leads);
    for (const DifferenceCount& c : r.counts) {
        fmt::format_to(out, "  {:<40}{}\n", fmt::format("{} {}", c.kind, c.subject), c.leads);
    }
    if (r.differences.empty() || o.leads == 0) {
        return;
    }
    // The first leads, each with all its differences.
    std::vector<std::string> shown;
    std::string lines;
    for (const LeadDifference& d : r.differences) {
        if (shown.empty() || shown.back() != d.lead) {
            if (shown.size() == o.leads) {
                break;
            }
            shown.push_back(d.lead);
        }
        lines += fmt::format("  {}\n", d);
    }
    const bool more = r.truncated || shown.size() < static_cast<std::size_t>(r.leads_changed);
    fmt::format_to(out, "\n{}, by id\n{}",
                   more ? fmt::format("The first {} leads that changed", shown.size())
                        : std::string{"Every lead that changed"},
                   lines);
    if (more) {
        fmt::format_to(out, "  ... ({} leads in all; --format json lists more)\n", r.leads_changed);
    }
}

}  // namespace

std::string backtest_text(const BacktestResult& r, const BacktestTextOptions& options) {
    std::string text;
    const Out out{text};
    fmt::format_to(out, "Backtest of {}: current {} against candidate {}\n", r.current.policy_id,
                   r.current.policy_version, r.candidate.policy_version);
    fmt::format_to(out, "  current   {} {}\n  candidate {} {}\n", r.current.policy_version,
                   r.current.policy_hash, r.candidate.policy_version, r.candidate.policy_hash);
    // Why the candidate was proposed, when it says.
    for (const PolicyVersionNote& v : r.candidate.policy_versions) {
        if (v.version == r.candidate.policy_version && v.rationale) {
            fmt::format_to(out, "  why the candidate: {}\n", *v.rationale);
        }
    }
    fmt::format_to(out, "Window {} .. {} by {} ({}), as of {}\n", format_instant(r.current.from),
                   format_instant(r.current.to), r.current.period, r.current.zone,
                   format_instant(r.current.as_of));
    fmt::format_to(out,
                   "{} leads, each replayed under both policies from the same history: "
                   "qualification\nre-derived from the facts, people's decisions kept with "
                   "their delays after it; the current\npolicy's replay differs from the "
                   "reported stages for {} leads\n",
                   r.current.leads, r.replay_differs_from_reported);
    if (r.current.bad_input > 0) {
        fmt::format_to(out, "{} input items could not be read and are not counted\n",
                       r.current.bad_input);
    }
    write_targets(out, r);
    write_figures(out, r);
    write_leads(out, r, options);
    return text;
}

}  // namespace leadsla
