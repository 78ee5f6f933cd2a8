// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>

#include <spdlog/fwd.h>

namespace leadsla {

/// Where leadsla's host-facing edges (loaders, parsers of whole documents) report what they did.
///
/// leadsla never touches spdlog's default logger and keeps no global logger: a host passes its
/// logger explicitly (e.g. in `CalendarJsonOptions`). A null `Logger` — the default everywhere —
/// means silent. Evaluation code never logs; its explanations are data.
///
/// Example:
///   auto sink = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
///   leadsla::Logger logger = std::make_shared<spdlog::logger>("leadsla", sink);
using Logger = std::shared_ptr<spdlog::logger>;

}  // namespace leadsla
