// SPDX-License-Identifier: Apache-2.0
// Flat lead lines into their slots, in the dialect of every input line.
#include "io/lead_line_reader.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "io/json_line.hpp"
#include "json/shared/text.hpp"

namespace leadsla::detail {

using simdjson::dom::element;
using simdjson::dom::element_type;

LeadLineReader::LeadLineReader(const ExpressionSet& expressions)
    : expressions_(&expressions), parser_(std::make_unique<JsonLineParser>()) {
    for (const auto& [name, type] : expressions.schema().attributes) {
        names_.push_back(name);
        types_.push_back(type);
    }
}
LeadLineReader::~LeadLineReader() = default;
LeadLineReader::LeadLineReader(LeadLineReader&&) noexcept = default;
LeadLineReader& LeadLineReader::operator=(LeadLineReader&&) noexcept = default;

std::int32_t LeadLineReader::slot_of(std::size_t index, std::string_view key) {
    // Lines of one file share their key order: the previous line's is the fast guess.
    if (index < last_keys_.size() && last_keys_[index] == key) {
        return last_order_[index];
    }
    const auto it = std::find(names_.begin(), names_.end(), key);
    const auto slot = it == names_.end() ? -1 : static_cast<std::int32_t>(it - names_.begin());
    last_keys_.resize(std::min(index, last_keys_.size()));
    last_order_.resize(last_keys_.size());
    if (index == last_keys_.size()) {
        last_keys_.emplace_back(key);
        last_order_.push_back(slot);
    }
    return slot;
}

std::optional<Error> LeadLineReader::read(std::string_view line,
                                          std::string& id,
                                          LeadRecord& record) {
    record.slots.assign(names_.size(), Slot{});
    record.unknown_strings.clear();
    id.clear();
    Result<element> parsed = parser_->parse(line);
    if (!parsed) {
        return parsed.error();
    }
    const element doc = *parsed;
    if (doc.type() != element_type::OBJECT) {
        return Error{ErrorCode::json_type, "",
                     fmt::format("expected an object (a lead is one JSON object per line), got {}",
                                 json_type_name(doc))};
    }
    const simdjson::dom::object fields{doc};
    if (const auto key = first_repeated_key(fields)) {
        return Error{ErrorCode::json_syntax, pointer_append("", *key), repeated_key_message(*key)};
    }
    bool has_id = false;
    std::size_t index = 0;
    for (const auto field : fields) {
        // Every key takes its place in the key-order cache, `id` included.
        const std::int32_t slot = slot_of(index++, field.key);
        if (field.key == "id") {
            if (field.value.type() != element_type::STRING) {
                return Error{ErrorCode::json_type, "/id",
                             fmt::format("expected a string, got {}", json_type_name(field.value))};
            }
            id.assign(std::string_view(field.value));
            if (id.empty()) {
                return Error{ErrorCode::json_type, "/id", "\"id\" must not be empty"};
            }
            has_id = true;
            continue;
        }
        if (slot < 0) {
            continue;  // undeclared: no rule can read it
        }
        const auto i = static_cast<std::size_t>(slot);
        Result<AttributeValue> value = json_attribute(field.value, types_[i]);
        if (!value) {
            Error error = std::move(value).error();
            error.where = pointer_append("", field.key);
            return error;
        }
        Slot& out = record.slots[i];
        const AttributeValue& v = *value;
        if (v.is_null()) {
            continue;
        }
        switch (types_[i]) {
            case AttributeType::boolean:
                out = Slot{*v.as_bool() ? 1 : 0, false};
                break;
            case AttributeType::integer:
                out = Slot{*v.as_integer(), false};
                break;
            case AttributeType::decimal:
                out = Slot{v.as_decimal()->units(), false};
                break;
            case AttributeType::instant:
                out = Slot{v.as_instant()->time_since_epoch().count(), false};
                break;
            case AttributeType::string: {
                const std::string& text = *v.as_string();
                const std::int64_t string_id = expressions_->string_id(text);
                if (string_id >= 0) {
                    out = Slot{string_id, false};
                } else {
                    record.unknown_strings.push_back(text);
                    out = Slot{-static_cast<std::int64_t>(record.unknown_strings.size()), false};
                }
                break;
            }
            case AttributeType::string_list:
            case AttributeType::null:
                return Error{ErrorCode::json_type, pointer_append("", field.key),
                             fmt::format("\"{}\" is declared {}: bulk scoring reads no "
                                         "lists (evaluate the lead instead)",
                                         field.key, to_string(types_[i]))};
        }
    }
    if (!has_id) {
        return Error{ErrorCode::json_missing_key, "/id",
                     "missing \"id\": every lead line needs a string id"};
    }
    return std::nullopt;
}

}  // namespace leadsla::detail
