// SPDX-License-Identifier: Apache-2.0
// A year of lead history for the bundled example company (examples/company/policy.json):
// ~1,500 leads created in 2026, their web visits, downloads, webinars, contact attempts and
// meetings, and the stage changes the CRM reported. Deterministic: the same seed writes the
// same files byte for byte on every machine and compiler (std::mt19937_64 is fully specified;
// the draws below use its raw output, not the implementation-defined std:: distributions, and
// no statement makes two draws whose order the language leaves unspecified). ctest compares
// the g++ build's report; the ASan run (clang++) compares the same file.
//
//   generate_history POLICY OUT_DIR [SEED] [--leads N] [--grouped]
//       -> OUT_DIR/leads.ndjson, OUT_DIR/activities.ndjson
//
// By default: 1,500 leads, both files in time order (leads by creation, events by instant).
// --grouped writes each lead's events together, in the leads file's order — the input order
// `leadsla report` streams; above 100,000 leads it also generates lead by lead (the leads then
// in the order they were made, not by creation), so N can be 1,000,000 (about 16 M events) in
// bounded memory.
//
// Response times are drawn in business time on each lead's calendar (the policy's own
// calendars), so the report's buckets (< 1 h, 1-4 h, 4-24 h, > 24 h) are all populated, and a
// realistic share of leads breach their SLAs.
//
// The outcomes follow hidden rules, so the review tells a story a reader can check (and the
// review loop can learn them back from the history):
//   1. Sales rejects an MQL with probability 8 %, plus 20 % when the contact is an individual
//      contributor or a student, plus 12 % when the company has fewer than 50 employees. A
//      rejected individual or student is disqualified ("not_a_fit"); a company under 50 people
//      goes to nurture ("no_budget"); any other to nurture ("bad_timing").
//   2. The first response decides how often an accepted lead becomes an SQL: 75 % of the time
//      when contacted within 1 business hour, 60 % of that within 4 hours, 45 % within 24 hours
//      and 30 % later (the source material's "minutes matter").
//   3. An SQL becomes an opportunity 50 % of the time, 65 % with 200 employees or more.
//   4. An opportunity is won 55 % of the time when the contact is a director, VP or C-level,
//      else 30 %; a lost one is disqualified ("no_budget" under 200 employees, else
//      "not_a_fit").
//   5. The deal amount is 8,000 + 40 per employee (employees counted up to 5,000), in whole
//      hundreds; the campaign is one of two per source, by the half-year the lead arrived in.
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include <leadsla/leadsla.hpp>

namespace {

using namespace std::chrono_literals;
using leadsla::BusinessCalendar;
using leadsla::BusinessDuration;
using leadsla::Instant;

class Random {
public:
    explicit Random(std::uint64_t seed) : engine_(seed) {}
    /// 0 .. n-1
    std::uint64_t below(std::uint64_t n) { return engine_() % n; }
    /// lo .. hi (inclusive)
    std::int64_t between(std::int64_t lo, std::int64_t hi) {
        return lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo + 1)));
    }
    bool percent(std::uint64_t p) { return below(100) < p; }
    template <typename T, std::size_t N>
    const T& pick(const std::array<T, N>& items) {
        return items[below(N)];
    }

private:
    std::mt19937_64 engine_;
};

struct Event {
    Instant at;
    std::string json;  // without the id for activities: ids are given in time order at the end
    bool activity = true;
};

struct LeadPlan {
    std::string id;
    Instant created;
    std::string country;
    std::string region;
    std::int64_t employees = 0;
    std::string industry;
    bool budget = false;
    std::string job_level;
    std::string source;
    std::string campaign;
    std::int64_t deal_amount = 0;
    std::string email;
    std::string owner;
    std::string stage = "lead";
    std::vector<Event> events;
};

const Instant year_start = leadsla::parse_instant("2026-01-05T00:00:00Z").value();
const Instant year_end = leadsla::parse_instant("2026-12-31T12:00:00Z").value();

class Generator {
public:
    Generator(const leadsla::Policy& policy, std::uint64_t seed) : policy_(policy), rng_(seed) {}

    /// Lead `index` (call them in order: the draws follow one another).
    LeadPlan lead(std::size_t index, std::size_t total) {
        LeadPlan l;
        l.id = total > 99999 ? fmt::format("L{:07}", index + 1) : fmt::format("L{:05}", index + 1);
        make(l, index);
        return l;
    }

private:
    const BusinessCalendar& calendar(const LeadPlan& l) const {
        return policy_.calendars.at(l.region);
    }

