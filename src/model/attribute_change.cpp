// SPDX-License-Identifier: Apache-2.0
// From a CRM's field history (one change per record) to the engine's attribute history.
#include <algorithm>
#include <tuple>

#include <leadsla/model/attribute_change.hpp>

namespace leadsla {

std::vector<PastAttributes> past_attributes_from(const Attributes& current,
                                                 std::span<const AttributeChange> changes) {
    if (changes.empty()) {
        return {};  // most leads: no copy of their attributes
    }
    std::vector<const AttributeChange*> order;
    order.reserve(changes.size());
    for (const AttributeChange& c : changes) {
        order.push_back(&c);
    }
    // Latest instant first; within one instant, the last-sorted change is undone first so
    // that the first-sorted one's `from` is what remains.
    std::sort(order.begin(), order.end(), [](const AttributeChange* a, const AttributeChange* b) {
        return std::tie(b->at, b->attribute, b->from, b->to) <
               std::tie(a->at, a->attribute, a->from, a->to);
    });
    std::vector<PastAttributes> out;
    Attributes attributes = current;
    for (std::size_t i = 0; i < order.size();) {
        const Instant at = order[i]->at;
        for (; i < order.size() && order[i]->at == at; ++i) {
            const AttributeChange& c = *order[i];
            if (c.from.is_null()) {
                attributes.erase(c.attribute);
            } else {
                attributes.insert_or_assign(c.attribute, c.from);
            }
        }
        out.push_back(PastAttributes{at, attributes});
    }
    std::reverse(out.begin(), out.end());
    return out;
}

}  // namespace leadsla
