// SPDX-License-Identifier: Apache-2.0
// A stable sort for the few elements one evaluation orders (its events, its owed actions).
#pragma once

#include <algorithm>
#include <iterator>

namespace leadsla::detail {

/// `std::stable_sort(first, last, less)` without its buffer, which it allocates even for one
/// element: an insertion sort for short ranges (and for nearly sorted ones it stays near linear);
/// longer ranges go to `std::stable_sort`.
template <typename It, typename Less>
void stable_sort_small(It first, It last, Less less) {
    constexpr std::ptrdiff_t insertion_limit = 32;
    if (std::distance(first, last) > insertion_limit) {
        std::stable_sort(first, last, less);
        return;
    }
    for (It it = first; it != last; ++it) {
        std::rotate(std::upper_bound(first, it, *it, less), it, std::next(it));
    }
}

}  // namespace leadsla::detail