    void activity(LeadPlan& l, Instant at, std::string_view type, std::string properties = "{}") {
        if (at <= year_end) {
            l.events.push_back(
                {at,
                 fmt::format(R"("lead":"{}","occurred_at":"{}","type":"{}","properties":{})", l.id,
                             leadsla::format_instant(at), type, properties),
                 true});
        }
    }

    /// Records a stage change the CRM reported; false when it falls after the end of the data.
    bool change(LeadPlan& l,
                Instant at,
                std::string_view to,
                std::string_view actor,
                std::string_view reason = "") {
        if (at > year_end) {
            return false;
        }
        l.events.push_back(
            {at,
             fmt::format(R"("lead":"{}","stage_change":{{"at":"{}","from":"{}",)"
                         R"("to":"{}","actor":"{}","reason":"{}"}})",
                         l.id, leadsla::format_instant(at), l.stage, to, actor, reason),
             false});
        l.stage = std::string{to};
        return true;
    }

    void make(LeadPlan& l, std::size_t index) {
        // Created on a weekday 90 % of the time, between 06:00 and 22:00 UTC.
        Instant day = year_start + std::chrono::days{rng_.between(0, 347)};
        const std::chrono::weekday weekday{std::chrono::floor<std::chrono::days>(day)};
        if (weekday.c_encoding() == 6 || (weekday.c_encoding() == 0 && rng_.percent(90))) {
            day += std::chrono::days{weekday.c_encoding() == 6 ? 2 : 1};
        }
        l.created = day + std::chrono::seconds{rng_.between(6 * 3600, 22 * 3600)};

        static constexpr std::array<const char*, 3> dach{"DE", "AT", "CH"};
        if (rng_.percent(60)) {
            l.country = rng_.percent(70) ? "DE" : rng_.pick(dach);
            l.region = "dach";
        } else {
            l.country = rng_.percent(85) ? "US" : "CA";
            l.region = "us_east";
        }
        const std::uint64_t size = rng_.below(100);
        l.employees = size < 20   ? rng_.between(1, 19)
                      : size < 65 ? rng_.between(20, 199)
                      : size < 90 ? rng_.between(200, 999)
                                  : rng_.between(1000, 12000);
        static constexpr std::array<const char*, 5> core{
            "software", "financial_services", "manufacturing", "healthcare", "logistics"};
        static constexpr std::array<const char*, 5> other{"education", "retail", "media",
                                                          "government", "nonprofit"};
        l.industry = rng_.percent(70) ? rng_.pick(core) : rng_.pick(other);
        l.budget = rng_.percent(70);
        static constexpr std::array<const char*, 10> levels{
            "c_level", "vp",      "director",   "director",   "manager",
            "manager", "manager", "individual", "individual", "student"};
        l.job_level = rng_.pick(levels);
        static constexpr std::array<const char*, 6> sources{
            "organic", "paid_search", "paid_social", "referral", "event", "partner"};
        l.source = rng_.pick(sources);
        // Hidden rule 5: two campaigns per source, by the half-year of arrival.
        static constexpr std::array<std::array<const char*, 2>, 6> campaigns{{
            {"seo-blog", "seo-product-pages"},
            {"brand-search", "competitor-search"},
            {"linkedin-abm", "linkedin-retargeting"},
            {"customer-referral", "advocate-programme"},
            {"saastr-europa", "dreamforce"},
            {"partner-launch", "partner-webinars"},
        }};
        const auto source_index = static_cast<std::size_t>(
            std::find(sources.begin(), sources.end(), l.source) - sources.begin());
        const bool second_half =
            l.created >= leadsla::parse_instant("2026-07-01T00:00:00Z").value();
        l.campaign = campaigns[source_index][second_half ? 1 : 0];
        l.deal_amount = (8000 + 40 * std::min<std::int64_t>(l.employees, 5000)) / 100 * 100;
        l.email = fmt::format("contact{}@company{}.example", index + 1, rng_.below(900) + 100);

        engagement(l);
        qualify_and_work(l);
    }

