// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string_view>

#include <leadsla/log.hpp>

namespace leadsla::detail {

/// Writes `message` at debug level when `logger` is set; never throws.
void log_debug(const Logger& logger, std::string_view message) noexcept;
/// Writes `message` at warn level when `logger` is set; never throws.
void log_warn(const Logger& logger, std::string_view message) noexcept;

}  // namespace leadsla::detail
