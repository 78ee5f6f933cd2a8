// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <leadsla/model/attribute_value.hpp>
#include <leadsla/time/instant.hpp>

namespace leadsla {

/// Attributes a lead had before an update: they held up to `until` (exclusive), when the next
/// entry's attributes, or the lead's current ones after the last entry, took over.
///
/// A list of them, in ascending `until`, is a lead's attribute history. SLA clocks read it so a
/// segment change while a clock runs takes effect at the instant it happened (`SlaSpec::
/// on_segment_change`); `Engine::update` records it in a `LeadState`.
struct PastAttributes {
    Instant until;
    Attributes attributes;

    friend bool operator==(const PastAttributes&, const PastAttributes&) = default;
};

}  // namespace leadsla

/// `until 2026-03-20T10:00:00Z: {employees: 300, region: "dach"}`.
template <>
struct fmt::formatter<leadsla::PastAttributes> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    template <typename FormatContext>
    auto format(const leadsla::PastAttributes& p, FormatContext& ctx) const {
        auto out = fmt::format_to(ctx.out(), "until {}: {{", leadsla::format_instant(p.until));
        bool first = true;
        for (const auto& [name, value] : p.attributes) {
            out = fmt::format_to(out, "{}{}: {}", first ? "" : ", ", name, value);
            first = false;
        }
        return fmt::format_to(out, "}}");
    }
};
