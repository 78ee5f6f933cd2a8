// SPDX-License-Identifier: Apache-2.0
#include <leadsla/engine/breach_scanner.hpp>

namespace leadsla {

void BreachScanner::schedule(const LeadId& lead, std::optional<Instant> next_check_at) {
    remove(lead);
    if (next_check_at) {
        queue_.emplace(*next_check_at, lead);
        at_.emplace(lead, *next_check_at);
    }
}

void BreachScanner::remove(const LeadId& lead) {
    const auto it = at_.find(lead);
    if (it != at_.end()) {
        queue_.erase({it->second, lead});
        at_.erase(it);
    }
}

std::vector<std::pair<Instant, LeadId>> BreachScanner::due(Instant now, std::size_t limit) const {
    std::vector<std::pair<Instant, LeadId>> out;
    for (auto it = queue_.begin(); it != queue_.end() && it->first <= now && out.size() < limit;
         ++it) {
        out.push_back(*it);
    }
    return out;
}

std::optional<Instant> BreachScanner::next() const {
    if (queue_.empty()) {
        return std::nullopt;
    }
    return queue_.begin()->first;
}

}  // namespace leadsla
