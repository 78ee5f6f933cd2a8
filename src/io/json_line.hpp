// SPDX-License-Identifier: Apache-2.0
// One JSON dialect for every input line (leads, events, bulk-scoring lines): parsed by simdjson,
// which checks every byte (UTF-8, structure, numbers), with the same limits, the same duplicate-key
// rule and the same typed values and messages everywhere.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <leadsla/expr/schema.hpp>
#include <leadsla/model/attribute_value.hpp>
#include <leadsla/result.hpp>
#include <leadsla/time/instant.hpp>

#include <simdjson.h>

namespace leadsla::detail {

/// Input lines are flat records: a small depth limit keeps hostile lines cheap.
inline constexpr std::size_t max_line_bytes = std::size_t{1} << 20;
inline constexpr std::size_t max_line_depth = 8;

/// A simdjson parser kept between lines (its buffers grow to the longest line and are reused).
class JsonLineParser {
public:
    JsonLineParser();

    /// The line as a document, or why it is not one: longer than `max_line_bytes`, a NUL byte,
    /// deeper than `max_line_depth`, or not one JSON value (trailing bytes included).
    [[nodiscard]] Result<simdjson::dom::element> parse(std::string_view text);

private:
    simdjson::dom::parser parser_;
};

/// "an integer", "a string", … for messages.
[[nodiscard]] std::string_view json_type_name(const simdjson::dom::element& value);

/// `value` as compact JSON text, for messages.
[[nodiscard]] std::string json_text_of(const simdjson::dom::element& value);

/// The first key of `object` that repeats an earlier one (a repeated key would silently replace
/// the first), or nothing.
[[nodiscard]] std::optional<std::string_view> first_repeated_key(simdjson::dom::object object);

/// The message for a repeated key.
[[nodiscard]] std::string repeated_key_message(std::string_view key);

/// An instant: RFC 3339 with an offset, or integer epoch milliseconds.
[[nodiscard]] Result<Instant> json_instant(const simdjson::dom::element& value);

/// `value` as an attribute of declared type `type` (`null` is the null value): `int` an integer;
/// `decimal` a number or a decimal string with at most 4 fractional digits; `bool` true/false;
/// `string` a string; `instant` as `json_instant`; `string_list` an array of strings. Errors have
/// an empty `where`: the caller knows the pointer.
[[nodiscard]] Result<AttributeValue> json_attribute(const simdjson::dom::element& value,
                                                    AttributeType type);

}  // namespace leadsla::detail