    /// Web visits, downloads, webinars, clicks: an engaged third, a middle, a quiet third.
    void engagement(LeadPlan& l) {
        const std::uint64_t level = rng_.below(3);  // 0 high, 1 medium, 2 low
        const std::int64_t visits = level == 0   ? rng_.between(10, 40)
                                    : level == 1 ? rng_.between(4, 14)
                                                 : rng_.between(0, 4);
        const std::int64_t spread_days = level == 0 ? 20 : 45;
        static constexpr std::array<const char*, 5> urls{"/", "/product", "/pricing", "/blog",
                                                         "/customers"};
        for (std::int64_t v = 0; v < visits; ++v) {
            // One draw per statement: the order in which a call's arguments are evaluated is
            // unspecified (g++ and clang++ differ), and the output must not depend on it.
            const auto minute = std::chrono::minutes{rng_.between(0, spread_days * 24 * 60)};
            const char* url = rng_.pick(urls);
            activity(l, l.created + minute, "web_visit", fmt::format(R"({{"url":"{}"}})", url));
        }
        const std::uint64_t whitepaper = level == 0 ? 80 : level == 1 ? 35 : 5;
        if (rng_.percent(whitepaper)) {
            activity(l, l.created + std::chrono::minutes{rng_.between(10, 25 * 24 * 60)},
                     "content_download", R"({"asset_type":"whitepaper"})");
        }
        if (rng_.percent(level == 2 ? 5 : 30)) {
            activity(l, l.created + std::chrono::minutes{rng_.between(60, 40 * 24 * 60)},
                     "content_download", R"({"asset_type":"case_study"})");
        }
        if (rng_.percent(level == 0 ? 25 : 8)) {
            activity(l, l.created + std::chrono::days{rng_.between(3, 60)}, "webinar_attended");
        }
        if (rng_.percent(level == 0 ? 20 : 3)) {
            activity(l, l.created + std::chrono::minutes{rng_.between(30, 30 * 24 * 60)},
                     "demo_request");
        }
        for (std::int64_t c = rng_.between(0, level == 2 ? 2 : 8); c > 0; --c) {
            activity(l, l.created + std::chrono::days{rng_.between(1, 90)}, "email_click");
        }
        std::sort(l.events.begin(), l.events.end(),
                  [](const Event& a, const Event& b) { return a.at < b.at; });
    }

    /// The first instant at which the MQL definition holds (the policy's `mql` qualification:
    /// fit, budget, >= 3 visits within 30 days and a whitepaper), if any.
    std::optional<Instant> mql_moment(const LeadPlan& l) const {
        static constexpr std::array<const char*, 5> core{
            "software", "financial_services", "manufacturing", "healthcare", "logistics"};
        if (l.employees < 20 || !l.budget ||
            std::find(core.begin(), core.end(), l.industry) == core.end()) {
            return std::nullopt;
        }
        bool whitepaper = false;
        for (std::size_t i = 0; i < l.events.size(); ++i) {
            const Event& e = l.events[i];
            whitepaper = whitepaper || e.json.find("whitepaper") != std::string::npos;
            std::size_t visits = 0;
            for (std::size_t j = 0; j <= i; ++j) {
                visits += l.events[j].json.find("\"web_visit\"") != std::string::npos &&
                                  l.events[j].at + std::chrono::days{30} > e.at
                              ? 1U
                              : 0U;
            }
            if (whitepaper && visits >= 3) {
                return e.at;
            }
        }
        return std::nullopt;
    }

    std::string next_owner(const LeadPlan& l) {
        static constexpr std::array<const char*, 3> dach{"anna", "ben", "clara"};
        static constexpr std::array<const char*, 2> na{"dave", "erin"};
        if (l.employees >= 1000) {
            return (enterprise_++ % 3) == 2 ? "grace" : "felix";
        }
        return l.region == "dach" ? dach[dach_++ % dach.size()] : na[na_++ % na.size()];
    }

    /// A business duration on the lead's calendar: mostly fast, a tail of slow responses.
    BusinessDuration response_time() {
        const std::uint64_t bucket = rng_.below(100);
        const std::int64_t minutes = bucket < 40   ? rng_.between(5, 55)
                                     : bucket < 72 ? rng_.between(60, 235)
                                     : bucket < 90 ? rng_.between(245, 20 * 60)
                                                   : rng_.between(24 * 60, 60 * 60);
        return BusinessDuration::minutes(minutes);
    }

