// SPDX-License-Identifier: Apache-2.0
// The shared peer workload (20-rule lead scoring, 100,000 leads; ../shared/peers/WORKLOAD.md)
// under the same protocol as the peer engines: single thread, one lead at a time, a 20,000-lead
// warm-up, then timed passes "excluding parsing" (prepared records in memory) and "including
// parsing" (NDJSON line -> record -> score). A hand-written C++ function computes the same outputs
// in the same run. Every output line of every pass is checked against the expected SHA-256.
//
// Usage: leadsla_bench_peer_workload [LEADS.ndjson] [POLICY.json] [REPETITIONS]
//   defaults: bench/data/leads-100k.ndjson, examples/policies/peer_lead_scoring.json, 5
//   make the leads with: node ../shared/peers/gen_leads.js --n 100000 --out
//   bench/data/leads-100k.ndjson
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include <leadsla/io/line_scorer.hpp>
#include <leadsla/policy/load.hpp>

#include "io/lead_line_reader.hpp"
#include "scoring/shared/bulk_scoring.hpp"
#include "sha256.hpp"

namespace {

using Clock = std::chrono::steady_clock;
constexpr const char* expected_sha256 =
    "2d1cf8e8223a0f8f376d7d58a74f2f6de2acfd6e15042664464b225be7a33a91";

struct Output {
    std::int64_t fit = 0;
    std::int64_t engagement = 0;
    bool mql = false;
};

/// The lead as a hand-written program would hold it: numbers, and the strings as small ids
/// (the same interning leadsla's records use, so both start from the same native input).
struct PeerLead {
    std::int64_t employees, revenue, visits, whitepapers, webinars, email_clicks, pricing_visits;
    std::int64_t industry, country, seniority;
    bool budget, unsubscribed;
};

/// The peer workload written by hand, as `lib/reference.js` does it.
struct HandWritten {
    std::int64_t software, financial_services, manufacturing, healthcare, logistics;
    std::int64_t de, at, ch, fr, nl, be, it, es, se, dk, pl, ie;
    std::int64_t c_level, vp, director, student;

