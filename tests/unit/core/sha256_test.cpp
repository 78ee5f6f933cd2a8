// SPDX-License-Identifier: Apache-2.0
// SHA-256 against the FIPS 180-4 examples (NIST CSRC "Cryptographic Standards and Guidelines:
// Examples with Intermediate Values", SHA256.pdf and SHA2_Additional.pdf) and the padding edges.
#include "sha256.hpp"

#include <string>

#include <catch2/catch.hpp>

namespace {

std::string sha256(const std::string& data) {
    leadsla::detail::Sha256 h;
    h.update(data);
    return h.hex();
}

}  // namespace

TEST_CASE("SHA-256 gives the NIST example digests", "[core][sha256]") {
    CHECK(sha256("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    // 448 bits: the padding needs a second block.
    CHECK(sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    // 896 bits.
    CHECK(sha256("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopq"
                 "klmnopqrlmnopqrsmnopqrstnopqrstu") ==
          "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
    // SHA2_Additional: one million 'a' (the length crosses many blocks), 1000 zero bytes.
    CHECK(sha256(std::string(1'000'000, 'a')) ==
          "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    CHECK(sha256(std::string(1000, '\0')) ==
          "541b3e9daa09b20bf85fa273e5cbd3e80185aa4ec298e765db87742b70138a53");
    CHECK(sha256(std::string(1005, 'U')) ==
          "f4d62ddec0f3dd90ea1380fa16a5ff8dc4c54b21740650f24afc4120903552b0");
}

TEST_CASE("SHA-256 is the same however the input is split", "[core][sha256]") {
    const std::string data(200, 'x');
    const std::string whole = sha256(data);
    for (const std::size_t cut :
         {std::size_t{0}, std::size_t{1}, std::size_t{55}, std::size_t{56}, std::size_t{63},
          std::size_t{64}, std::size_t{65}, std::size_t{128}, std::size_t{200}}) {
        leadsla::detail::Sha256 h;
        h.update(std::string_view{data}.substr(0, cut));
        h.update(std::string_view{data}.substr(cut));
        CHECK(h.hex() == whole);
    }
}
