// SPDX-License-Identifier: Apache-2.0
// A schema, a lead and an activity history shared by the rule-language tests.
#pragma once

#include "expr/shared/expression_set.hpp"

#include <support/test_support.hpp>

namespace leadsla::test {

inline Schema example_schema() {
    Schema s;
    s.attributes = {
        {"employees", AttributeType::integer}, {"industry", AttributeType::string},
        {"country", AttributeType::string},    {"budget_indicated", AttributeType::boolean},
        {"revenue", AttributeType::decimal},   {"signed_up", AttributeType::instant},
        {"nickname", AttributeType::string}};
    s.activities["web_visit"] = {{"url", AttributeType::string},
                                 {"duration_s", AttributeType::integer}};
    s.activities["content_download"] = {{"asset_type", AttributeType::string}};
    s.activities["contact_attempt"] = {{"channel", AttributeType::string}};
    s.sets["core_industries"] = {"software", "financial_services", "manufacturing", "healthcare",
                                 "logistics"};
    s.sets["dach"] = {"DE", "AT", "CH"};
    return s;
}

inline Lead example_lead() {
    Lead lead;
    lead.id = LeadId{"L-1"};
    lead.attributes = {{"employees", AttributeValue{std::int64_t{120}}},
                       {"industry", AttributeValue{"software"}},
                       {"country", AttributeValue{"US"}},
                       {"budget_indicated", AttributeValue{true}},
                       {"revenue", AttributeValue{Decimal::parse("2500000.50").value()}},
                       {"signed_up", AttributeValue{at("2026-01-10T09:00:00Z")}}};
    return lead;
}

inline Activity activity(const char* id,
                         const char* when,
                         const char* type,
                         Attributes properties = {}) {
    return Activity{at(when), ActivityId{id}, type, std::move(properties)};
}

/// now = 2026-03-31T12:00:00Z: three visits in the last 30 days, one older; one whitepaper.
inline std::vector<Activity> example_history() {
    return {
        activity(
            "a1", "2026-01-05T10:00:00Z", "web_visit",
            {{"url", AttributeValue{"/blog"}}, {"duration_s", AttributeValue{std::int64_t{40}}}}),
        activity("a2", "2026-03-10T10:00:00Z", "web_visit",
                 {{"url", AttributeValue{"/pricing"}},
                  {"duration_s", AttributeValue{std::int64_t{300}}}}),
        activity("a3", "2026-03-20T10:00:00Z", "content_download",
                 {{"asset_type", AttributeValue{"whitepaper"}}}),
        activity("a4", "2026-03-25T10:00:00Z", "web_visit", {{"url", AttributeValue{"/pricing"}}}),
        activity(
            "a5", "2026-03-30T10:00:00Z", "web_visit",
            {{"url", AttributeValue{"/docs"}}, {"duration_s", AttributeValue{std::int64_t{20}}}}),
        activity("a6", "2026-03-30T11:00:00Z", "contact_attempt",
                 {{"channel", AttributeValue{"phone"}}}),
        activity("a7", "2026-03-30T15:00:00Z", "contact_attempt",
                 {{"channel", AttributeValue{"email"}}}),
        activity("a8", "2026-03-31T09:00:00Z", "contact_attempt",
                 {{"channel", AttributeValue{"phone"}}}),
        activity("a9", "2026-04-02T09:00:00Z", "web_visit",
                 {{"url", AttributeValue{"/future"}}}),  // after now
    };
}

inline Instant example_now() {
    return at("2026-03-31T12:00:00Z");
}

/// Compiles `text` with the example schema and evaluates it on the example lead and history.
struct Evaluated {
    bool value = false;
    std::string explanation;
};

inline Evaluated evaluate(std::string_view text,
                          const Lead& lead = example_lead(),
                          const std::vector<Activity>& history = example_history(),
                          std::vector<std::int64_t> scores = {300000, 250000}) {
    ExpressionSetBuilder builder{example_schema(), {"fit", "engagement"}};
    const auto id = builder.add_condition(text, "/test");
    if (!id) {
        FAIL(fmt::format("{}", id.error()));
    }
    const ExpressionSet set = std::move(builder).build();
    const LeadRecord record = set.prepare(lead);
    const ActivityRecords activities = set.prepare(history);
    const AggregateValues aggregates = set.aggregate(activities, example_now());
    const EvalFrame frame{&record, &aggregates, scores, nullptr, example_now()};
    return Evaluated{set.test(*id, frame), set.explain(*id, frame)};
}

inline Error compile_error(std::string_view text) {
    ExpressionSetBuilder builder{example_schema(), {"fit", "engagement"}};
    const auto id = builder.add_condition(text, "/scoring/rules/3/when");
    REQUIRE_FALSE(id);
    return id.error();
}

}  // namespace leadsla::test
