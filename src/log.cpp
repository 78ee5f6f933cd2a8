// SPDX-License-Identifier: Apache-2.0
#include <spdlog/logger.h>

#include "log_internal.hpp"

namespace leadsla::detail {
namespace {

void write(const Logger& logger,
           spdlog::level::level_enum level,
           std::string_view message) noexcept {
    if (!logger) {
        return;
    }
    try {
        logger->log(level, "{}", message);
    } catch (...) {  // NOLINT(bugprone-empty-catch): logging must never fail the caller
    }
}

}  // namespace

void log_debug(const Logger& logger, std::string_view message) noexcept {
    write(logger, spdlog::level::debug, message);
}

void log_warn(const Logger& logger, std::string_view message) noexcept {
    write(logger, spdlog::level::warn, message);
}

}  // namespace leadsla::detail
