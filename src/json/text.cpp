// SPDX-License-Identifier: Apache-2.0
#include "json/shared/text.hpp"

#include <algorithm>
#include <optional>
#include <unordered_set>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "json_pointer.hpp"

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

/// nlohmann's DOM builder with leadsla's checks on each SAX event: nesting depth (nlohmann
/// recurses on copy and destruction), members per container, string and key length, and keys
/// repeated in one object. (Not `json::parse` with a callback: nlohmann 3.11 rescans a container
/// for discarded values at the end of every object in it, quadratic in an array of objects —
/// 50,000 scoring rules took seconds.) A failed check throws `StopParsing`.
class CheckedDomBuilder {
public:
    using json = nlohmann::json;

    CheckedDomBuilder(json& root, const JsonLimits& limits) : dom_(root), limits_(limits) {}

    bool null() {
        scalar();
        return dom_.null();
    }
    bool boolean(bool value) {
        scalar();
        return dom_.boolean(value);
    }
    bool number_integer(json::number_integer_t value) {
        scalar();
        return dom_.number_integer(value);
    }
    bool number_unsigned(json::number_unsigned_t value) {
        scalar();
        return dom_.number_unsigned(value);
    }
    bool number_float(json::number_float_t value, const json::string_t& text) {
        scalar();
        return dom_.number_float(value, text);
    }
    bool string(json::string_t& value) {
        check_length(value, "string");
        scalar();
        return dom_.string(value);
    }
    bool binary(json::binary_t& value) {
        scalar();
        return dom_.binary(value);
    }
    bool start_object(std::size_t elements) {
        open(true);
        keys_.emplace_back();
        return dom_.start_object(elements);
    }
    bool key(json::string_t& key) {
        check_length(key, "key");
        count_member(true);
        if (!keys_.back().insert(key).second) {
            throw StopParsing{Error{ErrorCode::json_syntax, "",
                                    fmt::format("duplicate key \"{}\" in one object (a repeated "
                                                "key would silently replace the first)",
                                                key)}};
        }
        return dom_.key(key);
    }
    bool end_object() {
        keys_.pop_back();
        open_.pop_back();
        return dom_.end_object();
    }
    bool start_array(std::size_t elements) {
        open(false);
        return dom_.start_array(elements);
    }
    bool end_array() {
        open_.pop_back();
        return dom_.end_array();
    }
    template <class Exception>
    bool parse_error(std::size_t position, const std::string& token, const Exception& error) {
        return dom_.parse_error(position, token, error);  // throws `error`
    }

private:
    /// Members of an open container: an object counts its keys, an array its values (nested
    /// containers included).
    struct Open {
        bool object;
        std::size_t members;
    };

    void check_depth() const {
        if (std::cmp_greater(open_.size(), limits_.max_depth)) {
            throw StopParsing{
                Error{ErrorCode::json_limit, "",
                      fmt::format("the JSON text nests deeper than {} levels", limits_.max_depth)}};
        }
    }
    void count_member(bool key) {
        if (open_.empty() || open_.back().object != key) {
            return;  // a value inside an object was counted with its key
        }
        if (++open_.back().members > limits_.max_elements) {
            throw StopParsing{Error{
                ErrorCode::json_limit, "",
                fmt::format("an object or array has more than {} members", limits_.max_elements)}};
        }
    }
    void scalar() {
        check_depth();
        count_member(false);
    }
    void open(bool object) {
        scalar();
        open_.push_back({object, 0});
    }
    void check_length(const std::string& text, std::string_view what) const {
        if (text.size() > limits_.max_string_bytes) {
            throw StopParsing{Error{ErrorCode::json_limit, "",
                                    fmt::format("a {} is {} bytes long; the limit is {} bytes",
                                                what, text.size(), limits_.max_string_bytes)}};
        }
    }

    nlohmann::detail::json_sax_dom_parser<json> dom_;
    const JsonLimits& limits_;
    std::vector<Open> open_;
    std::vector<std::unordered_set<std::string>> keys_;  // of each open object
};

