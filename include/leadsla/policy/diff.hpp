// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include <leadsla/result.hpp>

namespace leadsla {

/// One semantic difference between two policy documents.
struct PolicyChange {
    enum class Kind : std::uint8_t {
        added,      ///< present only in the new policy
        removed,    ///< present only in the old policy
        changed,    ///< present in both with another value
        reordered,  ///< the same entries in another order (first match decides, so it matters)
    };
    Kind kind = Kind::changed;
    /// Where, with list entries named by their id: `slas[first_contact].target.business`,
    /// `lifecycle.transitions[mql->sal]`, `calendars.dach.holidays`.
    std::string path;
    std::string before;  ///< compact JSON; empty when added (reordered: the old id order)
    std::string after;   ///< compact JSON; empty when removed (reordered: the new id order)

    friend bool operator==(const PolicyChange&, const PolicyChange&) = default;
};

[[nodiscard]] std::string_view to_string(PolicyChange::Kind kind) noexcept;

/// The semantic changes from `old_text` to `new_text`, two policy documents: rules, stages,
/// owners, territories, SLAs, targets, calendars and thresholds added, removed, changed or
/// reordered — not a text diff. Layout, key order, `$comment`s and the `rationale` (the reason for
/// the change, which `leadsla diff` prints above it) do not count; list entries are
/// matched by their identity (`id`, `stage`, `value`, `segment`, `from`→`to`), so inserting a
/// rule does not show every later rule as changed; lists of plain values (holidays, sets,
/// warnings) are compared as sets. Changes come with object keys in sorted order and list
/// entries in list order.
///
/// Both documents must load (`load_policy`); otherwise every error of each that does not, with
/// `where` prefixed by `old:` or `new:`.
[[nodiscard]] Loaded<std::vector<PolicyChange>> diff_policies(std::string_view old_text,
                                                              std::string_view new_text);

}  // namespace leadsla

template <>
struct fmt::formatter<leadsla::PolicyChange> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    /// `~ slas[first_contact].target.business: "4h" -> "2h"`, `+ path: value`, `- path: value`,
    /// `! path: order a, b -> b, a`.
    template <typename FormatContext>
    auto format(const leadsla::PolicyChange& c, FormatContext& ctx) const {
        using Kind = leadsla::PolicyChange::Kind;
        switch (c.kind) {
            case Kind::added:
                return fmt::format_to(ctx.out(), "+ {}: {}", c.path, c.after);
            case Kind::removed:
                return fmt::format_to(ctx.out(), "- {}: {}", c.path, c.before);
            case Kind::reordered:
                return fmt::format_to(ctx.out(), "! {}: order {} -> {}", c.path, c.before, c.after);
            case Kind::changed:
                break;
        }
        return fmt::format_to(ctx.out(), "~ {}: {} -> {}", c.path, c.before, c.after);
    }
};
