// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <leadsla/log.hpp>

namespace leadsla::cli {

/// Turns on `--verbose`: the library's loaders report to stderr through spdlog.
void set_verbose(bool verbose);

/// The logger the commands hand to the library: spdlog on stderr with `--verbose`, else silent.
[[nodiscard]] const Logger& logger();

}  // namespace leadsla::cli
