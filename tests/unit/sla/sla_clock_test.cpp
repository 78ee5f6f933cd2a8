// SPDX-License-Identifier: Apache-2.0
// SLA clocks on the DACH calendar (Berlin, Mon–Fri 08:00–18:00, German holidays 2026). Every
// expected instant is worked out by hand in the comments; DST 2026 starts Sunday 29 March
// (CET = UTC+1 before, CEST = UTC+2 after).
#include <array>
#include <random>

#include <leadsla/policy/calendar_json.hpp>
#include <leadsla/sla/sla_set.hpp>

#include <support/expr_fixture.hpp>

using leadsla::BusinessDuration;
using leadsla::SlaSet;
using leadsla::SlaSpec;
using leadsla::SlaTarget;
using leadsla::Stage;
using leadsla::StageChange;
using leadsla::TimerStatus;
using leadsla::test::activity;
using leadsla::test::at;

namespace {

leadsla::CalendarMap calendars() {
    leadsla::CalendarMap m;
    m.emplace("dach", leadsla::parse_calendar(R"({"tz": "Europe/Berlin",
        "hours": {"mon": [["08:00", "18:00"]], "tue": [["08:00", "18:00"]], "wed": [["08:00", "18:00"]],
                  "thu": [["08:00", "18:00"]], "fri": [["08:00", "18:00"]]},
        "holidays": ["2026-04-03", "2026-04-06", "2026-05-01", "2026-05-14", "2026-05-25"]})")
                          .value());
    m.emplace("us_east", leadsla::parse_calendar(R"({"tz": "America/New_York",
        "hours": {"mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]], "wed": [["09:00", "17:00"]],
                  "thu": [["09:00", "17:00"]], "fri": [["09:00", "17:00"]]}})")
                             .value());
    return m;
}

leadsla::Trigger trigger(const char* text) {
    return leadsla::parse_trigger(text).value();
}

SlaTarget business(std::int64_t hours) {
    return SlaTarget{SlaTarget::Kind::business, BusinessDuration::hours(hours), {}};
}

/// First contact within 4 business hours of becoming an MQL; warnings at 50 % and 75 %; notify
/// the manager at the due time, reassign 4 business hours later.
SlaSpec first_contact() {
    SlaSpec s;
    s.id = "first_contact";
    s.start = {trigger("entered(mql)")};
    s.stop = {trigger("activity(contact_attempt)")};
    s.cancel = {trigger("entered(disqualified)")};
    s.target = business(4);
    s.calendar.fixed = "dach";
    s.warn_at = {500, 750};
    s.escalate = {{"notify_manager", BusinessDuration::hours(0), "notify_manager"},
                  {"reassign", BusinessDuration::hours(4), "reassign_to_fallback"}};
    s.pointer = "/slas/0";
    return s;
}

SlaSet set_of(std::vector<SlaSpec> specs, const leadsla::Classifier* segments = nullptr) {
    auto set =
        SlaSet::create(std::move(specs), leadsla::test::example_schema(), calendars(), segments);
    if (!set) {
        FAIL(fmt::format("{}", set.error()));
    }
    return *set;
}

leadsla::Lead lead_created(const char* when) {
    leadsla::Lead lead = leadsla::test::example_lead();
    lead.created_at = at(when);
    return lead;
}

/// Enterprise (≥ 1000 employees), mid-market (≥ 200), SMB.
leadsla::Classifier segment_classifier() {
    return leadsla::Classifier::create({{"segment",
                                         {{"enterprise", "employees >= 1000", "/s/0"},
                                          {"mid_market", "employees >= 200", "/s/1"}},
                                         "smb",
                                         "/segments/0"}},
                                       leadsla::test::example_schema())
        .value();
}

/// First contact by lane: enterprise 1 h, mid-market 4 h, SMB 8 h; calendar by country.
SlaSpec lanes() {
    SlaSpec s = first_contact();
    s.target = business(8);
    s.targets = {{"enterprise", "", business(1), "/slas/0/targets/0"},
                 {"mid_market", "", business(4), "/slas/0/targets/1"}};
    s.calendar = {};
    s.calendar.attribute = "country";
    s.calendar.by_value = {{"DE", "dach"}, {"US", "us_east"}};
    return s;
}

/// A response within 8 business hours until SQL, paused while waiting on the customer (a
/// questionnaire sent) and resumed by the reply (a visit to fill it in).
SlaSpec response_with_pause() {
    SlaSpec s = first_contact();
    s.id = "response";
    s.target = business(8);
    s.warn_at = {};
    s.escalate = {};
    s.stop = {trigger("entered(sql)")};
    s.pause = {trigger("activity(content_download where asset_type == \"questionnaire\")")};
    s.resume = {trigger("activity(web_visit)")};
    return s;
}

leadsla::Activity attempt(const char* id, const char* when) {
    return activity(id, when, "contact_attempt", {{"channel", leadsla::AttributeValue{"phone"}}});
}

}  // namespace

TEST_CASE("SLAs that choose their calendar alike share the choice, others make their own",
          "[sla][calendar]") {
    // by_country first takes a calendar-time target, so it chooses no calendar; the second and
    // third choose alike (US → us_east), the fourth is fixed on dach, the fifth maps nothing.
    SlaSpec by_country = lanes();
    by_country.id = "by_country";
    by_country.targets = {};
    by_country.target = SlaTarget{SlaTarget::Kind::calendar, BusinessDuration::hours(4), {}};
    SlaSpec second = lanes();
    second.id = "second";
    second.targets = {};
    second.target = business(4);
    SlaSpec third = second;
    third.id = "third";
    SlaSpec fixed = first_contact();
    fixed.id = "fixed";
    fixed.warn_at = {};
    fixed.escalate = {};
    SlaSpec unmapped = second;
    unmapped.id = "unmapped";
    unmapped.calendar.by_value = {{"DE", "dach"}};
    const SlaSet set = set_of({by_country, second, third, fixed, unmapped});
    const auto lead = lead_created("2026-03-27T14:00:00Z");  // country US
    // Friday 27 March 16:00 CET = 15:00Z = 11:00 EDT.
    const std::vector<StageChange> mql{
        {at("2026-03-27T15:00:00Z"), Stage::lead, Stage::mql, "automation", ""}};
    const auto r = set.evaluate(lead, mql, {}, at("2026-03-27T16:00:00Z"));
    REQUIRE(r.size() == 5);
    CHECK(r[0].calendar == "24/7");
    CHECK(r[0].due_at == at("2026-03-27T19:00:00Z"));
    // us_east: 11:00–15:00 EDT.
    CHECK(r[1].calendar == "us_east");
    CHECK(r[1].due_at == at("2026-03-27T19:00:00Z"));
    CHECK(r[2].calendar == "us_east");
    CHECK(r[2].due_at == at("2026-03-27T19:00:00Z"));
    // dach: 2 h on Friday to 18:00 CET, 2 h on Monday from 08:00 CEST = 06:00Z.
    CHECK(r[3].calendar == "dach");
    CHECK(r[3].due_at == at("2026-03-30T08:00:00Z"));
    CHECK(r[4].status == TimerStatus::unresolved);
    CHECK(r[4].problem == "no calendar for country = \"US\"");
}

