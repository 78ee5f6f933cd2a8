// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <set>

#include <leadsla/expr/classifier.hpp>

#include "expr/shared/expression_set.hpp"

namespace leadsla {

struct Classifier::Impl {
    std::vector<ClassificationSpec> specs;
    ExpressionSet expressions;
    std::vector<std::vector<ConditionId>> conditions;  // by classification, by rule
};

Classifier::Classifier(std::shared_ptr<const Impl> impl) noexcept : impl_(std::move(impl)) {}

namespace {

/// The value classification `index` of `m` gives a converted lead.
ClassValue classify_record(const Classifier::Impl& m,
                           std::size_t index,
                           const LeadRecord& record,
                           ExplainLevel explain) {
    const ClassificationSpec& spec = m.specs[index];
    const AggregateValues none;
    const EvalFrame frame{&record, &none, {}, nullptr, Instant{}};
    const bool explaining = explain != ExplainLevel::none;
    const auto& conditions = m.conditions[index];
    // Filled in member by member: aggregate initialisation would first zero-fill the whole
    // value (`rep stos`, slow for a few cache lines).
    ClassValue out;
    out.classification = spec.id;
    for (std::size_t r = 0; r < conditions.size(); ++r) {
        if (m.expressions.test(conditions[r], frame)) {
            out.value = spec.rules[r].value;
            out.rule = static_cast<std::uint32_t>(r);
            if (explaining) {
                out.explanation = m.expressions.explain(conditions[r], frame);
            }
            return out;
        }
    }
    out.value = spec.otherwise;
    if (explaining) {
        out.explanation = "no rule matched";
        for (std::size_t r = 0; r < conditions.size(); ++r) {
            out.explanation += r == 0 ? ": " : "; ";
            out.explanation += m.expressions.explain(conditions[r], frame);
        }
    }
    return out;
}

}  // namespace

Loaded<Classifier> Classifier::create(std::vector<ClassificationSpec> specs, const Schema& schema) {
    std::vector<Error> errors;
    auto c = build(std::move(specs), schema, errors);
    if (c) {
        return std::move(*c);
    }
    return errors;
}

std::optional<Classifier> Classifier::build(std::vector<ClassificationSpec> specs,
                                            const Schema& schema,
                                            std::vector<Error>& errors) {
    const std::size_t errors_before = errors.size();
    ExpressionSetBuilder builder{schema};
    std::vector<std::vector<ConditionId>> conditions;
    std::vector<std::pair<std::string, ConditionId>> to_check;  // pointer, condition
    std::set<std::string, std::less<>> ids;
    for (const ClassificationSpec& spec : specs) {
        if (spec.id.empty()) {
            errors.push_back({ErrorCode::json_missing_key, spec.pointer + "/id",
                              "a classification needs an \"id\" such as \"segment\""});
        } else if (!ids.insert(spec.id).second) {
            errors.push_back({ErrorCode::policy_duplicate_id, spec.pointer + "/id",
                              fmt::format("classification \"{}\" is defined twice", spec.id)});
        }
        if (spec.otherwise.empty()) {
            errors.push_back(
                {ErrorCode::policy_invalid, spec.pointer + "/otherwise",
                 fmt::format("classification \"{}\" needs \"otherwise\": the value of a lead "
                             "that no rule matches",
                             spec.id)});
        }
        std::set<std::string, std::less<>> values;
        auto& out = conditions.emplace_back();
        for (const ClassRuleSpec& rule : spec.rules) {
            if (rule.value.empty()) {
                errors.push_back({ErrorCode::json_missing_key, rule.pointer + "/value",
                                  "a rule needs the \"value\" it gives"});
            } else if (!values.insert(rule.value).second) {
                errors.push_back(
                    {ErrorCode::policy_duplicate_id, rule.pointer + "/value",
                     fmt::format("\"{}\" has two rules in \"{}\": merge them with `or` (the "
                                 "first match wins, so the second could only add confusion)",
                                 rule.value, spec.id)});
            }
            const auto id = builder.add_condition(rule.when, rule.pointer + "/when");
            if (!id) {
                errors.push_back(id.error());
                continue;
            }
            out.push_back(*id);
            to_check.emplace_back(rule.pointer + "/when", *id);
        }
    }
    ExpressionSet set = std::move(builder).build();
    for (const auto& [pointer, id] : to_check) {
        if (set.reads_activities(id)) {
            errors.push_back({ErrorCode::policy_invalid, pointer,
                              fmt::format("\"{}\" reads activities; a classification reads lead "
                                          "attributes only, so a lead keeps its value while its "
                                          "history grows",
                                          set.text(id))});
        }
    }
    if (errors.size() != errors_before) {
        return std::nullopt;
    }
    auto impl =
        std::make_shared<Impl>(Impl{std::move(specs), std::move(set), std::move(conditions)});
    return Classifier{std::move(impl)};
}

const std::vector<ClassificationSpec>& Classifier::specs() const noexcept {
    return impl_->specs;
}

std::optional<std::size_t> Classifier::find(std::string_view id) const noexcept {
    for (std::size_t i = 0; i < impl_->specs.size(); ++i) {
        if (impl_->specs[i].id == id) {
            return i;
        }
    }
    return std::nullopt;
}

bool Classifier::can_give(std::size_t index, std::string_view value) const noexcept {
    if (index >= impl_->specs.size()) {
        return false;
    }
    const ClassificationSpec& spec = impl_->specs[index];
    if (spec.otherwise == value) {
        return true;
    }
    return std::any_of(spec.rules.begin(), spec.rules.end(),
                       [&](const ClassRuleSpec& rule) { return rule.value == value; });
}

ClassValue Classifier::classify(std::size_t index, const Lead& lead, ExplainLevel explain) const {
    const Impl& m = *impl_;
    (void)m.specs.at(index);  // out_of_range for an index the classifier lacks
    return classify_record(m, index, m.expressions.prepare(lead), explain);
}

const std::string& Classifier::value(std::size_t index, const Lead& lead) const {
    const Impl& m = *impl_;
    const ClassificationSpec& spec = m.specs.at(index);
    const LeadRecord record = m.expressions.prepare(lead);
    const AggregateValues none;
    const EvalFrame frame{&record, &none, {}, nullptr, Instant{}};
    const auto& conditions = m.conditions[index];
    for (std::size_t r = 0; r < conditions.size(); ++r) {
        if (m.expressions.test(conditions[r], frame)) {
            return spec.rules[r].value;
        }
    }
    return spec.otherwise;
}

std::vector<ClassValue> Classifier::classify(const Lead& lead, ExplainLevel explain) const {
    const Impl& m = *impl_;
    const LeadRecord record = m.expressions.prepare(lead);  // once for every classification
    std::vector<ClassValue> out;
    out.reserve(m.specs.size());
    for (std::size_t i = 0; i < m.specs.size(); ++i) {
        out.push_back(classify_record(m, i, record, explain));
    }
    return out;
}

}  // namespace leadsla
