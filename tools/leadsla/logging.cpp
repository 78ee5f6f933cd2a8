// SPDX-License-Identifier: Apache-2.0
// The CLI connects the library's Logger to spdlog (the library itself depends on no logging
// library).
#include "logging.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace leadsla::cli {
namespace {

Logger& current() {
    static Logger logger;  // the CLI's one setting, made once by main before any command runs
    return logger;
}

spdlog::level::level_enum to_spdlog(LogLevel level) {
    switch (level) {
        case LogLevel::debug:
            return spdlog::level::debug;
        case LogLevel::info:
            return spdlog::level::info;
        case LogLevel::warn:
            return spdlog::level::warn;
        case LogLevel::error:
            return spdlog::level::err;
    }
    return spdlog::level::err;
}

}  // namespace

void set_verbose(bool verbose) {
    if (!verbose) {
        current() = {};
        return;
    }
    auto sink = spdlog::stderr_color_mt("leadsla");
    sink->set_level(spdlog::level::debug);
    sink->set_pattern("leadsla: %l: %v");
    current() = [sink](LogLevel level, std::string_view message) {
        sink->log(to_spdlog(level), "{}", message);
    };
}

const Logger& logger() {
    return current();
}

}  // namespace leadsla::cli