    void qualify_and_work(LeadPlan& l) {
        const std::optional<Instant> mql = mql_moment(l);
        if (!mql || !change(l, *mql, "mql", "marketing-automation")) {
            return;
        }
        l.owner = next_owner(l);
        const BusinessCalendar& cal = calendar(l);
        static constexpr std::array<const char*, 3> channels{"phone", "email", "linkedin"};
        if (rng_.percent(5)) {  // the prospect asks to wait; the clock pauses until the reply
            const Instant wait = cal.add(*mql, BusinessDuration::minutes(rng_.between(5, 30)));
            activity(l, wait, "waiting_on_customer");
            activity(l, wait + std::chrono::hours{rng_.between(2, 72)}, "customer_reply");
        }
        if (rng_.percent(7)) {
            return;  // never worked: the first-contact and acceptance clocks breach
        }
        const Instant first = cal.add(*mql, response_time());
        activity(l, first, "contact_attempt", R"({"channel":"phone"})");
        // The working cadence: further attempts over two weeks, on rotating channels.
        const std::int64_t attempts = rng_.between(1, 6);
        Instant at = first;
        for (std::int64_t a = 1; a <= attempts; ++a) {
            at += std::chrono::hours{rng_.between(20, 60)};
            activity(l, at, "contact_attempt",
                     fmt::format(R"({{"channel":"{}"}})",
                                 channels[static_cast<std::size_t>(a) % channels.size()]));
        }
        const Instant accept = cal.add(first, BusinessDuration::minutes(rng_.between(30, 22 * 60)));
        // Hidden rule 1: who sales rejects.
        const std::uint64_t reject_percent =
            8U + (l.job_level == "individual" || l.job_level == "student" ? 20U : 0U) +
            (l.employees < 50 ? 12U : 0U);
        if (rng_.percent(reject_percent)) {
            if (l.job_level == "individual" || l.job_level == "student") {
                (void)change(l, accept, "disqualified", l.owner, "not_a_fit");
            } else {
                (void)change(l, accept, "nurture", l.owner,
                             l.employees < 50 ? "no_budget" : "bad_timing");
            }
            return;
        }
        if (!change(l, accept, "sal", l.owner)) {
            return;
        }
        const std::uint64_t outcome = rng_.below(100);
        if (outcome >= 85) {
            // Unresponsive after the cadence (5 attempts over 2 channels within 14 days).
            (void)change(l, at + std::chrono::hours{4}, "nurture", l.owner,
                         attempts >= 4 ? "unresponsive" : "bad_timing");
            return;
        }
        // Hidden rule 2: the first response decides how often the lead becomes an SQL.
        const std::int64_t response = cal.elapsed(*mql, first).count();
        const std::uint64_t sql_percent = response < 3600        ? 75
                                          : response < 4 * 3600  ? 45
                                          : response < 24 * 3600 ? 34
                                                                 : 22;
        if (!rng_.percent(sql_percent)) {
            return;  // still being worked
        }
        const Instant meeting = accept + std::chrono::days{rng_.between(1, 10)};
        activity(l, meeting, "meeting");
        if (!change(l, meeting + std::chrono::hours{2}, "sql", l.owner)) {
            return;
        }
        const std::uint64_t sql = rng_.below(100);
        // Hidden rule 3: bigger companies go on to an opportunity more often.
        if (sql < (l.employees >= 200 ? 65U : 50U)) {
            const Instant opp = meeting + std::chrono::days{rng_.between(3, 25)};
            activity(l, opp - std::chrono::hours{3}, "meeting");
            if (!change(l, opp, "opportunity", l.owner)) {
                return;
            }
            // Hidden rule 4: a senior contact wins more often.
            const Instant close = opp + std::chrono::days{rng_.between(20, 60)};
            const bool senior =
                l.job_level == "director" || l.job_level == "vp" || l.job_level == "c_level";
            if (rng_.percent(senior ? 55 : 30)) {
                (void)change(l, close, "customer", l.owner);
            } else {
                (void)change(l, close, "disqualified", l.owner,
                             l.employees < 200 ? "no_budget" : "not_a_fit");
            }
        } else if (sql < 80) {
            // Stalled: no activity after the meeting; sometimes the CRM recycles it by hand.
            if (rng_.percent(40)) {
                (void)change(l, meeting + std::chrono::days{rng_.between(31, 45)}, "nurture",
                             l.owner, "stalled");
            }
        } else {
            for (std::int64_t m = rng_.between(1, 3); m > 0; --m) {
                activity(l, meeting + std::chrono::days{rng_.between(5, 28)}, "meeting");
            }
        }
    }

    const leadsla::Policy& policy_;
    Random rng_;
    std::size_t dach_ = 0;
    std::size_t na_ = 0;
    std::size_t enterprise_ = 0;
};