TEST_CASE("first contact: started Friday 16:00, due Monday 10:00 across the DST change",
          "[sla][dst]") {
    const SlaSet set = set_of({first_contact()});
    const auto lead = lead_created("2026-03-27T14:00:00Z");
    // Friday 27 March 16:00 CET = 15:00Z: 2 h left on Friday (to 18:00 CET = 17:00Z); Monday 30
    // March opens 08:00 CEST = 06:00Z, 2 h more: 10:00 CEST = 08:00Z.
    const std::vector<StageChange> mql{
        {at("2026-03-27T15:00:00Z"), Stage::lead, Stage::mql, "automation", ""}};

    auto r = set.evaluate(lead, mql, {}, at("2026-03-30T07:30:00Z"))[0];
    CHECK(r.status == TimerStatus::running);
    CHECK(r.started_at == at("2026-03-27T15:00:00Z"));
    CHECK(r.due_at == at("2026-03-30T08:00:00Z"));
    // 2 h Friday + 1 h 30 min Monday (06:00Z–07:30Z).
    CHECK(r.elapsed == BusinessDuration::minutes(210));
    CHECK(r.remaining == BusinessDuration::minutes(30));
    // 50 % = 2 h: the close of Friday (17:00Z); 75 % = 3 h: Monday 09:00 CEST = 07:00Z.
    REQUIRE(r.thresholds.size() == 2);
    CHECK(r.thresholds[0].at == at("2026-03-27T17:00:00Z"));
    CHECK(r.thresholds[1].at == at("2026-03-30T07:00:00Z"));
    CHECK(r.next_change == at("2026-03-30T08:00:00Z"));
    CHECK(fmt::format("{}", r) == "first_contact: running, due 2026-03-30T08:00:00Z");
    CHECK(r.target == "4h business");
    CHECK(r.calendar == "dach");

    // Met one second before the due time; late at the due time itself.
    auto met = set.evaluate(
        lead, mql, leadsla::ActivityHistory{std::vector{attempt("c1", "2026-03-30T07:59:59Z")}},
        at("2026-03-30T12:00:00Z"))[0];
    CHECK(met.status == TimerStatus::met_on_time);
    CHECK(met.stopped_at == at("2026-03-30T07:59:59Z"));
    CHECK(met.elapsed == BusinessDuration::seconds(4 * 3600 - 1));
    CHECK_FALSE(met.next_change);
    auto late = set.evaluate(
        lead, mql, leadsla::ActivityHistory{std::vector{attempt("c1", "2026-03-30T08:00:00Z")}},
        at("2026-03-30T12:00:00Z"))[0];
    CHECK(late.status == TimerStatus::met_late);
    CHECK(late.breached_at == at("2026-03-30T08:00:00Z"));
}

TEST_CASE("breach, escalation ladder and breached on attach", "[sla]") {
    const SlaSet set = set_of({first_contact()});
    const auto lead = lead_created("2026-03-27T14:00:00Z");
    const std::vector<StageChange> mql{
        {at("2026-03-27T15:00:00Z"), Stage::lead, Stage::mql, "automation", ""}};
    // Due Monday 08:00Z; reassign 4 business hours later: 14:00 CEST = 12:00Z.
    auto r = set.evaluate(lead, mql, {}, at("2026-03-30T13:00:00Z"))[0];
    CHECK(r.status == TimerStatus::breached);
    CHECK(r.breached_at == at("2026-03-30T08:00:00Z"));
    CHECK(r.remaining == BusinessDuration{});
    std::vector<std::string> ids;
    for (const auto& a : r.actions) {
        ids.push_back(fmt::format("{} @ {}", a.id, leadsla::format_instant(a.at)));
    }
    CHECK(ids == std::vector<std::string>{
                     "L-1/first_contact/1/warn:500 @ 2026-03-27T17:00:00Z",
                     "L-1/first_contact/1/warn:750 @ 2026-03-30T07:00:00Z",
                     "L-1/first_contact/1/breach @ 2026-03-30T08:00:00Z",
                     "L-1/first_contact/1/escalate:notify_manager @ 2026-03-30T08:00:00Z",
                     "L-1/first_contact/1/escalate:reassign @ 2026-03-30T12:00:00Z"});
    CHECK(r.actions.back().action == "reassign_to_fallback");
    CHECK_FALSE(r.next_change);  // the ladder is done

    // Seen for the first time at 13:00Z: no back-dated reminders, one breached_on_attach.
    auto attached = set.evaluate(lead, mql, {}, at("2026-03-30T13:00:00Z"),
                                 leadsla::test::attached_at(at("2026-03-30T13:00:00Z")))[0];
    REQUIRE(attached.actions.size() == 1);
    CHECK(attached.actions[0].kind == "breached_on_attach");
    CHECK(attached.actions[0].id == "L-1/first_contact/1/breached_on_attach");
    // Seen at 10:00Z: the breach is past, the reassign step is still ahead.
    attached = set.evaluate(lead, mql, {}, at("2026-03-30T13:00:00Z"),
                            leadsla::test::attached_at(at("2026-03-30T10:00:00Z")))[0];
    REQUIRE(attached.actions.size() == 2);
    CHECK(attached.actions[0].kind == "breached_on_attach");
    CHECK(attached.actions[0].at == at("2026-03-30T10:00:00Z"));
    CHECK(attached.actions[1].id == "L-1/first_contact/1/escalate:reassign");
    // At 09:00Z the next change is the reassign step.
    CHECK(set.evaluate(lead, mql, {}, at("2026-03-30T09:00:00Z"))[0].next_change ==
          at("2026-03-30T12:00:00Z"));
}

TEST_CASE("holidays: an MQL on Maundy Thursday is due Tuesday after Easter", "[sla][holiday]") {
    const SlaSet set = set_of({first_contact()});
    // Thursday 2 April 17:00 CEST = 15:00Z: 1 h left; Good Friday, the weekend and Easter Monday
    // are closed; Tuesday 7 April 08:00 CEST = 06:00Z + 3 h = 09:00Z.
    const std::vector<StageChange> mql{
        {at("2026-04-02T15:00:00Z"), Stage::lead, Stage::mql, "automation", ""}};
    const auto r =
        set.evaluate(lead_created("2026-04-01T00:00:00Z"), mql, {}, at("2026-04-04T12:00:00Z"))[0];
    CHECK(r.due_at == at("2026-04-07T09:00:00Z"));
    CHECK(r.elapsed == BusinessDuration::hours(1));
    // The ladder runs on the same calendar: notify at the due time, reassign 4 business hours
    // later, Tuesday 15:00 CEST = 13:00Z. Seen first at 13:30Z: one breached_on_attach, no
    // back-dated reminders; seen from Thursday on, every step at its own instant.
    const auto attached =
        set.evaluate(lead_created("2026-04-01T00:00:00Z"), mql, {}, at("2026-04-07T13:30:00Z"),
                     leadsla::test::attached_at(at("2026-04-07T13:30:00Z")))[0];
    CHECK(attached.status == TimerStatus::breached);
    REQUIRE(attached.actions.size() == 1);
    CHECK(attached.actions[0].kind == "breached_on_attach");
    const auto watched =
        set.evaluate(lead_created("2026-04-01T00:00:00Z"), mql, {}, at("2026-04-07T13:00:00Z"),
                     leadsla::test::attached_at(at("2026-04-02T15:00:00Z")))[0];
    std::vector<std::string> steps;
    for (const auto& a : watched.actions) {
        steps.push_back(fmt::format("{} {} {}", leadsla::format_instant(a.at), a.kind, a.action));
    }
    // Warnings at 50 % (2 h: Tuesday 09:00 CEST = 07:00Z) and 75 % (3 h: 10:00 CEST = 08:00Z).
    CHECK(steps == std::vector<std::string>{"2026-04-07T07:00:00Z warn ",
                                            "2026-04-07T08:00:00Z warn ",
                                            "2026-04-07T09:00:00Z breach ",
                                            "2026-04-07T09:00:00Z escalate notify_manager",
                                            "2026-04-07T13:00:00Z escalate reassign_to_fallback"});
}

