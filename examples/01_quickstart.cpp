// SPDX-License-Identifier: Apache-2.0
// Quick start: the first-contact deadline of a lead that arrives on Friday afternoon.
#include <fmt/format.h>

#include <leadsla/leadsla.hpp>

int main() {
    using namespace leadsla;
    const Result<BusinessCalendar> berlin = parse_calendar(R"({"tz": "Europe/Berlin",
        "hours": {"mon": [["08:00", "18:00"]], "fri": [["08:00", "18:00"]]}})");
    const Instant arrived = parse_instant("2026-03-27T16:00:00+01:00").value();
    const Instant due = berlin->add(arrived, BusinessDuration::hours(4));  // first contact SLA
    fmt::print("due:  {}\n", format_instant(due, berlin->zone()));         // Monday, after DST
    fmt::print("open: {}\n", berlin->is_open(due));
}
