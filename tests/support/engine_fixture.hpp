// SPDX-License-Identifier: Apache-2.0
// The engine over examples/policies/funnel.json, and a lead of it.
#pragma once

#include <fstream>
#include <sstream>

#include <leadsla/engine/engine.hpp>
#include <leadsla/policy/load.hpp>

#include <support/test_support.hpp>

namespace leadsla::test {

inline const Engine& funnel_engine() {
    static const Engine engine = [] {
        std::ifstream in(std::string{LEADSLA_SOURCE_DIR} + "/examples/policies/funnel.json");
        std::stringstream text;
        text << in.rdbuf();
        return Engine{load_policy(text.str()).value()};
    }();
    return engine;
}

/// A DACH software company of 120 people with a budget (an MQL once engaged).
inline Lead funnel_lead(const char* id = "L-100") {
    Lead lead;
    lead.id = LeadId{id};
    lead.created_at = at("2026-03-02T08:00:00Z");
    lead.account = AccountId{"acme"};
    lead.attributes = {{"employees", AttributeValue{std::int64_t{120}}},
                       {"industry", AttributeValue{"software"}},
                       {"country", AttributeValue{"DE"}},
                       {"region", AttributeValue{"dach"}},
                       {"budget_indicated", AttributeValue{true}},
                       {"email", AttributeValue{"jana@acme.de"}}};
    return lead;
}

}  // namespace leadsla::test