TEST_CASE("fast lane, slow lane: targets by segment, and calendars by region", "[sla]") {
    const auto segments = segment_classifier();
    const SlaSet set = set_of({lanes()}, &segments);
    const std::vector<StageChange> mql{
        {at("2026-03-02T09:00:00Z"), Stage::lead, Stage::mql, "automation", ""}};
    struct Row {
        std::int64_t employees;
        const char* country;
        const char* segment;
        const char* due;
        const char* calendar;
    };
    // Monday 2 March 09:00Z = 10:00 CET = 04:00 EST. DE: enterprise 1 h → 10:00Z; mid-market
    // 4 h → 13:00Z; SMB 8 h → 18:00 CET = 17:00Z (a deadline on the closing instant). US: the
    // office opens 09:00 EST = 14:00Z; enterprise 1 h → 15:00Z.
    const Row rows[] = {{5000, "DE", "enterprise", "2026-03-02T10:00:00Z", "dach"},
                        {300, "DE", "mid_market", "2026-03-02T13:00:00Z", "dach"},
                        {20, "DE", "", "2026-03-02T17:00:00Z", "dach"},
                        {5000, "US", "enterprise", "2026-03-02T15:00:00Z", "us_east"}};
    for (const Row& row : rows) {
        leadsla::Lead lead = lead_created("2026-03-01T00:00:00Z");
        lead.attributes["employees"] = leadsla::AttributeValue{row.employees};
        lead.attributes["country"] = leadsla::AttributeValue{row.country};
        const auto r = set.evaluate(lead, mql, {}, at("2026-03-02T09:30:00Z"))[0];
        INFO(row.employees << " " << row.country);
        CHECK(r.segment == row.segment);
        CHECK(r.due_at == at(row.due));
        CHECK(r.calendar == row.calendar);
    }
    leadsla::Lead apac = lead_created("2026-03-01T00:00:00Z");
    apac.attributes["country"] = leadsla::AttributeValue{"JP"};
    const auto r = set.evaluate(apac, mql, {}, at("2026-03-02T09:30:00Z"))[0];
    CHECK(r.status == TimerStatus::unresolved);
    CHECK(r.problem == "no calendar for country = \"JP\"");
}

TEST_CASE("fast lane, slow lane across the DST change and over Easter", "[sla][dst][holiday]") {
    const auto segments = segment_classifier();
    const SlaSet set = set_of({lanes()}, &segments);
    struct Row {
        const char* mql;
        std::int64_t employees;
        const char* country;
        const char* due;
    };
    // (a) MQL Friday 27 March 17:30 CET = 16:30Z; 30 min left on Friday; Monday opens 08:00 CEST
    //     = 06:00Z. Enterprise 1 h → 08:30 CEST = 06:30Z; mid-market 4 h → 11:30 CEST = 09:30Z;
    //     SMB 8 h → 15:30 CEST = 13:30Z. New York is on EDT since 8 March: 16:30Z = 12:30 EDT,
    //     enterprise 1 h → 13:30 EDT = 17:30Z, the same day.
    // (b) MQL Maundy Thursday 2 April 17:00 CEST = 15:00Z; 1 h left; Good Friday, the weekend and
    //     Easter Monday closed; Tuesday 7 April opens 08:00 CEST = 06:00Z. Enterprise 1 h → 18:00
    //     CEST = 16:00Z (a deadline on the closing instant stays there); mid-market → Tuesday
    //     11:00 CEST = 09:00Z; SMB → Tuesday 15:00 CEST = 13:00Z. New York has no holiday then:
    //     15:00Z = 11:00 EDT, enterprise → 12:00 EDT = 16:00Z.
    const Row rows[] = {
        {"2026-03-27T16:30:00Z", 5000, "DE", "2026-03-30T06:30:00Z"},
        {"2026-03-27T16:30:00Z", 300, "DE", "2026-03-30T09:30:00Z"},
        {"2026-03-27T16:30:00Z", 20, "DE", "2026-03-30T13:30:00Z"},
        {"2026-03-27T16:30:00Z", 5000, "US", "2026-03-27T17:30:00Z"},
        {"2026-04-02T15:00:00Z", 5000, "DE", "2026-04-02T16:00:00Z"},
        {"2026-04-02T15:00:00Z", 300, "DE", "2026-04-07T09:00:00Z"},
        {"2026-04-02T15:00:00Z", 20, "DE", "2026-04-07T13:00:00Z"},
        {"2026-04-02T15:00:00Z", 5000, "US", "2026-04-02T16:00:00Z"},
    };
    for (const Row& row : rows) {
        leadsla::Lead lead = lead_created("2026-03-01T00:00:00Z");
        lead.attributes["employees"] = leadsla::AttributeValue{row.employees};
        lead.attributes["country"] = leadsla::AttributeValue{row.country};
        const std::vector<StageChange> mql{{at(row.mql), Stage::lead, Stage::mql, "", ""}};
        INFO(row.mql << " " << row.employees << " " << row.country);
        const auto r = set.evaluate(lead, mql, {}, at(row.mql))[0];
        CHECK(r.due_at == at(row.due));
    }
}

