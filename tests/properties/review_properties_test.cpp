// SPDX-License-Identifier: Apache-2.0
// The review's properties on seeded random histories (with the drill-down's lead lists): any
// partition merged gives the same bytes as one pass, in any merge order; the review as of t equals
// the review of the history truncated at t; repeated input changes nothing.
#include <algorithm>
#include <random>

#include <leadsla/metrics/review_format.hpp>

#include <support/review_fixture.hpp>

using leadsla::Scorecard;
using leadsla::test::at;
using leadsla::test::company_scorecard;
using leadsla::test::LeadInput;

namespace {

/// Every rendering of the review: JSON, text and the dashboard.
std::string both(const leadsla::Review& r) {
    return leadsla::review_json(r) + leadsla::review_text(r) + leadsla::review_html(r);
}

/// The scorecards of these properties keep 3 leads per count for the drill-down, so that the
/// bounded lead lists are held to the same properties as the counters.
Scorecard card(leadsla::Instant as_of) {
    return company_scorecard(as_of, leadsla::Period::month, 3);
}

}  // namespace

TEST_CASE("merging any partition of the leads gives the bytes of one pass", "[metrics][property]") {
    const std::vector<LeadInput> history = leadsla::test::HistoryGenerator{20261207}.make(400);
    const auto as_of = at("2026-12-31T17:00:00Z");
    Scorecard all = card(as_of);
    for (const LeadInput& l : history) {
        all.add(l.lead, l.activities, l.changes);
    }
    const std::string expected = both(all.review());
    std::mt19937_64 rng{7};
    for (int round = 0; round < 8; ++round) {
        CAPTURE(round);
        const std::size_t parts = 2 + rng() % 5;
        std::vector<Scorecard> cards(parts, card(as_of));
        for (const LeadInput& l : history) {
            cards[rng() % parts].add(l.lead, l.activities, l.changes);
        }
        // Merge in a random order and grouping: ((a b) (c d)) or (((d c) b) a), ...
        while (cards.size() > 1) {
            const std::size_t i = rng() % cards.size();
            std::size_t j = rng() % (cards.size() - 1);
            j += j >= i ? 1 : 0;
            Scorecard merged = leadsla::merge(cards[i], cards[j]).value();
            cards.erase(cards.begin() + static_cast<std::ptrdiff_t>(std::max(i, j)));
            cards.erase(cards.begin() + static_cast<std::ptrdiff_t>(std::min(i, j)));
            cards.push_back(std::move(merged));
        }
        REQUIRE(both(cards.front().review()) == expected);
    }
}

TEST_CASE("the review as of t is the review of the history truncated at t", "[metrics][property]") {
    const std::vector<LeadInput> history = leadsla::test::HistoryGenerator{99}.make(300);
    for (const char* t : {"2026-03-31T12:00:00Z", "2026-07-01T00:00:00Z", "2026-10-15T16:30:00Z"}) {
        CAPTURE(t);
        const auto as_of = at(t);
        Scorecard full = card(as_of);
        Scorecard truncated = card(as_of);
        for (const LeadInput& l : history) {
            full.add(l.lead, l.activities, l.changes);
            if (l.lead.created_at > as_of) {
                continue;  // did not exist at t
            }
            std::vector<leadsla::Activity> activities;
            std::copy_if(l.activities.begin(), l.activities.end(), std::back_inserter(activities),
                         [&](const leadsla::Activity& a) { return a.occurred_at <= as_of; });
            std::vector<leadsla::StageChange> changes;
            std::copy_if(l.changes.begin(), l.changes.end(), std::back_inserter(changes),
                         [&](const leadsla::StageChange& c) { return c.at <= as_of; });
            leadsla::Lead then = l.lead;
            then.stage = changes.empty()
                             ? (l.changes.empty() ? l.lead.stage : l.changes.front().from)
                             : changes.back().to;
            truncated.add(then, activities, changes);
        }
        leadsla::Review a = full.review();
        leadsla::Review b = truncated.review();
        // The truncated history never saw the leads created later.
        CHECK(a.leads_not_yet_created > 0);
        a.leads_not_yet_created = 0;
        REQUIRE(both(a) == both(b));
    }
}

TEST_CASE("repeated input changes nothing: every change and activity twice, in shuffled order",
          "[metrics][property]") {
    const std::vector<LeadInput> history = leadsla::test::HistoryGenerator{5}.make(200);
    const auto as_of = at("2026-12-31T17:00:00Z");
    Scorecard once = card(as_of);
    Scorecard twice = card(as_of);
    std::mt19937_64 rng{11};
    for (const LeadInput& l : history) {
        once.add(l.lead, l.activities, l.changes);
        std::vector<leadsla::Activity> activities = l.activities;
        activities.insert(activities.end(), l.activities.begin(), l.activities.end());
        std::shuffle(activities.begin(), activities.end(), rng);
        std::vector<leadsla::StageChange> changes;
        for (const auto& c : l.changes) {
            changes.push_back(c);
            changes.push_back(c);
        }
        twice.add(l.lead, activities, changes);
    }
    REQUIRE(both(once.review()) == both(twice.review()));
}
