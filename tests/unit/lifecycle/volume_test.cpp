// SPDX-License-Identifier: Apache-2.0
#include <leadsla/lifecycle/volume.hpp>

#include <support/test_support.hpp>

using leadsla::Stage;
using leadsla::StageChange;
using leadsla::test::at;

TEST_CASE("volume targets: entries per month, met or not, and the current month's projection",
          "[lifecycle][volume]") {
    const leadsla::VolumeTarget sixty{"mql_per_month", Stage::mql, 60, ""};
    std::vector<StageChange> changes;
    // April: 61 MQLs (met). May: none, but a change into SAL (the month still appears). June:
    // 27 MQLs by 16 June 00:00Z, 15 of June's 30 days → projected 27 × 30 / 15 = 54.
    for (int i = 0; i < 61; ++i) {
        changes.push_back({at("2026-04-10T09:00:00Z"), Stage::lead, Stage::mql, "", ""});
    }
    changes.push_back({at("2026-05-31T23:59:59Z"), Stage::mql, Stage::sal, "", ""});
    for (int i = 0; i < 27; ++i) {
        changes.push_back({at("2026-06-15T23:59:59Z"), Stage::lead, Stage::mql, "", ""});
    }
    changes.push_back({at("2026-06-16T00:00:01Z"), Stage::lead, Stage::mql, "", ""});  // after now
    const auto months = leadsla::monthly_volume(sixty, changes, at("2026-06-16T00:00:00Z"));
    REQUIRE(months.size() == 3);
    CHECK(months[0] == leadsla::MonthlyVolume{"2026-04", 61, true, 0});
    CHECK(months[1] == leadsla::MonthlyVolume{"2026-05", 0, false, 0});
    CHECK(months[2] == leadsla::MonthlyVolume{"2026-06", 27, false, 54});
    CHECK(leadsla::monthly_volume(sixty, {}, at("2026-06-16T00:00:00Z")).empty());
}
