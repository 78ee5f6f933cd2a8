// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <random>
#include <set>
#include <span>
#include <type_traits>

#include <support/test_support.hpp>

using leadsla::Activity;
using leadsla::ActivityId;
using leadsla::AttributeValue;
using leadsla::Lead;
using leadsla::LeadId;
using leadsla::test::at;

namespace {

/// Few bytes, so prefixes, ties and repeats are common; those above 0x7f compare unsigned.
const std::string id_bytes{
    "ab\x7f\x80\xff"
    "0"};

char random_id_byte(std::mt19937_64& rng) {
    return id_bytes[rng() % id_bytes.size()];
}

/// An id of 0 to `max_size` bytes.
std::string random_id(std::mt19937_64& rng, std::size_t max_size) {
    std::string id(rng() % (max_size + 1), 'a');
    for (char& c : id) {
        c = random_id_byte(rng);
    }
    return id;
}

}  // namespace

TEST_CASE("Lead exposes attributes with null for missing ones", "[model][lead]") {
    Lead lead;
    lead.id = LeadId{"00Q1"};
    lead.created_at = at("2026-03-27T15:00:00Z");
    lead.stage = leadsla::Stage::mql;
    lead.attributes.emplace("employees", AttributeValue{std::int64_t{120}});
    CHECK(lead.attribute("employees").as_integer() == 120);
    CHECK(lead.attribute("industry").is_null());
    CHECK(fmt::format("{}", lead) == "lead 00Q1 (mql)");
    Lead copy = lead;
    CHECK(copy == lead);
    copy.attributes["employees"] = AttributeValue{std::int64_t{121}};
    CHECK(copy != lead);
}

TEST_CASE("activities order by (occurred_at, id)", "[model][activity]") {
    const Activity a{at("2026-03-27T15:00:00Z"), ActivityId{"b"}, "web_visit", {}};
    const Activity b{at("2026-03-27T15:00:00Z"),
                     ActivityId{"a"},
                     "content_download",
                     {{"asset_type", AttributeValue{"whitepaper"}}}};
    const Activity c{at("2026-03-27T14:00:00Z"), ActivityId{"z"}, "web_visit", {}};
    std::vector<Activity> list{a, b, c};
    std::sort(list.begin(), list.end());
    CHECK(list[0].id == ActivityId{"z"});
    CHECK(list[1].id == ActivityId{"a"});
    CHECK(list[2].id == ActivityId{"b"});
    CHECK(*b.property("asset_type").as_string() == "whitepaper");
    CHECK(b.property("channel").is_null());
    CHECK(fmt::format("{}", c) == "web_visit z @ 2026-03-27T14:00:00Z");
}

TEST_CASE("normalize_activities orders, keeps the earliest copy of an id, is_normalized says so",
          "[model][activity]") {
    using leadsla::Activity;
    using leadsla::ActivityId;
    const auto t = [](const char* s) { return leadsla::parse_instant(s).value(); };
    const Activity a{t("2026-03-02T10:00:00Z"), ActivityId{"a"}, "web_visit", {}};
    const Activity b{t("2026-03-02T09:00:00Z"), ActivityId{"b"}, "web_visit", {}};
    const Activity a_later{t("2026-03-03T10:00:00Z"), ActivityId{"a"}, "web_visit", {}};
    const Activity c_same_time{t("2026-03-02T10:00:00Z"), ActivityId{"c"}, "meeting", {}};
    const std::vector<Activity> mixed{a_later, c_same_time, a, b, b};
    const auto n = leadsla::normalize_activities(mixed);
    CHECK(n == std::vector<Activity>{b, a, c_same_time});
    CHECK(leadsla::is_normalized(n));
    CHECK_FALSE(leadsla::is_normalized(mixed));
    CHECK_FALSE(leadsla::is_normalized(std::vector<Activity>{a, a_later}));  // one id twice
    CHECK(leadsla::is_normalized(std::vector<Activity>{}));
}

