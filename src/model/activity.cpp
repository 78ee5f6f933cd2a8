// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <tuple>

#include <leadsla/model/activity.hpp>
#include <leadsla/model/activity_history.hpp>

namespace leadsla {

std::vector<Activity> normalize_activities(std::span<const Activity> activities) {
    std::vector<Activity> out(activities.begin(), activities.end());
    // Among copies of one id the earliest (then the smallest) wins; then (occurred_at, id) order.
    std::sort(out.begin(), out.end(), [](const Activity& a, const Activity& b) {
        return std::tie(a.id, a.occurred_at) < std::tie(b.id, b.occurred_at) ||
               (a.id == b.id && a.occurred_at == b.occurred_at && a < b);
    });
    out.erase(std::unique(out.begin(), out.end(),
                          [](const Activity& a, const Activity& b) { return a.id == b.id; }),
              out.end());
    std::sort(out.begin(), out.end());
    return out;
}

namespace {

/// `sizeof(Word)` bytes from `p`, most significant first (so words order as the bytes do).
template <typename Word>
[[nodiscard]] Word load_big_endian(const char* p) noexcept {
    Word w;
    std::memcpy(&w, p, sizeof w);
    if constexpr (std::endian::native == std::endian::little) {
        if constexpr (sizeof(Word) == 8) {
            w = __builtin_bswap64(w);
        } else {
            w = __builtin_bswap32(w);
        }
    }
    return w;
}

/// The first `n` (< 8) bytes of `p` as a word that orders as they do, with no loop: two
/// overlapping halves for 4-7 bytes (where the first half is equal, the first difference lies in
/// the second), the first, middle and last byte for 1-3.
[[nodiscard]] std::uint64_t short_key(const char* p, std::size_t n) noexcept {
    if (n >= 4) {
        return (std::uint64_t{load_big_endian<std::uint32_t>(p)} << 32) |
               load_big_endian<std::uint32_t>(p + n - 4);
    }
    if (n > 0) {
        return (std::uint64_t{static_cast<unsigned char>(p[0])} << 16) |
               (std::uint64_t{static_cast<unsigned char>(p[n / 2])} << 8) |
               static_cast<unsigned char>(p[n - 1]);
    }
    return 0;
}

/// The sign of `a.compare(b)` (bytes compared unsigned), without a library call or a loop over
/// bytes: ids are short, and checking a history compares each with the next.
[[nodiscard]] int compare_ids(std::string_view a, std::string_view b) noexcept {
    const std::size_t n = std::min(a.size(), b.size());
    std::uint64_t x = 0;
    std::uint64_t y = 0;
    if (n >= 8) {
        // Whole words, then the last 8 bytes (overlapping the words already found equal).
        std::size_t i = 0;
        for (; i + 8 <= n && x == y; i += 8) {
            x = load_big_endian<std::uint64_t>(a.data() + i);
            y = load_big_endian<std::uint64_t>(b.data() + i);
        }
        if (x == y) {
            x = load_big_endian<std::uint64_t>(a.data() + n - 8);
            y = load_big_endian<std::uint64_t>(b.data() + n - 8);
        }
    } else {
        x = short_key(a.data(), n);
        y = short_key(b.data(), n);
    }
    if (x != y) {
        return x < y ? -1 : 1;
    }
    return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

}  // namespace

bool is_normalized(std::span<const Activity> activities) {
    // Strictly ascending by (occurred_at, id), in one pass. That does not rule out one id at two
    // instants: when the ids ascend along the sequence too (ids issued in time order, the common
    // case), they are distinct without a sort.
    bool ids_ascend = true;
    for (std::size_t i = 1; i < activities.size(); ++i) {
        const Activity& a = activities[i - 1];
        const Activity& b = activities[i];
        if (b.occurred_at < a.occurred_at) {
            return false;
        }
        const bool tie = a.occurred_at == b.occurred_at;
        if (ids_ascend || tie) {
            const int order = compare_ids(a.id.value(), b.id.value());
            if (tie && order >= 0) {
                return false;
            }
            ids_ascend = ids_ascend && order < 0;
        }
    }
    if (ids_ascend) {
        return true;
    }
    std::vector<const ActivityId*> ids;
    ids.reserve(activities.size());
    for (const Activity& a : activities) {
        ids.push_back(&a.id);
    }
    std::sort(ids.begin(), ids.end(),
              [](const ActivityId* x, const ActivityId* y) { return *x < *y; });
    return std::adjacent_find(ids.begin(), ids.end(), [](const ActivityId* x, const ActivityId* y) {
               return *x == *y;
           }) == ids.end();
}

ActivityHistory::ActivityHistory(std::span<const Activity> activities) : items_(activities) {
    if (!is_normalized(activities)) {
        owned_ = std::make_shared<const std::vector<Activity>>(normalize_activities(activities));
        items_ = *owned_;
    }
}

namespace {

/// How many of `items` (in time order) occurred at or before `t`.
std::size_t count_until(std::span<const Activity> items, Instant t) noexcept {
    if (items.empty() || items.back().occurred_at <= t) {
        return items.size();  // the common case: nothing after `t`
    }
    return static_cast<std::size_t>(
        std::partition_point(items.begin(), items.end(),
                             [&](const Activity& a) { return a.occurred_at <= t; }) -
        items.begin());
}

}  // namespace

ActivityHistory ActivityHistory::until(Instant t) const {
    ActivityHistory out = *this;
    out.items_ = items_.first(count_until(items_, t));
    return out;
}

std::span<const Activity> ActivityHistory::after(Instant t) const {
    return items_.subspan(count_until(items_, t));
}

}  // namespace leadsla
