// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <set>
#include <unordered_map>
#include <utility>
#include <vector>

#include <leadsla/model/ids.hpp>
#include <leadsla/time/instant.hpp>

namespace leadsla {

/// The population sweep of a host's periodic job: which leads need a look now. Keep each lead's
/// `Evaluation::next_check_at` here; `due(now)` lists those at or before `now`, earliest first
/// (ties by lead id). Not thread-safe; one per job.
class BreachScanner {
public:
    /// Records (or moves, or with nullopt removes) a lead's next check.
    void schedule(const LeadId& lead, std::optional<Instant> next_check_at);
    void remove(const LeadId& lead);

    /// The leads whose next check is at or before `now`, in (instant, id) order; at most `limit`.
    [[nodiscard]] std::vector<std::pair<Instant, LeadId>> due(Instant now,
                                                              std::size_t limit = SIZE_MAX) const;
    /// The earliest next check, if any.
    [[nodiscard]] std::optional<Instant> next() const;
    [[nodiscard]] std::size_t size() const noexcept { return at_.size(); }

private:
    std::set<std::pair<Instant, LeadId>> queue_;
    std::unordered_map<LeadId, Instant> at_;
};

}  // namespace leadsla
