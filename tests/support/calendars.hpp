// SPDX-License-Identifier: Apache-2.0
// Calendars shared by several test files.
#pragma once

#include <string_view>

namespace leadsla::test {

/// Berlin office: split shift, Easter (Fri + Mon around a weekend), Christmas, a half day.
/// DST 2026: 2026-03-29 02:00 CET -> 03:00 CEST; 2026-10-25 03:00 CEST -> 02:00 CET.
inline constexpr std::string_view berlin_office_json = R"({"tz":"Europe/Berlin",
  "hours":{"mon":[["08:00","12:00"],["13:00","17:00"]],"tue":[["08:00","12:00"],["13:00","17:00"]],
           "wed":[["08:00","12:00"],["13:00","17:00"]],"thu":[["08:00","12:00"],["13:00","17:00"]],
           "fri":[["08:00","12:00"],["13:00","17:00"]]},
  "holidays":["2026-04-03","2026-04-06","2026-12-25","2026-12-26","2027-01-01"],
  "special_dates":{"2026-12-24":[["08:00","12:00"]]}})";

}  // namespace leadsla::test
