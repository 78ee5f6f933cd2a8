// SPDX-License-Identifier: Apache-2.0
// The window of a review or a backtest: a named period in the reporting zone, or --from / --to,
// and the instant it is known as of.
#pragma once

#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include <leadsla/engine/policy_set.hpp>
#include <leadsla/time/instant.hpp>

namespace leadsla::cli {

/// `--window`, `--from`, `--to`, `--as-of` as given.
struct WindowOptions {
    std::string window;
    std::string from;
    std::string to;
    std::string as_of;

    void add_to(CLI::App& cmd);
};

struct ReviewWindow {
    Instant from;
    Instant to;
    Instant as_of;
};

/// The window, or why the options do not give one (a message for stderr).
struct WindowResult {
    std::optional<ReviewWindow> window;
    std::string error;
};

/// The window named in the reporting zone of the latest version of `policies`, or given by
/// `--from` / `--to`; `as_of` defaults to its end.
[[nodiscard]] WindowResult resolve_window(const WindowOptions& options, const PolicySet& policies);

}  // namespace leadsla::cli