/// A forward scanner over JSON text that `parse_json_text` has accepted: it finds where the
/// value a JSON pointer names begins without building a tree.
class PointerLocator {
public:
    explicit PointerLocator(std::string_view text) : text_(text) {}

    /// The offset of the value at `pointer`, or of its deepest ancestor that exists.
    std::size_t locate(std::string_view pointer) {
        std::size_t at = skip_space(0);
        while (!pointer.empty() && pointer.front() == '/' && at < text_.size()) {
            pointer.remove_prefix(1);
            const std::size_t slash = pointer.find('/');
            const std::string token = unescape_token(pointer.substr(0, slash));
            pointer = slash == std::string_view::npos ? std::string_view{} : pointer.substr(slash);
            const std::optional<std::size_t> child = find_child(at, token);
            if (!child) {
                break;
            }
            at = *child;
        }
        return at;
    }

    /// The pointer and offset of the first key that repeats a key of the same object.
    std::optional<std::pair<std::string, std::size_t>> first_duplicate_key() {
        return duplicate_in(skip_space(0), "", 0);
    }

private:
    std::optional<std::pair<std::string, std::size_t>> duplicate_in(std::size_t at,
                                                                    const std::string& pointer,
                                                                    int depth) {
        if (at >= text_.size() || (text_[at] != '{' && text_[at] != '[') || depth > 256) {
            return std::nullopt;
        }
        const bool object = text_[at] == '{';
        std::vector<std::string> keys;
        at = skip_space(at + 1);
        for (std::size_t index = 0; at < text_.size() && text_[at] != '}' && text_[at] != ']';
             ++index) {
            std::string here;
            if (object) {
                const std::size_t key_at = at;
                std::string key;
                at = skip_space(skip_string(at, &key));
                at = skip_space(at + 1);  // the colon
                here = pointer_append(pointer, key);
                if (std::find(keys.begin(), keys.end(), key) != keys.end()) {
                    return std::pair{here, key_at};
                }
                keys.push_back(std::move(key));
            } else {
                here = pointer_append(pointer, std::to_string(index));
            }
            if (auto inner = duplicate_in(at, here, depth + 1)) {
                return inner;
            }
            at = skip_space(skip_value(at));
            if (at < text_.size() && text_[at] == ',') {
                at = skip_space(at + 1);
            }
        }
        return std::nullopt;
    }

    static std::string unescape_token(std::string_view token) {
        std::string out;
        for (std::size_t i = 0; i < token.size(); ++i) {
            if (token[i] == '~' && i + 1 < token.size()) {
                out += token[i + 1] == '1' ? '/' : '~';
                ++i;
            } else {
                out += token[i];
            }
        }
        return out;
    }

    std::size_t skip_space(std::size_t at) const {
        while (at < text_.size() &&
               (text_[at] == ' ' || text_[at] == '\t' || text_[at] == '\n' || text_[at] == '\r')) {
            ++at;
        }
        return at;
    }

    /// Past the string that starts at `at` (a quote); its decoded text (simple escapes) in `out`.
    std::size_t skip_string(std::size_t at, std::string* out) const {
        ++at;
        while (at < text_.size() && text_[at] != '"') {
            if (text_[at] == '\\' && at + 1 < text_.size()) {
                ++at;
                if (out != nullptr) {
                    const char c = text_[at];
                    *out += c == 'n' ? '\n' : c == 't' ? '\t' : c;
                }
            } else if (out != nullptr) {
                *out += text_[at];
            }
            ++at;
        }
        return at + 1;
    }

    /// Past the value that starts at `at`.
    std::size_t skip_value(std::size_t at) const {
        if (at >= text_.size()) {
            return at;
        }
        if (text_[at] == '"') {
            return skip_string(at, nullptr);
        }
        if (text_[at] == '{' || text_[at] == '[') {
            int depth = 0;
            while (at < text_.size()) {
                const char c = text_[at];
                if (c == '"') {
                    at = skip_string(at, nullptr);
                    continue;
                }
                if (c == '{' || c == '[') {
                    ++depth;
                } else if (c == '}' || c == ']') {
                    if (--depth == 0) {
                        return at + 1;
                    }
                }
                ++at;
            }
            return at;
        }
        while (at < text_.size() && text_[at] != ',' && text_[at] != '}' && text_[at] != ']' &&
               text_[at] != ' ' && text_[at] != '\n' && text_[at] != '\r' && text_[at] != '\t') {
            ++at;
        }
        return at;
    }

