// SPDX-License-Identifier: Apache-2.0
#include <array>
#include <initializer_list>
#include <optional>
#include <set>
#include <string_view>

#include "expr/shared/local_records.hpp"

#include <support/expr_fixture.hpp>

using leadsla::test::evaluate;

namespace {
struct Case {
    const char* text;
    bool expected;
};

/// Names of the short length classes that name lookups pack differently (1–3, 4–7, 8 and 9
/// bytes); the tests add 16 and 17 bytes and longer ones.
std::vector<std::string> short_names() {
    return {"a", "ab", "abc", "abcd", "abcdefg", "abcdefgh", "abcdefghi"};
}

/// The example schema and `form_submit`, a type of six properties: more than the records reserve
/// for every activity, so its slots are counted.
leadsla::Schema schema_with_form_submit() {
    using leadsla::AttributeType;
    leadsla::Schema schema = leadsla::test::example_schema();
    schema.activities["form_submit"] = {
        {"a", AttributeType::string}, {"b", AttributeType::integer},
        {"c", AttributeType::string}, {"d", AttributeType::integer},
        {"e", AttributeType::string}, {"f", AttributeType::integer}};
    return schema;
}

/// Each name is found, at an index of its own; each near miss is not found (-1).
template <typename Find>
void check_exact_lookup(const std::vector<std::string>& names,
                        std::initializer_list<const char*> misses,
                        Find find) {
    std::set<std::int64_t> seen;
    for (const std::string& n : names) {
        CAPTURE(n);
        const std::int64_t i = find(n);
        CHECK(i >= 0);
        seen.insert(i);
    }
    CHECK(seen.size() == names.size());
    for (const char* miss : misses) {
        CAPTURE(miss);
        CHECK(find(miss) == -1);
    }
}
}  // namespace

TEST_CASE("conditions over attributes, sets, lists and null", "[expr]") {
    const auto c = GENERATE(values<Case>({
        {"employees >= 20", true},
        {"employees >= 121", false},
        {"employees < 121 and employees > 119", true},
        {"employees == 120", true},
        {"employees != 120", false},
        {"industry in core_industries", true},
        {"industry not in core_industries", false},
        {"country in dach", false},
        {"country not in dach", true},  // "US" is a string the policy never names
        {"country in [\"US\", \"CA\"]", true},
        {"employees in [10, 120]", true},
        {"industry == \"software\"", true},
        {"\"software\" == industry", true},
        {"industry != \"retail\"", true},
        {"budget_indicated", true},
        {"budget_indicated == false", false},
        {"not budget_indicated", false},
        {"revenue >= 2500000.5", true},
        {"revenue > 2500000", true},     // decimal with an int literal
        {"employees > 119.9999", true},  // int with a decimal literal
        {"signed_up < last(web_visit).occurred_at", true},
        {"nickname is null", true},
        {"nickname is not null", false},
        {"nickname == \"bob\"", false},  // comparisons with null are false...
        {"nickname != \"bob\"", false},  // ...both ways
        {"not (nickname == \"bob\")", true},
        {"nickname in dach or nickname not in dach", false},
        {"fit >= 30 and engagement >= 25", true},
        {"fit > 30", false},
        {"(employees >= 1000 or industry in core_industries) and budget_indicated", true},
        {"true", true},
        {"false or employees >= 20", true},
    }));
    INFO(c.text);
    CHECK(evaluate(c.text).value == c.expected);
}

TEST_CASE("aggregates over the activity history, relative to now", "[expr][aggregates]") {
    const auto c = GENERATE(values<Case>({
        {"count(web_visit) == 4", true},  // the visit after now is ignored
        {"count(web_visit, within: 30d) >= 3", true},
        {"count(web_visit, within: 7d) == 2", true},
        {"count(web_visit, within: 3d) == 1", true},
        {"count(web_visit where url == \"/pricing\") == 2", true},
        {"count(web_visit where duration_s >= 60) == 1", true},
        {"count(web_visit where duration_s is null) == 1", true},
        {"count(content_download where asset_type == \"whitepaper\") >= 1", true},
        {"exists(content_download where asset_type == \"case_study\")", false},
        {"exists(contact_attempt, within: 1d)", true},
        {"distinct(contact_attempt.channel) >= 2", true},
        {"distinct(contact_attempt.channel where channel != \"email\") == 1", true},
        {"distinct(web_visit.url) == 3", true},
        {"days_since(last(web_visit).occurred_at) == 1", true},
        {"days_since(last(content_download).occurred_at) >= 11", true},
        {"days_since(signed_up) == 80", true},
        {"last(contact_attempt where channel == \"fax\").occurred_at is null", true},
    }));
    INFO(c.text);
    CHECK(evaluate(c.text).value == c.expected);
}

