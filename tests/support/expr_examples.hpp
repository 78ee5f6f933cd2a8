// SPDX-License-Identifier: Apache-2.0
// A schema, a lead and an activity history shared by the rule-language tests and the expression
// fuzzer (so no Catch2 here).
#pragma once

#include <string_view>
#include <vector>

#include <leadsla/expr/schema.hpp>
#include <leadsla/model/activity.hpp>
#include <leadsla/model/lead.hpp>
#include <leadsla/time/instant.hpp>

namespace leadsla::test {

/// A constant instant of the examples (throws on a typo).
inline Instant instant_at(std::string_view text) {
    return parse_instant(text).value();
}

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
                       {"signed_up", AttributeValue{instant_at("2026-01-10T09:00:00Z")}}};
    return lead;
}

inline Activity activity(const char* id,
                         const char* when,
                         const char* type,
                         Attributes properties = {}) {
    return Activity{instant_at(when), ActivityId{id}, type, std::move(properties)};
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
    return instant_at("2026-03-31T12:00:00Z");
}

}  // namespace leadsla::test
