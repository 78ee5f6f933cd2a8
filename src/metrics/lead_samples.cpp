// SPDX-License-Identifier: Apache-2.0
#include "metrics/lead_samples.hpp"

#include <algorithm>

namespace leadsla::detail {
namespace {

/// The lists' order: the more recent first, then the smaller id.
bool before(Instant at_a, std::string_view a, Instant at_b, std::string_view b) {
    return at_a != at_b ? at_a > at_b : a < b;
}

}  // namespace

void LeadSamples::insert(std::vector<LeadSample>& list, Instant at, std::string_view lead) const {
    // A lead is listed once, at its most recent fact: an older fact of a listed lead changes
    // nothing, a newer one moves it up.
    const auto same =
        std::find_if(list.begin(), list.end(), [&](const LeadSample& s) { return s.lead == lead; });
    if (same != list.end()) {
        if (!before(at, lead, same->at, same->lead)) {
            return;
        }
        list.erase(same);
    } else if (list.size() == limit_ && !before(at, lead, list.back().at, list.back().lead)) {
        return;  // the common case once a list is full: older than all it keeps
    }
    const auto pos = std::find_if(list.begin(), list.end(), [&](const LeadSample& s) {
        return before(at, lead, s.at, s.lead);
    });
    list.insert(pos, LeadSample{at, std::string{lead}});
    if (list.size() > limit_) {
        list.pop_back();
    }
}

void LeadSamples::add(const SeriesId& key, Instant at, std::string_view lead) {
    if (limit_ == 0) {
        return;
    }
    insert(lists_[key], at, lead);
}

void LeadSamples::merge(const LeadSamples& other,
                        const std::vector<std::uint32_t>& detail_map,
                        const std::vector<std::uint32_t>& key_map) {
    for (const auto& [k, list] : other.lists_) {
        SeriesId mine = k;
        mine.detail = detail_map[k.detail];
        mine.key = key_map[k.key];
        std::vector<LeadSample>& into = lists_[mine];
        for (const LeadSample& s : list) {
            insert(into, s.at, s.lead);
        }
    }
}

}  // namespace leadsla::detail
