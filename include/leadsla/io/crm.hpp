// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

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
/// `source` says the record's shape. **hubspot**: a CRM object `{"id": "…", "properties": {…}}`
/// whose property values are all strings (`"740"`, `"true"`, epoch milliseconds such as
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

}  // namespace leadsla
