// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <compare>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include <fmt/format.h>

#include <leadsla/model/decimal.hpp>
#include <leadsla/time/instant.hpp>

namespace leadsla {

/// The types an attribute or activity property can have.
enum class AttributeType : std::uint8_t {
    null,
    boolean,
    integer,
    decimal,
    string,
    instant,
    string_list
};

/// `null`, `bool`, `int`, `decimal`, `string`, `instant`, `string_list`.
[[nodiscard]] std::string_view to_string(AttributeType type) noexcept;
[[nodiscard]] std::optional<AttributeType> parse_attribute_type(std::string_view text) noexcept;

/// One typed value of a lead attribute or an activity property. A missing value is `null`.
///
/// Example:
///   AttributeValue employees{120};
///   AttributeValue revenue{Decimal::parse("1250000.00").value()};
///   if (employees.type() == AttributeType::integer) { std::int64_t n = *employees.as_integer(); }
class AttributeValue {
public:
    using StringList = std::vector<std::string>;

    AttributeValue() noexcept = default;  ///< null
    explicit AttributeValue(bool v) : value_(v) {}
    explicit AttributeValue(std::int64_t v) : value_(v) {}
    /// Any other integer type is an integer too: `AttributeValue{1500}` holds the int64 1500.
    /// (Unsigned 64-bit values do not convert: they may not fit.)
    template <typename I>
    requires(std::is_integral_v<I> && !std::is_same_v<I, bool> &&
             !std::is_same_v<I, std::int64_t> && !std::is_same_v<I, char> &&
             (std::is_signed_v<I> || sizeof(I) < sizeof(std::int64_t))) explicit AttributeValue(I v)
        : value_(static_cast<std::int64_t>(v)) {}
    explicit AttributeValue(Decimal v) : value_(v) {}
    explicit AttributeValue(std::string v) : value_(std::move(v)) {}
    explicit AttributeValue(const char* v) : value_(std::string{v}) {}
    explicit AttributeValue(Instant v) : value_(v) {}
    explicit AttributeValue(StringList v) : value_(std::move(v)) {}

    [[nodiscard]] AttributeType type() const noexcept {
        return static_cast<AttributeType>(value_.index());
    }
    [[nodiscard]] bool is_null() const noexcept { return value_.index() == 0; }

    /// Each accessor returns nullopt / nullptr when the value has another type (never converts).
    [[nodiscard]] std::optional<bool> as_bool() const noexcept { return get<bool>(); }
    [[nodiscard]] std::optional<std::int64_t> as_integer() const noexcept {
        return get<std::int64_t>();
    }
    [[nodiscard]] std::optional<Decimal> as_decimal() const noexcept { return get<Decimal>(); }
    [[nodiscard]] std::optional<Instant> as_instant() const noexcept { return get<Instant>(); }
    [[nodiscard]] const std::string* as_string() const noexcept {
        return std::get_if<std::string>(&value_);
    }
    [[nodiscard]] const StringList* as_string_list() const noexcept {
        return std::get_if<StringList>(&value_);
    }

    friend bool operator==(const AttributeValue&, const AttributeValue&) = default;
    /// Orders by type first (null < bool < int < decimal < string < instant < list), then value.
    friend std::strong_ordering operator<=>(const AttributeValue& a, const AttributeValue& b);

private:
    template <typename T>
    [[nodiscard]] std::optional<T> get() const noexcept {
        if (const T* p = std::get_if<T>(&value_)) {
            return *p;
        }
        return std::nullopt;
    }
    std::variant<std::monostate, bool, std::int64_t, Decimal, std::string, Instant, StringList>
        value_;
};

/// Named attributes or properties; ordered by name so iteration is deterministic.
using Attributes = std::map<std::string, AttributeValue, std::less<>>;

/// The value of `name` in `attributes`, or null when it is missing.
[[nodiscard]] const AttributeValue& attribute_or_null(const Attributes& attributes,
                                                      std::string_view name) noexcept;

/// Formats `value` as JSON-like text: `null`, `true`, `120`, `1250000.5`, `"software"`,
/// `2026-03-27T15:00:00Z`, `["a", "b"]`.
[[nodiscard]] std::string to_display(const AttributeValue& value);

}  // namespace leadsla

template <>
struct fmt::formatter<leadsla::AttributeType> : fmt::formatter<std::string_view> {
    template <typename FormatContext>
    auto format(leadsla::AttributeType t, FormatContext& ctx) const {
        return fmt::formatter<std::string_view>::format(leadsla::to_string(t), ctx);
    }
};

template <>
struct fmt::formatter<leadsla::AttributeValue> : fmt::formatter<std::string_view> {
    template <typename FormatContext>
    auto format(const leadsla::AttributeValue& v, FormatContext& ctx) const {
        const std::string text = leadsla::to_display(v);
        return fmt::formatter<std::string_view>::format(text, ctx);
    }
};