/// One lead line.
std::string lead_line(const LeadPlan& l) {
    return fmt::format(
        R"({{"id":"{}","created_at":"{}","stage":"{}","owner":{},"attributes":{{"employees":{},)"
        R"("industry":"{}","country":"{}","region":"{}","budget_indicated":{},"email":"{}",)"
        R"("source":"{}","campaign":"{}","job_level":"{}","deal_amount":"{}"}}}})"
        "\n",
        l.id, leadsla::format_instant(l.created), l.stage,
        l.owner.empty() ? "null" : "\"" + l.owner + "\"", l.employees, l.industry, l.country,
        l.region, l.budget, l.email, l.source, l.campaign, l.job_level, l.deal_amount);
}

/// One event line; activities take the next id.
std::string event_line(const Event& e, std::size_t& activities) {
    if (e.activity) {
        return fmt::format(R"({{"id":"A{:08}",{}}})"
                           "\n",
                           ++activities, e.json);
    }
    return "{" + e.json + "}\n";
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> positional;
    std::size_t count = 1500;
    bool grouped = false;
    // Up to this many leads the files list them by creation; beyond, --grouped writes them in
    // the order they are made (memory then holds one lead at a time).
    constexpr std::size_t streamed_above = 100000;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--grouped") {
            grouped = true;
        } else if (arg == "--leads" && i + 1 < argc) {
            count = std::stoull(argv[++i]);
        } else {
            positional.push_back(arg);
        }
    }
    if (positional.size() < 2 || positional.size() > 3 || count == 0) {
        fmt::print(stderr,
                   "usage: generate_history POLICY OUT_DIR [SEED] [--leads N] [--grouped]\n");
        return 2;
    }
    std::ifstream in(positional[0]);
    std::stringstream text;
    text << in.rdbuf();
    const leadsla::Loaded<leadsla::Policy> policy = leadsla::load_policy(text.str());
    if (!policy) {
        for (const leadsla::Error& e : policy.errors()) {
            fmt::print(stderr, "{}: {}\n", positional[0], e);
        }
        return 2;
    }
    const std::uint64_t seed = positional.size() == 3 ? std::stoull(positional[2]) : 2026;
    Generator generator{*policy, seed};
    const std::string& dir = positional[1];
    std::ofstream lead_file(dir + "/leads.ndjson", std::ios::binary);
    std::ofstream event_file(dir + "/activities.ndjson", std::ios::binary);
    std::size_t activities = 0;
    std::size_t events = 0;
    const auto by_instant = [](const Event& a, const Event& b) { return a.at < b.at; };
    const auto write_grouped = [&](LeadPlan& l) {
        lead_file << lead_line(l);
        std::stable_sort(l.events.begin(), l.events.end(), by_instant);
        for (const Event& e : l.events) {
            event_file << event_line(e, activities);
        }
        events += l.events.size();
    };
    const auto by_creation = [](const LeadPlan& a, const LeadPlan& b) {
        return std::tie(a.created, a.id) < std::tie(b.created, b.id);
    };
    if (grouped && count > streamed_above) {
        // Lead by lead, in the order they are made: memory holds one lead's plan.
        for (std::size_t i = 0; i < count; ++i) {
            LeadPlan l = generator.lead(i, count);
            write_grouped(l);
        }
    } else {
        std::vector<LeadPlan> leads;
        for (std::size_t i = 0; i < count; ++i) {
            leads.push_back(generator.lead(i, count));
        }
        std::sort(leads.begin(), leads.end(), by_creation);
        if (grouped) {
            for (LeadPlan& l : leads) {
                write_grouped(l);
            }
        } else {
            std::vector<Event> all;
            for (const LeadPlan& l : leads) {
                lead_file << lead_line(l);
                all.insert(all.end(), l.events.begin(), l.events.end());
            }
            std::stable_sort(all.begin(), all.end(), by_instant);
            for (const Event& e : all) {
                event_file << event_line(e, activities);
            }
            events = all.size();
        }
    }
    if (!lead_file || !event_file) {
        fmt::print(stderr, "cannot write {}/leads.ndjson and activities.ndjson\n", dir);
        return 2;
    }
    fmt::print("{} leads, {} activities and {} stage changes written to {}{}\n", count, activities,
               events - activities, dir, grouped ? " (grouped by lead)" : "");
    return 0;
}
