// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace leadsla::cli {

/// The CLI's stable exit codes (docs/cli.md).
enum ExitCode : int {
    exit_ok = 0,        ///< done, nothing to report
    exit_findings = 1,  ///< done, with findings: invalid input lines, breaches, an invalid policy
    exit_usage = 2,     ///< bad usage or an I/O error: nothing useful was done
};

}  // namespace leadsla::cli
