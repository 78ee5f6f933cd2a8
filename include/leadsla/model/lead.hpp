// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string_view>

#include <fmt/format.h>

#include <leadsla/model/attribute_value.hpp>
#include <leadsla/model/ids.hpp>
#include <leadsla/model/stage.hpp>
#include <leadsla/time/instant.hpp>

namespace leadsla {

/// A lead as the host knows it: identity, current stage and owner, and typed attributes.
struct Lead {
    LeadId id;
    Instant created_at;
    Stage stage = Stage::lead;
    std::optional<AccountId> account;
    std::optional<OwnerId> owner;
    Attributes attributes;  ///< firmographics and other fields, e.g. "employees", "industry"

    /// The attribute `name`, or null when the lead has none.
    [[nodiscard]] const AttributeValue& attribute(std::string_view name) const noexcept {
        return attribute_or_null(attributes, name);
    }

    friend bool operator==(const Lead&, const Lead&) = default;
};

}  // namespace leadsla

/// `lead 00Q1 (mql)`.
template <>
struct fmt::formatter<leadsla::Lead> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    template <typename FormatContext>
    auto format(const leadsla::Lead& lead, FormatContext& ctx) const {
        return fmt::format_to(ctx.out(), "lead {} ({})", lead.id, lead.stage);
    }
};