TEST_CASE("the example MQL definition is one readable rule", "[expr]") {
    constexpr auto mql =
        "employees >= 20 and industry in core_industries and budget_indicated and "
        "count(web_visit, within: 30d) >= 3 and count(content_download where asset_type == "
        "\"whitepaper\") >= 1";
    CHECK(evaluate(mql).value);
    auto small = leadsla::test::example_lead();
    small.attributes["employees"] = leadsla::AttributeValue{std::int64_t{12}};
    const auto r = evaluate(mql, small);
    CHECK_FALSE(r.value);
    CHECK(r.explanation == "employees >= 20: false (employees = 12)");
}

TEST_CASE("explanations name the deciding sub-condition and the values it read",
          "[expr][explain]") {
    CHECK(evaluate("employees >= 20 and country in dach").explanation ==
          "country in dach: false (country = \"US\")");
    CHECK(evaluate("employees >= 20 and industry in core_industries").explanation ==
          "employees >= 20: true (employees = 120); industry in core_industries: true (industry = "
          "\"software\")");
    CHECK(evaluate("country in dach or employees > 500").explanation ==
          "country in dach: false (country = \"US\"); employees > 500: false (employees = 120)");
    CHECK(evaluate("count(web_visit, within: 3d) >= 3").explanation ==
          "count(web_visit, within: 3d) >= 3: false (count(web_visit, within: 3d) = 1)");
    CHECK(evaluate("nickname is not null").explanation ==
          "nickname is not null: false (nickname = null)");
    CHECK(evaluate("not budget_indicated").explanation ==
          "not budget_indicated: false (budget_indicated: true (budget_indicated = true))");
    CHECK(evaluate("revenue > 3000000").explanation ==
          "revenue > 3000000: false (revenue = 2500000.5)");
    CHECK(evaluate("fit >= 30.5").explanation == "fit >= 30.5: false (fit = 30)");
}

TEST_CASE("prepare converts only the activity properties some condition reads", "[expr][records]") {
    using leadsla::Activity;
    using leadsla::AttributeValue;
    leadsla::ExpressionSetBuilder builder{leadsla::test::example_schema()};
    REQUIRE(builder.add_condition("count(contact_attempt where channel == \"phone\") >= 1", "/x"));
    const auto set = std::move(builder).build();
    const Activity call{leadsla::test::at("2026-03-02T09:00:00Z"),
                        leadsla::ActivityId{"c1"},
                        "contact_attempt",
                        {{"channel", AttributeValue{"phone"}}}};
    const Activity visit{leadsla::test::at("2026-03-02T10:00:00Z"),
                         leadsla::ActivityId{"v1"},
                         "web_visit",
                         {{"url", AttributeValue{"/pricing"}}}};
    const Activity unknown_call{leadsla::test::at("2026-03-02T11:00:00Z"),
                                leadsla::ActivityId{"c2"},
                                "contact_attempt",
                                {{"channel", AttributeValue{"pigeon"}}}};
    const Activity webinar{leadsla::test::at("2026-03-02T12:00:00Z"),
                           leadsla::ActivityId{"w1"},
                           "webinar",
                           {{"channel", AttributeValue{"phone"}}}};
    const std::vector<Activity> history{call, visit, unknown_call, webinar};
    leadsla::ActivityRecords records = set.prepare(history);
    REQUIRE(records.size() == 4);
    const auto& c = records[0];
    REQUIRE(c.slots.size() == 1);
    CHECK_FALSE(c.slots[0].null);
    CHECK(c.slots[0].value == set.string_id("phone"));
    CHECK(c.occurred_at == call.occurred_at);
    const auto& v = records[1];  // no condition reads a web_visit property
    CHECK(v.type >= 0);
    CHECK(v.type == set.activity_type("web_visit"));
    CHECK(c.type == set.activity_type("contact_attempt"));
    CHECK(v.slots.empty());
    // A string no policy names: a negative id, its text kept with the records.
    const auto& u = records[2];
    REQUIRE(u.slots.size() == 1);
    CHECK(u.slots[0].value == -1);
    REQUIRE(u.unknown_strings.size() == 1);
    CHECK(u.unknown_strings[0] == "pigeon");
    // An undeclared type: -1, nothing converted.
    CHECK(set.activity_type("webinar") == -1);
    CHECK(records[3].type == -1);
    CHECK(records[3].slots.empty());
    CHECK(set.aggregate(records, leadsla::test::at("2026-03-03T00:00:00Z")).slots.at(0).value == 1);
    // The records stay valid when their container moves.
    const leadsla::ActivityRecords moved = std::move(records);
    CHECK(moved[2].unknown_strings[0] == "pigeon");
    CHECK(moved[0].slots[0].value == set.string_id("phone"));
    CHECK(set.prepare(std::span<const Activity>{}).empty());
}

