// SPDX-License-Identifier: Apache-2.0
#include <array>

#include <fmt/format.h>

#include <leadsla/model/attribute_value.hpp>

namespace leadsla {
namespace {

constexpr std::array<std::string_view, 7> type_names{"null",   "bool",    "int",        "decimal",
                                                     "string", "instant", "string_list"};

std::string quoted(const std::string& s) {
    std::string out = "\"";
    for (const char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
        }
        out += c;
    }
    out += '"';
    return out;
}

}  // namespace

std::string_view to_string(AttributeType type) noexcept {
    return type_names[static_cast<std::size_t>(type)];
}

std::optional<AttributeType> parse_attribute_type(std::string_view text) noexcept {
    for (std::size_t i = 0; i < type_names.size(); ++i) {
        if (type_names[i] == text) {
            return static_cast<AttributeType>(i);
        }
    }
    return std::nullopt;
}

std::strong_ordering operator<=>(const AttributeValue& a, const AttributeValue& b) {
    if (a.value_.index() != b.value_.index()) {
        return a.value_.index() <=> b.value_.index();
    }
    return std::visit(
        [&](const auto& x) -> std::strong_ordering {
            using T = std::decay_t<decltype(x)>;
            const T& y = std::get<T>(b.value_);
            if constexpr (std::is_same_v<T, std::monostate>) {
                return std::strong_ordering::equal;
            } else if constexpr (std::is_same_v<T, std::string>) {
                return x.compare(y) <=> 0;
            } else if constexpr (std::is_same_v<T, AttributeValue::StringList>) {
                return std::lexicographical_compare_three_way(
                    x.begin(), x.end(), y.begin(), y.end(),
                    [](const std::string& l, const std::string& r) { return l.compare(r) <=> 0; });
            } else {
                return x <=> y;
            }
        },
        a.value_);
}

const AttributeValue& attribute_or_null(const Attributes& attributes,
                                        std::string_view name) noexcept {
    static const AttributeValue null_value;
    // An activity has a property or two as a rule: comparing lengths first, a scan compares the
    // bytes of the one name that can match, where the tree compares every name on its path.
    constexpr std::size_t few = 4;
    if (attributes.size() <= few) {
        for (const auto& [key, value] : attributes) {
            if (key.size() == name.size() && key == name) {
                return value;
            }
        }
        return null_value;
    }
    const auto it = attributes.find(name);
    return it == attributes.end() ? null_value : it->second;
}

std::string to_display(const AttributeValue& value) {
    switch (value.type()) {
        case AttributeType::null:
            return "null";
        case AttributeType::boolean:
            return *value.as_bool() ? "true" : "false";
        case AttributeType::integer:
            return fmt::format("{}", *value.as_integer());
        case AttributeType::decimal:
            return fmt::format("{}", *value.as_decimal());
        case AttributeType::string:
            return quoted(*value.as_string());
        case AttributeType::instant:
            return format_instant(*value.as_instant());
        case AttributeType::string_list: {
            std::string out = "[";
            const auto& list = *value.as_string_list();
            for (std::size_t i = 0; i < list.size(); ++i) {
                out += (i == 0 ? "" : ", ") + quoted(list[i]);
            }
            return out + "]";
        }
    }
    return "null";
}

}  // namespace leadsla
