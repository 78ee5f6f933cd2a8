// SPDX-License-Identifier: Apache-2.0
// Semantic differences between two policy documents.
#include <algorithm>
#include <array>
#include <optional>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include <leadsla/policy/diff.hpp>
#include <leadsla/policy/load.hpp>

#include "json/shared/text.hpp"
#include "policy/sections.hpp"

namespace leadsla {
namespace {

using nlohmann::json;

std::string compact(const json& v) {
    return v.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string member_path(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
}

/// The identity of each entry of `list` when every entry is an object that has one: the first of
/// `id`, `stage`, `value`, `segment` that all entries have as distinct strings, or `from->to`.
std::optional<std::vector<std::string>> identities(const json& list) {
    if (list.empty() ||
        !std::all_of(list.begin(), list.end(), [](const json& e) { return e.is_object(); })) {
        return std::nullopt;
    }
    const auto distinct = [](std::vector<std::string> ids) {
        std::sort(ids.begin(), ids.end());
        return std::adjacent_find(ids.begin(), ids.end()) == ids.end();
    };
    for (const char* key : {"id", "stage", "value", "segment"}) {
        std::vector<std::string> ids;
        for (const json& e : list) {
            const auto it = e.find(key);
            if (it == e.end() || !it->is_string()) {
                break;
            }
            ids.push_back(it->get<std::string>());
        }
        if (ids.size() == list.size() && distinct(ids)) {
            return ids;
        }
    }
    std::vector<std::string> ids;
    for (const json& e : list) {
        const auto from = e.find("from");
        const auto to = e.find("to");
        if (from == e.end() || to == e.end() || !from->is_string() || !to->is_string()) {
            return std::nullopt;
        }
        ids.push_back(from->get<std::string>() + "->" + to->get<std::string>());
    }
    return distinct(ids) ? std::optional{ids} : std::nullopt;
}

std::string joined(const std::vector<std::string>& ids) {
    std::string out;
    for (const std::string& id : ids) {
        out += out.empty() ? "" : ", ";
        out += id;
    }
    return out;
}

class Differ {
public:
    std::vector<PolicyChange> changes;

    void value(const json& before, const json& after, const std::string& path) {
        if (before == after) {
            return;
        }
        if (before.is_object() && after.is_object()) {
            object(before, after, path);
        } else if (before.is_array() && after.is_array()) {
            array(before, after, path);
        } else {
            changes.push_back({PolicyChange::Kind::changed, path, compact(before), compact(after)});
        }
    }

private:
    /// `$comment`s, and the document's `rationale` (why the version changed, not a change).
    static bool skipped(const std::string& path, const std::string& key) {
        return key == "$comment" || (path.empty() && key == "rationale");
    }

    void object(const json& before, const json& after, const std::string& path) {
        for (auto it = before.begin(); it != before.end(); ++it) {
            if (skipped(path, it.key())) {
                continue;
            }
            const std::string here = member_path(path, it.key());
            const auto other = after.find(it.key());
            if (other == after.end()) {
                changes.push_back({PolicyChange::Kind::removed, here, compact(it.value()), ""});
            } else {
                value(it.value(), *other, here);
            }
        }
        for (auto it = after.begin(); it != after.end(); ++it) {
            if (!skipped(path, it.key()) && !before.contains(it.key())) {
                changes.push_back({PolicyChange::Kind::added, member_path(path, it.key()), "",
                                   compact(it.value())});
            }
        }
    }

    void array(const json& before, const json& after, const std::string& path) {
        const auto old_ids = identities(before);
        const auto new_ids = identities(after);
        if (old_ids && new_ids) {
            keyed(before, *old_ids, after, *new_ids, path);
        } else if (std::all_of(before.begin(), before.end(),
                               [](const json& e) { return e.is_primitive(); }) &&
                   std::all_of(after.begin(), after.end(),
                               [](const json& e) { return e.is_primitive(); })) {
            as_sets(before, after, path);
        } else {
            positional(before, after, path);
        }
    }

    void keyed(const json& before,
               const std::vector<std::string>& old_ids,
               const json& after,
               const std::vector<std::string>& new_ids,
               const std::string& path) {
        // Each id's position (identities are distinct): 50,000 rules match in linear time.
        const auto positions = [](const std::vector<std::string>& ids) {
            std::unordered_map<std::string_view, std::size_t> at;
            at.reserve(ids.size());
            for (std::size_t i = 0; i < ids.size(); ++i) {
                at.emplace(ids[i], i);
            }
            return at;
        };
        const auto old_at = positions(old_ids);
        const auto new_at = positions(new_ids);
        std::vector<std::string> kept_old;
        for (std::size_t i = 0; i < before.size(); ++i) {
            const std::string here = path + "[" + old_ids[i] + "]";
            const auto j = new_at.find(old_ids[i]);
            if (j == new_at.end()) {
                changes.push_back({PolicyChange::Kind::removed, here, compact(before[i]), ""});
            } else {
                kept_old.push_back(old_ids[i]);
                value(before[i], after[j->second], here);
            }
        }
        std::vector<std::string> kept_new;
        for (std::size_t i = 0; i < after.size(); ++i) {
            if (!old_at.contains(new_ids[i])) {
                changes.push_back({PolicyChange::Kind::added, path + "[" + new_ids[i] + "]", "",
                                   compact(after[i])});
            } else {
                kept_new.push_back(new_ids[i]);
            }
        }
        if (kept_old != kept_new) {
            changes.push_back(
                {PolicyChange::Kind::reordered, path, joined(kept_old), joined(kept_new)});
        }
    }

    void as_sets(const json& before, const json& after, const std::string& path) {
        // Membership by binary search in a sorted copy (json's < agrees with its ==); the
        // changes still come in list order.
        const auto sorted = [](const json& list) {
            std::vector<const json*> out;
            out.reserve(list.size());
            for (const json& e : list) {
                out.push_back(&e);
            }
            std::sort(out.begin(), out.end(), [](const json* a, const json* b) { return *a < *b; });
            return out;
        };
        const auto contains = [](const std::vector<const json*>& set, const json& e) {
            const auto it = std::lower_bound(set.begin(), set.end(), &e,
                                             [](const json* a, const json* b) { return *a < *b; });
            return it != set.end() && **it == e;
        };
        const auto before_set = sorted(before);
        const auto after_set = sorted(after);
        for (const json& e : before) {
            if (!contains(after_set, e)) {
                changes.push_back({PolicyChange::Kind::removed, path, compact(e), ""});
            }
        }
        for (const json& e : after) {
            if (!contains(before_set, e)) {
                changes.push_back({PolicyChange::Kind::added, path, "", compact(e)});
            }
        }
    }

    void positional(const json& before, const json& after, const std::string& path) {
        const std::size_t common = std::min(before.size(), after.size());
        for (std::size_t i = 0; i < common; ++i) {
            value(before[i], after[i], path + "[" + std::to_string(i) + "]");
        }
        for (std::size_t i = common; i < before.size(); ++i) {
            changes.push_back({PolicyChange::Kind::removed, path + "[" + std::to_string(i) + "]",
                               compact(before[i]), ""});
        }
        for (std::size_t i = common; i < after.size(); ++i) {
            changes.push_back({PolicyChange::Kind::added, path + "[" + std::to_string(i) + "]", "",
                               compact(after[i])});
        }
    }
};

/// `text` parsed, or nothing with the errors of `text` as a policy appended, each `where`
/// prefixed with `which:`.
std::optional<json> checked(std::string_view text,
                            std::string_view which,
                            std::vector<Error>& errors) {
    Result<json> doc = detail::parse_json_text(text);
    std::vector<Error> found;
    if (!doc) {
        found.push_back(doc.error());
    } else {
        const Loaded<Policy> load = detail::load_policy_document(*doc, text, {});
        found = load.errors();
    }
    for (Error& e : found) {
        e.where = std::string{which} + ":" + e.where;
        errors.push_back(std::move(e));
    }
    return found.empty() ? std::optional<json>{*std::move(doc)} : std::nullopt;
}

}  // namespace

std::string_view to_string(PolicyChange::Kind kind) noexcept {
    switch (kind) {
        case PolicyChange::Kind::added:
            return "added";
        case PolicyChange::Kind::removed:
            return "removed";
        case PolicyChange::Kind::changed:
            return "changed";
        case PolicyChange::Kind::reordered:
            return "reordered";
    }
    return "changed";
}

Loaded<std::vector<PolicyChange>> diff_policies(std::string_view old_text,
                                                std::string_view new_text) {
    std::vector<Error> errors;
    const std::optional<json> before = checked(old_text, "old", errors);
    const std::optional<json> after = checked(new_text, "new", errors);
    if (!errors.empty()) {
        return errors;
    }
    Differ differ;
    differ.value(*before, *after, "");
    return std::move(differ.changes);
}

}  // namespace leadsla
