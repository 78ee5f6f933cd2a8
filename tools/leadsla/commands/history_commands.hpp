// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <CLI/CLI.hpp>

namespace leadsla::cli {

/// Registers `leadsla eval`: every lead of a history evaluated at `--now`, one result per lead.
void add_eval_command(CLI::App& app, int& exit_code);

/// Registers `leadsla explain`: one lead, human-readable, with each SLA clock's arithmetic.
void add_explain_command(CLI::App& app, int& exit_code);

/// Registers `leadsla summary`: population figures of a history at `--now`.
void add_report_command(CLI::App& app, int& exit_code);

/// Registers `leadsla backtest`: a candidate policy replayed over a history next to the current.
void add_backtest_command(CLI::App& app, int& exit_code);

/// Registers `leadsla suggest-targets`: targets drawn from a window of history, with reasons.
void add_suggest_command(CLI::App& app, int& exit_code);

/// Registers `leadsla learn-scoring`: how each scoring rule related to outcomes, and a
/// predictive axis fitted from them.
void add_learn_command(CLI::App& app, int& exit_code);

}  // namespace leadsla::cli
