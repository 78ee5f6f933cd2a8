// SPDX-License-Identifier: Apache-2.0
#include <map>
#include <unordered_set>

#include <support/test_support.hpp>

using leadsla::AccountId;
using leadsla::LeadId;

TEST_CASE("strong ids compare, order, hash and format by their value", "[core][ids]") {
    const LeadId a{"00Q1"};
    const LeadId b{"00Q2"};
    CHECK(a == LeadId{"00Q1"});
    CHECK(a != b);
    CHECK(a < b);
    CHECK(fmt::format("{}", a) == "00Q1");
    CHECK(fmt::format("[{:>6}]", a) == "[  00Q1]");
    std::unordered_set<LeadId> set{a, b, LeadId{"00Q1"}};
    CHECK(set.size() == 2);
    std::map<AccountId, int> by_account{{AccountId{"001B"}, 2}, {AccountId{"001A"}, 1}};
    CHECK(by_account.begin()->first.value() == "001A");
}

TEST_CASE("a default strong id is empty", "[core][ids]") {
    CHECK(LeadId{}.value().empty());
    CHECK(LeadId{} == LeadId{""});
}
