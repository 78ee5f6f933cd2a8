// SPDX-License-Identifier: Apache-2.0
// Two instants do not add; an instant plus a duration does.
#include <leadsla/time/instant.hpp>

int main() {
    const leadsla::Instant a{std::chrono::seconds{10}};
#if LEADSLA_SHOULD_FAIL
    const auto b = a + a;
#else
    const auto b = a + std::chrono::seconds{10};
#endif
    return b.time_since_epoch().count() == 20 ? 0 : 1;
}