TEST_CASE("prepare gives each record its type's slots, narrow and wide types mixed",
          "[expr][records]") {
    using leadsla::Activity;
    using leadsla::AttributeValue;
    // form_submit has six properties, more than the records reserve for every activity: its
    // slots are counted before they are allocated. The narrow types share the buffer.
    const leadsla::Schema schema = schema_with_form_submit();
    leadsla::ExpressionSetBuilder builder{schema};
    REQUIRE(builder.add_condition("count(form_submit where f > 2 and b == 1) >= 1", "/x"));
    REQUIRE(builder.add_condition("count(contact_attempt where channel == \"phone\") >= 1", "/y"));
    const auto set = std::move(builder).build();
    const auto when = [](int hour) {
        return leadsla::test::at("2026-03-02T00:00:00Z") + std::chrono::hours{hour};
    };
    const std::vector<Activity> history{
        {when(1),
         leadsla::ActivityId{"f1"},
         "form_submit",
         {{"b", AttributeValue{std::int64_t{1}}}, {"f", AttributeValue{std::int64_t{3}}}}},
        {when(2),
         leadsla::ActivityId{"c1"},
         "contact_attempt",
         {{"channel", AttributeValue{"phone"}}}},
        {when(3),
         leadsla::ActivityId{"f2"},
         "form_submit",
         {{"a", AttributeValue{"x"}}, {"f", AttributeValue{std::int64_t{7}}}}},
        {when(4), leadsla::ActivityId{"v1"}, "web_visit", {{"url", AttributeValue{"/"}}}},
        {when(5),
         leadsla::ActivityId{"c2"},
         "contact_attempt",
         {{"channel", AttributeValue{"email"}}}},
    };
    const leadsla::ActivityRecords records = set.prepare(history);
    REQUIRE(records.size() == 5);
    // The slots are the type's, by property: b is slot 1, f slot 5; a is read by no condition.
    REQUIRE(records[0].slots.size() == 6);
    CHECK(records[0].slots[1] == leadsla::Slot{1, false});
    CHECK(records[0].slots[5] == leadsla::Slot{3, false});
    CHECK(records[0].slots[0].null);
    REQUIRE(records[1].slots.size() == 1);
    CHECK(records[1].slots[0] == leadsla::Slot{set.string_id("phone"), false});
    REQUIRE(records[2].slots.size() == 6);
    CHECK(records[2].slots[1].null);
    CHECK(records[2].slots[5] == leadsla::Slot{7, false});
    CHECK(records[2].slots[0].null);
    CHECK(records[3].slots.empty());  // no condition reads a web_visit property
    REQUIRE(records[4].slots.size() == 1);
    CHECK(records[4].slots[0].value == -1);  // "email": a string no condition names
    CHECK(records[4].unknown_strings[0] == "email");
    // The slots of different records do not overlap.
    CHECK(records[2].slots.data() >= records[1].slots.data() + 1);
    CHECK(records[4].slots.data() >= records[2].slots.data() + 6);
    const auto counts = set.aggregate(records, when(6));
    CHECK(counts.slots.at(0).value == 1);
    CHECK(counts.slots.at(1).value == 1);
}

namespace {

/// The records `LocalRecords` holds are `prepare`'s: instants, types, slot values and the
/// strings no policy names, record by record.
void check_same_records(std::span<const leadsla::ActivityRecord> local,
                        const leadsla::ActivityRecords& reference) {
    REQUIRE(local.size() == reference.size());
    for (std::size_t i = 0; i < local.size(); ++i) {
        CAPTURE(i);
        CHECK(local[i].occurred_at == reference[i].occurred_at);
        CHECK(local[i].type == reference[i].type);
        CHECK(std::equal(local[i].slots.begin(), local[i].slots.end(), reference[i].slots.begin(),
                         reference[i].slots.end()));
        CHECK(std::equal(local[i].unknown_strings.begin(), local[i].unknown_strings.end(),
                         reference[i].unknown_strings.begin(), reference[i].unknown_strings.end()));
    }
}

}  // namespace

