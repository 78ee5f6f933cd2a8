// SPDX-License-Identifier: Apache-2.0
// What the fuzz targets share: the input as text, the bundled policies they run against, and a
// failure that libFuzzer reports with the input that caused it.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include <leadsla/engine/policy.hpp>
#include <leadsla/policy/load.hpp>

namespace leadsla::fuzz {

inline std::string_view text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

/// A property did not hold: says which, then aborts (libFuzzer saves the input as a crash).
[[noreturn]] inline void fail(std::string_view what) {
    std::fprintf(stderr, "fuzz property failed: %.*s\n", static_cast<int>(what.size()),
                 what.data());
    std::abort();
}

inline void check(bool holds, std::string_view what) {
    if (!holds) {
        fail(what);
    }
}

/// A policy of the repository (e.g. "examples/policies/funnel.json"), loaded once per process.
inline Policy bundled_policy(const char* path) {
    std::ifstream in(std::string{LEADSLA_SOURCE_DIR} + "/" + path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    auto policy = load_policy(buffer.str());
    if (!policy) {
        fail(fmt::format("{} does not load", path));
    }
    return *std::move(policy);
}

/// The input split at its first NUL byte (two documents in one input); no NUL: all in `first`.
struct TwoParts {
    std::string_view first;
    std::string_view second;
};
inline TwoParts split_at_nul(std::string_view input) {
    const auto nul = input.find('\0');
    if (nul == std::string_view::npos) {
        return {input, {}};
    }
    return {input.substr(0, nul), input.substr(nul + 1)};
}

}  // namespace leadsla::fuzz
