// SPDX-License-Identifier: Apache-2.0
#include "log_internal.hpp"

namespace leadsla {

std::string_view to_string(LogLevel level) noexcept {
    switch (level) {
        case LogLevel::debug:
            return "debug";
        case LogLevel::info:
            return "info";
        case LogLevel::warn:
            return "warn";
        case LogLevel::error:
            return "error";
    }
    return "error";
}

namespace detail {

void log(const Logger& logger, LogLevel level, std::string_view message) noexcept {
    if (!logger) {
        return;
    }
    try {
        logger(level, message);
    } catch (...) {  // NOLINT(bugprone-empty-catch): logging must never fail the caller
    }
}

}  // namespace detail
}  // namespace leadsla