TEST_CASE("is_normalized: ids in time order, ids out of order, one id at two instants",
          "[model][activity]") {
    using leadsla::Activity;
    using leadsla::ActivityId;
    const auto t = [](const char* s) { return leadsla::parse_instant(s).value(); };
    const auto act = [&](const char* id, const char* when) {
        return Activity{t(when), ActivityId{id}, "web_visit", {}};
    };
    // Ids ascend with time: distinct without looking further.
    CHECK(leadsla::is_normalized(std::vector<Activity>{act("a1", "2026-03-02T09:00:00Z"),
                                                       act("a2", "2026-03-02T10:00:00Z"),
                                                       act("a3", "2026-03-02T11:00:00Z")}));
    // Ids not in time order (UUIDs, CRM ids): still distinct, still normalized.
    CHECK(leadsla::is_normalized(std::vector<Activity>{act("f7", "2026-03-02T09:00:00Z"),
                                                       act("0c", "2026-03-02T10:00:00Z"),
                                                       act("9a", "2026-03-02T11:00:00Z")}));
    // Not in id order, and "f7" comes back later: a repeated id, not normalized.
    CHECK_FALSE(leadsla::is_normalized(std::vector<Activity>{act("f7", "2026-03-02T09:00:00Z"),
                                                             act("0c", "2026-03-02T10:00:00Z"),
                                                             act("f7", "2026-03-02T11:00:00Z")}));
    // One instant, ids ascending: the tie is ordered by id.
    CHECK(leadsla::is_normalized(
        std::vector<Activity>{act("b", "2026-03-02T09:00:00Z"), act("c", "2026-03-02T09:00:00Z")}));
    CHECK_FALSE(leadsla::is_normalized(
        std::vector<Activity>{act("c", "2026-03-02T09:00:00Z"), act("b", "2026-03-02T09:00:00Z")}));
    // Ids out of order first, then a tie in id order: the ids still do not ascend along the
    // sequence, so the repeated "f7" is found.
    CHECK_FALSE(leadsla::is_normalized(std::vector<Activity>{
        act("f7", "2026-03-02T09:00:00Z"), act("0c", "2026-03-02T10:00:00Z"),
        act("1d", "2026-03-02T10:00:00Z"), act("f7", "2026-03-02T11:00:00Z")}));
}

TEST_CASE("is_normalized agrees with sorting and deduplicating, on random ids of any bytes",
          "[model][activity][property]") {
    // Ids of 0-20 bytes over a small alphabet (so prefixes, ties and repeats are common) that
    // includes bytes above 0x7f, which compare unsigned; lengths around 8 and 16 cross the
    // word-wise comparison's boundaries.
    std::mt19937_64 rng{20261127};
    const auto base = at("2026-03-02T09:00:00Z");
    int normalized = 0;
    for (int round = 0; round < 2000; ++round) {
        std::vector<Activity> history;
        const std::size_t n = rng() % 8;
        for (std::size_t i = 0; i < n; ++i) {
            history.push_back(Activity{base + std::chrono::seconds{rng() % 4},
                                       ActivityId{random_id(rng, 20)},
                                       "web_visit",
                                       {}});
        }
        if (rng() % 4 != 0) {  // mostly in order, so the interesting answer is not always "no"
            std::sort(history.begin(), history.end(), [](const Activity& a, const Activity& b) {
                return std::tie(a.occurred_at, a.id) < std::tie(b.occurred_at, b.id);
            });
        }
        bool expected = true;
        std::set<ActivityId> ids;
        for (std::size_t i = 0; i < history.size(); ++i) {
            expected = expected && ids.insert(history[i].id).second;
            if (i > 0) {
                const Activity& a = history[i - 1];
                const Activity& b = history[i];
                expected =
                    expected && std::tie(a.occurred_at, a.id) < std::tie(b.occurred_at, b.id);
            }
        }
        INFO("round " << round);
        CHECK(leadsla::is_normalized(history) == expected);
        normalized += expected ? 1 : 0;
    }
    CHECK(normalized > 300);  // both answers are exercised
    CHECK(normalized < 1700);
}

