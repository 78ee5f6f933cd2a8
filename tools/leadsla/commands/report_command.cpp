// SPDX-License-Identifier: Apache-2.0
// `leadsla report`: the SLA review of a history — targets against actuals, the funnel,
// hand-over, response times, trends, teams and owners — as text, JSON or the HTML dashboard.
#include <charconv>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include <date/date.h>
#include <fmt/format.h>

#include <leadsla/metrics/review_format.hpp>
#include <leadsla/metrics/scorecard.hpp>

#include "commands/history_commands.hpp"
#include "exit_codes.hpp"
#include "history.hpp"
#include "lead_stream.hpp"

namespace leadsla::cli {
namespace {

struct ReportOptions {
    std::vector<std::string> policies;
    std::string leads;
    std::string activities;
    std::string crm_mapping;
    std::string window;
    std::string from;
    std::string to;
    std::string as_of;
    std::string period = "month";
    std::vector<std::string> by{"team", "owner"};
    std::string format = "text";
    std::string output;
    std::string fail_on = "missed";
    std::size_t top = 25;
    std::optional<std::size_t> leads_per_figure;
    std::size_t jobs = 1;
};

/// `2026`, `2026-Q4`, `2026-11`, `2026-W48`, `2026-11-30` as `[from, to)` in `zone`.
Result<std::pair<Instant, Instant>> named_window(std::string_view text, const Zone& zone) {
    const auto number = [](std::string_view s) -> std::optional<int> {
        int v = 0;
        const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        return ec == std::errc{} && end == s.data() + s.size() ? std::optional{v} : std::nullopt;
    };
    const auto bad = Error{ErrorCode::parse_syntax, "--window",
                           fmt::format("\"{}\" is not a period: write 2026, 2026-Q4, 2026-11, "
                                       "2026-W48 or 2026-11-30",
                                       text)};
    if (text.size() < 4) {
        return bad;
    }
    const std::optional<int> year = number(text.substr(0, 4));
    if (!year) {
        return bad;
    }
    const date::year y{*year};
    date::local_days first;
    date::local_days next;
    const std::string_view rest = text.substr(4);
    if (rest.empty()) {
        first = date::local_days{y / date::January / 1};
        next = date::local_days{(y + date::years{1}) / date::January / 1};
    } else if (rest.size() == 3 && rest[0] == '-' && rest[1] == 'Q' && rest[2] >= '1' &&
               rest[2] <= '4') {
        const auto q = static_cast<unsigned>(rest[2] - '0');
        first = date::local_days{y / date::month{(q - 1) * 3 + 1} / 1};
        next = date::local_days{(y / date::month{(q - 1) * 3 + 1} + date::months{3}) / 1};
    } else if (rest.size() == 4 && rest[0] == '-' && rest[1] == 'W') {
        const std::optional<int> w = number(rest.substr(2));
        // ISO week 1 holds 4 January; weeks start on Monday.
        const date::local_days jan4{y / date::January / 4};
        const date::local_days week1 = jan4 - (date::weekday{jan4} - date::Monday);
        if (!w || *w < 1 || *w > 53) {
            return bad;
        }
        first = week1 + date::days{7 * (*w - 1)};
        next = first + date::days{7};
    } else if (rest.size() == 3 && rest[0] == '-') {
        const std::optional<int> m = number(rest.substr(1));
        if (!m || *m < 1 || *m > 12) {
            return bad;
        }
        first = date::local_days{y / date::month{static_cast<unsigned>(*m)} / 1};
        next = date::local_days{(y / date::month{static_cast<unsigned>(*m)} + date::months{1}) / 1};
    } else {
        Result<CivilDate> d = parse_civil_date(text);
        if (!d) {
            return bad;
        }
        first = date::local_days{*d};
        next = first + date::days{1};
    }
    return std::pair{zone.to_instant(LocalTime{first}), zone.to_instant(LocalTime{next})};
}

/// The reporting zone of the policy's agreement.
std::optional<Zone> reporting_zone(const Policy& p) {
    if (!p.agreement) {
        return std::nullopt;
    }
    if (!p.agreement->calendar.empty()) {
        return p.calendars.at(p.agreement->calendar).zone();
    }
    Result<Zone> z = Zone::locate(p.agreement->zone);
    return z ? std::optional{*z} : std::nullopt;
}

/// Whether the review has a finding `fail_on` names.
bool fails(const Review& r, const std::string& fail_on) {
    if (fail_on == "never") {
        return false;
    }
    if (fail_on == "breach") {
        return r.breach_count > 0;
    }
    for (const TargetReview& t : r.targets) {
        for (const TargetPeriod& p : t.periods) {
            if (p.status == TargetStatus::missed ||
                (fail_on == "at_risk" && p.status == TargetStatus::at_risk)) {
                return true;
            }
        }
    }
    return false;
}

/// The dashboard's drill-down: each count keeps this many leads unless told otherwise.
constexpr std::size_t default_leads_per_figure = 10;
/// The dashboard explains the first this many leads it lists (about 3 KB each): the bundled
/// company's page stays under 2 MiB.
constexpr std::size_t explained_leads = 300;

/// The explanations at `as_of` of the first leads the dashboard lists (the breaches, then the
/// drill-down lists), read again from the inputs. Leads read from stdin cannot be read twice:
/// the dashboard then lists them without explanations, and says so on stderr.
std::map<std::string, std::string, std::less<>> explain_listed(const ReportOptions& o,
                                                               const PolicySet& policies,
                                                               const Review& review,
                                                               const ReviewHtmlOptions& html) {
    std::map<std::string, std::string, std::less<>> out;
    std::vector<std::string> leads = review_html_leads(review, html);
    leads.resize(std::min(leads.size(), explained_leads));
    const std::set<std::string, std::less<>> listed(leads.begin(), leads.end());
    if (listed.empty()) {
        return out;
    }
    if (o.leads == "-" || o.activities == "-") {
        fmt::print(stderr,
                   "leadsla: the dashboard lists leads without their explanations: input read "
                   "from stdin cannot be read again\n");
        return out;
    }
    LeadSink sink;
    sink.quiet = true;
    sink.each = [&](const LeadHistory& h) {
        if (listed.contains(h.lead.id.value())) {
            out.insert_or_assign(h.lead.id.value(), explain_lead(policies, h, review.as_of).text);
        }
    };
    sink.restart = [&] { out.clear(); };
    if (!for_each_lead(o.leads, o.activities, o.crm_mapping,
                       policies.in_force(review.as_of).policy(), sink)) {
        out.clear();
    }
    return out;
}

int run_report(const ReportOptions& o) {
    const std::optional<PolicySet> policies = load_policies(o.policies);
    if (!policies) {
        return exit_usage;
    }
    const auto usage = [](const std::string& message) {
        fmt::print(stderr, "leadsla: {}\n", message);
        return exit_usage;
    };
    const std::optional<Period> period = parse_period(o.period);
    if (!period) {
        return usage(
            fmt::format("--by-period: \"{}\" is not day, week, month, quarter or year", o.period));
    }
    std::vector<Dimension> by;
    for (const std::string& d : o.by) {
        const std::optional<Dimension> dim = parse_dimension(d);
        if (!dim || *dim == Dimension::all) {
            return usage(fmt::format(
                "--by: \"{}\" is not segment, source, campaign, owner, team or grade", d));
        }
        by.push_back(*dim);
    }
    if (o.format != "text" && o.format != "json" && o.format != "html") {
        return usage(fmt::format("--format: \"{}\" is not text, json or html", o.format));
    }
    // The window: named in the reporting zone of the version in force at its end, or given.
    Instant from;
    Instant to;
    if (!o.window.empty()) {
        if (!o.from.empty() || !o.to.empty()) {
            return usage("give --window, or --from and --to, not both");
        }
        const Policy& latest = policies->versions().back().policy();
        const std::optional<Zone> zone = reporting_zone(latest);
        if (!zone) {
            return usage(
                fmt::format("policy {} {} has no agreement with a reporting calendar "
                            "or zone (docs/metrics.md)",
                            latest.id, latest.version));
        }
        Result<std::pair<Instant, Instant>> w = named_window(o.window, *zone);
        if (!w) {
            return usage(fmt::format("{}", w.error()));
        }
        std::tie(from, to) = *w;
    } else {
        if (o.from.empty() || o.to.empty()) {
            return usage(
                "give the window: --window 2026-11 (or 2026, 2026-Q4, 2026-W48), or "
                "--from and --to");
        }
        Result<Instant> f = parse_instant(o.from);
        Result<Instant> t = parse_instant(o.to);
        if (!f || !t) {
            return usage(fmt::format("--from / --to: {}", !f ? f.error() : t.error()));
        }
        from = *f;
        to = *t;
    }
    Instant as_of = to;
    if (!o.as_of.empty()) {
        Result<Instant> a = parse_instant(o.as_of);
        if (!a) {
            return usage(fmt::format("--as-of: {}", a.error()));
        }
        as_of = *a;
    }
    const ReviewOptions options{
        from,  to,
        as_of, *period,
        o.top, o.leads_per_figure.value_or(o.format == "html" ? default_leads_per_figure : 0)};
    Result<Scorecard> created = Scorecard::create(*policies, options);
    if (!created) {
        return usage(fmt::format("{}", created.error()));
    }
    // One scorecard per worker (a partition of the leads), merged at the end: the same review
    // whatever the number of jobs.
    std::vector<Scorecard> cards(std::max<std::size_t>(o.jobs, 1), *created);
    ParallelSink sink;
    sink.each = [&](std::size_t worker, const LeadHistory& h) {
        cards[worker].add(h.lead, h.activities, h.changes, h.past_attributes());
    };
    sink.restart = [&] {
        std::fill(cards.begin(), cards.end(), Scorecard::create(*policies, options).value());
    };
    sink.sequential.each = [&](const LeadHistory& h) {
        cards[0].add(h.lead, h.activities, h.changes, h.past_attributes());
    };
    sink.sequential.restart = sink.restart;
    const std::optional<StreamCounts> counts = for_each_lead_parallel(
        o.leads, o.activities, o.crm_mapping, policies->in_force(as_of).policy(), o.jobs, sink);
    if (!counts) {
        return exit_usage;
    }
    std::optional<Scorecard> card{std::move(cards[0])};
    for (std::size_t i = 1; i < cards.size(); ++i) {
        card = merge(std::move(*card), cards[i]).value();  // same options: cannot fail
    }
    card->add_bad_input(counts->bad_lines + counts->unknown_lead_events + counts->duplicate_leads);
    if (counts->unknown_lead_events > 0) {
        fmt::print(stderr, "{}: {} events of leads that {} does not list were not counted\n",
                   o.activities, counts->unknown_lead_events, o.leads);
    }
    if (counts->duplicate_leads > 0) {
        fmt::print(stderr, "{}: {} lines repeat a lead id; the first line of each was used\n",
                   o.leads, counts->duplicate_leads);
    }
    const Review review = card->review();
    std::string text;
    if (o.format == "json") {
        text = review_json(review);
    } else if (o.format == "html") {
        ReviewHtmlOptions html{by, {}};
        html.explanations = explain_listed(o, *policies, review, html);
        text = review_html(review, html);
    } else {
        text = review_text(review, ReviewTextOptions{by});
    }
    if (o.output.empty()) {
        fmt::print("{}", text);
    } else {
        std::ofstream out(o.output, std::ios::binary);
        out << text;
        if (!out) {
            fmt::print(stderr, "leadsla: cannot write {}\n", o.output);
            return exit_usage;
        }
    }
    return fails(review, o.fail_on) || counts->bad_lines > 0 ? exit_findings : exit_ok;
}

}  // namespace

void add_report_command(CLI::App& app, int& exit_code) {
    auto o = std::make_shared<ReportOptions>();
    CLI::App* cmd = app.add_subcommand(
        "report",
        "The SLA review of a history (docs/metrics.md): the agreement's targets against actuals\n"
        "per period (met, missed, and the running period's projection), the funnel with\n"
        "conversion between stages, acceptance and rejection reasons, response times, the\n"
        "trend of on-time rates, teams and owners, the most recent breaches.\n"
        "Exit 0, or 1 when a finding --fail-on names (default: a missed target) or an input\n"
        "line was refused; 2 on usage or I/O errors.");
    cmd->add_option("--policy", o->policies,
                    "Policy JSON; repeat it for several versions of one policy")
        ->required();
    cmd->add_option("--leads", o->leads, "Leads NDJSON")->required();
    cmd->add_option("--activities", o->activities,
                    "History NDJSON (activities and stage changes); streamed when grouped by "
                    "lead in the leads file's order");
    cmd->add_option("--crm-mapping", o->crm_mapping,
                    "Read --leads as CRM records through this mapping file");
    cmd->add_option("--window", o->window,
                    "The window as a period in the reporting zone: 2026, 2026-Q4, 2026-11, "
                    "2026-W48 or 2026-11-30");
    cmd->add_option("--from", o->from, "The window's start (RFC 3339), with --to");
    cmd->add_option("--to", o->to, "The window's end, exclusive (RFC 3339)");
    cmd->add_option("--as-of", o->as_of,
                    "Count only what was known at this instant (RFC 3339); default: the window's "
                    "end");
    cmd->add_option("--by-period", o->period,
                    "The periods of the figures: day, week, month (default), quarter, year");
    cmd->add_option("--by", o->by,
                    "Breakdowns shown as tables: segment, source, campaign, owner, team, grade "
                    "(default: team owner; JSON has them all)")
        ->delimiter(',');
    cmd->add_option("--format", o->format,
                    "text (default), json (docs/review.schema.json) or html (the dashboard, "
                    "docs/dashboard.md)");
    cmd->add_option("--output", o->output, "Write the report to this file instead of stdout");
    cmd->add_option("--fail-on", o->fail_on,
                    "Exit 1 on: missed (a closed period missed a target; default), at_risk (or "
                    "the running period is projected to miss), breach (any SLA breach), never")
        ->check(CLI::IsMember({"missed", "at_risk", "breach", "never"}));
    cmd->add_option("--top", o->top, "How many breaches to list (25)");
    cmd->add_option("--leads-per-figure", o->leads_per_figure,
                    "The drill-down: each count keeps its N leads with the most recent facts "
                    "(default 10 with --format html, else 0; JSON lists them per series)");
    cmd->add_option("--jobs", o->jobs,
                    "Threads that parse and evaluate the leads, each into its own scorecard, "
                    "merged at the end (the same report for any number; default 1)")
        ->check(CLI::Range(1, 64));
    cmd->callback([o, &exit_code] { exit_code = run_report(*o); });
}

}  // namespace leadsla::cli
