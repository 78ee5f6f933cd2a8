// SPDX-License-Identifier: Apache-2.0
// A raw string never silently becomes an id.
#include <string>

#include <leadsla/model/ids.hpp>

namespace {
bool is_known(const leadsla::LeadId& id) {
    return !id.value().empty();
}
}  // namespace

int main() {
    const std::string raw = "00Q1";
#if LEADSLA_SHOULD_FAIL
    return is_known(raw) ? 0 : 1;
#else
    return is_known(leadsla::LeadId{raw}) ? 0 : 1;
#endif
}
