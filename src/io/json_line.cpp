// SPDX-License-Identifier: Apache-2.0
#include "io/json_line.hpp"

#include <algorithm>
#include <vector>

#include <fmt/format.h>

#include "json/shared/text.hpp"
#include "model/shared/json_number.hpp"

namespace leadsla::detail {

using simdjson::dom::element;
using simdjson::dom::element_type;

JsonLineParser::JsonLineParser() {
    // The capacity grows with the longest line read; the depth stays at the lines' limit. A
    // failed allocation here is retried by the first parse, which reports it.
    if (parser_.allocate(4096, max_line_depth) != simdjson::SUCCESS) {
        return;
    }
}

Result<element> JsonLineParser::parse(std::string_view text) {
    if (text.size() > max_line_bytes) {
        return Error{ErrorCode::json_limit, "",
                     fmt::format("the JSON text is {} bytes; the limit is {} bytes", text.size(),
                                 max_line_bytes)};
    }
    if (const auto nul = text.find('\0'); nul != std::string_view::npos) {
        Error error{ErrorCode::json_syntax, "", std::string{nul_byte_message}};
        error.column = static_cast<std::uint32_t>(nul + 1);
        return error;
    }
    element doc;
    const simdjson::error_code e = parser_.parse(text.data(), text.size()).get(doc);
    if (e == simdjson::DEPTH_ERROR) {
        return Error{ErrorCode::json_limit, "",
                     fmt::format("the JSON text nests deeper than {} levels", max_line_depth)};
    }
    if (e != simdjson::SUCCESS) {
        return Error{ErrorCode::json_syntax, "",
                     fmt::format("not a JSON value: {}", simdjson::error_message(e))};
    }
    return doc;
}

std::string_view json_type_name(const element& value) {
    switch (value.type()) {
        case element_type::NULL_VALUE:
            return "null";
        case element_type::BOOL:
            return "a boolean";
        case element_type::INT64:
        case element_type::UINT64:
            return "an integer";
        case element_type::DOUBLE:
            return "a decimal number";
        case element_type::STRING:
            return "a string";
        case element_type::ARRAY:
            return "an array";
        case element_type::OBJECT:
            return "an object";
    }
    return "a value";
}

std::string json_text_of(const element& value) {
    return simdjson::minify(value);
}

std::optional<std::string_view> first_repeated_key(simdjson::dom::object object) {
    // Lines' objects are small: compared in place; a large one is sorted (hostile lines stay
    // O(n log n)), then the repeat that comes first in the object is named.
    constexpr std::size_t in_place = 16;
    if (object.size() <= in_place) {
        for (auto a = object.begin(); a != object.end(); ++a) {
            auto b = a;
            for (++b; b != object.end(); ++b) {
                if (a.key() == b.key()) {
                    return b.key();
                }
            }
        }
        return std::nullopt;
    }
    std::vector<std::pair<std::string_view, std::size_t>> keys;
    std::size_t index = 0;
    for (const auto field : object) {
        keys.emplace_back(field.key, index++);
    }
    std::sort(keys.begin(), keys.end());
    std::optional<std::pair<std::string_view, std::size_t>> first;
    for (std::size_t i = 1; i < keys.size(); ++i) {
        if (keys[i].first == keys[i - 1].first && (!first || keys[i].second < first->second)) {
            first = keys[i];
        }
    }
    return first ? std::optional{first->first} : std::nullopt;
}

std::string repeated_key_message(std::string_view key) {
    return fmt::format(
        "duplicate key \"{}\" in one object (a repeated key would silently replace the first)",
        key);
}

namespace {

Error type_error(std::string_view expected, const element& got) {
    return Error{ErrorCode::json_type, "",
                 fmt::format("expected {}, got {}", expected, json_type_name(got))};
}

}  // namespace

Result<Instant> json_instant(const element& value) {
    const element_type t = value.type();
    if (t == element_type::INT64) {
        return instant_from_unix_ms(std::int64_t(value));
    }
    if (t == element_type::UINT64) {
        return Error{ErrorCode::parse_out_of_range, "",
                     fmt::format("{} ms from 1970-01-01T00:00:00Z is outside the supported "
                                 "instants, years 0000 to 9999 (a unit mistake?)",
                                 json_text_of(value))};
    }
    if (t != element_type::STRING) {
        return type_error("an RFC 3339 timestamp with offset or integer epoch milliseconds", value);
    }
    return parse_instant(std::string_view(value));
}

Result<AttributeValue> json_attribute(const element& value, AttributeType type) {
    const element_type t = value.type();
    if (t == element_type::NULL_VALUE) {
        return AttributeValue{};
    }
    switch (type) {
        case AttributeType::boolean:
            if (t == element_type::BOOL) {
                return AttributeValue{bool(value)};
            }
            return type_error("true or false (declared bool)", value);
        case AttributeType::integer:
            if (t == element_type::INT64) {
                return AttributeValue{std::int64_t(value)};
            }
            if (t == element_type::UINT64) {
                return Error{ErrorCode::parse_out_of_range, "",
                             fmt::format("{} is above the largest int, 9223372036854775807",
                                         std::uint64_t(value))};
            }
            return type_error("an integer (declared int)", value);
        case AttributeType::decimal: {
            if (t != element_type::INT64 && t != element_type::UINT64 &&
                t != element_type::DOUBLE && t != element_type::STRING) {
                return type_error("a number or a decimal string (declared decimal)", value);
            }
            Result<Decimal> d =
                t == element_type::INT64 ? Decimal::parse(fmt::format("{}", std::int64_t(value)))
                : t == element_type::UINT64
                    ? Decimal::parse(fmt::format("{}", std::uint64_t(value)))
                : t == element_type::DOUBLE ? decimal_from_json_double(double(value))
                                            : Decimal::parse(std::string_view(value));
            if (!d) {
                return d.error();
            }
            return AttributeValue{*d};
        }
        case AttributeType::string:
            if (t == element_type::STRING) {
                return AttributeValue{std::string{std::string_view(value)}};
            }
            return type_error("a string (declared string)", value);
        case AttributeType::instant: {
            Result<Instant> when = json_instant(value);
            if (!when) {
                return when.error();
            }
            return AttributeValue{*when};
        }
        case AttributeType::string_list: {
            if (t == element_type::ARRAY) {
                AttributeValue::StringList list;
                for (const element item : simdjson::dom::array(value)) {
                    if (item.type() != element_type::STRING) {
                        return type_error("an array of strings (declared string_list)", value);
                    }
                    list.emplace_back(std::string_view(item));
                }
                return AttributeValue{std::move(list)};
            }
            return type_error("an array of strings (declared string_list)", value);
        }
        case AttributeType::null:
            break;
    }
    return AttributeValue{};
}

}  // namespace leadsla::detail
