// SPDX-License-Identifier: Apache-2.0
// Differential: the two readers of a lead must agree. Any input as a flat lead line for bulk
// scoring (`leadsla score`, LeadLineReader) and, rewritten as the same values under
// "attributes", as a lead for `read_lead_json` (`leadsla eval`): both accept or both refuse, and
// an accepted line gives the same id and the same compiled record.
#include <string>

#include <leadsla/io/lead_json.hpp>

#include "expr/shared/expression_set.hpp"
#include "fuzz_support.hpp"
#include "io/lead_line_reader.hpp"

#include <simdjson.h>

using namespace leadsla;

namespace {

/// `text` as a JSON string literal (simdjson has checked it is UTF-8).
std::string quoted(std::string_view text) {
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
        } else {
            out += c;
        }
    }
    return out + "\"";
}

struct Fixture {
    Schema schema;
    ExpressionSet set;
};

Fixture fixture() {
    Schema schema;
    schema.attributes = {{"employees", AttributeType::integer},
                         {"revenue", AttributeType::decimal},
                         {"budget", AttributeType::boolean},
                         {"industry", AttributeType::string},
                         {"signed_up", AttributeType::instant}};
    ExpressionSetBuilder builder{schema};
    // Every attribute read, so `prepare` converts each one (it skips what no condition reads).
    if (!builder.add_condition("employees > 0 or revenue > 0 or budget or industry == \"software\" "
                               "or signed_up is null",
                               "/x")) {
        fuzz::fail("the fixture's condition compiles");
    }
    return {schema, std::move(builder).build()};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const Fixture f = fixture();
    static detail::LeadLineReader reader{f.set};
    static InputLineReader leads;
    static simdjson::dom::parser parser;
    const std::string_view line = fuzz::text(data, size);

    std::string id;
    LeadRecord record;
    const std::optional<Error> flat = reader.read(line, id, record);

    simdjson::dom::element doc;
    if (line.find('\0') != std::string_view::npos ||
        parser.parse(line.data(), line.size()).get(doc) != simdjson::SUCCESS) {
        // Not JSON: both refuse, with the same words.
        const Result<Lead> nested = leads.lead(line, f.schema);
        fuzz::check(flat.has_value() && !nested, "both refuse what is not JSON");
        fuzz::check(flat->message == nested.error().message, "with the same message");
        return 0;
    }
    if (doc.type() != simdjson::dom::element_type::OBJECT) {
        fuzz::check(flat.has_value(), "a line that is not an object is refused");
        return 0;
    }
    // The same members, `id` at the top and every other one (repeats kept) under "attributes".
    std::string ids;
    std::string attributes;
    for (const auto field : simdjson::dom::object(doc)) {
        std::string& out = field.key == "id" ? ids : attributes;
        out += fmt::format(",{}:{}", quoted(field.key), simdjson::minify(field.value));
    }
    if (!attributes.empty()) {
        attributes.erase(0, 1);
    }
    const std::string text = fmt::format(
        R"({{"created_at":"2026-01-01T00:00:00Z"{},"attributes":{{{}}}}})", ids, attributes);
    const Result<Lead> nested = leads.lead(text, f.schema);
    if (!nested && nested.error().code == ErrorCode::json_limit) {
        return 0;  // one level deeper than the line: the depth limit may apply to one only
    }
    fuzz::check(flat.has_value() == !nested.has_value(), "both accept or both refuse");
    if (!flat) {
        fuzz::check(nested->id.value() == id, "the same id");
        const LeadRecord expected = f.set.prepare(*nested);
        fuzz::check(expected.slots.size() == record.slots.size(), "the same slots");
        for (std::size_t i = 0; i < record.slots.size(); ++i) {
            fuzz::check(
                expected.slots[i].null == record.slots[i].null &&
                    (record.slots[i].null || expected.slots[i].value == record.slots[i].value),
                "the same value in every slot");
        }
        fuzz::check(expected.unknown_strings == record.unknown_strings, "the same unknown strings");
    }
    return 0;
}
