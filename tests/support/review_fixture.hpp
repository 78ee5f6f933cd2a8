// SPDX-License-Identifier: Apache-2.0
// The example company's policy set, and random histories of its leads for property tests.
#pragma once

#include <fstream>
#include <random>
#include <sstream>

#include <leadsla/metrics/scorecard.hpp>
#include <leadsla/policy/load.hpp>

#include <support/test_support.hpp>

namespace leadsla::test {

inline const PolicySet& company_policies() {
    static const PolicySet set = [] {
        std::ifstream in(std::string{LEADSLA_SOURCE_DIR} + "/examples/company/policy.json");
        std::stringstream text;
        text << in.rdbuf();
        Loaded<Policy> p = load_policy(text.str());
        REQUIRE(p);
        std::vector<Engine> versions;
        versions.emplace_back(std::move(p).value());
        return PolicySet::create(std::move(versions)).value();
    }();
    return set;
}

/// One lead of a history.
struct LeadInput {
    Lead lead;
    std::vector<Activity> activities;
    std::vector<StageChange> changes;
};

/// A seeded random history of the example company: leads in DACH and the US, with visits,
/// downloads and contact attempts, and stage paths through the funnel (with rejections,
/// re-qualification and skipped stages). Deterministic for a seed; draws only from the raw
/// engine output.
class HistoryGenerator {
public:
    explicit HistoryGenerator(std::uint64_t seed) : rng_(seed) {}

    std::vector<LeadInput> make(std::size_t leads) {
        std::vector<LeadInput> out;
        for (std::size_t i = 0; i < leads; ++i) {
            out.push_back(lead(i));
        }
        return out;
    }

private:
    std::int64_t between(std::int64_t lo, std::int64_t hi) {
        return lo + static_cast<std::int64_t>(rng_() % static_cast<std::uint64_t>(hi - lo + 1));
    }
    bool chance(std::int64_t percent) { return between(0, 99) < percent; }

    LeadInput lead(std::size_t i) {
        static const char* owners[] = {"anna", "ben", "clara", "dave", "erin", "felix", "grace"};
        static const char* sources[] = {"organic", "event", "partner"};
        static const char* reasons[] = {"bad_timing", "no_budget", "not_a_fit"};
        LeadInput in;
        Lead& l = in.lead;
        l.id = LeadId{fmt::format("T{:04}", i)};
        const Instant base = at("2026-01-01T00:00:00Z");
        l.created_at = base + std::chrono::minutes{between(0, 360 * 24 * 60)};
        const bool dach = chance(60);
        l.attributes = {
            {"employees", AttributeValue{between(5, 3000)}},
            {"industry", AttributeValue{"software"}},
            {"country", AttributeValue{dach ? "DE" : "US"}},
            {"region", AttributeValue{dach ? "dach" : "us_east"}},
            {"budget_indicated", AttributeValue{true}},
            {"source", AttributeValue{sources[between(0, 2)]}},
            {"campaign", AttributeValue{fmt::format("c{}", between(1, 3))}},
            {"deal_amount", AttributeValue{Decimal::from_integer(between(5, 50) * 1000)}},
            {"job_level", AttributeValue{"director"}}};
        Instant t = l.created_at;
        for (std::int64_t v = between(0, 6); v > 0; --v) {
            t += std::chrono::minutes{between(10, 3000)};
            in.activities.push_back({t,
                                     ActivityId{fmt::format("{}-v{}", l.id.value(), v)},
                                     "web_visit",
                                     {{"url", AttributeValue{"/pricing"}}}});
        }
        if (!chance(60)) {
            return in;  // never qualified
        }
        l.owner = OwnerId{owners[between(0, 6)]};
        Stage stage = Stage::lead;
        const auto move = [&](Stage to, std::int64_t after_minutes, std::string reason = {}) {
            t += std::chrono::minutes{after_minutes};
            in.changes.push_back({t, stage, to, l.owner->value(), std::move(reason)});
            stage = to;
        };
        if (chance(10)) {
            move(Stage::sql, between(60, 5000));  // sales-sourced: skips the MQL
        } else {
            move(Stage::mql, between(60, 5000));
            // First contact after a random business-ish delay.
            t += std::chrono::minutes{between(5, 3000)};
            in.activities.push_back({t,
                                     ActivityId{fmt::format("{}-c", l.id.value())},
                                     "contact_attempt",
                                     {{"channel", AttributeValue{"phone"}}}});
            const std::int64_t decision = between(0, 99);
            if (decision < 20) {
                move(chance(50) ? Stage::nurture : Stage::disqualified, between(30, 3000),
                     reasons[between(0, 2)]);
                if (stage == Stage::nurture && chance(30)) {
                    move(Stage::mql, between(3000, 60000));  // re-qualifies
                    move(Stage::sal, between(30, 3000));
                }
            } else if (decision < 85) {
                move(Stage::sal, between(30, 3000));
                if (chance(60)) {
                    move(Stage::sql, between(600, 20000));
                }
            }
        }
        if (stage == Stage::sql && chance(50)) {
            move(Stage::opportunity, between(600, 30000));
            if (chance(50)) {
                move(Stage::customer, between(6000, 60000));
            } else if (chance(50)) {
                move(Stage::disqualified, between(6000, 60000), "no_budget");
            }
        }
        l.stage = stage;
        return in;
    }

    std::mt19937_64 rng_;
};

/// A scorecard of the example company over 2026 by month, as of `as_of`.
/// The example company's scorecard of 2026; `leads_per_figure` > 0 keeps the drill-down.
inline Scorecard company_scorecard(Instant as_of,
                                   Period period = Period::month,
                                   std::size_t leads_per_figure = 0) {
    return Scorecard::create(company_policies(),
                             {at("2025-12-31T23:00:00Z"), at("2026-12-31T23:00:00Z"), as_of, period,
                              25, leads_per_figure})
        .value();
}

}  // namespace leadsla::test
