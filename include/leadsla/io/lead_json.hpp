// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>
#include <string_view>
#include <variant>

#include <fmt/format.h>

#include <leadsla/expr/schema.hpp>
#include <leadsla/model/activity.hpp>
#include <leadsla/model/attribute_change.hpp>
#include <leadsla/model/ids.hpp>
#include <leadsla/model/lead.hpp>
#include <leadsla/model/stage_change.hpp>
#include <leadsla/result.hpp>

namespace leadsla {

/// Reads one lead from a JSON object (one line of a leads NDJSON file), typed by `schema`:
///
///   {"id": "L1", "created_at": "2026-03-12T09:30:00+01:00", "stage": "mql", "owner": "o7",
///    "account": "A1", "attributes": {"employees": 740, "industry": "software"}}
///
/// `id` and `created_at` are required; `stage` defaults to `lead`. Timestamps are RFC 3339 with
/// an offset or integer epoch milliseconds (truncated to the second); an offset-less local time
/// is refused. Each attribute must have its declared type: `int` an integer; `decimal` a number or
/// a decimal string with at most 4 fractional digits; `bool` true/false; `string` a string;
/// `instant` a timestamp as above; `string_list` an array of strings; `null` means missing.
/// Attributes the schema does not declare are skipped (no rule can read them).
///
/// Errors (the first found, `where` a JSON pointer): json.*, time.*, model.bad_decimal,
/// model.unknown_stage.
[[nodiscard]] Result<Lead> read_lead_json(std::string_view text, const Schema& schema);

/// One event of a lead's history: an activity, a reported stage change, or a change of one
/// attribute (see `past_attributes_from` for the attribute history the engine reads).
struct LeadEvent {
    LeadId lead;
    std::variant<Activity, StageChange, AttributeChange> event;

    /// When it happened: the activity's `occurred_at`, the change's `at`.
    [[nodiscard]] Instant at() const noexcept;

    friend bool operator==(const LeadEvent&, const LeadEvent&) = default;
};

/// Reads one history event (one line of an activities NDJSON file), typed by `schema`:
///
///   {"id": "A17", "lead": "L1", "occurred_at": "2026-03-12T10:05:00Z",
///    "type": "contact_attempt", "properties": {"channel": "phone"}}
///   {"lead": "L1", "stage_change": {"at": 1773309600000, "from": "mql", "to": "sal",
///    "actor": "o7", "reason": ""}}
///   {"lead": "L1", "attribute_change": {"at": "2026-03-20T10:00:00Z", "attribute": "employees",
///    "from": 300, "to": 1500, "actor": "o7"}}
///
/// An activity's `type` must be declared in the schema and its properties typed as declared
/// (the rules of `read_lead_json`); undeclared properties are errors, since an activity type's
/// properties are the schema's to define. An attribute change names a declared attribute; its
/// `from` and `to` are typed as declared, null meaning unset.
[[nodiscard]] Result<LeadEvent> read_event_json(std::string_view text, const Schema& schema);

/// `read_lead_json` and `read_event_json` with one parser kept between lines: the way to read a
/// file of them (a reader's buffers grow to the longest line and are reused). Lines are parsed
/// with simdjson, which checks every byte — UTF-8, structure, numbers — so a line with trailing
/// bytes (a NUL, a second value) is refused, not cut short. Not thread-safe: one reader per
/// thread.
///
/// Example:
///   InputLineReader reader;
///   for (std::string line; std::getline(in, line);) {
///       Result<LeadEvent> e = reader.event(line, policy.schema);
///   }
class InputLineReader {
public:
    InputLineReader();
    ~InputLineReader();
    InputLineReader(InputLineReader&& other) noexcept;
    InputLineReader& operator=(InputLineReader&& other) noexcept;
    InputLineReader(const InputLineReader&) = delete;
    InputLineReader& operator=(const InputLineReader&) = delete;

    /// As `read_lead_json`.
    [[nodiscard]] Result<Lead> lead(std::string_view text, const Schema& schema);
    /// As `read_event_json`.
    [[nodiscard]] Result<LeadEvent> event(std::string_view text, const Schema& schema);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace leadsla

/// `L1: activity A17 contact_attempt at 2026-03-12T10:05:00Z`, or `L1: ` and the stage change or
/// attribute change.
template <>
struct fmt::formatter<leadsla::LeadEvent> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    template <typename FormatContext>
    auto format(const leadsla::LeadEvent& e, FormatContext& ctx) const {
        if (const auto* a = std::get_if<leadsla::Activity>(&e.event)) {
            return fmt::format_to(ctx.out(), "{}: activity {} {} at {}", e.lead, a->id, a->type,
                                  leadsla::format_instant(a->occurred_at));
        }
        if (const auto* c = std::get_if<leadsla::StageChange>(&e.event)) {
            return fmt::format_to(ctx.out(), "{}: {}", e.lead, *c);
        }
        return fmt::format_to(ctx.out(), "{}: {}", e.lead,
                              std::get<leadsla::AttributeChange>(e.event));
    }
};