TEST_CASE("pause while waiting on the customer: only business time is added back", "[sla]") {
    const SlaSet set = set_of({response_with_pause()});
    const auto lead = lead_created("2026-03-01T00:00:00Z");
    // Start Monday 2 March 09:00 CET (08:00Z); paused 11:00 CET (10:00Z) after 2 h; resumed
    // Tuesday 10:00 CET (09:00Z): 6 h left → 16:00 CET = 15:00Z.
    const std::vector<StageChange> mql{
        {at("2026-03-02T08:00:00Z"), Stage::lead, Stage::mql, "automation", ""}};
    std::vector<leadsla::Activity> history{
        activity("q1", "2026-03-02T10:00:00Z", "content_download",
                 {{"asset_type", leadsla::AttributeValue{"questionnaire"}}}),
        activity("w1", "2026-03-03T09:00:00Z", "web_visit"),
    };
    // While paused (Monday 12:00Z = 13:00 CET): due if resumed now: 5 h Monday (to 18:00 CET)
    // + 1 h Tuesday = 09:00 CET = 08:00Z.
    auto r =
        set.evaluate(lead, mql, leadsla::ActivityHistory{history}, at("2026-03-02T12:00:00Z"))[0];
    CHECK(r.status == TimerStatus::paused);
    CHECK(r.elapsed == BusinessDuration::hours(2));
    CHECK(r.due_at == at("2026-03-03T08:00:00Z"));
    CHECK_FALSE(r.next_change);
    REQUIRE(r.paused.size() == 1);
    CHECK_FALSE(r.paused[0].to);
    r = set.evaluate(lead, mql, leadsla::ActivityHistory{history}, at("2026-03-03T10:00:00Z"))[0];
    CHECK(r.status == TimerStatus::running);
    CHECK(r.due_at == at("2026-03-03T15:00:00Z"));
    CHECK(r.original_due_at == at("2026-03-02T16:00:00Z"));
    CHECK(r.paused[0].to == at("2026-03-03T09:00:00Z"));
    CHECK(r.elapsed == BusinessDuration::hours(3));
    // An hour past the new due time (17:00 CET): the resumed clock breached at 16:00 CET.
    const auto late =
        set.evaluate(lead, mql, leadsla::ActivityHistory{history}, at("2026-03-03T16:00:00Z"))[0];
    CHECK(late.status == TimerStatus::breached);
    CHECK(late.breached_at == at("2026-03-03T15:00:00Z"));
    // The history in another order, with the resume reported twice: the same clock.
    const std::vector<leadsla::Activity> shuffled{history[1], history[0], history[1]};
    CHECK(set.evaluate(lead, mql, leadsla::ActivityHistory{shuffled},
                       at("2026-03-03T10:00:00Z"))[0] == r);
    // A download that is not a questionnaire does not pause.
    history[0].properties["asset_type"] = leadsla::AttributeValue{"whitepaper"};
    CHECK(set.evaluate(lead, mql, leadsla::ActivityHistory{history}, at("2026-03-02T12:00:00Z"))[0]
              .status == TimerStatus::running);
}

TEST_CASE("pause across the DST change and over Easter", "[sla][dst][holiday]") {
    const SlaSet set = set_of({response_with_pause()});
    const auto lead = lead_created("2026-03-01T00:00:00Z");
    const auto questionnaire = [](const char* id, const char* when) {
        return activity(id, when, "content_download",
                        {{"asset_type", leadsla::AttributeValue{"questionnaire"}}});
    };

    // DST: start Thursday 26 March 15:00 CET = 14:00Z; paused 16:00 CET = 15:00Z after 1 h;
    // resumed Monday 30 March 10:00 CEST = 08:00Z (the clocks moved on Sunday): 7 h left →
    // 17:00 CEST = 15:00Z. While paused on Saturday, "due if resumed now": Monday opens 08:00
    // CEST = 06:00Z, + 7 h = 13:00Z.
    const std::vector<StageChange> thursday{
        {at("2026-03-26T14:00:00Z"), Stage::lead, Stage::mql, "", ""}};
    const std::vector<leadsla::Activity> dst{questionnaire("q1", "2026-03-26T15:00:00Z"),
                                             activity("r1", "2026-03-30T08:00:00Z", "web_visit")};
    auto r =
        set.evaluate(lead, thursday, leadsla::ActivityHistory{dst}, at("2026-03-28T12:00:00Z"))[0];
    CHECK(r.status == TimerStatus::paused);
    CHECK(r.due_at == at("2026-03-30T13:00:00Z"));
    r = set.evaluate(lead, thursday, leadsla::ActivityHistory{dst}, at("2026-03-30T12:00:00Z"))[0];
    CHECK(r.status == TimerStatus::running);
    CHECK(r.due_at == at("2026-03-30T15:00:00Z"));
    // At 12:00Z = 14:00 CEST: 1 h on Thursday + 10:00–14:00 CEST on Monday.
    CHECK(r.elapsed == BusinessDuration::hours(5));
    // Holiday: start Maundy Thursday 2 April 17:00 CEST = 15:00Z; paused 17:30 CEST = 15:30Z
    // after 30 min; the reply comes on Saturday 4 April 10:00Z. Good Friday and Easter Monday
    // are closed, so counting resumes Tuesday 7 April 08:00 CEST = 06:00Z: 7 h 30 min left →
    // 15:30 CEST = 13:30Z. The paused span is the wall-clock span; only business time is added.
    const std::vector<StageChange> easter{
        {at("2026-04-02T15:00:00Z"), Stage::lead, Stage::mql, "", ""}};
    const std::vector<leadsla::Activity> holiday{
        questionnaire("q2", "2026-04-02T15:30:00Z"),
        activity("r2", "2026-04-04T10:00:00Z", "web_visit")};
    r = set.evaluate(lead, easter, leadsla::ActivityHistory{holiday},
                     at("2026-04-07T07:00:00Z"))[0];
    CHECK(r.status == TimerStatus::running);
    CHECK(r.due_at == at("2026-04-07T13:30:00Z"));
    REQUIRE(r.paused.size() == 1);
    CHECK(r.paused[0].from == at("2026-04-02T15:30:00Z"));
    CHECK(r.paused[0].to == at("2026-04-04T10:00:00Z"));
    CHECK(r.elapsed ==
          BusinessDuration::minutes(90));  // 30 min Thursday + 08:00–09:00 CEST Tuesday
}

TEST_CASE("a stalled SQL is recycled after 30 days without activity (calendar time, DST)",
          "[sla][dst]") {
    SlaSpec s;
    s.id = "sql_inactivity";
    s.start = {trigger("entered(sql)")};
    s.reset = {trigger("activity(*)")};
    s.stop = {trigger("left(sql)")};
    s.target = SlaTarget{SlaTarget::Kind::calendar, BusinessDuration::hours(30 * 24), {}};
    s.on_breach = leadsla::BreachRecommendation{Stage::nurture, "stalled"};
    s.pointer = "/slas/1";
    const SlaSet set = set_of({s});
    const auto lead = lead_created("2026-03-01T00:00:00Z");
    const std::vector<StageChange> sql{
        {at("2026-03-16T10:00:00Z"), Stage::sal, Stage::sql, "rep", ""}};
    const std::vector<leadsla::Activity> history{attempt("c1", "2026-03-18T10:00:00Z")};
    // Reset by the attempt on 18 March: due 30 × 24 h later, 17 April 10:00Z (real seconds,
    // across the DST change on 29 March).
    auto r =
        set.evaluate(lead, sql, leadsla::ActivityHistory{history}, at("2026-04-17T09:59:59Z"))[0];
    CHECK(r.status == TimerStatus::running);
    CHECK(r.calendar == "24/7");
    CHECK(r.due_at == at("2026-04-17T10:00:00Z"));
    CHECK_FALSE(r.recommend);
    r = set.evaluate(lead, sql, leadsla::ActivityHistory{history}, at("2026-04-17T10:00:00Z"))[0];
    CHECK(r.status == TimerStatus::breached);
    CHECK(r.recommend == Stage::nurture);
    CHECK(r.recommend_reason == "stalled");
    CHECK(r.actions.back().id == "L-1/sql_inactivity/1.1/breach");
    // Leaving SQL stops it.
    auto left = sql;
    left.push_back({at("2026-04-01T00:00:00Z"), Stage::sql, Stage::opportunity, "rep", ""});
    CHECK(set.evaluate(lead, left, leadsla::ActivityHistory{history}, at("2026-04-20T00:00:00Z"))[0]
              .status == TimerStatus::met_on_time);
}

