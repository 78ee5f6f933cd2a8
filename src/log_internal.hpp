// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string_view>

#include <leadsla/log.hpp>

namespace leadsla::detail {

/// Gives `message` to `logger` when it is set; never throws (a logger that throws is ignored).
void log(const Logger& logger, LogLevel level, std::string_view message) noexcept;

}  // namespace leadsla::detail