    [[nodiscard]] Output operator()(const PeerLead& l) const {
        const bool core = l.industry == software || l.industry == financial_services ||
                          l.industry == manufacturing || l.industry == healthcare ||
                          l.industry == logistics;
        std::int64_t fit = 0;
        if (l.employees >= 1000) {
            fit += 15;
        } else if (l.employees >= 200) {
            fit += 10;
        } else if (l.employees >= 20) {
            fit += 5;
        }
        if (core) {
            fit += 10;
        }
        if (l.country == de || l.country == at || l.country == ch) {
            fit += 8;
        } else if (l.country == fr || l.country == nl || l.country == be || l.country == it ||
                   l.country == es || l.country == se || l.country == dk || l.country == pl ||
                   l.country == ie) {
            fit += 4;
        }
        if (l.seniority == c_level || l.seniority == vp) {
            fit += 12;
        } else if (l.seniority == director) {
            fit += 7;
        } else if (l.seniority == student) {
            fit -= 10;
        }
        if (l.budget) {
            fit += 8;
        }
        if (l.revenue >= 100000000) {
            fit += 10;
        } else if (l.revenue >= 10000000) {
            fit += 5;
        }
        std::int64_t eng = 0;
        if (l.visits >= 10) {
            eng += 15;
        } else if (l.visits >= 3) {
            eng += 8;
        }
        if (l.whitepapers >= 1) {
            eng += 10;
        }
        if (l.whitepapers >= 3) {
            eng += 5;
        }
        if (l.webinars >= 1) {
            eng += 10;
        }
        if (l.email_clicks >= 3) {
            eng += 6;
        }
        if (l.pricing_visits >= 1) {
            eng += 12;
        }
        if (l.unsubscribed) {
            eng -= 25;
        }
        fit = std::min<std::int64_t>(fit, 50);
        eng = std::min<std::int64_t>(eng, 50);
        const bool mql = (fit >= 30 && eng >= 25) || (l.employees >= 20 && core && l.budget &&
                                                      l.visits >= 3 && l.whitepapers >= 1);
        return Output{fit, eng, mql};
    }
};

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return {};
    }
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string checksum(const std::vector<std::string>& ids, const std::vector<Output>& outputs) {
    leadsla::detail::Sha256 sha;
    std::string line;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        line =
            fmt::format("{{\"id\":\"{}\",\"fit\":{},\"engagement\":{},\"total\":{},\"mql\":{}}}\n",
                        ids[i], outputs[i].fit, outputs[i].engagement,
                        outputs[i].fit + outputs[i].engagement, outputs[i].mql);
        sha.update(line);
    }
    return sha.hex();
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    const std::string leads_path = argc > 1 ? argv[1] : "bench/data/leads-100k.ndjson";
    const std::string policy_path = argc > 2 ? argv[2] : "examples/policies/peer_lead_scoring.json";
    const int repetitions = argc > 3 ? std::max(1, std::atoi(argv[3])) : 5;

    const std::string text = read_file(leads_path);
    if (text.empty()) {
        fmt::print(stderr,
                   "cannot read {}: make it with\n  node ../shared/peers/gen_leads.js --n 100000 "
                   "--out {}\n",
                   leads_path, leads_path);
        return 2;
    }
    const auto setup_start = Clock::now();
    leadsla::Loaded<leadsla::ScoringModel> load =
        leadsla::load_scoring_policy(read_file(policy_path));
    const double setup_ms =
        std::chrono::duration<double, std::milli>(Clock::now() - setup_start).count();
    if (!load) {
        for (const auto& e : load.errors()) {
            fmt::print(stderr, "{}: {}\n", policy_path, e);
        }
        return 2;
    }
    const leadsla::ScoringModel& model = *load;
    const leadsla::ExpressionSet& set = leadsla::detail::expressions_of(model);

    std::vector<std::string_view> lines;
    for (std::size_t pos = 0; pos < text.size();) {
        const std::size_t end = text.find('\n', pos);
        lines.push_back(std::string_view{text}.substr(
            pos, (end == std::string::npos ? text.size() : end) - pos));
        pos = end == std::string::npos ? text.size() : end + 1;
    }
    const std::size_t n = lines.size();

    // Native input for both implementations, made before timing.
    leadsla::detail::LeadLineReader reader{set};
    std::vector<leadsla::LeadRecord> records(n);
    std::vector<std::string> ids(n);
    for (std::size_t i = 0; i < n; ++i) {
        if (const auto error = reader.read(lines[i], ids[i], records[i])) {
            fmt::print(stderr, "line {}: {}\n", i + 1, *error);
            return 2;
        }
    }
    auto slot = [&](const char* name) {
        return static_cast<std::size_t>(set.attribute_slot(name));
    };
    std::vector<PeerLead> peers(n);
    for (std::size_t i = 0; i < n; ++i) {
        const auto& s = records[i].slots;
        peers[i] = PeerLead{s[slot("employees")].value,
                            s[slot("revenue")].value,
                            s[slot("visits_30d")].value,
                            s[slot("whitepapers")].value,
                            s[slot("webinars")].value,
                            s[slot("email_clicks")].value,
                            s[slot("pricing_visits")].value,
                            s[slot("industry")].value,
                            s[slot("country")].value,
                            s[slot("seniority")].value,
                            s[slot("budget_indicated")].value != 0,
                            s[slot("unsubscribed")].value != 0};
    }
    const auto id = [&](const char* s) { return set.string_id(s); };
    const HandWritten hand{id("software"),
                           id("financial_services"),
                           id("manufacturing"),
                           id("healthcare"),
                           id("logistics"),
                           id("DE"),
                           id("AT"),
                           id("CH"),
                           id("FR"),
                           id("NL"),
                           id("BE"),
                           id("IT"),
                           id("ES"),
                           id("SE"),
                           id("DK"),
                           id("PL"),
                           id("IE"),
                           id("c_level"),
                           id("vp"),
                           id("director"),
                           id("student")};

    std::vector<Output> outputs(n);
    leadsla::ScoreCard card;
    const leadsla::Instant now{};
    auto score_record = [&](std::size_t i) {
        leadsla::detail::score_records(model, records[i], {}, now, leadsla::ExplainLevel::none,
                                       card);
        outputs[i] = Output{card.axes[0].score.milli() / 1000, card.axes[1].score.milli() / 1000,
                            card.qualified[0]};
    };
    // Including parsing: the public bulk path, a line in and a score card out.
    leadsla::LineScorer scorer{model};
    auto parse_and_score = [&](std::size_t i) {
        (void)scorer.score(lines[i], now, leadsla::ExplainLevel::none, card);
        outputs[i] = Output{card.axes[0].score.milli() / 1000, card.axes[1].score.milli() / 1000,
                            card.qualified[0]};
    };
    auto hand_written = [&](std::size_t i) { outputs[i] = hand(peers[i]); };

    // Warm-up, untimed.
    for (std::size_t i = 0; i < std::min<std::size_t>(n, 20000); ++i) {
        score_record(i);
        parse_and_score(i);
        hand_written(i);
    }

    struct Config {
        const char* name;
        std::function<void(std::size_t)> run;
        std::vector<double> rates;
        std::size_t mismatches = 0;
    };
    std::vector<Config> configs;
    configs.push_back({"leadsla, excluding parsing", score_record, {}, 0});
    configs.push_back({"hand-written C++, excluding parsing", hand_written, {}, 0});
    configs.push_back({"leadsla, including parsing", parse_and_score, {}, 0});
    for (int r = 0; r < repetitions; ++r) {
        for (Config& c : configs) {
            std::fill(outputs.begin(), outputs.end(), Output{});
            const auto start = Clock::now();
            for (std::size_t i = 0; i < n; ++i) {
                c.run(i);
            }
            const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
            c.rates.push_back(static_cast<double>(n) / seconds);
            if (n == 100000 && checksum(ids, outputs) != expected_sha256) {
                ++c.mismatches;
            }
        }
    }
    fmt::print("peer workload: {} leads from {}, {} repetitions, policy setup {:.2f} ms\n", n,
               leads_path, repetitions, setup_ms);
    if (n != 100000) {
        fmt::print("(not the 100,000-lead file: outputs were not checked against the SHA-256)\n");
    }
    const double hand_median = median(configs[1].rates);
    fmt::print("{:<40} {:>14} {:>14} {:>14} {:>10} {:>16}\n", "configuration", "median/s", "min/s",
               "max/s", "ns/lead", "x hand-written");
    for (const Config& c : configs) {
        const double m = median(c.rates);
        fmt::print("{:<40} {:>14.0f} {:>14.0f} {:>14.0f} {:>10.1f} {:>16.2f}   checksum {}\n",
                   c.name, m, *std::min_element(c.rates.begin(), c.rates.end()),
                   *std::max_element(c.rates.begin(), c.rates.end()), 1e9 / m, hand_median / m,
                   c.mismatches == 0 ? (n == 100000 ? "ok" : "-") : "MISMATCH");
    }
    const bool ok = std::all_of(configs.begin(), configs.end(),
                                [](const Config& c) { return c.mismatches == 0; });
    return ok ? 0 : 1;
}