TEST_CASE("the engine's local records are prepare's, held in place or on the heap",
          "[expr][records]") {
    using leadsla::Activity;
    using leadsla::AttributeValue;
    // A narrow set (one slot per activity at most) and a wide one (form_submit has six
    // properties: its slots are counted), over histories on both sides of the local room.
    const leadsla::Schema schema = schema_with_form_submit();
    leadsla::ExpressionSetBuilder narrow_builder{schema};
    REQUIRE(narrow_builder.add_condition("count(contact_attempt where channel == \"phone\") >= 1",
                                         "/y"));
    const auto narrow = std::move(narrow_builder).build();
    leadsla::ExpressionSetBuilder wide_builder{schema};
    REQUIRE(wide_builder.add_condition("count(form_submit where f > 2 and b == 1) >= 1", "/x"));
    REQUIRE(
        wide_builder.add_condition("count(contact_attempt where channel == \"phone\") >= 1", "/y"));
    const auto wide = std::move(wide_builder).build();
    const auto history = [](std::size_t n) {
        // Calls by phone and by an unknown channel, form submits, visits and an undeclared type.
        std::vector<Activity> out;
        for (std::size_t i = 0; i < n; ++i) {
            Activity a;
            a.occurred_at = leadsla::test::at("2026-03-02T00:00:00Z") + std::chrono::minutes{7 * i};
            a.id = leadsla::ActivityId{fmt::format("a{}", i)};
            switch (i % 5) {
                case 0:
                    a.type = "contact_attempt";
                    a.properties["channel"] = AttributeValue{i % 2 == 0 ? "phone" : "pigeon"};
                    break;
                case 1:
                    a.type = "form_submit";
                    a.properties["b"] = AttributeValue{std::int64_t{1}};
                    a.properties["f"] = AttributeValue{static_cast<std::int64_t>(i)};
                    break;
                case 2:
                    a.type = "web_visit";
                    break;
                case 3:
                    a.type = "webinar";
                    break;
                default:
                    a.type = "contact_attempt";
                    break;
            }
            out.push_back(std::move(a));
        }
        return out;
    };
    // 64 records and 64 slots in place. The narrow set reserves one slot per activity: 64
    // activities fit, 65 do not. The wide set counts them: contact attempts (i % 5 == 0 or 4)
    // one each, form submits (i % 5 == 1) six. The first 40 activities hold 16 contact attempts
    // and 8 form submits, 64 slots; the 41st is a contact attempt, the 65th slot.
    struct Row {
        const leadsla::ExpressionSet* set;
        std::size_t activities;
        bool local;
    };
    const Row rows[] = {{&narrow, 0, true},   {&narrow, 1, true},    {&narrow, 64, true},
                        {&narrow, 65, false}, {&narrow, 300, false}, {&wide, 40, true},
                        {&wide, 41, false},   {&wide, 100, false},   {&narrow, 10, true}};
    leadsla::detail::LocalRecords reused;  // prepared again for every row
    for (const Row& row : rows) {
        CAPTURE(row.activities, row.set == &wide);
        const std::vector<Activity> h = history(row.activities);
        const leadsla::ActivityRecords reference = row.set->prepare(h);
        leadsla::detail::LocalRecords records;
        records.prepare(*row.set, h);
        CHECK(records.local() == row.local);
        check_same_records(records.records(), reference);
        reused.prepare(*row.set, h);
        CHECK(reused.local() == row.local);
        check_same_records(reused.records(), reference);
        // The records read as prepare's do.
        const auto when = leadsla::test::at("2026-03-09T00:00:00Z");
        CHECK(row.set->aggregate(records.records(), when).slots ==
              row.set->aggregate(reference, when).slots);
    }
}

