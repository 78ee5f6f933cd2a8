// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <CLI/CLI.hpp>

namespace leadsla::cli {

/// Registers `leadsla score --policy P.json` (lead NDJSON on stdin, one score line per lead).
void add_score_command(CLI::App& app, int& exit_code);

}  // namespace leadsla::cli
