// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <span>
#include <string>
#include <vector>

#include <fmt/format.h>

#include <leadsla/model/attribute_value.hpp>
#include <leadsla/model/past_attributes.hpp>
#include <leadsla/time/instant.hpp>

namespace leadsla {

/// One attribute of a lead changed value at an instant, as a CRM's field history records it
/// (Salesforce `LeadHistory`, HubSpot `propertiesWithHistory`). `from` or `to` is null when the
/// attribute was or became unset.
struct AttributeChange {
    Instant at;
    std::string attribute;
    AttributeValue from;
    AttributeValue to;
    std::string actor;  ///< who changed it, when the history says; may be empty

    friend bool operator==(const AttributeChange&, const AttributeChange&) = default;
};

/// The attribute history (`PastAttributes`, ascending `until`) that leads from a lead's
/// `current` attributes back through `changes` (any order): walking back from the latest
/// change, each change restores its `from` value; the attributes before each distinct instant
/// form one entry. Changes at one instant apply together; of two changes of one attribute at
/// one instant, the `from` of the one that sorts first by (from, to) is the older value. A
/// change whose `to` disagrees with the value that followed it (a gap in the history) is taken
/// at its word: `from` is what held before it. Empty when `changes` is.
///
/// Example: current {employees: 1500}, changes [{2026-03-10, employees, 300 → 1500}] gives
/// [{until 2026-03-10, {employees: 300}}].
[[nodiscard]] std::vector<PastAttributes> past_attributes_from(
    const Attributes& current, std::span<const AttributeChange> changes);

}  // namespace leadsla

/// `2026-03-10T09:00:00Z employees 300 -> 1500` (then ` by <actor>` when known).
template <>
struct fmt::formatter<leadsla::AttributeChange> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    template <typename FormatContext>
    auto format(const leadsla::AttributeChange& c, FormatContext& ctx) const {
        auto out = fmt::format_to(ctx.out(), "{} {} {} -> {}", leadsla::format_instant(c.at),
                                  c.attribute, c.from, c.to);
        if (!c.actor.empty()) {
            out = fmt::format_to(out, " by {}", c.actor);
        }
        return out;
    }
};