TEST_CASE("simultaneous triggers: stop beats start, cancel, a new cycle after a stop", "[sla]") {
    const SlaSet set = set_of({first_contact()});
    const auto lead = lead_created("2026-03-01T00:00:00Z");
    const auto t = "2026-03-02T09:00:00Z";
    // The attempt at the very instant the lead became an MQL: started and met at once.
    auto r = set.evaluate(lead, std::vector<StageChange>{{at(t), Stage::lead, Stage::mql, "", ""}},
                          leadsla::ActivityHistory{std::vector{attempt("c1", t)}},
                          at("2026-03-02T12:00:00Z"))[0];
    CHECK(r.status == TimerStatus::met_on_time);
    CHECK(r.elapsed == BusinessDuration{});
    // Disqualified before anyone called: cancelled.
    const std::vector<StageChange> dq{
        {at(t), Stage::lead, Stage::mql, "", ""},
        {at("2026-03-02T10:00:00Z"), Stage::mql, Stage::disqualified, "rep", "duplicate"}};
    CHECK(set.evaluate(lead, dq, {}, at("2026-03-03T12:00:00Z"))[0].status ==
          TimerStatus::cancelled);
    // Recycled and qualified again: a second cycle with its own action ids.
    std::vector<StageChange> twice = dq;
    twice.push_back({at("2026-03-10T09:00:00Z"), Stage::disqualified, Stage::mql, "", ""});
    r = set.evaluate(lead, twice, {}, at("2026-03-10T15:00:00Z"))[0];
    CHECK(r.cycle == 2);
    CHECK(r.status == TimerStatus::breached);
    CHECK(r.actions.front().id == "L-1/first_contact/2/warn:500");
    // Not started yet.
    CHECK(set.evaluate(lead, {}, {}, at("2026-03-03T12:00:00Z"))[0].status == TimerStatus::pending);
    // Events after now are not read.
    CHECK(set.evaluate(lead, dq, {}, at("2026-03-02T08:59:59Z"))[0].status == TimerStatus::pending);
}

TEST_CASE("SLA definitions: errors", "[sla][errors]") {
    using leadsla::ErrorCode;
    CHECK(leadsla::parse_trigger("entered(won)").error().code == ErrorCode::model_unknown_stage);
    CHECK(leadsla::parse_trigger("on_mql").error().message ==
          "\"on_mql\" is not a trigger (no parentheses; expected created, entered(<stage>), "
          "left(<stage>), activity(<type>), activity(<type> where <condition>) or "
          "when(<condition>))");
    SlaSpec s = first_contact();
    s.calendar.fixed = "emea";
    s.warn_at = {750, 500};
    s.stop = {trigger("activity(call)")};
    s.applies_when = "count(web_visit) > 2";
    const auto set = SlaSet::create({s}, leadsla::test::example_schema(), calendars(), nullptr);
    CHECK_FALSE(set);
    std::vector<std::string> got;
    for (const auto& e : set.errors()) {
        got.push_back(fmt::format("{}", e));
    }
    CHECK(got == std::vector<std::string>{
                     "error[expr.unknown_activity] /slas/0/stop/0: \"call\" is not a declared "
                     "activity type",
                     "error[policy.unknown_reference] /slas/0/calendar: \"emea\" is not a "
                     "calendar of the policy (defined: dach, us_east)",
                     "error[policy.invalid] /slas/0/warn_at/1: warnings are per mille of the "
                     "target, ascending, from 1 to 999; got 500",
                     "error[policy.invalid] /slas/0/applies_when: this condition reads lead "
                     "attributes only (it chooses the SLA or its target once, when the clock "
                     "starts), not activities"});
    SlaSpec no_calendar = first_contact();
    no_calendar.calendar = {};
    const auto e = SlaSet::create({no_calendar}, leadsla::test::example_schema(), calendars());
    REQUIRE_FALSE(e);
    CHECK(e.error().where == "/slas/0/calendar");
}

