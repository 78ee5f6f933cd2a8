// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>

#include <fmt/format.h>

namespace leadsla {

/// How much a log message matters.
enum class LogLevel : std::uint8_t { debug, info, warn, error };

/// `debug`, `info`, `warn`, `error`.
[[nodiscard]] std::string_view to_string(LogLevel level) noexcept;

/// Where leadsla's host-facing edges (loaders, parsers of whole documents) report what they did:
/// a function the host provides, called with a level and a message. An empty `Logger` — the
/// default everywhere — means silent. leadsla keeps no global logger, and evaluation code never
/// logs: its explanations are data. A logger that throws is ignored.
///
/// leadsla depends on no logging library; hosts connect theirs. With spdlog:
///
///   auto sink = spdlog::stderr_color_mt("leadsla");
///   leadsla::Logger logger = [sink](leadsla::LogLevel level, std::string_view message) {
///       sink->log(level == leadsla::LogLevel::debug  ? spdlog::level::debug
///                 : level == leadsla::LogLevel::info ? spdlog::level::info
///                 : level == leadsla::LogLevel::warn ? spdlog::level::warn
///                                                    : spdlog::level::err, "{}", message);
///   };
///   auto policy = leadsla::load_policy(text, {logger});
using Logger = std::function<void(LogLevel level, std::string_view message)>;

}  // namespace leadsla

template <>
struct fmt::formatter<leadsla::LogLevel> : fmt::formatter<std::string_view> {
    template <typename FormatContext>
    auto format(leadsla::LogLevel level, FormatContext& ctx) const {
        return fmt::formatter<std::string_view>::format(leadsla::to_string(level), ctx);
    }
};
