// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <leadsla/expr/schema.hpp>
#include <leadsla/io/lead_json.hpp>
#include <leadsla/lifecycle/lifecycle.hpp>
#include <leadsla/model/attribute_change.hpp>
#include <leadsla/model/lead.hpp>
#include <leadsla/model/stage_change.hpp>
#include <leadsla/result.hpp>

namespace leadsla {

/// Which fields of a CRM's lead records feed a lead, declared as data:
///
///   {"source": "hubspot", "created_at": "createdate", "stage": "lifecyclestage",
///    "owner": "hubspot_owner_id", "attributes": {"employees": "numberofemployees"}}
///   {"source": "salesforce", "id": "Id", "created_at": "CreatedDate", "stage": "Status",
///    "owner": "OwnerId", "account": "ConvertedAccountId",
///    "attributes": {"employees": "NumberOfEmployees", "industry": "Industry"}}
///
/// `source` says the record's shape. Optional `activities` and `history` sections read the CRM's
/// activity and field-history records (`read_crm_events`). A field that a HubSpot object does not
/// hold among its `properties` is looked up among its own keys (`createdAt`, `updatedAt`,
/// `archived`).
/// **hubspot**: a CRM object `{"id": "…", "properties": {…}}` whose property values are all strings
/// (`"740"`, `"true"`, epoch milliseconds such as
/// `"1773302400000"` or ISO timestamps; `""` means unset; multi-select values are `a;b;c`); the
/// lead id is the object's `id` unless `id` names a property. **salesforce**: a Lead record with
/// native JSON values (`"NumberOfEmployees": 740`, `"CreatedDate":
/// "2026-03-12T09:30:00.000+0000"`, multi-picklists `a;b`); `id` defaults to `Id`.
/// `created_at` is required; `stage` goes through the lifecycle's `stage_map`.
/// One rule of an activity mapping: a CRM activity record whose fields hold the values of `when`
/// becomes an activity of the policy's `type` with `properties`.
///
///   {"when": {"attributes.type": "Task", "TaskSubtype": "Call"}, "type": "contact_attempt",
///    "properties": {"channel": "phone"}}
struct CrmActivityRule {
    /// CRM field → the value it must have (compared as text: `"OUTBOUND"`, `"true"`, `"3"`), or
    /// `"*"` for any value. A dotted name walks into nested objects (`attributes.type`,
    /// Salesforce's record type). Empty: every record.
    std::map<std::string, std::string, std::less<>> when;
    std::string type;       ///< an activity type of the schema
    Attributes properties;  ///< typed as the schema declares the type's properties

    friend bool operator==(const CrmActivityRule&, const CrmActivityRule&) = default;
};

/// Which records of a CRM's activity export are activities, and of which lead.
struct CrmActivityMapping {
    /// The field holding the lead's id. Empty: HubSpot's first associated contact
    /// (`associations.contacts`, whose `results[0].id` is read), Salesforce's `WhoId`. A field
    /// holding an object with a `results` array reads the first result's `id`.
    std::string lead;
    /// When it happened: the first of these fields a record has. Empty: HubSpot's
    /// `hs_timestamp`; Salesforce's `ActivityDateTime` (Events), then `CreatedDate` (Tasks:
    /// `ActivityDate` is a date without a time).
    std::vector<std::string> occurred_at;
    std::vector<CrmActivityRule> rules;  ///< the first that matches wins; none: not an activity

    friend bool operator==(const CrmActivityMapping&, const CrmActivityMapping&) = default;
};

/// Which fields of a field-history record (Salesforce `LeadHistory`: one record per change)
/// say what changed; the defaults are Salesforce's. A history record of the mapping's `stage`
/// field is a stage change (both values through the lifecycle's `stage_map`; none when both map
/// to one stage); of a mapped
/// attribute's field, an attribute change (both values typed as declared).
struct CrmHistoryMapping {
    std::string lead = "LeadId";
    std::string field = "Field";
    std::string old_value = "OldValue";
    std::string new_value = "NewValue";
    std::string at = "CreatedDate";
    std::string actor = "CreatedById";

    friend bool operator==(const CrmHistoryMapping&, const CrmHistoryMapping&) = default;
};

struct CrmMapping {
    enum class Source : std::uint8_t { hubspot, salesforce };
    Source source = Source::hubspot;
    std::string id;  ///< the id field; empty: HubSpot's object id / Salesforce's `Id`
    std::string created_at;
    /// When the record last changed, to keep the latest of several versions (`keep_latest`);
    /// empty: Salesforce's `SystemModstamp`, HubSpot's `updatedAt`.
    std::string modified_at;
    std::string stage;    ///< empty: every lead starts as `lead`
    std::string owner;    ///< empty: no owner
    std::string account;  ///< empty: no account
    std::map<std::string, std::string, std::less<>> attributes;  ///< attribute → CRM field
    std::optional<CrmActivityMapping> activities;  ///< absent: activity records are not read
    std::optional<CrmHistoryMapping> history;      ///< absent: history records are not read

