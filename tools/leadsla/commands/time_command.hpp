// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <CLI/CLI.hpp>

namespace leadsla::cli {

/// Registers `leadsla time ...` (batch, add, subtract, elapsed, is-open, next-open) on `app`.
/// The chosen subcommand stores its exit code in `exit_code` when it runs.
void add_time_command(CLI::App& app, int& exit_code);

}  // namespace leadsla::cli
