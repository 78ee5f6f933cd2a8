// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include <leadsla/result.hpp>

namespace leadsla::cli {

/// The largest JSON document the commands read whole (the library's limit for one JSON text).
inline constexpr std::size_t max_document_bytes = std::size_t{16} << 20;

/// The whole content of `path` ("-" for standard input), or nullopt after printing why to stderr
/// (unreadable, or larger than `max_document_bytes`: such a file is not read to its end).
[[nodiscard]] std::optional<std::string> read_file(const std::string& path);

/// Writes `text` to `path`, or to standard output when `path` is empty; false after printing
/// why to stderr.
[[nodiscard]] bool write_output(const std::string& path, const std::string& text);

/// `path:line:column: error[code] /pointer: message`, as compilers print diagnostics (editors
/// jump to it); `path: error[...]` when the position is not known.
[[nodiscard]] std::string diagnostic(const std::string& path, const Error& error);

/// Prints the diagnostic of an error on line `n` of an NDJSON file to stderr (the error's column,
/// when known, is within that line).
void report_line(const std::string& path, std::size_t n, Error error);

/// `policy_text` with the RFC 6902 `patch` applied and its version set to `version`: the
/// document `validate` reads. nullopt after printing why to stderr.
[[nodiscard]] std::optional<std::string> patched_policy(const std::string& policy_text,
                                                        const std::string& patch,
                                                        const std::string& version);

}  // namespace leadsla::cli
