// SPDX-License-Identifier: Apache-2.0
#include <sstream>

#include <spdlog/logger.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <support/test_support.hpp>

namespace {
constexpr std::string_view berlin = R"({"tz":"Europe/Berlin","hours":{"mon":[["08:00","17:00"]]}})";
}

TEST_CASE("the library is silent without a logger and never uses spdlog's default", "[core][log]") {
    std::ostringstream out;
    const auto previous = spdlog::default_logger();
    auto capture = std::make_shared<spdlog::logger>(
        "capture", std::make_shared<spdlog::sinks::ostream_sink_mt>(out));
    capture->set_level(spdlog::level::trace);
    spdlog::set_default_logger(capture);
    CHECK(leadsla::parse_calendar(berlin).has_value());
    CHECK_FALSE(leadsla::parse_calendar("{").has_value());
    spdlog::set_default_logger(previous);
    CHECK(out.str().empty());
}

TEST_CASE("a host-installed logger receives the loader's messages", "[core][log]") {
    std::ostringstream out;
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out);
    auto logger = std::make_shared<spdlog::logger>("test", sink);
    logger->set_level(spdlog::level::debug);
    logger->set_pattern("%l %v");
    CHECK(leadsla::parse_calendar(berlin, {logger}).has_value());
    CHECK(out.str() == "debug calendar: Europe/Berlin, 9h/week, 0 holidays, 0 special days\n");
}
