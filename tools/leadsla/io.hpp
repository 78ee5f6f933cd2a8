// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>

#include <leadsla/result.hpp>

namespace leadsla::cli {

/// The whole content of `path` ("-" for standard input), or nullopt after printing why to stderr.
[[nodiscard]] std::optional<std::string> read_file(const std::string& path);

/// `path:line:column: error[code] /pointer: message`, as compilers print diagnostics (editors
/// jump to it); `path: error[...]` when the position is not known.
[[nodiscard]] std::string diagnostic(const std::string& path, const Error& error);

}  // namespace leadsla::cli
