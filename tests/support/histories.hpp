// SPDX-License-Identifier: Apache-2.0
// Seeded random histories (leads, activities, stage changes, instants) under
// examples/policies/funnel.json, for the engine's property and concurrency tests.
#pragma once

#include <chrono>
#include <cstdint>
#include <random>
#include <vector>

#include <fmt/format.h>

#include <support/engine_fixture.hpp>

namespace leadsla::test {

/// Deterministic for a seed; one generator per thread.
class Histories {
public:
    explicit Histories(std::uint64_t seed) : rng_(seed) {}

    std::int64_t pick(std::int64_t lo, std::int64_t hi) {
        return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng_);
    }

    Lead lead(int n) {
        Lead l = funnel_lead(fmt::format("L-{}", n).c_str());
        const char* regions[] = {"dach", "us_east", "apac"};
        const char* countries[] = {"DE", "US", "JP"};
        const auto r = static_cast<std::size_t>(pick(0, 2));
        l.attributes["region"] = AttributeValue{regions[r]};
        l.attributes["country"] = AttributeValue{countries[r]};
        l.attributes["employees"] = AttributeValue{pick(5, 3000)};
        return l;
    }

    /// Up to 40 activities over March and April 2026, some at the same instant.
    std::vector<Activity> activities() {
        const char* types[] = {"web_visit", "content_download",    "contact_attempt",
                               "meeting",   "waiting_on_customer", "customer_reply"};
        std::vector<Activity> out;
        const auto n = pick(0, 40);
        for (std::int64_t i = 0; i < n; ++i) {
            Activity a;
            a.id = ActivityId{fmt::format("a{}", i)};
            a.occurred_at = base_ + std::chrono::minutes{pick(0, 60 * 24 * 50) / 30 * 30};
            a.type = types[pick(0, 5)];
            if (a.type == "contact_attempt") {
                a.properties["channel"] = AttributeValue{pick(0, 1) == 0 ? "phone" : "email"};
            } else if (a.type == "content_download") {
                a.properties["asset_type"] = AttributeValue{"whitepaper"};
            }
            out.push_back(std::move(a));
        }
        return out;
    }

    /// A walk along the funnel with random gaps.
    std::vector<StageChange> changes() {
        const Stage path[] = {Stage::lead, Stage::mql, Stage::sal, Stage::sql, Stage::nurture};
        std::vector<StageChange> out;
        Instant t = base_;
        const auto steps = pick(0, 4);
        for (std::int64_t i = 0; i < steps; ++i) {
            t += std::chrono::minutes{pick(30, 60 * 24 * 10) / 30 * 30};
            out.push_back({t, path[i], path[i + 1], "rep", i == 3 ? "stalled" : ""});
        }
        return out;
    }

    Instant now() { return base_ + std::chrono::hours{pick(0, 24 * 60)}; }

    std::mt19937_64& rng() { return rng_; }

private:
    std::mt19937_64 rng_;
    Instant base_ = at("2026-03-02T07:00:00Z");
};

}  // namespace leadsla::test
