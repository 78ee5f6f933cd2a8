// SPDX-License-Identifier: Apache-2.0
#include "byte_order.hpp"

#include <random>
#include <string>

#include <catch2/catch.hpp>

namespace {

int sign(int x) {
    return (x > 0) - (x < 0);
}

}  // namespace

TEST_CASE("prefix keys order as the strings' first 8 bytes, shorter strings pad with zero bytes",
          "[core][byte_order]") {
    using leadsla::detail::prefix_key;
    CHECK(prefix_key("") == 0);
    CHECK(prefix_key("a") == 0x6100000000000000ULL);
    CHECK(prefix_key("ab") == 0x6162000000000000ULL);
    CHECK(prefix_key("abc") == 0x6162630000000000ULL);
    CHECK(prefix_key("abcde") == 0x6162636465000000ULL);
    CHECK(prefix_key("abcdefg") == 0x6162636465666700ULL);
    CHECK(prefix_key("abcdefgh") == 0x6162636465666768ULL);
    CHECK(prefix_key("abcdefghij") == prefix_key("abcdefgh"));
    // A zero byte inside the string keys like the padding: the lengths decide then.
    CHECK(prefix_key(std::string_view{"ab\0", 3}) == prefix_key("ab"));
    CHECK(leadsla::detail::compare_keyed(prefix_key("ab"), "ab", prefix_key({"ab\0", 3}),
                                         {"ab\0", 3}) < 0);
}

TEST_CASE("keyed and word-wise comparisons agree with std::string on random bytes",
          "[core][byte_order][property]") {
    // Strings of 0-24 bytes over a small alphabet that includes the zero byte and bytes above
    // 0x7f, so prefixes, equal keys and the 4/8/16-byte boundaries are common; pairs share a
    // prefix and then differ, or one is cut short or grown.
    std::mt19937_64 rng{20261128};
    const std::string alphabet{"a\0b\x7f\x80\xff", 6};
    const auto random_text = [&] {
        std::string s(rng() % 25, 'a');
        for (char& c : s) {
            c = alphabet[rng() % alphabet.size()];
        }
        return s;
    };
    int less = 0;
    for (int round = 0; round < 50000; ++round) {
        const std::string a = random_text();
        std::string b = a;
        switch (rng() % 4) {
            case 0:
                if (!b.empty()) {
                    b[rng() % b.size()] = alphabet[rng() % alphabet.size()];
                }
                break;
            case 1:
                b.resize(rng() % (b.size() + 1));
                break;
            case 2:
                b.push_back(alphabet[rng() % alphabet.size()]);
                break;
            default:
                b = random_text();
                break;
        }
        const int expected = sign(a.compare(b));
        INFO("round " << round << ", sizes " << a.size() << " and " << b.size());
        REQUIRE(leadsla::detail::compare_bytes(a, b) == expected);
        using leadsla::detail::prefix_key;
        REQUIRE(leadsla::detail::compare_keyed(prefix_key(a), a, prefix_key(b), b) == expected);
        // Keys alone never contradict the order.
        if (prefix_key(a) < prefix_key(b)) {
            REQUIRE(expected < 0);
        }
        less += expected < 0 ? 1 : 0;
    }
    CHECK(less > 10000);
    CHECK(less < 30000);
}
