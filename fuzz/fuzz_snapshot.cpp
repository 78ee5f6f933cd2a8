// SPDX-License-Identifier: Apache-2.0
// Any input as a lead-state snapshot and as a routing-state snapshot: restoring never crashes,
// and a snapshot that restores writes back to text that restores to an equal state and writes
// the same text again (a fixed point).
#include <leadsla/io/lead_state_json.hpp>
#include <leadsla/io/routing_state_json.hpp>

#include "fuzz_support.hpp"

using namespace leadsla;

namespace {

template <typename State, typename Restore>
void round_trip(std::string_view text, Restore&& restore) {
    const Result<State> state = restore(text);
    if (!state) {
        return;
    }
    const std::string saved = snapshot_json(*state);
    const Result<State> again = restore(saved);
    fuzz::check(again.has_value(), "a written snapshot restores");
    fuzz::check(*again == *state, "the restored state equals the original");
    fuzz::check(snapshot_json(*again) == saved, "writing is a fixed point");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = fuzz::text(data, size);
    round_trip<LeadState>(text, [](std::string_view t) { return restore_lead_state(t); });
    round_trip<RoutingState>(text, [](std::string_view t) { return restore_routing_state(t); });
    return 0;
}