TEST_CASE("a segment change while the clock runs: keep the elapsed time, or restart",
          "[sla][segment][dst]") {
    // MQL Friday 27 March 16:00 CET = 15:00Z as a mid-market lead (4 h): 2 h counted on Friday
    // (warning 500 at 18:00 CET = 17:00Z), due Monday 30 March 10:00 CEST = 08:00Z. On Monday
    // 09:00 CEST = 07:00Z (3 h counted, warning 750 at that instant) it becomes enterprise (1 h).
    const auto segments = segment_classifier();
    const std::vector<StageChange> mql{
        {at("2026-03-27T15:00:00Z"), Stage::lead, Stage::mql, "automation", ""}};
    const auto lead_with = [](std::int64_t employees) {
        leadsla::Lead lead = lead_created("2026-03-01T00:00:00Z");
        lead.attributes["employees"] = leadsla::AttributeValue{employees};
        lead.attributes["country"] = leadsla::AttributeValue{"DE"};
        return lead;
    };
    const auto history = [&](std::int64_t before) {
        return std::vector<leadsla::PastAttributes>{
            {at("2026-03-30T07:00:00Z"), lead_with(before).attributes}};
    };
    const auto ids = [](const leadsla::TimerResult& r) {
        std::vector<std::string> out;
        for (const auto& a : r.actions) {
            out.push_back(fmt::format("{} {}", a.id, leadsla::format_instant(a.at)));
        }
        return out;
    };
    using leadsla::ThresholdPassed;

    SECTION("keep elapsed: 3 h already counted against 1 h, so breached at the change") {
        const SlaSet set = set_of({lanes()}, &segments);
        const auto r = set.evaluate(lead_with(5000), mql, {}, at("2026-03-30T10:00:00Z"),
                                    leadsla::test::with_past(history(300)))[0];
        CHECK(r.status == TimerStatus::breached);
        CHECK(r.segment == "enterprise");
        CHECK(r.target == "1h business");
        CHECK(r.original_due_at == at("2026-03-30T08:00:00Z"));
        CHECK(r.breached_at == at("2026-03-30T07:00:00Z"));
        CHECK(r.thresholds == std::vector<ThresholdPassed>{{500, at("2026-03-27T17:00:00Z")},
                                                           {750, at("2026-03-30T07:00:00Z")}});
        // Reassign 4 business hours after the breach at 09:00 CEST: 13:00 CEST = 11:00Z, ahead.
        CHECK(ids(r) == std::vector<std::string>{
                            "L-1/first_contact/1/warn:500 2026-03-27T17:00:00Z",
                            "L-1/first_contact/1/warn:750 2026-03-30T07:00:00Z",
                            "L-1/first_contact/1/breach 2026-03-30T07:00:00Z",
                            "L-1/first_contact/1/escalate:notify_manager 2026-03-30T07:00:00Z",
                        });
        CHECK(r.next_change == at("2026-03-30T11:00:00Z"));
        // Without the history the current segment counts from the start: due Friday 17:00 CET.
        const auto now_only = set.evaluate(lead_with(5000), mql, {}, at("2026-03-30T10:00:00Z"))[0];
        CHECK(now_only.breached_at == at("2026-03-27T16:00:00Z"));
    }
    SECTION("restart: a new round of 1 h from the change") {
        SlaSpec spec = lanes();
        spec.on_segment_change = leadsla::SegmentChange::restart;
        const SlaSet set = set_of({spec}, &segments);
        // Round 1 from 09:00 CEST: warnings at 09:30 and 09:45 CEST, due 10:00 CEST = 08:00Z.
        const auto r = set.evaluate(lead_with(5000), mql, {}, at("2026-03-30T07:50:00Z"),
                                    leadsla::test::with_past(history(300)))[0];
        CHECK(r.status == TimerStatus::running);
        CHECK(r.started_at == at("2026-03-30T07:00:00Z"));
        CHECK(r.due_at == at("2026-03-30T08:00:00Z"));
        CHECK(r.elapsed == BusinessDuration::minutes(50));
        CHECK(r.remaining == BusinessDuration::minutes(10));
        CHECK(r.thresholds == std::vector<ThresholdPassed>{{500, at("2026-03-30T07:30:00Z")},
                                                           {750, at("2026-03-30T07:45:00Z")}});
        CHECK(ids(r) == std::vector<std::string>{
                            "L-1/first_contact/1/warn:500 2026-03-27T17:00:00Z",
                            "L-1/first_contact/1/warn:750 2026-03-30T07:00:00Z",
                            "L-1/first_contact/1.1/warn:500 2026-03-30T07:30:00Z",
                            "L-1/first_contact/1.1/warn:750 2026-03-30T07:45:00Z",
                        });
        CHECK(r.next_change == at("2026-03-30T08:00:00Z"));
    }
    SECTION("keep elapsed, a longer target: the due time moves, warnings are not repeated") {
        // Mid-market → SMB (8 h) at 07:00Z: 3 h counted, 5 h left from 09:00 CEST: 14:00 CEST.
        const SlaSet set = set_of({lanes()}, &segments);
        const auto r = set.evaluate(lead_with(20), mql, {}, at("2026-03-30T10:00:00Z"),
                                    leadsla::test::with_past(history(300)))[0];
        CHECK(r.status == TimerStatus::running);
        CHECK(r.original_due_at == at("2026-03-30T08:00:00Z"));
        CHECK(r.due_at == at("2026-03-30T12:00:00Z"));
        CHECK(r.remaining == BusinessDuration::hours(2));
        CHECK(r.thresholds.size() == 2);
        CHECK(r.next_change == at("2026-03-30T12:00:00Z"));
    }
    SECTION("a breach already recorded stays when the new target is longer") {
        // Enterprise: due Friday 17:00 CET = 16:00Z, breached. SMB from Monday 07:00Z: without the
        // history SMB would count from the start (due Monday 14:00 CEST) and not be breached.
        const SlaSet set = set_of({lanes()}, &segments);
        const auto r = set.evaluate(lead_with(20), mql, {}, at("2026-03-30T10:00:00Z"),
                                    leadsla::test::with_past(history(5000)))[0];
        CHECK(r.status == TimerStatus::breached);
        CHECK(r.breached_at == at("2026-03-27T16:00:00Z"));
        CHECK(set.evaluate(lead_with(20), mql, {}, at("2026-03-30T10:00:00Z"))[0].status ==
              TimerStatus::running);
    }
    SECTION("keep elapsed while paused: a target already used up breaches at the change") {
        // Paused at 17:00 CET = 16:00Z with 1 h counted; enterprise (1 h) from Monday 07:00Z:
        // breached then, though paused; the reply at 08:00Z resumes a breached clock.
        SlaSpec spec = lanes();
        spec.pause = {trigger("activity(web_visit)")};          // stands in for waiting
        spec.resume = {trigger("activity(content_download)")};  // and for the reply
        const SlaSet set = set_of({spec}, &segments);
        const std::vector<leadsla::Activity> waiting{
            activity("w1", "2026-03-27T16:00:00Z", "web_visit", {})};
        const auto paused =
            set.evaluate(lead_with(5000), mql, leadsla::ActivityHistory{waiting},
                         at("2026-03-30T07:30:00Z"), leadsla::test::with_past(history(300)))[0];
        CHECK(paused.status == TimerStatus::breached);
        CHECK(paused.breached_at == at("2026-03-30T07:00:00Z"));
        CHECK(paused.due_at == at("2026-03-30T07:00:00Z"));
        CHECK(paused.elapsed == BusinessDuration::hours(1));
        auto replied = waiting;
        replied.push_back(activity("r1", "2026-03-30T08:00:00Z", "content_download", {}));
        const auto resumed =
            set.evaluate(lead_with(5000), mql, leadsla::ActivityHistory{replied},
                         at("2026-03-30T09:00:00Z"), leadsla::test::with_past(history(300)))[0];
        CHECK(resumed.status == TimerStatus::breached);
        CHECK(resumed.breached_at == at("2026-03-30T07:00:00Z"));
        CHECK(resumed.elapsed == BusinessDuration::hours(2));
    }
    SECTION("a change before the clock starts: the start uses the target then in force") {
        const SlaSet set = set_of({lanes()}, &segments);
        const std::vector<leadsla::PastAttributes> early{
            {at("2026-03-20T10:00:00Z"), lead_with(300).attributes}};
        const auto r = set.evaluate(lead_with(5000), mql, {}, at("2026-03-27T15:30:00Z"),
                                    leadsla::test::with_past(early))[0];
        CHECK(r.original_due_at == at("2026-03-27T16:00:00Z"));  // 1 h from 16:00 CET
    }
}

namespace {

/// Checks that two SLA sets of one SLA give identical results on 500 random histories (stage
/// changes, contact attempts and visits) over the DST change and the Easter holidays; returns how
/// many of them breached.
int same_on_random_histories(const SlaSet& one, const SlaSet& other) {
    std::mt19937_64 rng{20261127};
    const auto pick = [&](std::int64_t lo, std::int64_t hi) {
        return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
    };
    const leadsla::Instant base = at("2026-03-26T07:00:00Z");
    const std::array<Stage, 4> stages{Stage::mql, Stage::sal, Stage::disqualified, Stage::lead};
    int breached = 0;
    for (int n = 0; n < 500; ++n) {
        std::vector<StageChange> changes;
        Stage from = Stage::lead;
        for (std::int64_t k = pick(0, 4); k > 0; --k) {
            const Stage to = stages[static_cast<std::size_t>(pick(0, 3))];
            changes.push_back(
                {base + std::chrono::minutes{pick(0, 30 * 24 * 60)}, from, to, "r", ""});
            from = to;
        }
        std::sort(changes.begin(), changes.end(),
                  [](const StageChange& a, const StageChange& b) { return a.at < b.at; });
        std::vector<leadsla::Activity> history;
        for (std::int64_t k = pick(0, 30); k > 0; --k) {
            history.push_back(leadsla::Activity{base + std::chrono::minutes{pick(0, 30 * 24 * 60)},
                                                leadsla::ActivityId{fmt::format("a{:02}", k)},
                                                k % 3 == 0 ? "contact_attempt" : "web_visit",
                                                {{"channel", leadsla::AttributeValue{"phone"}}}});
        }
        const auto now = base + std::chrono::minutes{pick(0, 32 * 24 * 60)};
        const leadsla::Lead lead = lead_created("2026-03-26T07:00:00Z");
        const auto attached = base + std::chrono::minutes{pick(0, 10 * 24 * 60)};
        const auto a = one.evaluate(lead, changes, leadsla::ActivityHistory{history}, now,
                                    leadsla::test::attached_at(attached));
        const auto b = other.evaluate(lead, changes, leadsla::ActivityHistory{history}, now,
                                      leadsla::test::attached_at(attached));
        REQUIRE(a.size() == 1);
        REQUIRE(b.size() == 1);
        CAPTURE(n);
        CHECK(a[0] == b[0]);
        breached += a[0].breached_at ? 1 : 0;
    }
    return breached;
}

}  // namespace