TEST_CASE("two activities at one instant are in order exactly when their ids compare so",
          "[model][activity][property]") {
    // The tie is decided by the id comparison alone. Pairs share long prefixes and differ in one
    // byte at any position, or are prefixes of each other, over 0-24 bytes; bytes above 0x7f
    // compare unsigned.
    std::mt19937_64 rng{20261128};
    const auto when = at("2026-03-02T09:00:00Z");
    int ordered = 0;
    for (int round = 0; round < 20000; ++round) {
        std::string a = random_id(rng, 24);
        std::string b = a;
        switch (rng() % 3) {
            case 0:  // one byte changed
                if (!b.empty()) {
                    b[rng() % b.size()] = random_id_byte(rng);
                }
                break;
            case 1:  // cut short
                b.resize(rng() % (b.size() + 1));
                break;
            default:  // grown
                b.push_back(random_id_byte(rng));
                break;
        }
        if (rng() % 2 == 0) {
            std::swap(a, b);
        }
        const std::vector<Activity> pair{Activity{when, ActivityId{a}, "web_visit", {}},
                                         Activity{when, ActivityId{b}, "web_visit", {}}};
        INFO("round " << round << ": \"" << a << "\" then \"" << b << '"');
        CHECK(leadsla::is_normalized(pair) == (a < b));
        ordered += a < b ? 1 : 0;
    }
    CHECK(ordered > 6000);  // both answers are exercised
    CHECK(ordered < 14000);
}

TEST_CASE(
    "ActivityHistory reads an ordered history in place, normalises any other, splits at an "
    "instant",
    "[model][activity]") {
    using leadsla::ActivityHistory;
    const auto act = [](const char* id, const char* when) {
        return Activity{at(when), ActivityId{id}, "web_visit", {}};
    };
    const std::vector<Activity> ordered{act("a1", "2026-03-02T09:00:00Z"),
                                        act("a2", "2026-03-02T10:00:00Z"),
                                        act("a3", "2026-03-02T11:00:00Z")};
    SECTION("a span in order: a view, no copy") {
        const ActivityHistory h{std::span<const Activity>{ordered}};
        CHECK_FALSE(h.copied());
        CHECK(h.activities().data() == ordered.data());
        CHECK(h.size() == 3);
    }
    SECTION("a vector: owned, so a temporary cannot leave it dangling") {
        const auto make = [&] { return std::vector<Activity>{ordered}; };
        const ActivityHistory h{make()};  // the temporary is gone after this line
        CHECK(h.copied());
        CHECK(h.activities().data() != ordered.data());
        CHECK(std::equal(h.begin(), h.end(), ordered.begin(), ordered.end()));
        // A vector does not convert to a history implicitly (only a span does).
        STATIC_REQUIRE_FALSE(std::is_convertible_v<std::vector<Activity>, ActivityHistory>);
        STATIC_REQUIRE(std::is_convertible_v<std::span<const Activity>, ActivityHistory>);
    }
    SECTION("out of order, an id twice: the normalised copy, kept alive by the history") {
        ActivityHistory h;
        {
            const std::vector<Activity> mixed{ordered[2], ordered[0], ordered[1],
                                              act("a1", "2026-03-02T12:00:00Z")};
            h = ActivityHistory{mixed};
        }
        CHECK(h.copied());
        REQUIRE(h.size() == 3);
        CHECK(std::equal(h.begin(), h.end(), ordered.begin(), ordered.end()));
        const ActivityHistory prefix = h.until(at("2026-03-02T10:00:00Z"));
        CHECK(prefix.copied());  // shares the copy
        CHECK(prefix.size() == 2);
    }
    SECTION("until and after split at an instant, the instant itself included before") {
        const ActivityHistory h{ordered};
        CHECK(h.until(at("2026-03-02T08:59:59Z")).empty());
        CHECK(h.until(at("2026-03-02T10:00:00Z")).size() == 2);
        CHECK(h.after(at("2026-03-02T10:00:00Z")).size() == 1);
        CHECK(h.after(at("2026-03-02T10:00:00Z")).front().id == ActivityId{"a3"});
        CHECK(h.after(at("2026-03-02T11:00:00Z")).empty());
        CHECK(h.until(at("2026-03-02T11:00:00Z")).size() == 3);
    }
    SECTION("empty") {
        const ActivityHistory h{std::vector<Activity>{}};
        CHECK(h.empty());
        CHECK(h.until(at("2026-03-02T10:00:00Z")).empty());
        CHECK(h.after(at("2026-03-02T10:00:00Z")).empty());
    }
}
