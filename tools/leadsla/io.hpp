// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>

namespace leadsla::cli {

/// The whole content of `path` ("-" for standard input), or nullopt after printing why to stderr.
[[nodiscard]] std::optional<std::string> read_file(const std::string& path);

}  // namespace leadsla::cli