TEST_CASE("next_change after segment changes: nothing changes before it, something at it",
          "[sla][segment][properties]") {
    // Random segment changes (1, 4 or 8 h targets, keep elapsed or restart) over the DST change,
    // random contact attempts and a random `now`: evaluating at any instant between `now` and
    // `next_change` gives the same status, due and breach times, thresholds and actions as at
    // `now`; at `next_change` one of them differs. A breached clock that a longer target leaves
    // with escalations or thresholds to come must say when.
    const auto segments = segment_classifier();
    std::mt19937_64 rng{20261207};
    const auto pick = [&](std::int64_t lo, std::int64_t hi) {
        return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
    };
    const std::array<std::int64_t, 3> sizes{20, 300, 5000};  // smb 8 h, mid 4 h, enterprise 1 h
    const leadsla::Instant base = at("2026-03-26T07:00:00Z");
    const auto minutes = [](std::int64_t m) { return std::chrono::minutes{m}; };
    const auto same = [](const leadsla::TimerResult& a, const leadsla::TimerResult& b) {
        return a.status == b.status && a.due_at == b.due_at && a.breached_at == b.breached_at &&
               a.stopped_at == b.stopped_at && a.thresholds == b.thresholds &&
               a.actions == b.actions && a.target == b.target;
    };
    int with_next = 0;
    for (int n = 0; n < 500; ++n) {
        SlaSpec spec = lanes();
        spec.on_segment_change = pick(0, 1) == 0 ? leadsla::SegmentChange::keep_elapsed
                                                 : leadsla::SegmentChange::restart;
        const SlaSet set = set_of({spec}, &segments);
        leadsla::Lead lead = lead_created("2026-03-01T00:00:00Z");
        lead.attributes["country"] = leadsla::AttributeValue{"DE"};
        // The attribute history a host has at `now`: changes up to then.
        const leadsla::Instant now = base + minutes(pick(0, 5 * 24 * 60));
        std::vector<leadsla::PastAttributes> past;
        leadsla::Instant until = base;
        for (std::int64_t k = pick(0, 3); k > 0; --k) {
            until = until + minutes(pick(30, 36 * 60));
            if (until > now) {
                break;
            }
            leadsla::Attributes then = lead.attributes;
            then["employees"] =
                leadsla::AttributeValue{sizes[static_cast<std::size_t>(pick(0, 2))]};
            past.push_back({until, then});
        }
        lead.attributes["employees"] =
            leadsla::AttributeValue{sizes[static_cast<std::size_t>(pick(0, 2))]};
        // Events up to `now` only: later ones would be news that `next_change` cannot foresee.
        std::vector<StageChange> mql;
        if (const leadsla::Instant t = base + minutes(pick(0, 24 * 60)); t <= now) {
            mql.push_back({t, Stage::lead, Stage::mql, "automation", ""});
        }
        std::vector<leadsla::Activity> attempts;
        if (const leadsla::Instant t = base + minutes(pick(0, 5 * 24 * 60));
            pick(0, 2) == 0 && t <= now) {
            attempts.push_back(attempt("c1", leadsla::format_instant(t).c_str()));
        }
        const auto eval_at = [&](leadsla::Instant t) {
            return set.evaluate(lead, mql, leadsla::ActivityHistory{attempts}, t,
                                leadsla::test::with_past(past))[0];
        };
        const leadsla::TimerResult r = eval_at(now);
        CAPTURE(n, leadsla::format_instant(now));
        if (!r.next_change) {
            CHECK(same(r, eval_at(now + minutes(60 * 24 * 60))));
            continue;
        }
        ++with_next;
        const leadsla::Instant next = *r.next_change;
        REQUIRE(next > now);
        for (const leadsla::Instant t : {now + (next - now) / 2, next - std::chrono::seconds{1}}) {
            CHECK(same(r, eval_at(t)));
        }
        CHECK_FALSE(same(r, eval_at(next)));
    }
    CAPTURE(with_next);
    CHECK(with_next > 100);  // clocks still running or with escalations to come
}

TEST_CASE("a clock no activity moves replays the stage changes only, with the same result",
          "[sla][properties]") {
    // The replay skips activities for a clock none of whose triggers reads them. An inert
    // activity trigger (a `where` no generated activity meets) forces the full replay: every
    // result must be the same.
    SlaSpec acceptance;
    acceptance.id = "sales_acceptance";
    acceptance.start = {trigger("entered(mql)")};
    acceptance.stop = {trigger("entered(sal)")};
    acceptance.cancel = {trigger("entered(disqualified)")};
    acceptance.target = SlaTarget{SlaTarget::Kind::business_days, {}, leadsla::BusinessDays{2}};
    acceptance.calendar.fixed = "dach";
    acceptance.warn_at = {250, 750};
    acceptance.escalate = {{"notify", BusinessDuration::hours(0), "notify_manager"},
                           {"reassign", BusinessDuration::hours(3), "reassign_to_fallback"}};
    acceptance.pointer = "/slas/0";
    SlaSpec full = acceptance;
    full.cancel.push_back(trigger("activity(contact_attempt where channel == \"pigeon\")"));
    CHECK(same_on_random_histories(set_of({acceptance}), set_of({full})) > 50);
}

TEST_CASE("a closed clock no activity can start passes over the activities, with the same result",
          "[sla][properties]") {
    // First contact: started by entering MQL, stopped by a contact attempt, reset by a visit. While
    // it is closed the replay passes over activities; an inert activity start trigger forces it to
    // read every one. The histories stop, cancel and restart the clock (re-entering MQL).
    SlaSpec contact = first_contact();
    contact.reset = {trigger("activity(web_visit)")};
    SlaSpec full = contact;
    full.start.push_back(trigger("activity(contact_attempt where channel == \"pigeon\")"));
    CHECK(same_on_random_histories(set_of({contact}), set_of({full})) > 50);
}

