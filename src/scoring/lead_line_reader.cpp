// SPDX-License-Identifier: Apache-2.0
// A flat-object JSON scanner that writes lead attributes into their slots directly.
#include "scoring/lead_line_reader.hpp"

#include <algorithm>

#include <fmt/format.h>

#include <leadsla/model/decimal.hpp>
#include <leadsla/time/instant.hpp>

namespace leadsla::detail {
namespace {

struct LineError {
    std::string where;
    std::string message;
};

[[noreturn]] void fail(std::string where, std::string message) {
    throw LineError{std::move(where), std::move(message)};
}

class Scanner {
public:
    explicit Scanner(std::string_view text) : s_(text) {}

    void skip_space() {
        while (pos_ < s_.size() &&
               (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\r' || s_[pos_] == '\n')) {
            ++pos_;
        }
    }
    [[nodiscard]] bool at_end() const { return pos_ >= s_.size(); }
    [[nodiscard]] char peek() const { return pos_ < s_.size() ? s_[pos_] : '\0'; }
    [[nodiscard]] std::size_t position() const { return pos_; }
    void expect(char c, std::string_view what) {
        skip_space();
        if (peek() != c) {
            fail("", fmt::format("column {}: expected {}", pos_ + 1, what));
        }
        ++pos_;
    }

    /// Reads a JSON string at the cursor into `out` (escapes decoded, UTF-8 validated by shape).
    void string(std::string& out) {
        out.clear();
        ++pos_;  // opening quote
        while (true) {
            if (pos_ >= s_.size()) {
                fail("", "unterminated string");
            }
            const char c = s_[pos_++];
            if (c == '"') {
                return;
            }
            if (static_cast<unsigned char>(c) < 0x20) {
                fail("", fmt::format("column {}: control character in a string", pos_));
            }
            if (c != '\\') {
                out += c;
                continue;
            }
            if (pos_ >= s_.size()) {
                fail("", "unterminated escape");
            }
            const char e = s_[pos_++];
            switch (e) {
                case '"':
                    out += '"';
                    break;
                case '\\':
                    out += '\\';
                    break;
                case '/':
                    out += '/';
                    break;
                case 'b':
                    out += '\b';
                    break;
                case 'f':
                    out += '\f';
                    break;
                case 'n':
                    out += '\n';
                    break;
                case 'r':
                    out += '\r';
                    break;
                case 't':
                    out += '\t';
                    break;
                case 'u':
                    unicode(out);
                    break;
                default:
                    fail("", fmt::format("column {}: invalid escape \\{}", pos_ - 1, e));
            }
        }
    }

    /// The raw text of a number at the cursor.
    std::string_view number() {
        const std::size_t start = pos_;
        while (pos_ < s_.size() &&
               (std::isdigit(static_cast<unsigned char>(s_[pos_])) != 0 || s_[pos_] == '-' ||
                s_[pos_] == '+' || s_[pos_] == '.' || s_[pos_] == 'e' || s_[pos_] == 'E')) {
            ++pos_;
        }
        return s_.substr(start, pos_ - start);
    }

    /// Consumes `word` (true, false, null) or fails.
    void literal(std::string_view word) {
        if (s_.substr(pos_, word.size()) != word) {
            fail("", fmt::format("column {}: invalid literal", pos_ + 1));
        }
        pos_ += word.size();
    }

private:
    unsigned hex4() {
        if (pos_ + 4 > s_.size()) {
            fail("", "truncated \\u escape");
        }
        unsigned v = 0;
        for (int i = 0; i < 4; ++i) {
            const char h = s_[pos_++];
            v <<= 4;
            if (h >= '0' && h <= '9') {
                v |= static_cast<unsigned>(h - '0');
            } else if (h >= 'a' && h <= 'f') {
                v |= static_cast<unsigned>(h - 'a' + 10);
            } else if (h >= 'A' && h <= 'F') {
                v |= static_cast<unsigned>(h - 'A' + 10);
            } else {
                fail("", "invalid \\u escape");
            }
        }
        return v;
    }

    void unicode(std::string& out) {
        unsigned cp = hex4();
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (s_.substr(pos_, 2) != "\\u") {
                fail("", "a high surrogate must be followed by a low surrogate");
            }
            pos_ += 2;
            const unsigned low = hex4();
            if (low < 0xDC00 || low > 0xDFFF) {
                fail("", "invalid low surrogate");
            }
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            fail("", "unpaired low surrogate");
        }
        auto put = [&](unsigned v) { out += static_cast<char>(v); };
        if (cp < 0x80) {
            put(cp);
        } else if (cp < 0x800) {
            put(0xC0 | (cp >> 6));
            put(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            put(0xE0 | (cp >> 12));
            put(0x80 | ((cp >> 6) & 0x3F));
            put(0x80 | (cp & 0x3F));
        } else {
            put(0xF0 | (cp >> 18));
            put(0x80 | ((cp >> 12) & 0x3F));
            put(0x80 | ((cp >> 6) & 0x3F));
            put(0x80 | (cp & 0x3F));
        }
    }

    std::string_view s_;
    std::size_t pos_ = 0;
};

std::int64_t parse_integer(std::string_view text, const std::string& key) {
    const auto where = [&] { return "/" + key; };
    std::size_t i = 0;
    const bool negative = !text.empty() && text[0] == '-';
    i = negative ? 1 : 0;
    if (i == text.size()) {
        fail(where(), fmt::format("\"{}\" is not a number", text));
    }
    std::int64_t v = 0;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (c < '0' || c > '9') {
            fail(where(), fmt::format("expected an integer, got {}", text));
        }
        if (v > (std::int64_t{1} << 62) / 10) {
            fail(where(), fmt::format("{} is out of the integer range", text));
        }
        v = v * 10 + (c - '0');
    }
    return negative ? -v : v;
}

}  // namespace

LeadLineReader::LeadLineReader(const ExpressionSet& expressions) : expressions_(&expressions) {
    for (const auto& [name, type] : expressions.schema().attributes) {
        names_.push_back(name);
        types_.push_back(type);
    }
}

std::optional<Error> LeadLineReader::read(std::string_view line,
                                          std::string& id,
                                          LeadRecord& record) {
    record.slots.assign(names_.size(), Slot{});
    record.unknown_strings.clear();
    id.clear();
    bool has_id = false;
    seen_.assign(names_.size(), 0);
    try {
        Scanner s{line};
        s.expect('{', "'{' (a lead is one JSON object per line)");
        std::size_t key_index = 0;
        s.skip_space();
        if (s.peek() == '}') {
            s.expect('}', "'}'");
        } else {
            while (true) {
                s.skip_space();
                if (s.peek() != '"') {
                    fail("", fmt::format("column {}: expected a key", s.position() + 1));
                }
                s.string(key_);
                s.expect(':', "':'");
                s.skip_space();
                // The slot of this key: the previous line's order is the fast guess.
                std::int32_t slot = -1;
                if (key_index < last_keys_.size() && last_keys_[key_index] == key_) {
                    slot = last_order_[key_index];
                } else {
                    const auto it = std::find(names_.begin(), names_.end(), key_);
                    slot = it == names_.end() ? -1 : static_cast<std::int32_t>(it - names_.begin());
                    if (key_index < last_keys_.size()) {
                        last_keys_.resize(key_index);
                        last_order_.resize(key_index);
                    }
                    last_keys_.push_back(key_);
                    last_order_.push_back(slot);
                }
                ++key_index;
                const char c = s.peek();
                if (c == '{' || c == '[') {
                    fail("/" + key_, "nested objects and arrays are not supported in a lead line");
                }
                if (key_ == "id") {
                    if (has_id) {
                        fail("/" + key_, "duplicate key \"id\"");
                    }
                    if (c != '"') {
                        fail("/" + key_, "the id must be a string");
                    }
                    s.string(id);
                    has_id = true;
                } else if (slot < 0) {
                    // Undeclared: read and skip.
                    if (c == '"') {
                        s.string(text_);
                    } else if (c == 't') {
                        s.literal("true");
                    } else if (c == 'f') {
                        s.literal("false");
                    } else if (c == 'n') {
                        s.literal("null");
                    } else if (s.number().empty()) {
                        fail("/" + key_, "expected a value");
                    }
                } else {
                    const auto i = static_cast<std::size_t>(slot);
                    if (seen_[i] != 0) {
                        fail("/" + key_, fmt::format("duplicate key \"{}\"", key_));
                    }
                    seen_[i] = 1;
                    Slot& out = record.slots[i];
                    const AttributeType type = types_[i];
                    if (c == 'n') {
                        s.literal("null");
                    } else if (type == AttributeType::boolean) {
                        if (c == 't') {
                            s.literal("true");
                            out = Slot{1, false};
                        } else if (c == 'f') {
                            s.literal("false");
                            out = Slot{0, false};
                        } else {
                            fail("/" + key_,
                                 fmt::format("\"{}\" is declared bool: expected true or false",
                                             key_));
                        }
                    } else if (type == AttributeType::integer || type == AttributeType::decimal) {
                        if (c != '-' && (c < '0' || c > '9')) {
                            fail("/" + key_, fmt::format("\"{}\" is declared {}: expected a number",
                                                         key_, to_string(type)));
                        }
                        const std::string_view n = s.number();
                        if (type == AttributeType::integer) {
                            out = Slot{parse_integer(n, key_), false};
                        } else {
                            const auto d = Decimal::parse(n);
                            if (!d) {
                                fail("/" + key_, d.error().message);
                            }
                            out = Slot{d->units(), false};
                        }
                    } else if (type == AttributeType::string || type == AttributeType::instant) {
                        if (c != '"') {
                            fail("/" + key_, fmt::format("\"{}\" is declared {}: expected a string",
                                                         key_, to_string(type)));
                        }
                        s.string(text_);
                        if (type == AttributeType::instant) {
                            const auto t = parse_instant(text_);
                            if (!t) {
                                fail("/" + key_, t.error().message);
                            }
                            out = Slot{t->time_since_epoch().count(), false};
                        } else {
                            const std::int64_t string_id = expressions_->string_id(text_);
                            if (string_id >= 0) {
                                out = Slot{string_id, false};
                            } else {
                                record.unknown_strings.push_back(text_);
                                out =
                                    Slot{-static_cast<std::int64_t>(record.unknown_strings.size()),
                                         false};
                            }
                        }
                    } else {
                        fail("/" + key_,
                             fmt::format("\"{}\" has a type that lead lines cannot carry", key_));
                    }
                }
                s.skip_space();
                if (s.peek() == ',') {
                    s.expect(',', "','");
                    continue;
                }
                s.expect('}', "',' or '}'");
                break;
            }
        }
        s.skip_space();
        if (!s.at_end()) {
            fail("", fmt::format("column {}: unexpected text after the object", s.position() + 1));
        }
        if (!has_id) {
            fail("/id", "missing \"id\": every lead line needs a string id");
        }
    } catch (const LineError& e) {
        return Error{ErrorCode::json_type, e.where, e.message};
    }
    return std::nullopt;
}

}  // namespace leadsla::detail
