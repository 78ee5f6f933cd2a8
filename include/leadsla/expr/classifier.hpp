// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include <leadsla/expr/schema.hpp>
#include <leadsla/model/explain_level.hpp>
#include <leadsla/model/lead.hpp>
#include <leadsla/result.hpp>

namespace leadsla {

/// One rule of a classification: `value` applies when `when` holds.
struct ClassRuleSpec {
    std::string value;    ///< e.g. "enterprise"
    std::string when;     ///< a condition over lead attributes, e.g. "employees >= 1000"
    std::string pointer;  ///< JSON pointer of the rule, for errors

    friend bool operator==(const ClassRuleSpec&, const ClassRuleSpec&) = default;
};

/// An ordered, first-match classification of leads: segments (Enterprise / Mid-Market / SMB),
/// account tiers, fast lane / slow lane. The first rule that holds gives the value; when none
/// does, `otherwise` does — every lead gets exactly one value.
struct ClassificationSpec {
    std::string id;  ///< e.g. "segment", "tier", "lane"
    std::vector<ClassRuleSpec> rules;
    std::string otherwise;  ///< e.g. "smb"
    std::string pointer;

    friend bool operator==(const ClassificationSpec&, const ClassificationSpec&) = default;
};

/// The value one classification gives one lead, and why.
struct ClassValue {
    std::string classification;         ///< the classification's id, e.g. "segment"
    std::string value;                  ///< e.g. "enterprise"
    std::optional<std::uint32_t> rule;  ///< the rule that matched; empty: `otherwise`
    std::string explanation;            ///< e.g. `employees >= 1000: true (employees = 1200)`

    friend bool operator==(const ClassValue&, const ClassValue&) = default;
};

/// Compiled classifications: immutable, cheap to copy, safe to share across threads.
///
/// Rules read lead attributes only (not activities), so a lead's segment does not change while
/// its history grows; the loader reports a rule that reads activities.
///
/// Example:
///   auto segments = Classifier::create({{"segment", {{"enterprise", "employees >= 1000"},
///                                                    {"mid_market", "employees >= 200"}},
///                                        "smb"}}, schema);
///   segments->classify(0, lead).value;  // "mid_market" for 250 employees
class Classifier {
public:
    /// Errors: the expression errors, policy.duplicate_id (two classifications or two rules of
    /// one with the same id/value), policy.invalid (a rule reading activities, no `otherwise`).
    [[nodiscard]] static Loaded<Classifier> create(std::vector<ClassificationSpec> specs,
                                                   const Schema& schema);

    [[nodiscard]] const std::vector<ClassificationSpec>& specs() const noexcept;
    /// The index of classification `id`, or nullopt.
    [[nodiscard]] std::optional<std::size_t> find(std::string_view id) const noexcept;
    /// Whether classification `index` can give `value` (a rule's value or `otherwise`).
    [[nodiscard]] bool can_give(std::size_t index, std::string_view value) const noexcept;

    /// The value classification `index` gives `lead`; with `ExplainLevel::none`, without the
    /// `explanation`.
    [[nodiscard]] ClassValue classify(std::size_t index,
                                      const Lead& lead,
                                      ExplainLevel explain = ExplainLevel::rules) const;
    /// `classify(index, lead).value` alone (the hot path of SLA targets).
    [[nodiscard]] const std::string& value(std::size_t index, const Lead& lead) const;
    /// Every classification's value, in the order of `specs()`.
    [[nodiscard]] std::vector<ClassValue> classify(
        const Lead& lead, ExplainLevel explain = ExplainLevel::rules) const;

    struct Impl;  ///< opaque: the compiled classifications

private:
    [[nodiscard]] static std::optional<Classifier> build(std::vector<ClassificationSpec> specs,
                                                         const Schema& schema,
                                                         std::vector<Error>& errors);
    explicit Classifier(std::shared_ptr<const Impl> impl) noexcept;
    std::shared_ptr<const Impl> impl_;
};

}  // namespace leadsla

/// `segment = enterprise`.
template <>
struct fmt::formatter<leadsla::ClassValue> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    template <typename FormatContext>
    auto format(const leadsla::ClassValue& v, FormatContext& ctx) const {
        return fmt::format_to(ctx.out(), "{} = {}", v.classification, v.value);
    }
};