TEST_CASE("a clock every activity resets equals a model of rounds and gaps", "[sla][properties]") {
    // SQL recycling and its business-hours kin: started by entering SQL, reset by any activity,
    // stopped by leaving SQL, no warnings. The model: each activity begins a new round at its
    // instant, due the target later (on the clock's calendar); an activity at or after the due
    // time finds the round breached at the due time. Random histories over the DST change and
    // the Easter holidays, in 24/7 and in Berlin business hours.
    const leadsla::BusinessCalendar dach = calendars().at("dach");
    for (const bool business_hours : {false, true}) {
        SlaSpec s;
        s.id = "sql_inactivity";
        s.start = {trigger("entered(sql)")};
        s.reset = {trigger("activity(*)")};
        s.stop = {trigger("left(sql)")};
        s.target = business_hours
                       ? business(10)
                       : SlaTarget{SlaTarget::Kind::calendar, BusinessDuration::hours(60), {}};
        if (business_hours) {
            s.calendar.fixed = "dach";
        }
        s.on_breach = leadsla::BreachRecommendation{Stage::nurture, "stalled"};
        s.escalate = {{"notify", BusinessDuration::hours(0), "notify_manager"}};
        s.pointer = "/slas/0";
        const SlaSet set = set_of({s});
        const auto due_after = [&](leadsla::Instant t) {
            return business_hours ? dach.add(t, BusinessDuration::hours(10))
                                  : t + std::chrono::hours{60};
        };
        std::mt19937_64 rng{business_hours ? 20261128U : 20261129U};
        const auto pick = [&](std::int64_t lo, std::int64_t hi) {
            return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
        };
        const leadsla::Instant base = at("2026-03-26T07:00:00Z");
        const leadsla::Lead lead = lead_created("2026-03-20T00:00:00Z");
        int breaches = 0;
        int ends_breached = 0;
        int rounds = 0;
        for (int n = 0; n < 400; ++n) {
            // Distinct minutes, so no two events share an instant.
            std::vector<std::int64_t> minutes;
            while (minutes.size() < 2 + static_cast<std::size_t>(pick(0, 25))) {
                const std::int64_t m = pick(0, 24 * 24 * 60);
                if (std::find(minutes.begin(), minutes.end(), m) == minutes.end()) {
                    minutes.push_back(m);
                }
            }
            const auto minute = [&](std::size_t i) {
                return base + std::chrono::minutes{minutes[i]};
            };
            const leadsla::Instant sql = std::min(minute(0), minute(1));
            const leadsla::Instant now = std::max(minute(0), minute(1));
            std::vector<StageChange> changes{{sql, Stage::sal, Stage::sql, "rep", ""}};
            std::optional<leadsla::Instant> left;
            if (pick(0, 3) == 0 && minutes.size() > 2) {
                left = minute(2);
                if (*left < sql) {
                    left.reset();
                } else {
                    changes.push_back({*left, Stage::sql, Stage::nurture, "rep", ""});
                }
            }
            std::vector<leadsla::Activity> history;
            for (std::size_t i = 3; i < minutes.size(); ++i) {
                history.push_back(leadsla::Activity{
                    minute(i), leadsla::ActivityId{fmt::format("a{:02}", i)}, "web_visit", {}});
            }
            std::sort(history.begin(), history.end());
            const auto r = set.evaluate(lead, changes, leadsla::ActivityHistory{history}, now)[0];
            CAPTURE(n, business_hours);
            // The model.
            const leadsla::Instant end = left && *left <= now ? *left : now;
            leadsla::Instant start = sql;
            leadsla::Instant due = due_after(sql);
            std::optional<leadsla::Instant> breached;
            std::vector<std::string> ids;
            std::uint32_t round = 0;
            // A breached round escalates at its due time, if that is before the event that ends
            // the round (a reset or a stop) or not after now.
            const auto id = [&](const char* what) {
                return round == 0 ? fmt::format("L-1/sql_inactivity/1/{}", what)
                                  : fmt::format("L-1/sql_inactivity/1.{}/{}", round, what);
            };
            for (const leadsla::Activity& a : history) {
                if (a.occurred_at < sql || a.occurred_at >= end) {
                    continue;  // the clock is closed (a stop at `end` comes first)
                }
                if (!breached && a.occurred_at >= due) {
                    breached = due;
                    ids.push_back(id("breach"));
                }
                if (breached && *breached < a.occurred_at) {
                    ids.push_back(id("escalate:notify"));
                }
                ++round;
                start = a.occurred_at;
                due = due_after(start);
                breached.reset();
            }
            const bool stopped = left && *left <= now;
            if (!breached && end >= due) {
                breached = due;
                ids.push_back(id("breach"));
            }
            if (breached && (stopped ? *breached < end : *breached <= now)) {
                ids.push_back(id("escalate:notify"));
            }
            CHECK(r.status == (stopped
                                   ? (breached ? TimerStatus::met_late : TimerStatus::met_on_time)
                                   : (breached ? TimerStatus::breached : TimerStatus::running)));
            CHECK(r.started_at == start);
            CHECK(r.due_at == due);
            CHECK(r.breached_at == breached);
            std::vector<std::string> got;
            for (const leadsla::OwedAction& a : r.actions) {
                got.push_back(a.id);
            }
            CHECK(got == ids);
            CHECK(r.recommend.has_value() == (!stopped && breached.has_value()));
            breaches += static_cast<int>(ids.size());
            ends_breached += breached ? 1 : 0;
            rounds += static_cast<int>(round);
        }
        // Both outcomes are well represented, so the comparison means something.
        CHECK(breaches > 50);
        CHECK(ends_breached > 40);
        CHECK(ends_breached < 360);
        CHECK(rounds > 300);
    }
}

TEST_CASE("a reset after a pause starts a round without the old round's paused spans", "[sla]") {
    // Calendar time, no warnings: the kind of clock whose resets take the short way. A round that
    // was paused and resumed must still lose its paused span when an activity resets it.
    SlaSpec s;
    s.id = "sql_inactivity";
    s.start = {trigger("entered(sql)")};
    s.reset = {trigger("activity(web_visit)")};
    s.pause = {trigger("activity(contact_attempt)")};
    s.resume = {trigger("activity(content_download)")};
    s.target = SlaTarget{SlaTarget::Kind::calendar, BusinessDuration::hours(60), {}};
    s.pointer = "/slas/0";
    const SlaSet set = set_of({s});
    const auto lead = lead_created("2026-03-01T00:00:00Z");
    const std::vector<StageChange> sql{
        {at("2026-03-16T10:00:00Z"), Stage::sal, Stage::sql, "rep", ""}};
    const std::vector<leadsla::Activity> history{
        attempt("c1", "2026-03-16T11:00:00Z"),
        activity("d1", "2026-03-16T13:00:00Z", "content_download"),
        activity("v1", "2026-03-16T15:00:00Z", "web_visit")};
    // Before the visit: paused 11:00-13:00, so 2 of the 4 hours count and the due time moved.
    auto r =
        set.evaluate(lead, sql, leadsla::ActivityHistory{history}, at("2026-03-16T14:00:00Z"))[0];
    REQUIRE(r.paused.size() == 1);
    CHECK(r.elapsed == BusinessDuration::hours(2));
    CHECK(r.due_at == at("2026-03-19T00:00:00Z"));
    // The visit at 15:00 begins a new round: no paused span, due 60 hours after it.
    r = set.evaluate(lead, sql, leadsla::ActivityHistory{history}, at("2026-03-16T16:00:00Z"))[0];
    CHECK(r.status == TimerStatus::running);
    CHECK(r.started_at == at("2026-03-16T15:00:00Z"));
    CHECK(r.paused.empty());
    CHECK(r.elapsed == BusinessDuration::hours(1));
    CHECK(r.due_at == at("2026-03-19T03:00:00Z"));
}
