// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <compare>
#include <cstddef>
#include <functional>
#include <string>
#include <type_traits>
#include <utility>

#include <fmt/format.h>

namespace leadsla {

/// A value of `Rep` that only compares with values of the same `Tag`.
///
/// `LeadId{"00Q1"} == AccountId{"00Q1"}` does not compile; construction from the raw value is
/// explicit, so a string never silently becomes an id.
///
/// Example:
///   const LeadId lead{"00Q5e00001"};
///   fmt::print("{}\n", lead);   // 00Q5e00001
template <typename Tag, typename Rep = std::string>
class StrongId {
public:
    using rep_type = Rep;

    StrongId() = default;
    explicit StrongId(Rep value) noexcept(std::is_nothrow_move_constructible_v<Rep>)
        : value_(std::move(value)) {}

    [[nodiscard]] const Rep& value() const noexcept { return value_; }

    friend bool operator==(const StrongId&, const StrongId&) = default;
    friend auto operator<=>(const StrongId&, const StrongId&) = default;

private:
    Rep value_{};
};

}  // namespace leadsla

template <typename Tag, typename Rep>
struct std::hash<leadsla::StrongId<Tag, Rep>> {
    std::size_t operator()(const leadsla::StrongId<Tag, Rep>& id) const noexcept {
        return std::hash<Rep>{}(id.value());
    }
};

template <typename Tag, typename Rep>
struct fmt::formatter<leadsla::StrongId<Tag, Rep>> : fmt::formatter<Rep> {
    template <typename FormatContext>
    auto format(const leadsla::StrongId<Tag, Rep>& id, FormatContext& ctx) const {
        return fmt::formatter<Rep>::format(id.value(), ctx);
    }
};
