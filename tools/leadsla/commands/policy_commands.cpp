// SPDX-License-Identifier: Apache-2.0
// `leadsla validate` and `leadsla diff`: the policy file's own workflow (edit, check, review).
#include "commands/policy_commands.hpp"

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <leadsla/policy/diff.hpp>
#include <leadsla/policy/load.hpp>

#include "exit_codes.hpp"
#include "io.hpp"
#include "logging.hpp"

namespace leadsla::cli {
namespace {

using nlohmann::json;

/// The policy's sections, with their sizes: `scoring (20 rules)`.
std::vector<std::string> section_names(const Policy& p) {
    std::vector<std::string> names{"schema"};
    if (!p.calendars.empty()) {
        names.push_back(fmt::format("calendars ({})", p.calendars.size()));
    }
    if (p.scoring) {
        names.push_back(fmt::format("scoring ({} rules)", p.scoring->spec().rules.size()));
    }
    if (p.segments) {
        names.emplace_back("segments");
    }
    if (p.lifecycle) {
        names.emplace_back("lifecycle");
    }
    if (p.routing) {
        names.emplace_back("routing");
    }
    if (p.slas) {
        names.push_back(fmt::format("slas ({})", p.slas->specs().size()));
    }
    if (p.agreement) {
        names.push_back(fmt::format("agreement ({} targets)", p.agreement->targets.size()));
    }
    return names;
}

std::string section_list(const Policy& p) {
    std::string out;
    for (const std::string& n : section_names(p)) {
        out += out.empty() ? "" : ", ";
        out += n;
    }
    return out;
}

/// An error as JSON: `{"code", "where", "line", "column", "message"}` (0: position unknown).
json error_json(const Error& e) {
    return {{"code", to_string(e.code)},
            {"where", e.where},
            {"line", e.line},
            {"column", e.column},
            {"message", e.message}};
}

/// One line of JSON per file: the policy's identity and sections, or every error.
json validation_json(const std::string& path, const Loaded<Policy>& load) {
    json out{{"file", path}, {"valid", load.has_value()}};
    if (!load) {
        json errors = json::array();
        for (const Error& e : load.errors()) {
            errors.push_back(error_json(e));
        }
        out["errors"] = std::move(errors);
        return out;
    }
    const Policy& p = *load;
    out["id"] = p.id;
    out["version"] = p.version;
    out["effective_from"] =
        p.effective_from ? json(format_instant(*p.effective_from)) : json(nullptr);
    out["hash"] = p.content_hash;
    out["sections"] = section_names(p);
    return out;
}

int run_validate(const std::vector<std::string>& paths, const std::string& format) {
    int code = exit_ok;
    for (const std::string& path : paths) {
        const std::optional<std::string> text = read_file(path);
        if (!text) {
            code = exit_usage;
            continue;
        }
        const Loaded<Policy> load = load_policy(*text, {logger()});
        if (format == "json") {
            fmt::print(
                "{}\n",
                validation_json(path, load).dump(-1, ' ', false, json::error_handler_t::replace));
            if (!load) {
                code = std::max(code, static_cast<int>(exit_findings));
            }
            continue;
        }
        if (!load) {
            for (const Error& e : load.errors()) {
                fmt::print("{}\n", diagnostic(path, e));
            }
            fmt::print("{}: invalid ({} error{})\n", path, load.errors().size(),
                       load.errors().size() == 1 ? "" : "s");
            code = std::max(code, static_cast<int>(exit_findings));
            continue;
        }
        const Policy& p = *load;
        fmt::print("{}: ok: {} {}{}, {}\n  sections: {}\n", path, p.id.empty() ? "(no id)" : p.id,
                   p.version.empty() ? "(no version)" : p.version,
                   p.effective_from ? ", effective " + format_instant(*p.effective_from) : "",
                   p.content_hash, section_list(p));
    }
    return code;
}

/// A change as JSON; `before` / `after` are the JSON values themselves (null when absent), for a
/// reordered list the ids in their old and new order.
json change_json(const PolicyChange& c) {
    const bool reordered = c.kind == PolicyChange::Kind::reordered;
    const auto value = [&](const std::string& text) {
        if (text.empty()) {
            return json(nullptr);
        }
        if (reordered) {  // "a, b, c"
            json ids = json::array();
            for (std::size_t from = 0; from <= text.size();) {
                const std::size_t comma = std::min(text.find(", ", from), text.size());
                ids.push_back(text.substr(from, comma - from));
                from = comma + 2;
            }
            return ids;
        }
        json parsed = json::parse(text, nullptr, false);
        return parsed.is_discarded() ? json(text) : parsed;
    };
    return {{"kind", to_string(c.kind)},
            {"path", c.path},
            {"before", value(c.before)},
            {"after", value(c.after)}};
}

int run_diff(const std::string& old_path, const std::string& new_path, const std::string& format) {
    const std::optional<std::string> before = read_file(old_path);
    const std::optional<std::string> after = read_file(new_path);
    if (!before || !after) {
        return exit_usage;
    }
    // diff_policies loads both documents once; its errors say which (`old:` / `new:`).
    const auto changes = diff_policies(*before, *after);
    if (!changes) {
        std::vector<const std::string*> invalid;
        for (Error e : changes.errors()) {
            const bool old_side = e.where.starts_with("old:");
            const std::string& path = old_side ? old_path : new_path;
            e.where.erase(0, e.where.find(':') + 1);
            fmt::print(stderr, "{}\n", diagnostic(path, e));
            if (invalid.empty() || invalid.back() != &path) {
                invalid.push_back(&path);
            }
        }
        for (const std::string* path : invalid) {
            fmt::print(stderr, "leadsla: {} is not a valid policy; nothing compared\n", *path);
        }
        return exit_usage;
    }
    // Why the new version exists: shown above its changes, not as one of them.
    const Loaded<Policy> new_policy = load_policy(*after);  // loads: diff_policies did
    const std::optional<PolicyRationale>& rationale = new_policy->rationale;
    if (format == "json") {
        json list = json::array();
        for (const PolicyChange& c : *changes) {
            list.push_back(change_json(c));
        }
        json why = nullptr;
        if (rationale) {
            why = json{{"why", rationale->why},
                       {"decided_by", rationale->decided_by},
                       {"review", rationale->review}};
        }
        const json out{{"old", old_path},
                       {"new", new_path},
                       {"rationale", std::move(why)},
                       {"changes", std::move(list)}};
        fmt::print("{}\n", out.dump(-1, ' ', false, json::error_handler_t::replace));
        return changes->empty() ? exit_ok : exit_findings;
    }
    if (rationale) {
        fmt::print("why {}: {}\n", new_policy->version.empty() ? new_path : new_policy->version,
                   *rationale);
    }
    for (const PolicyChange& c : *changes) {
        fmt::print("{}\n", c);
    }
    if (changes->empty()) {
        fmt::print("no semantic changes\n");
        return exit_ok;
    }
    fmt::print("{} change{}\n", changes->size(), changes->size() == 1 ? "" : "s");
    return exit_findings;
}

}  // namespace

void add_validate_command(CLI::App& app, int& exit_code) {
    auto paths = std::make_shared<std::vector<std::string>>();
    auto format = std::make_shared<std::string>("text");
    CLI::App* cmd = app.add_subcommand(
        "validate",
        "Check policy files: every error on stdout, each as\n"
        "FILE:LINE:COLUMN: error[code] /pointer (line L, column C): what was expected.\nA valid "
        "policy prints its id, version, effective date, content hash and "
        "sections.\nExit 0 when all are valid, 1 when one is invalid, 2 when a file cannot be "
        "read.");
    cmd->add_option("policy", *paths, "Policy JSON files")->required();
    cmd->add_option("--format", *format,
                    "text (default) or json: one line per file, {file, valid, id, version, "
                    "effective_from, hash, sections} or {file, valid, errors: [{code, where, "
                    "line, column, message}]}")
        ->check(CLI::IsMember({"text", "json"}));
    cmd->callback([paths, format, &exit_code] { exit_code = run_validate(*paths, *format); });
}

void add_diff_command(CLI::App& app, int& exit_code) {
    auto paths = std::make_shared<std::pair<std::string, std::string>>();
    auto format = std::make_shared<std::string>("text");
    CLI::App* cmd = app.add_subcommand(
        "diff",
        "The semantic changes from OLD to NEW policy: rules, stages, owners, SLAs, targets,\n"
        "calendars and thresholds added (+), removed (-), changed (~) or reordered (!), with list\n"
        "entries named by their id. Layout and key order do not count.\n"
        "Exit 0 when nothing changed, 1 when something did, 2 when a policy is invalid.");
    cmd->add_option("old", paths->first, "The policy in force")->required();
    cmd->add_option("new", paths->second, "The proposed policy")->required();
    cmd->add_option("--format", *format,
                    "text (default) or json: {old, new, changes: [{kind, path, before, after}]}, "
                    "before and after as JSON values")
        ->check(CLI::IsMember({"text", "json"}));
    cmd->callback([paths, format, &exit_code] {
        exit_code = run_diff(paths->first, paths->second, *format);
    });
}

}  // namespace leadsla::cli
