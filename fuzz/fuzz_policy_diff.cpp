// SPDX-License-Identifier: Apache-2.0
// Any input as two policy documents (split at the first NUL byte): diff never crashes; a document
// that loads has no change against itself, and two that load give the same number of changes in
// both directions (what one adds the other removes).
#include <leadsla/policy/diff.hpp>

#include "fuzz_support.hpp"

using namespace leadsla;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto [old_text, new_text] = fuzz::split_at_nul(fuzz::text(data, size));
    const auto forward = diff_policies(old_text, new_text);
    if (!forward) {
        return 0;
    }
    const auto same = diff_policies(old_text, old_text);
    fuzz::check(same && same->empty(), "a policy has no change against itself");
    const auto backward = diff_policies(new_text, old_text);
    fuzz::check(backward && backward->size() == forward->size(),
                "as many changes in both directions");
    return 0;
}