    friend bool operator==(const CrmMapping&, const CrmMapping&) = default;
};

/// Reads a mapping, checking its attributes, activity types and activity properties against
/// `schema`:
///
///   "activities": {"lead": "WhoId", "occurred_at": ["ActivityDateTime", "CreatedDate"],
///                  "rules": [{"when": {…}, "type": "…", "properties": {…}}, …]},
///   "history": {}   (Salesforce's field names; each may be overridden: "lead", "field",
///                    "old_value", "new_value", "at", "actor")
///
/// Errors: json.*, policy.unknown_reference, expr.unknown_activity.
[[nodiscard]] Result<CrmMapping> parse_crm_mapping(std::string_view json_text,
                                                   const Schema& schema);

/// Reads one CRM record (one NDJSON line) as a lead, converting each mapped field to its
/// declared type with an explicit error naming the CRM field; `lifecycle` (optional) maps the
/// stage value. Timestamps must carry an offset (`Z`, `+01:00` or Salesforce's `+0000`) or be
/// epoch milliseconds. Errors: json.*, time.*, parse.syntax, model.bad_decimal,
/// model.unknown_stage.
[[nodiscard]] Result<Lead> read_crm_lead(std::string_view line,
                                         const CrmMapping& mapping,
                                         const Schema& schema,
                                         const Lifecycle* lifecycle = nullptr);

/// A lead read from a CRM record, when the CRM last changed the record (if it says), and the
/// history the record itself carries. HubSpot: the `hs_lifecyclestage_<value>_date` properties
/// (when the lead entered each lifecycle stage) give stage changes; `propertiesWithHistory`
/// (every value a property had, with its timestamp) gives stage changes for the stage field
/// (then the date properties are not read) and attribute changes for mapped attributes.
struct CrmLead {
    Lead lead;
    std::optional<Instant> modified_at;
    std::vector<StageChange> changes;                ///< in time order
    std::vector<AttributeChange> attribute_changes;  ///< in time order

    friend bool operator==(const CrmLead&, const CrmLead&) = default;
};

/// What one CRM text held.
struct CrmPage {
    std::vector<CrmLead> leads;  ///< the records that read, in order
    /// The first error of each record that did not read, located by JSON pointer (e.g.
    /// `/records/3/properties/numberofemployees`) and line and column; one error when the text
    /// itself is not JSON or not one of the shapes.
    std::vector<Error> errors;
    std::set<std::string, std::less<>> fields_seen;  ///< mapped CRM fields some record had
};

/// Reads a CRM text in any of the shapes the APIs return: one record, a JSON array of records,
/// a Salesforce query result `{"totalSize": …, "done": …, "records": […]}` or a HubSpot page
/// `{"results": […], "paging": …}` — one page per line when saved page by page. An object with
/// the id field the mapping reads is a record; one without it and with a `records` or `results`
/// member is a page. Errors as
/// `read_crm_lead`, per record; up to 16 MiB and 100,000 records per text.
[[nodiscard]] CrmPage read_crm_page(std::string_view text,
                                    const CrmMapping& mapping,
                                    const Schema& schema,
                                    const Lifecycle* lifecycle = nullptr);

/// Keeps one version of each lead id, the one the CRM changed last (`modified_at`; a version
/// without it is older than any with it; between equals the one read later), at the place its
/// id first appeared. Returns how many versions it dropped.
std::size_t keep_latest(std::vector<CrmLead>& leads);

/// What one text of CRM activity and history records held.
struct CrmEvents {
    /// Activities (`activities` section) and stage and attribute changes (`history` section),
    /// in the order read.
    std::vector<LeadEvent> events;
    /// The first error of each record that did not read, located as in `CrmPage`.
    std::vector<Error> errors;
    std::size_t unmatched = 0;  ///< activity records no rule matched (notes, say): not read
    /// Fields whose history records were skipped because the mapping reads no such field
    /// (Salesforce tracks history of fields a policy need not know), with how many.
    std::map<std::string, std::size_t, std::less<>> unmapped_history;
};

/// Reads a text of activity and field-history records in the shapes `read_crm_page` takes. A
/// record with the history mapping's `field` and `new_value` keys is a history record; any
/// other is an activity record. The activity's id is the record's (HubSpot `id`, Salesforce
/// `Id`). Errors, per record: json.*, time.*, model.*, and json.missing_key for a record whose
/// lead cannot be found; every record is read or reported, never dropped without a word.
[[nodiscard]] CrmEvents read_crm_events(std::string_view text,
                                        const CrmMapping& mapping,
                                        const Schema& schema,
                                        const Lifecycle* lifecycle = nullptr);

/// The mapped CRM fields (creation time, stage, owner, account, attributes) that no record had:
/// a field name misspelt in the mapping (`NumberOfEmployes`) reads nothing and says nothing,
/// so a host reports these.
[[nodiscard]] std::vector<std::string> unseen_fields(
    const CrmMapping& mapping, const std::set<std::string, std::less<>>& fields_seen);

}  // namespace leadsla
