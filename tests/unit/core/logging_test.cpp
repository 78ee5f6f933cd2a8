// SPDX-License-Identifier: Apache-2.0
#include <string>
#include <vector>

#include <support/test_support.hpp>

namespace {
constexpr std::string_view berlin = R"({"tz":"Europe/Berlin","hours":{"mon":[["08:00","17:00"]]}})";
}

TEST_CASE("a host's logger receives the loaders' messages, none means silent", "[core][log]") {
    std::vector<std::string> lines;
    const leadsla::Logger logger = [&](leadsla::LogLevel level, std::string_view message) {
        lines.push_back(fmt::format("{} {}", level, message));
    };
    CHECK(leadsla::parse_calendar(berlin).has_value());  // no logger: nothing to call
    CHECK(leadsla::parse_calendar(berlin, {logger}).has_value());
    CHECK(lines == std::vector<std::string>{
                       "debug calendar: Europe/Berlin, 9h/week, 0 holidays, 0 special days"});
    lines.clear();
    const auto policy = leadsla::load_policy(
        R"({"id": "p", "version": "1", "schema": {"attributes": {}}, "calendars": {"berlin": )" +
            std::string{berlin} + "}}",
        {logger});
    REQUIRE(policy);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0] == "debug calendar: Europe/Berlin, 9h/week, 0 holidays, 0 special days");
    CHECK(lines[1] ==
          "debug policy p 1: 0 scoring rules, 0 SLAs, 1 calendars; " + policy->content_hash);
}

TEST_CASE("a logger that throws does not fail the load", "[core][log]") {
    const leadsla::Logger throwing = [](leadsla::LogLevel, std::string_view) {
        throw std::runtime_error("the host's sink is full");
    };
    CHECK(leadsla::parse_calendar(berlin, {throwing}).has_value());
}
