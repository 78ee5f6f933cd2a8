// SPDX-License-Identifier: Apache-2.0
// Ids of different kinds never compare.
#include <leadsla/model/ids.hpp>

int main() {
    const leadsla::LeadId lead{"00Q1"};
    const leadsla::AccountId account{"00Q1"};
#if LEADSLA_SHOULD_FAIL
    return lead == account ? 0 : 1;
#else
    (void)account;
    return lead == lead ? 0 : 1;
#endif
}
