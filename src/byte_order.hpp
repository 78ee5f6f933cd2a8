// SPDX-License-Identifier: Apache-2.0
// Comparing short strings a word at a time: ids when a history is checked, attribute and property
// names when a lead or an activity is converted for the rule engine.
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace leadsla::detail {

/// `sizeof(Word)` bytes from `p`, the first most significant: words order as the bytes do.
template <typename Word>
[[nodiscard]] Word load_big_endian(const char* p) noexcept {
    Word w;
    std::memcpy(&w, p, sizeof w);
    if constexpr (std::endian::native == std::endian::little) {
        if constexpr (sizeof(Word) == 8) {
            w = __builtin_bswap64(w);
        } else {
            w = __builtin_bswap32(w);
        }
    }
    return w;
}

/// The first 8 bytes of `s` as a word, zero bytes after a shorter string's end, read without a
/// loop or a byte past the end (4-7 bytes: two overlapping halves; 1-3: first, middle and last,
/// masked). Keys order as the strings' first 8 bytes do; equal keys leave the rest (and the
/// lengths) to decide. For names known in advance, whose keys are kept.
[[nodiscard]] inline std::uint64_t prefix_key(std::string_view s) noexcept {
    const char* p = s.data();
    const std::size_t n = s.size();
    if (n >= 8) {
        return load_big_endian<std::uint64_t>(p);
    }
    if (n >= 4) {
        // The second half shifted into place: its bytes that overlap the first half land on
        // their own copies there.
        return (std::uint64_t{load_big_endian<std::uint32_t>(p)} << 32) |
               (std::uint64_t{load_big_endian<std::uint32_t>(p + n - 4)} << (8 * (8 - n)));
    }
    if (n == 0) {
        return 0;
    }
    // 1-3 bytes: the first, middle and last byte cover them; the bytes past the end are masked.
    const std::uint64_t k = (std::uint64_t{static_cast<unsigned char>(p[0])} << 56) |
                            (std::uint64_t{static_cast<unsigned char>(p[n / 2])} << 48) |
                            (std::uint64_t{static_cast<unsigned char>(p[n - 1])} << 40);
    return k & ~(~std::uint64_t{0} >> (8 * n));
}

/// The sign of `a.compare(b)` (bytes compared unsigned) for strings whose prefix keys are equal:
/// the bytes after the first 8, a word at a time, then the lengths.
[[nodiscard]] inline int compare_after_prefix(std::string_view a, std::string_view b) noexcept {
    const std::size_t n = std::min(a.size(), b.size());
    if (n > 8) {
        // Whole words, then the last 8 bytes (overlapping the words already found equal).
        std::uint64_t x = 0;
        std::uint64_t y = 0;
        for (std::size_t i = 8; i + 8 <= n && x == y; i += 8) {
            x = load_big_endian<std::uint64_t>(a.data() + i);
            y = load_big_endian<std::uint64_t>(b.data() + i);
        }
        if (x == y) {
            x = load_big_endian<std::uint64_t>(a.data() + n - 8);
            y = load_big_endian<std::uint64_t>(b.data() + n - 8);
        }
        if (x != y) {
            return x < y ? -1 : 1;
        }
    }
    return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

/// The sign of `a.compare(b)`, given `a`'s and `b`'s prefix keys.
[[nodiscard]] inline int compare_keyed(std::uint64_t key_a,
                                       std::string_view a,
                                       std::uint64_t key_b,
                                       std::string_view b) noexcept {
    if (key_a != key_b) {
        return key_a < key_b ? -1 : 1;
    }
    return compare_after_prefix(a, b);
}

/// The first `n` (< 8) bytes of `p` as a word that orders as they do among strings cut to the
/// same `n`, with no loop: two overlapping halves for 4-7 bytes (where the first half is equal,
/// the first difference lies in the second), the first, middle and last byte for 1-3.
[[nodiscard]] inline std::uint64_t short_key(const char* p, std::size_t n) noexcept {
    if (n >= 4) {
        return (std::uint64_t{load_big_endian<std::uint32_t>(p)} << 32) |
               load_big_endian<std::uint32_t>(p + n - 4);
    }
    if (n > 0) {
        return (std::uint64_t{static_cast<unsigned char>(p[0])} << 16) |
               (std::uint64_t{static_cast<unsigned char>(p[n / 2])} << 8) |
               static_cast<unsigned char>(p[n - 1]);
    }
    return 0;
}

/// The sign of `a.compare(b)` without a library call, for two strings at hand (ids, as a history
/// is checked): their first min(size) bytes as one word each when short, else a word at a time.
[[nodiscard]] inline int compare_bytes(std::string_view a, std::string_view b) noexcept {
    const std::size_t n = std::min(a.size(), b.size());
    if (n >= 8) {
        return compare_keyed(load_big_endian<std::uint64_t>(a.data()), a,
                             load_big_endian<std::uint64_t>(b.data()), b);
    }
    const std::uint64_t x = short_key(a.data(), n);
    const std::uint64_t y = short_key(b.data(), n);
    if (x != y) {
        return x < y ? -1 : 1;
    }
    return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

}  // namespace leadsla::detail
