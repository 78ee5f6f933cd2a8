// SPDX-License-Identifier: Apache-2.0
// Business calendars from JSON files: deadlines, elapsed business time, business days and the
// errors a malformed calendar gets. Run from the examples/ folder (ctest does).
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include <leadsla/leadsla.hpp>

namespace {

std::string read(const char* path) {
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

int main() {
    using namespace leadsla;
    const Result<BusinessCalendar> dach = parse_calendar(read("data/calendars/dach.json"));
    const Result<BusinessCalendar> us = parse_calendar(read("data/calendars/us_east.json"));
    if (!dach || !us) {
        fmt::print("cannot load the example calendars: {}\n", dach ? us.error() : dach.error());
        return 1;
    }
    fmt::print("{}\n{}\n\n", *dach, *us);

    // First contact within 4 business hours, for a lead that arrives before the Easter weekend.
    const Instant arrived = parse_instant("2026-04-02T15:00:00+02:00").value();
    const Instant due = dach->add(arrived, BusinessDuration::hours(4));
    fmt::print("DACH  arrived {} -> due {}\n", format_instant(arrived, dach->zone()),
               format_instant(due, dach->zone()));
    const Instant reminder = dach->subtract(due, BusinessDuration::hours(1));
    fmt::print("      reminder (75 %) at {}\n", format_instant(reminder, dach->zone()));
    const Instant called = parse_instant("2026-04-07T09:15:00+02:00").value();
    fmt::print("      called after {} of business time: {}\n", dach->elapsed(arrived, called),
               called < due ? "met" : "breached");

    // The same arrival instant in the US East calendar (Thanksgiving week, half day on Friday).
    const Instant us_arrived = parse_instant("2026-11-25T16:30:00-05:00").value();
    fmt::print("US    arrived {} -> due {}\n", format_instant(us_arrived, us->zone()),
               format_instant(us->add(us_arrived, BusinessDuration::hours(4)), us->zone()));
    fmt::print("      end of the 2nd business day: {}\n",
               format_instant(us->add(us_arrived, BusinessDays{2}), us->zone()));

    // A malformed calendar names the field and the problem.
    const auto bad = parse_calendar(
        R"({"tz":"Europe/Berlin","hours":{"mon":[["08:00","12:30"],["12:00","17:00"]]}})");
    fmt::print("\n{}\n", bad.error());
}
