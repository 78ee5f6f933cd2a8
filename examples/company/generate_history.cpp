// SPDX-License-Identifier: Apache-2.0
// A year of lead history for the bundled example company (examples/company/policy.json):
// ~1,500 leads created in 2026, their web visits, downloads, webinars, contact attempts and
// meetings, and the stage changes the CRM reported. Deterministic: the same seed writes the
// same files byte for byte on every machine and compiler (std::mt19937_64 is fully specified;
// the draws below use its raw output, not the implementation-defined std:: distributions, and
// no statement makes two draws whose order the language leaves unspecified). ctest compares
// the g++ build's report; the ASan run (clang++) compares the same file.
//
//   generate_history POLICY OUT_DIR [SEED]   -> OUT_DIR/leads.ndjson, OUT_DIR/activities.ndjson
//
// Response times are drawn in business time on each lead's calendar (the policy's own
// calendars), so the report's buckets (< 1 h, 1-4 h, 4-24 h, > 24 h) are all populated, and a
// realistic share of leads breach their SLAs.
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

    std::vector<LeadPlan> run(std::size_t leads) {
        std::vector<LeadPlan> out;
        for (std::size_t i = 0; i < leads; ++i) {
            out.push_back(lead(i));
        }
        std::sort(out.begin(), out.end(), [](const LeadPlan& a, const LeadPlan& b) {
            return std::tie(a.created, a.id) < std::tie(b.created, b.id);
        });
        return out;
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

    LeadPlan lead(std::size_t index) {
        LeadPlan l;
        l.id = fmt::format("L{:05}", index + 1);
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
        l.email = fmt::format("contact{}@company{}.example", index + 1, rng_.below(900) + 100);

        engagement(l);
        qualify_and_work(l);
        return l;
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
        const std::uint64_t decision = rng_.below(100);
        if (decision >= 85) {
            (void)change(l, accept, decision >= 93 ? "disqualified" : "nurture", l.owner,
                         decision >= 93 ? "not_a_fit" : "bad_timing");
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
        if (outcome >= 60) {
            return;  // still being worked
        }
        const Instant meeting = accept + std::chrono::days{rng_.between(1, 10)};
        activity(l, meeting, "meeting");
        if (!change(l, meeting + std::chrono::hours{2}, "sql", l.owner)) {
            return;
        }
        const std::uint64_t sql = rng_.below(100);
        if (sql < 45) {
            const Instant opp = meeting + std::chrono::days{rng_.between(3, 25)};
            activity(l, opp - std::chrono::hours{3}, "meeting");
            if (change(l, opp, "opportunity", l.owner) && rng_.percent(45)) {
                (void)change(l, opp + std::chrono::days{rng_.between(20, 60)}, "customer", l.owner);
            }
        } else if (sql < 70) {
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

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3 || argc > 4) {
        fmt::print(stderr, "usage: generate_history POLICY OUT_DIR [SEED]\n");
        return 2;
    }
    std::ifstream in(argv[1]);
    std::stringstream text;
    text << in.rdbuf();
    const leadsla::Loaded<leadsla::Policy> policy = leadsla::load_policy(text.str());
    if (!policy) {
        for (const leadsla::Error& e : policy.errors()) {
            fmt::print(stderr, "{}: {}\n", argv[1], e);
        }
        return 2;
    }
    const std::uint64_t seed = argc == 4 ? std::stoull(argv[3]) : 2026;
    Generator generator{*policy, seed};
    const std::vector<LeadPlan> leads = generator.run(1500);

    const std::string dir = argv[2];
    std::ofstream lead_file(dir + "/leads.ndjson");
    std::vector<Event> events;
    for (const LeadPlan& l : leads) {
        lead_file << fmt::format(
            R"({{"id":"{}","created_at":"{}","stage":"{}","owner":{},"attributes":{{"employees":{},)"
            R"("industry":"{}","country":"{}","region":"{}","budget_indicated":{},"email":"{}",)"
            R"("source":"{}","job_level":"{}"}}}})"
            "\n",
            l.id, leadsla::format_instant(l.created), l.stage,
            l.owner.empty() ? "null" : "\"" + l.owner + "\"", l.employees, l.industry, l.country,
            l.region, l.budget, l.email, l.source, l.job_level);
        events.insert(events.end(), l.events.begin(), l.events.end());
    }
    std::stable_sort(events.begin(), events.end(),
                     [](const Event& a, const Event& b) { return a.at < b.at; });
    std::ofstream event_file(dir + "/activities.ndjson");
    std::size_t activities = 0;
    for (const Event& e : events) {
        if (e.activity) {
            event_file << fmt::format(R"({{"id":"A{:06}",{}}})"
                                      "\n",
                                      ++activities, e.json);
        } else {
            event_file << "{" << e.json << "}\n";
        }
    }
    if (!lead_file || !event_file) {
        fmt::print(stderr, "cannot write {}/leads.ndjson and activities.ndjson\n", dir);
        return 2;
    }
    fmt::print("{} leads, {} activities and {} stage changes written to {}\n", leads.size(),
               activities, events.size() - activities, dir);
    return 0;
}
