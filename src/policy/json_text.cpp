// SPDX-License-Identifier: Apache-2.0
#include "policy/json_text.hpp"

#include <algorithm>
#include <vector>

#include <fmt/format.h>

namespace leadsla::detail {
namespace {

/// Thrown from the parser callback to stop parsing; caught in parse_json_text.
struct StopParsing {
    Error error;
};

/// Line and column (1-based) of byte `offset` in `text`.
std::pair<std::size_t, std::size_t> line_column(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    std::size_t line = 1;
    std::size_t column = 1;
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return {line, column};
}

}  // namespace

std::string pointer_append(std::string_view pointer, std::string_view key) {
    std::string out{pointer};
    out += '/';
    for (const char c : key) {
        if (c == '~') {
            out += "~0";
        } else if (c == '/') {
            out += "~1";
        } else {
            out += c;
        }
    }
    return out;
}

std::string_view json_type_name(const nlohmann::json& value) {
    switch (value.type()) {
        case nlohmann::json::value_t::null:
            return "null";
        case nlohmann::json::value_t::boolean:
            return "a boolean";
        case nlohmann::json::value_t::number_integer:
        case nlohmann::json::value_t::number_unsigned:
            return "an integer";
        case nlohmann::json::value_t::number_float:
            return "a decimal number";
        case nlohmann::json::value_t::string:
            return "a string";
        case nlohmann::json::value_t::array:
            return "an array";
        case nlohmann::json::value_t::object:
            return "an object";
        default:
            return "a binary value";
    }
}

Result<nlohmann::json> parse_json_text(std::string_view text, const JsonLimits& limits) {
    if (text.size() > limits.max_bytes) {
        return Error{ErrorCode::json_limit, "",
                     fmt::format("the JSON text is {} bytes; the limit is {} bytes", text.size(),
                                 limits.max_bytes)};
    }
    // One set of keys per open object, to reject duplicates; the depth check keeps nlohmann's
    // recursive copy and destruction away from hostile nesting.
    std::vector<std::vector<std::string>> open_objects;
    std::vector<std::string> path;
    std::vector<std::size_t> array_index;
    const auto callback = [&](int depth, nlohmann::json::parse_event_t event,
                              nlohmann::json& parsed) -> bool {
        using Event = nlohmann::json::parse_event_t;
        if (depth > limits.max_depth) {
            throw StopParsing{
                Error{ErrorCode::json_limit, "",
                      fmt::format("the JSON text nests deeper than {} levels", limits.max_depth)}};
        }
        switch (event) {
            case Event::object_start:
                open_objects.emplace_back();
                break;
            case Event::object_end:
                if (!open_objects.empty()) {
                    open_objects.pop_back();
                }
                break;
            case Event::key: {
                const auto& key = parsed.get_ref<const std::string&>();
                auto& keys = open_objects.back();
                if (std::find(keys.begin(), keys.end(), key) != keys.end()) {
                    throw StopParsing{Error{ErrorCode::json_syntax, "",
                                            fmt::format("duplicate key \"{}\" in one object (a "
                                                        "repeated key would silently replace the "
                                                        "first)",
                                                        key)}};
                }
                keys.push_back(key);
                break;
            }
            default:
                break;
        }
        return true;
    };
    try {
        return nlohmann::json::parse(text.begin(), text.end(), callback);
    } catch (const StopParsing& stop) {
        return stop.error;
    } catch (const nlohmann::json::parse_error& e) {
        const auto [line, column] = line_column(text, e.byte == 0 ? 0 : e.byte - 1);
        std::string what = e.what();
        // nlohmann's text starts with "[json.exception.parse_error.101] parse error at line 1,
        // column 5: "; keep only the part after the position, which we report ourselves.
        const auto colon = what.find(": ");
        if (colon != std::string::npos) {
            what = what.substr(colon + 2);
        }
        return Error{ErrorCode::json_syntax, "",
                     fmt::format("line {}, column {}: {}", line, column, what)};
    } catch (const nlohmann::json::exception& e) {
        return Error{ErrorCode::json_syntax, "", e.what()};
    }
}

}  // namespace leadsla::detail
