// SPDX-License-Identifier: Apache-2.0
// Any input as a lead-state snapshot: restoring never crashes, and a snapshot that restores writes
// back to text that restores to an equal state and writes the same text again (a fixed point).
#include <leadsla/io/lead_state_json.hpp>

#include "fuzz_support.hpp"

using namespace leadsla;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const Result<LeadState> state = restore_lead_state(fuzz::text(data, size));
    if (!state) {
        return 0;
    }
    const std::string saved = snapshot_json(*state);
    const Result<LeadState> again = restore_lead_state(saved);
    fuzz::check(again.has_value(), "a written snapshot restores");
    fuzz::check(*again == *state, "the restored state equals the original");
    fuzz::check(snapshot_json(*again) == saved, "writing is a fixed point");
    return 0;
}
