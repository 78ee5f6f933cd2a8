// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <leadsla/strong_id.hpp>

namespace leadsla {

/// A lead's id as the host CRM spells it (e.g. a Salesforce `00Q…` id or a HubSpot object id).
using LeadId = StrongId<struct LeadIdTag>;
/// A company account's id.
using AccountId = StrongId<struct AccountIdTag>;
/// A lead owner's (sales rep's or queue's) id.
using OwnerId = StrongId<struct OwnerIdTag>;
/// An activity's id; activities with the same id count once.
using ActivityId = StrongId<struct ActivityIdTag>;

}  // namespace leadsla
