// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <map>
#include <string>
#include <vector>

#include <leadsla/model/attribute_value.hpp>

namespace leadsla {

/// What rule expressions may read: the lead's attributes, the activity types with their
/// properties, and named sets of strings. Declared in the policy; expressions are type-checked
/// against it when they are compiled, never at evaluation.
///
/// Example:
///   Schema s;
///   s.attributes = {{"employees", AttributeType::integer}, {"industry", AttributeType::string}};
///   s.activities["content_download"] = {{"asset_type", AttributeType::string}};
///   s.sets["core_industries"] = {"software", "manufacturing"};
struct Schema {
    std::map<std::string, AttributeType, std::less<>> attributes;
    std::map<std::string, std::map<std::string, AttributeType, std::less<>>, std::less<>>
        activities;
    std::map<std::string, std::vector<std::string>, std::less<>> sets;

    friend bool operator==(const Schema&, const Schema&) = default;
};

}  // namespace leadsla