    /// The offset of member `token` of the object or array that starts at `at`.
    std::optional<std::size_t> find_child(std::size_t at, const std::string& token) const {
        if (at >= text_.size() || (text_[at] != '{' && text_[at] != '[')) {
            return std::nullopt;
        }
        const bool object = text_[at] == '{';
        std::size_t wanted_index = 0;
        if (!object) {
            if (token.empty() || token.find_first_not_of("0123456789") != std::string::npos ||
                token.size() > 9) {
                return std::nullopt;
            }
            wanted_index = static_cast<std::size_t>(std::stoul(token));
        }
        at = skip_space(at + 1);
        for (std::size_t index = 0; at < text_.size() && text_[at] != '}' && text_[at] != ']';
             ++index) {
            bool match = false;
            if (object) {
                std::string key;
                at = skip_space(skip_string(at, &key));
                at = skip_space(at + 1);  // the colon
                match = key == token;
            } else {
                match = index == wanted_index;
            }
            if (match) {
                return at;
            }
            at = skip_space(skip_value(at));
            if (at < text_.size() && text_[at] == ',') {
                at = skip_space(at + 1);
            }
        }
        return std::nullopt;
    }

    std::string_view text_;
};

}  // namespace

void locate_errors(std::string_view text, std::vector<Error>& errors) {
    PointerLocator locator{text};
    for (Error& e : errors) {
        if (e.line != 0 || e.code == ErrorCode::json_limit) {
            continue;
        }
        const auto [line, column] = line_column(text, locator.locate(e.where));
        e.line = static_cast<std::uint32_t>(line);
        e.column = static_cast<std::uint32_t>(column);
    }
}

std::string pointer_append(std::string_view pointer, std::string_view key) {
    std::string out{pointer};
    append_pointer_token(out, key);
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
    // nlohmann's lexer takes a NUL byte for the end of the input, so `{...}\0 garbage` would read
    // as `{...}`. A NUL is never valid in JSON text (inside a string it must be escaped).
    if (const auto nul = text.find('\0'); nul != std::string_view::npos) {
        const auto [line, column] = line_column(text, nul);
        Error error{ErrorCode::json_syntax, "", std::string{nul_byte_message}};
        error.line = static_cast<std::uint32_t>(line);
        error.column = static_cast<std::uint32_t>(column);
        return error;
    }
    nlohmann::json root;
    CheckedDomBuilder builder{root, limits};
    try {
        nlohmann::json::sax_parse(text.begin(), text.end(), &builder);
        return root;
    } catch (const StopParsing& stop) {
        Error error = stop.error;
        if (error.code == ErrorCode::json_syntax) {  // a duplicate key: say which and where
            if (const auto duplicate = PointerLocator{text}.first_duplicate_key()) {
                error.where = duplicate->first;
                const auto [line, column] = line_column(text, duplicate->second);
                error.line = static_cast<std::uint32_t>(line);
                error.column = static_cast<std::uint32_t>(column);
            }
        }
        return error;
    } catch (const nlohmann::json::parse_error& e) {
        const auto [line, column] = line_column(text, e.byte == 0 ? 0 : e.byte - 1);
        std::string what = e.what();
        // nlohmann's text starts with "[json.exception.parse_error.101] parse error at line 1,
        // column 5: "; keep only the part after the position, which we report ourselves.
        const auto colon = what.find(": ");
        if (colon != std::string::npos) {
            what = what.substr(colon + 2);
        }
        Error error{ErrorCode::json_syntax, "", what};
        error.line = static_cast<std::uint32_t>(line);
        error.column = static_cast<std::uint32_t>(column);
        return error;
    } catch (const nlohmann::json::exception& e) {
        return Error{ErrorCode::json_syntax, "", e.what()};
    }
}

}  // namespace leadsla::detail
