// SPDX-License-Identifier: Apache-2.0
// The versioned JSON snapshot of a RoutingState.
#include <limits>

#include <leadsla/io/routing_state_json.hpp>

#include "json/shared/reader.hpp"

namespace leadsla {
namespace {

using nlohmann::json;
constexpr std::string_view routing_state_format = "leadsla.routing_state/1";
constexpr std::int64_t int64_max = std::numeric_limits<std::int64_t>::max();

/// The members of the object under `key` (absent: none), each checked to be an object or a
/// string as `each` reads it.
template <typename F>
void each_member(detail::Reader& r, const json& doc, std::string_view key, F&& each) {
    const json* v = r.member(doc, key, "", false);
    if (v == nullptr) {
        return;
    }
    const std::string where = detail::pointer_append("", key);
    if (!v->is_object()) {
        r.type_error(where, "an object", *v);
        return;
    }
    for (auto it = v->begin(); it != v->end(); ++it) {
        each(it.key(), it.value(), detail::pointer_append(where, it.key()));
    }
}

}  // namespace

std::string snapshot_json(const RoutingState& state) {
    json owners = json::object();
    for (const auto& [id, o] : state.owners) {
        owners[id.value()] = {
            {"last_assigned", o.last_assigned}, {"open", o.open}, {"away", o.away}};
    }
    json weights = json::object();
    for (const auto& [team, members] : state.weights) {
        json w = json::object();
        for (const auto& [id, weight] : members) {
            w[id.value()] = weight;
        }
        weights[team] = std::move(w);
    }
    json accounts = json::object();
    for (const auto& [account, owner] : state.account_owners) {
        accounts[account.value()] = owner.value();
    }
    json domains = json::object();
    for (const auto& [domain, owner] : state.domain_owners) {
        domains[domain] = owner.value();
    }
    const json out{{"format", routing_state_format}, {"sequence", state.sequence},
                   {"owners", std::move(owners)},    {"weights", std::move(weights)},
                   {"account_owners", accounts},     {"domain_owners", domains}};
    // As every JSON output of the library: ill-formed UTF-8 is written as U+FFFD, never thrown.
    return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<RoutingState> restore_routing_state(std::string_view json_text) {
    Result<json> doc = detail::parse_json_text(json_text);
    if (!doc) {
        return doc.error();
    }
    std::vector<Error> errors;
    detail::Reader r{errors};
    if (!r.object(*doc, "",
                  {"format", "sequence", "owners", "weights", "account_owners", "domain_owners"})) {
        return errors.front();
    }
    const auto format = r.string(*doc, "format", "", true);
    if (format && *format != routing_state_format) {
        return Error{ErrorCode::policy_invalid, "/format",
                     fmt::format("\"{}\" is not a routing state format this version reads "
                                 "(expected \"{}\")",
                                 *format, routing_state_format)};
    }
    RoutingState s;
    s.sequence =
        static_cast<std::uint64_t>(r.integer(*doc, "sequence", "", true, 0, int64_max).value_or(0));
    each_member(
        r, *doc, "owners", [&](const std::string& id, const json& o, const std::string& where) {
            if (!r.object(o, where, {"last_assigned", "open", "away"})) {
                return;
            }
            OwnerState state;
            state.last_assigned = static_cast<std::uint64_t>(
                r.integer(o, "last_assigned", where, false, 0, int64_max).value_or(0));
            state.open = static_cast<std::uint32_t>(
                r.integer(o, "open", where, false, 0, std::numeric_limits<std::uint32_t>::max())
                    .value_or(0));
            state.away = r.boolean(o, "away", where, false).value_or(false);
            if (state.last_assigned > s.sequence) {
                r.error(ErrorCode::policy_invalid, detail::pointer_append(where, "last_assigned"),
                        fmt::format("owner \"{}\" was last assigned lead {}, after the state's {} "
                                    "assignments (\"sequence\")",
                                    id, state.last_assigned, s.sequence));
            }
            s.owners.emplace(OwnerId{id}, state);
        });
    each_member(r, *doc, "weights",
                [&](const std::string& team, const json& w, const std::string& where) {
                    if (!w.is_object()) {
                        r.type_error(where, "an object of owner weights", w);
                        return;
                    }
                    auto& members = s.weights[team];
                    for (auto it = w.begin(); it != w.end(); ++it) {
                        const std::string here = detail::pointer_append(where, it.key());
                        const json& v = it.value();
                        if (!v.is_number_integer()) {
                            r.type_error(here, "an integer weight", v);
                        } else if (v.is_number_unsigned() &&
                                   v.get<std::uint64_t>() > static_cast<std::uint64_t>(int64_max)) {
                            r.error(ErrorCode::parse_out_of_range, here,
                                    fmt::format("{} is beyond a 64-bit signed integer", v.dump()));
                        } else {
                            members.emplace(OwnerId{it.key()}, v.get<std::int64_t>());
                        }
                    }
                });
    each_member(r, *doc, "account_owners",
                [&](const std::string& account, const json& owner, const std::string& where) {
                    if (!owner.is_string()) {
                        r.type_error(where, "an owner id (a string)", owner);
                        return;
                    }
                    s.account_owners.emplace(AccountId{account}, OwnerId{owner.get<std::string>()});
                });
    each_member(r, *doc, "domain_owners",
                [&](const std::string& domain, const json& owner, const std::string& where) {
                    if (!owner.is_string()) {
                        r.type_error(where, "an owner id (a string)", owner);
                        return;
                    }
                    s.domain_owners.emplace(domain, OwnerId{owner.get<std::string>()});
                });
    if (!errors.empty()) {
        return errors.front();
    }
    return s;
}

}  // namespace leadsla
