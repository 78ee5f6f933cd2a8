// SPDX-License-Identifier: Apache-2.0
// `leadsla report`: the SLA review of a history — targets against actuals, the funnel,
// hand-over, response times, trends, teams and owners — as text, JSON or the HTML dashboard.
#include <map>
#include <memory>
#include <optional>
#include <set>

#include <fmt/format.h>

#include <leadsla/metrics/review_format.hpp>
#include <leadsla/metrics/scorecard.hpp>

#include "commands/history_commands.hpp"
#include "exit_codes.hpp"
#include "history.hpp"
#include "io.hpp"
#include "lead_stream.hpp"
#include "population.hpp"
#include "review_window.hpp"

namespace leadsla::cli {
namespace {

struct ReportOptions {
    std::vector<std::string> policies;
    std::string leads;
    std::string activities;
    std::string crm_mapping;
    WindowOptions window_options;
    std::string period = "month";
    std::vector<std::string> by{"team", "owner"};
    std::string format = "text";
    std::string output;
    std::string fail_on = "missed";
    std::size_t top = 25;
    std::optional<std::size_t> leads_per_figure;
    std::size_t jobs = 1;
};

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
    const WindowResult window = resolve_window(o.window_options, *policies);
    if (!window.window) {
        return usage(window.error);
    }
    const auto [from, to, as_of] = *window.window;
    const ReviewOptions options{
        from,  to,
        as_of, *period,
        o.top, o.leads_per_figure.value_or(o.format == "html" ? default_leads_per_figure : 0)};
    Result<Scorecard> created = Scorecard::create(*policies, options);
    if (!created) {
        return usage(fmt::format("{}", created.error()));
    }
    const std::optional<Accumulated<Scorecard>> card = accumulate_leads<Scorecard>(
        o.leads, o.activities, o.crm_mapping, policies->in_force(as_of).policy(), o.jobs,
        [&] { return *created; });
    if (!card) {
        return exit_usage;
    }
    const Review review = card->all.review();
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
    if (!write_output(o.output, text)) {
        return exit_usage;
    }
    return fails(review, o.fail_on) || card->counts.bad_lines > 0 ? exit_findings : exit_ok;
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
    o->window_options.add_to(*cmd);
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
