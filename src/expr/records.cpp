// SPDX-License-Identifier: Apache-2.0
// Records: a lead's attributes and its activities converted once into the slots conditions
// read (policy strings as ids, decimals as fixed point, instants as seconds).
#include <algorithm>
#include <utility>

#include "expr/program.hpp"
#include "expr/shared/local_records.hpp"

namespace leadsla {
namespace {

using Impl = ExpressionSet::Impl;

/// A string no policy names: kept by the record, under a negative id. Not deduplicated: strings
/// are compared with policy strings only (never with each other), and `distinct` compares the
/// texts.
[[gnu::noinline]] Slot unknown_string(const std::string& s, std::vector<std::string>& unknown) {
    unknown.push_back(s);
    return Slot{-static_cast<std::int64_t>(unknown.size()), false};
}

/// `v` as a slot of `type` (null when it holds another type). Inline: it runs for every value a
/// lead or an activity is converted with.
inline Slot to_slot(const AttributeValue& v,
                    AttributeType type,
                    const Impl& p,
                    std::vector<std::string>& unknown) {
    switch (type) {
        case AttributeType::boolean:
            if (const auto b = v.as_bool()) {
                return Slot{*b ? 1 : 0, false};
            }
            break;
        case AttributeType::integer:
            if (const auto i = v.as_integer()) {
                return Slot{*i, false};
            }
            break;
        case AttributeType::decimal:
            if (const auto d = v.as_decimal()) {
                return Slot{d->units(), false};
            }
            if (const auto i = v.as_integer()) {
                return Slot{*i * Decimal::scale, false};
            }
            break;
        case AttributeType::string:
            if (const std::string* s = v.as_string()) {
                const std::int64_t id = p.find_string(*s);
                return id >= 0 ? Slot{id, false} : unknown_string(*s, unknown);
            }
            break;
        case AttributeType::instant:
            if (const auto t = v.as_instant()) {
                return Slot{t->time_since_epoch().count(), false};
            }
            break;
        default:
            break;
    }
    return Slot{};
}

/// Calls `f(slot, value)` for each of the `read` slots (ascending) whose name, in `names`, the
/// attributes hold. Both lists are in name order, so one walk over the two finds them all; most
/// names differ in their first 8 bytes, so they are compared by their prefix keys first.
template <typename F>
void for_each_held(const Attributes& attributes,
                   const std::vector<std::string>& names,
                   const std::vector<ReadName>& read,
                   F&& f) {
    auto it = attributes.begin();
    if (it == attributes.end()) {
        return;
    }
    std::uint64_t key = detail::prefix_key(it->first);
    for (const ReadName& name : read) {
        const auto i = static_cast<std::size_t>(name.slot);
        int order = -1;
        while ((order = detail::compare_keyed(key, it->first, name.key, names[i])) < 0) {
            if (++it == attributes.end()) {
                return;
            }
            key = detail::prefix_key(it->first);
        }
        if (order == 0) {
            f(i, it->second);
            if (++it == attributes.end()) {
                return;
            }
            key = detail::prefix_key(it->first);
        }
    }
}

}  // namespace

void ExpressionSet::prepare_into(const Attributes& attributes, LeadRecord& out) const {
    const Impl& p = *impl_;
    out.unknown_strings.clear();
    if (p.read_attributes.empty()) {
        out.slots.clear();  // nothing would look at them
        return;
    }
    out.slots.assign(p.attribute_names.size(), Slot{});
    // Only the attributes some condition reads: the others would never be looked at.
    for_each_held(attributes, p.attribute_names, p.read_attributes,
                  [&](std::size_t i, const AttributeValue& v) {
                      out.slots[i] = to_slot(v, p.attribute_types[i], p, out.unknown_strings);
                  });
}

LeadRecord ExpressionSet::prepare(const Lead& lead) const {
    LeadRecord out;
    prepare_into(lead.attributes, out);
    return out;
}

namespace {

/// The slots the records of `activities` need together: room for the widest layout a condition
/// reads at every activity, when layouts are narrow (then the records are made in one pass).
/// Wide ones would waste memory: their slots are counted.
std::size_t slot_room(const ExpressionSet::Impl& p, std::span<const Activity> activities) {
    constexpr std::size_t narrow_layout = 4;
    if (p.widest_read_layout <= narrow_layout) {
        return activities.size() * p.widest_read_layout;
    }
    std::size_t room = 0;
    for (const Activity& a : activities) {
        if (const std::int32_t t = p.find_activity(a.type); t >= 0) {
            const ActivityLayout& layout = p.activities[static_cast<std::size_t>(t)];
            room += layout.any_read ? layout.properties.size() : 0;
        }
    }
    return room;
}

/// Converts `activities` in order, calling `emit(record)` for each: the records' slots go to
/// `slots` (`slot_room` of them, null), the strings no policy names to `unknown`. The records'
/// `unknown_strings` are left empty: `unknown` may still move (see `attach_unknown_strings`).
template <typename Emit>
void convert_activities(const ExpressionSet::Impl& p,
                        std::span<const Activity> activities,
                        Slot* slots,
                        std::vector<std::string>& unknown,
                        Emit&& emit) {
    std::size_t next = 0;
    for (const Activity& a : activities) {
        const std::int32_t type = p.find_activity(a.type);
        std::span<const Slot> own;
        // Only the properties some condition reads: the others would never be looked at.
        if (type >= 0) {
            if (const ActivityLayout& layout = p.activities[static_cast<std::size_t>(type)];
                layout.any_read) {
                Slot* const first = slots + next;
                for_each_held(a.properties, layout.properties, layout.read_slots,
                              [&](std::size_t k, const AttributeValue& v) {
                                  first[k] = to_slot(v, layout.types[k], p, unknown);
                              });
                own = std::span<const Slot>{first, layout.properties.size()};
                next += layout.properties.size();
            }
        }
        emit(ActivityRecord{a.occurred_at, type, own, {}});
    }
}

/// Points every record at the strings no policy names, once all are known.
void attach_unknown_strings(std::span<ActivityRecord> records,
                            const std::vector<std::string>& unknown) {
    if (!unknown.empty()) {
        for (ActivityRecord& r : records) {
            r.unknown_strings = unknown;
        }
    }
}

}  // namespace

ActivityRecords ExpressionSet::prepare(std::span<const Activity> activities) const {
    const Impl& p = *impl_;
    ActivityRecords out;
    out.records_.reserve(activities.size());
    // The slots of all records are allocated once.
    if (const std::size_t room = slot_room(p, activities); room > 0) {
        out.slots_.resize(room);
    }
    // Made once, in place (room was reserved): no default record to overwrite.
    convert_activities(p, activities, out.slots_.data(), out.unknown_strings_,
                       [&](const ActivityRecord& r) { out.records_.push_back(r); });
    attach_unknown_strings(out.records_, out.unknown_strings_);
    return out;
}

void detail::LocalRecords::prepare(const ExpressionSet& set, std::span<const Activity> activities) {
    const ExpressionSet::Impl& p = *set.impl_;
    unknown_strings_.clear();
    slots_.resize_for_overwrite(slot_room(p, activities));
    std::fill(slots_.begin(), slots_.end(), Slot{});
    records_.resize_for_overwrite(activities.size());
    types_.resize_for_overwrite(activities.size());
    std::size_t i = 0;
    convert_activities(p, activities, slots_.data(), unknown_strings_,
                       [&](const ActivityRecord& r) {
                           types_[i] = r.type;
                           records_[i++] = r;
                       });
    attach_unknown_strings(std::span<ActivityRecord>{records_.data(), records_.size()},
                           unknown_strings_);
}

}  // namespace leadsla
