// SPDX-License-Identifier: Apache-2.0
// Any input as a lead line and as a history-event line of the funnel example's schema: the
// readers never crash, the one-shot functions and the reusing reader agree, and a lead that
// reads is accepted by the engine.
#include <leadsla/engine/engine.hpp>
#include <leadsla/io/lead_json.hpp>

#include "fuzz_support.hpp"

using namespace leadsla;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const Engine engine{fuzz::bundled_policy("examples/policies/funnel.json")};
    static InputLineReader reader;
    const Schema& schema = engine.policy().schema;
    const std::string_view line = fuzz::text(data, size);

    const Result<Lead> lead = reader.lead(line, schema);
    const Result<Lead> once = read_lead_json(line, schema);
    fuzz::check(lead.has_value() == once.has_value(), "reader.lead and read_lead_json agree");
    if (lead) {
        fuzz::check(*lead == *once, "reader.lead and read_lead_json read the same lead");
        (void)engine.evaluate(*lead, {}, {}, lead->created_at);
    } else {
        fuzz::check(lead.error() == once.error(), "the same error");
    }

    const Result<LeadEvent> event = reader.event(line, schema);
    const Result<LeadEvent> event_once = read_event_json(line, schema);
    fuzz::check(event.has_value() == event_once.has_value(),
                "reader.event and read_event_json agree");
    if (event) {
        fuzz::check(*event == *event_once, "the same event");
    }
    return 0;
}
