// SPDX-License-Identifier: Apache-2.0
// The smallest host: one calendar, one deadline. Built by find_package, add_subdirectory and
// pkg-config consumers alike.
#include <cstdio>

#include <leadsla/leadsla.hpp>

int main() {
    const auto calendar = leadsla::parse_calendar(
        R"({"tz":"Europe/Berlin","hours":{"mon":[["08:00","18:00"]],"fri":[["08:00","18:00"]]}})");
    const auto start = leadsla::parse_instant("2026-03-27T16:00:00+01:00");
    if (!calendar || !start) {
        return 1;
    }
    const auto due = calendar->add(*start, leadsla::BusinessDuration::hours(4));
    const std::string text = leadsla::format_instant(due, calendar->zone());
    std::printf("due %s\n", text.c_str());
    return text == "2026-03-30T10:00:00+02:00" ? 0 : 1;
}
