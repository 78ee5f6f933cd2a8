// SPDX-License-Identifier: Apache-2.0
// Any input: parse_calendar never crashes; a calendar that parses writes back to JSON that parses
// to the same spec (round trip).
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <leadsla/policy/calendar_json.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text{reinterpret_cast<const char*>(data), size};
    const auto spec = leadsla::parse_calendar_spec(text);
    if (!spec) {
        return 0;
    }
    const auto again = leadsla::parse_calendar_spec(leadsla::to_json(*spec));
    if (!again || !(*again == *spec)) {
        std::abort();
    }
    (void)leadsla::BusinessCalendar::create(*spec);
    return 0;
}
