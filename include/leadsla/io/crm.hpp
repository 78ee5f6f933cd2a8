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
#include <leadsla/lifecycle/lifecycle.hpp>
#include <leadsla/model/lead.hpp>
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
/// `source` says the record's shape. A field that a HubSpot object does not hold among its
/// `properties` is looked up among its own keys (`createdAt`, `updatedAt`, `archived`).
/// **hubspot**: a CRM object `{"id": "…", "properties": {…}}` whose property values are all strings
/// (`"740"`, `"true"`, epoch milliseconds such as
/// `"1773302400000"` or ISO timestamps; `""` means unset; multi-select values are `a;b;c`); the
/// lead id is the object's `id` unless `id` names a property. **salesforce**: a Lead record with
/// native JSON values (`"NumberOfEmployees": 740`, `"CreatedDate":
/// "2026-03-12T09:30:00.000+0000"`, multi-picklists `a;b`); `id` defaults to `Id`.
/// `created_at` is required; `stage` goes through the lifecycle's `stage_map`.
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

    friend bool operator==(const CrmMapping&, const CrmMapping&) = default;
};

/// Reads a mapping, checking its attributes against `schema`. Errors: json.*,
/// policy.unknown_reference.
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

/// A lead read from a CRM record, and when the CRM last changed the record (if it says).
struct CrmLead {
    Lead lead;
    std::optional<Instant> modified_at;

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

/// The mapped CRM fields (creation time, stage, owner, account, attributes) that no record had:
/// a field name misspelt in the mapping (`NumberOfEmployes`) reads nothing and says nothing,
/// so a host reports these.
[[nodiscard]] std::vector<std::string> unseen_fields(
    const CrmMapping& mapping, const std::set<std::string, std::less<>>& fields_seen);

}  // namespace leadsla
