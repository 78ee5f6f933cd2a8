// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include <leadsla/result.hpp>

namespace leadsla::detail {

/// Limits applied while JSON text is parsed (before any value is copied).
struct JsonLimits {
    std::size_t max_bytes = std::size_t{16} << 20;  // 16 MiB
    int max_depth = 64;
    std::size_t max_string_bytes = std::size_t{64} << 10;  // 64 KiB: keys and string values
    std::size_t max_elements = 100'000;                    // members of one object or array
};

/// Parses `text` as one JSON document.
///
/// Unlike plain nlohmann::json::parse it rejects duplicate object keys (nlohmann keeps the last
/// silently), input deeper than `limits.max_depth` (nlohmann recurses on copy and destruction) and
/// input larger than `limits.max_bytes`, strings longer than `limits.max_string_bytes` and
/// objects or arrays with more than `limits.max_elements` members. Errors: json.syntax (with
/// line and column), json.limit.
[[nodiscard]] Result<nlohmann::json> parse_json_text(std::string_view text,
                                                     const JsonLimits& limits = {});

/// Sets the line and column of every error in `errors` that has none: where the value its JSON
/// pointer names begins in `text` (a document `parse_json_text` accepted), or, for a missing
/// key, where the nearest enclosing value that exists begins.
void locate_errors(std::string_view text, std::vector<Error>& errors);

/// `/a/b/0` for nesting; escapes `~` and `/` in keys as RFC 6901 says.
[[nodiscard]] std::string pointer_append(std::string_view pointer, std::string_view key);

/// Why text with a NUL byte is refused (nlohmann's lexer would take it for the end of the input).
inline constexpr std::string_view nul_byte_message =
    "a NUL byte: JSON text cannot contain one (inside a string, write \\u0000)";

/// "a string", "an integer", ...: the JSON type of `value` for messages.
[[nodiscard]] std::string_view json_type_name(const nlohmann::json& value);

}  // namespace leadsla::detail
