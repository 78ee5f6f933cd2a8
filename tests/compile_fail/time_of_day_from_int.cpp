// SPDX-License-Identifier: Apache-2.0
// A time of day comes from parse or from_seconds, never from a bare integer.
#include <leadsla/time/time_of_day.hpp>

int main() {
#if LEADSLA_SHOULD_FAIL
    const leadsla::TimeOfDay t{3600};
#else
    const leadsla::TimeOfDay t = leadsla::TimeOfDay::from_seconds(3600).value();
#endif
    return t.seconds() == 3600 ? 0 : 1;
}
