// SPDX-License-Identifier: Apache-2.0
// The dashboard's rendering over a large review: builds the example company's scorecard from a
// generated history (the one bench/review_bench.sh makes, grouped by lead), with the drill-down
// the dashboard asks for (10 leads per count), then times `review()`, `review_html` and
// `review_json` on it: medians of REPETITIONS runs, and the page's size.
//
// Usage: leadsla_bench_review_render [DIR] [REPETITIONS] [LEADS_PER_FIGURE]
//   defaults: bench/data/review-1000000 (make it with bench/review_bench.sh), 5, 10
#include <algorithm>
#include <chrono>
#include <fstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include <leadsla/io/lead_json.hpp>
#include <leadsla/metrics/review_format.hpp>
#include <leadsla/metrics/scorecard.hpp>
#include <leadsla/policy/load.hpp>

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

template <typename F>
double median_seconds(int repetitions, F&& f) {
    std::vector<double> runs;
    for (int i = 0; i < repetitions; ++i) {
        const auto start = Clock::now();
        f();
        runs.push_back(seconds_since(start));
    }
    std::sort(runs.begin(), runs.end());
    return runs[runs.size() / 2];
}

std::string read_all(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

int main(int argc, char** argv) {
    const std::string dir = argc > 1 ? argv[1] : "bench/data/review-1000000";
    const int repetitions = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
    const auto per_figure =
        static_cast<std::size_t>(argc > 3 ? std::max(0, std::atoi(argv[3])) : 10);
    leadsla::Loaded<leadsla::Policy> loaded =
        leadsla::load_policy(read_all("examples/company/policy.json"));
    if (!loaded) {
        fmt::print(stderr,
                   "examples/company/policy.json does not load: run from the source "
                   "directory\n");
        return 2;
    }
    std::vector<leadsla::Engine> versions;
    versions.emplace_back(std::move(loaded).value());
    const leadsla::PolicySet policies = leadsla::PolicySet::create(std::move(versions)).value();
    const leadsla::Schema& schema = policies.versions().back().policy().schema;
    const leadsla::ReviewOptions options{leadsla::parse_instant("2025-12-31T23:00:00Z").value(),
                                         leadsla::parse_instant("2026-12-31T23:00:00Z").value(),
                                         leadsla::parse_instant("2026-12-31T17:00:00Z").value(),
                                         leadsla::Period::month,
                                         25,
                                         per_figure};
    leadsla::Scorecard card = leadsla::Scorecard::create(policies, options).value();

    std::ifstream leads(dir + "/leads.ndjson");
    std::ifstream events(dir + "/activities.ndjson");
    if (!leads || !events) {
        fmt::print(stderr,
                   "{}: no leads.ndjson and activities.ndjson (bench/review_bench.sh "
                   "makes them)\n",
                   dir);
        return 2;
    }
    leadsla::InputLineReader reader;
    std::string line;
    std::optional<leadsla::LeadEvent> ahead;
    const auto next_event = [&] {
        ahead.reset();
        while (std::getline(events, line)) {
            if (leadsla::Result<leadsla::LeadEvent> e = reader.event(line, schema)) {
                ahead = *std::move(e);
                return;
            }
        }
    };
    next_event();
    std::int64_t count = 0;
    const auto build = Clock::now();
    while (std::getline(leads, line)) {
        leadsla::Result<leadsla::Lead> lead = reader.lead(line, schema);
        if (!lead) {
            continue;
        }
        std::vector<leadsla::Activity> activities;
        std::vector<leadsla::StageChange> changes;
        while (ahead && ahead->lead == lead->id) {
            if (auto* a = std::get_if<leadsla::Activity>(&ahead->event)) {
                activities.push_back(std::move(*a));
            } else {
                changes.push_back(std::get<leadsla::StageChange>(ahead->event));
            }
            next_event();
        }
        card.add(*lead, activities, changes);
        ++count;
    }
    const double built = seconds_since(build);
    fmt::print(
        "scorecard of {} leads, {} leads per figure: {:.1f} s ({:.0f} leads/s, parsing "
        "included)\n",
        count, per_figure, built, static_cast<double>(count) / built);

    leadsla::Review review;
    const double review_s = median_seconds(repetitions, [&] { review = card.review(); });
    std::string html;
    const double html_s = median_seconds(repetitions, [&] { html = leadsla::review_html(review); });
    std::string json;
    const double json_s = median_seconds(repetitions, [&] { json = leadsla::review_json(review); });
    fmt::print(
        "review(): {:.3f} s; review_html: {:.3f} s ({} bytes); review_json: {:.3f} s ({} "
        "bytes); median of {}\n",
        review_s, html_s, html.size(), json_s, json.size(), repetitions);
    fmt::print("review() + review_html: {:.3f} s (target <= 1 s)\n", review_s + html_s);
    return 0;
}