TEST_CASE("a set whose conditions read no lead attribute prepares a lead without slots",
          "[expr][records]") {
    leadsla::ExpressionSetBuilder builder{leadsla::test::example_schema(), {"fit"}};
    REQUIRE(builder.add_condition("fit >= 10 and count(web_visit) >= 1", "/x"));
    const auto set = std::move(builder).build();
    const auto lead = leadsla::test::example_lead();
    leadsla::LeadRecord record = set.prepare(lead);
    CHECK(record.slots.empty());
    CHECK(record.unknown_strings.empty());
    // A record reused from a set that reads attributes is emptied, not left stale.
    leadsla::ExpressionSetBuilder reading{leadsla::test::example_schema()};
    REQUIRE(reading.add_condition("country == \"Atlantis\" or employees > 5", "/y"));
    const auto other = std::move(reading).build();
    auto moved = lead;
    moved.attributes["country"] = leadsla::AttributeValue{"Narnia"};
    other.prepare_into(moved.attributes, record);
    REQUIRE(record.unknown_strings == std::vector<std::string>{"Narnia"});
    CHECK_FALSE(record.slots.empty());
    set.prepare_into(moved.attributes, record);
    CHECK(record.slots.empty());
    CHECK(record.unknown_strings.empty());
    // The conditions still evaluate: they read scores and aggregates only.
    const auto visits = set.prepare(std::vector<leadsla::Activity>{
        leadsla::test::activity("v1", "2026-03-02T09:00:00Z", "web_visit")});
    const auto aggregates = set.aggregate(visits, leadsla::test::at("2026-03-03T00:00:00Z"));
    const std::array<std::int64_t, 1> scores{120000};
    const leadsla::EvalFrame frame{&record, &aggregates, scores, nullptr,
                                   leadsla::test::at("2026-03-03T00:00:00Z")};
    CHECK(set.test(0, frame));
}

TEST_CASE("prepare converts only the lead attributes some condition reads, interning strings",
          "[expr][records]") {
    using leadsla::AttributeValue;
    leadsla::ExpressionSetBuilder builder{leadsla::test::example_schema()};
    REQUIRE(builder.add_condition("industry in core_industries and country != \"FR\"", "/x"));
    const auto set = std::move(builder).build();
    leadsla::Lead lead;
    lead.attributes = {{"industry", AttributeValue{"software"}},
                       {"country", AttributeValue{"Atlantis"}},
                       {"employees", AttributeValue{std::int64_t{120}}}};
    const auto r = set.prepare(lead);
    const auto slot = [&](const char* name) {
        return r.slots.at(static_cast<std::size_t>(set.attribute_slot(name)));
    };
    CHECK(slot("industry").value == set.string_id("software"));
    CHECK_FALSE(slot("industry").null);
    // A string the policy never mentions: kept in the record, a negative id.
    CHECK(slot("country").value == -1);
    REQUIRE(r.unknown_strings == std::vector<std::string>{"Atlantis"});
    CHECK(slot("employees").null);  // no condition reads it
    // Every string of the policy is found, others are not (the table is probed, not scanned).
    for (const char* known : {"software", "financial_services", "manufacturing", "healthcare", "FR",
                              "DE", "AT", "CH"}) {
        CAPTURE(known);
        CHECK(set.string_id(known) >= 0);
    }
    CHECK(set.string_id("") == -1);
    CHECK(set.string_id("softwar") == -1);
    CHECK(set.string_id("software ") == -1);
    leadsla::EvalFrame frame;
    frame.lead = &r;
    CHECK(set.test(0, frame));
}

TEST_CASE("next_window_change is when a counted activity leaves its window", "[expr][aggregates]") {
    leadsla::ExpressionSetBuilder builder{leadsla::test::example_schema()};
    REQUIRE(builder.add_condition("count(web_visit, within: 30d) >= 3", "/x"));
    const auto set = std::move(builder).build();
    const leadsla::ActivityRecords records = set.prepare(leadsla::test::example_history());
    // The 2026-03-10 visit is the oldest inside the window: counted until 2026-04-09T10:00:00Z.
    CHECK(set.next_window_change(records, leadsla::test::example_now()) ==
          leadsla::test::at("2026-04-09T10:00:01Z"));
}

TEST_CASE("activity types are found by exact name, whatever their length", "[expr][records]") {
    // Names of every length class the lookup packs differently (1–3, 4–7, 8–16 bytes, longer),
    // with near misses that differ only in the bytes each class compares last.
    std::vector<std::string> names = short_names();
    names.insert(names.end(),
                 {"content_download", "content_downloads", "a_very_long_activity_type_name",
                  "a_very_long_aXtivity_type_name", "meeting"});
    leadsla::Schema schema;
    for (const std::string& n : names) {
        schema.activities[n] = {};
    }
    const auto set = leadsla::ExpressionSetBuilder{schema}.build();
    check_exact_lookup(names,
                       {"", "b", "ac", "abd", "abce", "abcdefG", "abcdefgH", "abcdXfghi",
                        "content_Xownload", "content_Xownloads", "a_very_long_activitY_type_name",
                        "a_very_long_activity_type_nam", "meetinG"},
                       [&](std::string_view n) { return set.activity_type(n); });
}

