// SPDX-License-Identifier: Apache-2.0
#include <leadsla/expr/input_check.hpp>

#include "json_pointer.hpp"

namespace leadsla {
namespace {

/// The values of `values` whose declared type (in `declared`) they do not fit, each as a
/// problem under `prefix`; with `undeclared`, also the names `declared` lacks. One merge of
/// two ordered maps.
template <typename Declared>
void check_values(const Attributes& values,
                  const Declared& declared,
                  const std::string& prefix,
                  bool undeclared,
                  std::vector<InputProblem>& out) {
    // One comparison a step (evaluate runs this for every lead).
    auto d = declared.begin();
    for (const auto& [name, value] : values) {
        int order = 1;
        while (d != declared.end() && (order = d->first.compare(name)) < 0) {
            ++d;
        }
        const bool known = d != declared.end() && order == 0;
        if (known && !fits(d->second, value.type())) {
            std::string where = prefix;
            detail::append_pointer_token(where, name);
            out.push_back(
                {InputProblem::Kind::wrong_type, std::move(where), d->second, value.type()});
        } else if (!known && undeclared) {
            std::string where = prefix;
            detail::append_pointer_token(where, name);
            out.push_back({InputProblem::Kind::undeclared_property, std::move(where),
                           AttributeType::null, value.type()});
        }
    }
}

}  // namespace

std::string_view to_string(InputProblem::Kind kind) noexcept {
    switch (kind) {
        case InputProblem::Kind::wrong_type:
            return "wrong_type";
        case InputProblem::Kind::unknown_activity_type:
            return "unknown_activity_type";
        case InputProblem::Kind::undeclared_property:
            return "undeclared_property";
    }
    return "wrong_type";
}

bool fits(AttributeType declared, AttributeType actual) noexcept {
    return actual == declared || actual == AttributeType::null ||
           (declared == AttributeType::decimal && actual == AttributeType::integer);
}

std::vector<InputProblem> check_lead(const Lead& lead, const Schema& schema) {
    std::vector<InputProblem> out;
    check_values(lead.attributes, schema.attributes, "/attributes", false, out);
    return out;
}

std::vector<InputProblem> check_activity(const Activity& activity, const Schema& schema) {
    std::vector<InputProblem> out;
    std::string where{"/activities"};
    detail::append_pointer_token(where, activity.id.value());
    const auto type = schema.activities.find(activity.type);
    if (type == schema.activities.end()) {
        out.push_back({InputProblem::Kind::unknown_activity_type, where + "/type",
                       AttributeType::null, AttributeType::string});
        return out;
    }
    check_values(activity.properties, type->second, where + "/properties", true, out);
    return out;
}

}  // namespace leadsla
