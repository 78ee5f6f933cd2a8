// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include <leadsla/expr/schema.hpp>
#include <leadsla/model/activity.hpp>
#include <leadsla/model/lead.hpp>

namespace leadsla {

/// One way a lead or an activity does not fit the policy's schema. Rules cannot read such a
/// value: it counts as missing (a wrongly typed attribute scores nothing, an activity of an
/// unknown type starts and stops no clock), so the engine reports it instead of staying quiet.
struct InputProblem {
    enum class Kind : std::uint8_t {
        wrong_type,             ///< a declared attribute or property holds another type
        unknown_activity_type,  ///< an activity type the schema does not declare
        undeclared_property,    ///< an activity property its type does not declare
    };
    Kind kind = Kind::wrong_type;
    /// Where: `/attributes/employees`, or for an activity `/activities/<id>/type` and
    /// `/activities/<id>/properties/<name>`.
    std::string where;
    AttributeType expected = AttributeType::null;  ///< wrong_type: the declared type
    AttributeType actual = AttributeType::null;    ///< wrong_type: the value's type

    friend bool operator==(const InputProblem&, const InputProblem&) = default;
};

[[nodiscard]] std::string_view to_string(InputProblem::Kind kind) noexcept;

/// Whether a value of `actual` type fits an attribute declared `declared`: the same type, null
/// (missing), or an integer where a decimal is declared.
[[nodiscard]] bool fits(AttributeType declared, AttributeType actual) noexcept;

/// The lead's declared attributes whose values have another type (in attribute order).
/// Attributes the schema does not declare are not problems: no rule reads them. One pass over
/// the two ordered maps; allocates only when it finds a problem.
[[nodiscard]] std::vector<InputProblem> check_lead(const Lead& lead, const Schema& schema);

/// The activity's type if the schema does not declare it, else its properties that the type
/// does not declare or whose values have another type (in property order).
[[nodiscard]] std::vector<InputProblem> check_activity(const Activity& activity,
                                                       const Schema& schema);

}  // namespace leadsla

/// `/attributes/employees: wrong_type (string, the schema declares int)`,
/// `/activities/A7/type: unknown_activity_type`.
template <>
struct fmt::formatter<leadsla::InputProblem> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    template <typename FormatContext>
    auto format(const leadsla::InputProblem& p, FormatContext& ctx) const {
        auto out = fmt::format_to(ctx.out(), "{}: {}", p.where, leadsla::to_string(p.kind));
        if (p.kind == leadsla::InputProblem::Kind::wrong_type) {
            out = fmt::format_to(out, " ({}, the schema declares {})", leadsla::to_string(p.actual),
                                 leadsla::to_string(p.expected));
        }
        return out;
    }
};
