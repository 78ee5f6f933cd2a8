// SPDX-License-Identifier: Apache-2.0
// A routing policy shared by the routing tests: 3 territories over segments and countries.
#pragma once

#include <leadsla/routing/router.hpp>

#include <support/expr_fixture.hpp>

namespace leadsla::test {

inline Classifier example_segments() {
    return Classifier::create({{"segment",
                                {{"enterprise", "employees >= 1000", "/s/0"},
                                 {"mid_market", "employees >= 200", "/s/1"}},
                                "smb",
                                "/segments/0"}},
                              example_schema())
        .value();
}

inline RoutingSpec example_routing() {
    RoutingSpec spec;
    spec.owners = {{OwnerId{"ada"}, 3, ""},
                   {OwnerId{"bob"}, 3, ""},
                   {OwnerId{"cyd"}, 3, ""},
                   {OwnerId{"dan"}, std::nullopt, ""},
                   {OwnerId{"eve"}, std::nullopt, ""},
                   {OwnerId{"fay"}, 10, ""},
                   {OwnerId{"gus"}, 4, ""}};
    spec.teams = {{"dach",
                   Distribution::round_robin,
                   {{OwnerId{"ada"}, 1}, {OwnerId{"bob"}, 1}, {OwnerId{"cyd"}, 1}},
                   "/routing/teams/0"},
                  {"enterprise",
                   Distribution::weighted_round_robin,
                   {{OwnerId{"dan"}, 3}, {OwnerId{"eve"}, 1}},
                   "/routing/teams/1"},
                  {"inside",
                   Distribution::load_balanced,
                   {{OwnerId{"fay"}, 1}, {OwnerId{"gus"}, 1}},
                   "/routing/teams/2"}};
    spec.territories = {{"enterprise", "", {"enterprise"}, "enterprise", "/routing/territories/0"},
                        {"dach", "country in dach", {}, "dach", "/routing/territories/1"},
                        {"inside", "", {"mid_market", "smb"}, "inside", "/routing/territories/2"}};
    spec.fallback = OwnerId{"queue"};
    spec.pointer = "/routing";
    return spec;
}

inline Lead lead_from(const char* id, std::int64_t employees, const char* country) {
    Lead lead;
    lead.id = LeadId{id};
    lead.attributes = {{"employees", AttributeValue{employees}},
                       {"country", AttributeValue{country}}};
    return lead;
}

}  // namespace leadsla::test
