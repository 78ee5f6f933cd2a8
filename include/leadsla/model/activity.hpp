// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <compare>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include <leadsla/model/attribute_value.hpp>
#include <leadsla/model/ids.hpp>
#include <leadsla/time/instant.hpp>

namespace leadsla {

/// Something that happened to a lead: a web visit, a whitepaper download, a call attempt.
///
/// Activities order by (occurred_at, id) — the tie-break every leadsla computation uses — and
/// activities with the same id are the same activity.
struct Activity {
    Instant occurred_at;
    ActivityId id;
    std::string type;       ///< e.g. "web_visit", "content_download", "contact_attempt"
    Attributes properties;  ///< e.g. "asset_type": "whitepaper", "channel": "phone"

    /// The property `name`, or null when the activity has none.
    [[nodiscard]] const AttributeValue& property(std::string_view name) const noexcept {
        return attribute_or_null(properties, name);
    }

    friend bool operator==(const Activity&, const Activity&) = default;
    friend auto operator<=>(const Activity&, const Activity&) = default;
};

/// Orders activities by (occurred_at, id) and drops repeated ids: among copies of one id the
/// earliest wins (then the smallest by value), so the result does not depend on arrival order.
[[nodiscard]] std::vector<Activity> normalize_activities(std::span<const Activity> activities);

/// Whether `activities` is already in that form (strictly ascending by (occurred_at, id), ids
/// distinct), so a caller can skip the copy.
[[nodiscard]] bool is_normalized(std::span<const Activity> activities);

}  // namespace leadsla

/// `web_visit a-17 @ 2026-03-27T15:00:00Z`.
template <>
struct fmt::formatter<leadsla::Activity> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    template <typename FormatContext>
    auto format(const leadsla::Activity& a, FormatContext& ctx) const {
        return fmt::format_to(ctx.out(), "{} {} @ {}", a.type, a.id,
                              leadsla::format_instant(a.occurred_at));
    }
};
