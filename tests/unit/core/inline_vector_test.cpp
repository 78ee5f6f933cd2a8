// SPDX-License-Identifier: Apache-2.0
#include "inline_vector.hpp"

#include <cstdint>
#include <random>
#include <vector>

#include <catch2/catch.hpp>

namespace {

struct Item {
    std::int64_t at = 0;
    std::uint8_t kind = 0;
    std::size_t index = 0;
    friend bool operator==(const Item&, const Item&) = default;
};

template <typename V>
std::vector<Item> contents(const V& v) {
    return std::vector<Item>(v.begin(), v.end());
}

}  // namespace

TEST_CASE("InlineVector holds four in place, moves to the heap at the fifth, keeps the order",
          "[core][inline_vector]") {
    leadsla::detail::InlineVector<Item, 4> v;
    CHECK(v.empty());
    std::vector<Item> expected;
    for (std::size_t i = 0; i < 10; ++i) {
        const Item item{static_cast<std::int64_t>(100 * i), static_cast<std::uint8_t>(i % 3), i};
        v.push_back(item);
        expected.push_back(item);
        REQUIRE(v.size() == i + 1);
        CHECK(contents(v) == expected);
        CHECK(v[i] == item);
        CHECK(v.data() + v.size() == v.end());
        CHECK(v.spilled() == (i >= 4));
    }
    v.clear();
    CHECK(v.empty());
    CHECK_FALSE(v.spilled());
    v.push_back(Item{7, 1, 7});  // back in place after a clear
    CHECK(contents(v) == std::vector<Item>{Item{7, 1, 7}});
}

TEST_CASE("InlineVector agrees with std::vector over random pushes, overwrites and clears",
          "[core][inline_vector][property]") {
    std::mt19937_64 rng{20261128};
    leadsla::detail::InlineVector<Item, 4> v;
    std::vector<Item> model;
    for (int step = 0; step < 20000; ++step) {
        const auto op = rng() % 10;
        if (op < 6) {
            const Item item{static_cast<std::int64_t>(rng() % 1000),
                            static_cast<std::uint8_t>(rng() % 4), rng() % 50};
            v.push_back(item);
            model.push_back(item);
        } else if (op < 8) {
            // Sizes on both sides of the in-place capacity, every element written.
            const std::size_t n = rng() % 9;
            v.resize_for_overwrite(n);
            model.assign(n, Item{});
            for (std::size_t i = 0; i < n; ++i) {
                const Item item{static_cast<std::int64_t>(i), 2, rng() % 50};
                v.data()[i] = item;
                model[i] = item;
            }
        } else if (op == 8) {
            v.clear();
            model.clear();
        } else if (!model.empty()) {
            const std::size_t i = rng() % model.size();
            v[i].at += 1;  // written through operator[]
            model[i].at += 1;
        }
        REQUIRE(v.size() == model.size());
        REQUIRE(contents(v) == model);
    }
}