TEST_CASE("an activity comparison holds exactly on its side of the constant, for every operator",
          "[expr][records]") {
    // `where duration_s <op> c` on visits of 59, 60 and 61 seconds and one without a duration
    // (null: every comparison is false, its negation true), and at the largest literals
    // (±2^53), beyond every duration here.
    using leadsla::Activity;
    using leadsla::AttributeValue;
    const auto visit = [](std::optional<std::int64_t> seconds) {
        Activity a{
            leadsla::test::at("2026-03-02T09:00:00Z"), leadsla::ActivityId{"v"}, "web_visit", {}};
        if (seconds) {
            a.properties["duration_s"] = AttributeValue{*seconds};
        }
        return a;
    };
    constexpr std::int64_t largest = std::int64_t{1} << 53;
    struct Row {
        const char* filter;
        std::array<bool, 4> expected;  // 59 s, 60 s, 61 s, null
    };
    const Row rows[] = {
        {"duration_s == 60", {false, true, false, false}},
        {"duration_s != 60", {true, false, true, false}},
        {"duration_s < 60", {true, false, false, false}},
        {"duration_s <= 60", {true, true, false, false}},
        {"duration_s > 60", {false, false, true, false}},
        {"duration_s >= 60", {false, true, true, false}},
        {"not (duration_s > 60)", {true, true, false, true}},
        {"duration_s > 9007199254740992", {false, false, false, false}},
        {"duration_s <= 9007199254740992", {true, true, true, false}},
        {"duration_s < -9007199254740992", {false, false, false, false}},
        {"duration_s >= -9007199254740992", {true, true, true, false}},
    };
    for (const Row& row : rows) {
        INFO(row.filter);
        leadsla::ExpressionSetBuilder builder{leadsla::test::example_schema()};
        const auto id = builder.add_condition(row.filter, "/where", "web_visit");
        REQUIRE(id);
        const auto set = std::move(builder).build();
        const std::vector<Activity> visits{visit(59), visit(60), visit(61), visit(std::nullopt)};
        for (std::size_t i = 0; i < visits.size(); ++i) {
            const auto records = set.prepare(std::span<const Activity>{&visits[i], 1});
            const leadsla::LeadRecord lead;
            const leadsla::AggregateValues none;
            const leadsla::EvalFrame frame{
                &lead, &none, {}, &records[0], leadsla::test::at("2026-03-03T00:00:00Z")};
            CHECK(set.test(*id, frame) == row.expected[i]);
        }
    }
    // A duration equal to the largest literal: on the closed side of each bound.
    leadsla::ExpressionSetBuilder builder{leadsla::test::example_schema()};
    const auto at_max = builder.add_condition("duration_s >= 9007199254740992", "/w", "web_visit");
    const auto above = builder.add_condition("duration_s > 9007199254740992", "/w", "web_visit");
    REQUIRE(at_max);
    REQUIRE(above);
    const auto set = std::move(builder).build();
    const std::vector<Activity> longest{visit(largest)};
    const auto records = set.prepare(longest);
    const leadsla::LeadRecord lead;
    const leadsla::AggregateValues none;
    const leadsla::EvalFrame frame{
        &lead, &none, {}, &records[0], leadsla::test::at("2026-03-03T00:00:00Z")};
    CHECK(set.test(*at_max, frame));
    CHECK_FALSE(set.test(*above, frame));
}

TEST_CASE("policy strings are found by exact text, whatever their length", "[expr][records]") {
    // As for activity types: texts of every length class the lookup packs differently, with near
    // misses in the bytes each class compares last; the policy names them in conditions.
    std::vector<std::string> texts = short_names();
    texts.insert(texts.end(), {"professional_svc", "professional_svcs",
                               "a very long industry name of many words",
                               "a very long industry nXme of many words", ""});
    leadsla::ExpressionSetBuilder builder{leadsla::test::example_schema()};
    for (const std::string& t : texts) {
        REQUIRE(builder.add_condition(fmt::format("industry == \"{}\"", t), "/c"));
    }
    const auto set = std::move(builder).build();
    check_exact_lookup(
        texts,
        {"b", "ac", "abd", "abce", "abcdefG", "abcdefgH", "abcdXfghi", "professional_sXc",
         "professional_sXcs", "a very long industry name of many wordS",
         "a very long industry name of many word", "A"},
        [&](std::string_view t) { return set.string_id(t); });
}
