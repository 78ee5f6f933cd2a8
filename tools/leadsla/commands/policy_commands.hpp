// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <CLI/CLI.hpp>

namespace leadsla::cli {

/// Registers `leadsla validate POLICY...`: every error of each policy, with line and column.
void add_validate_command(CLI::App& app, int& exit_code);

/// Registers `leadsla diff OLD NEW`: the semantic changes between two policies.
void add_diff_command(CLI::App& app, int& exit_code);

}  // namespace leadsla::cli
