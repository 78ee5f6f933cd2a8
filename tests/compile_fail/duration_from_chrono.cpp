// SPDX-License-Identifier: Apache-2.0
// Wall-clock durations never become business durations implicitly.
#include <chrono>

#include <leadsla/time/business_duration.hpp>

namespace {
std::int64_t business_seconds(leadsla::BusinessDuration d) {
    return d.count();
}
}  // namespace

int main() {
#if LEADSLA_SHOULD_FAIL
    return business_seconds(std::chrono::hours{4}) == 14400 ? 0 : 1;
#else
    return business_seconds(leadsla::BusinessDuration::hours(4)) == 14400 ? 0 : 1;
#endif
}
