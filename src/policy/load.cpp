// SPDX-License-Identifier: Apache-2.0
// Reads the sections of a policy document and compiles them against each other.
#include <algorithm>

#include <leadsla/policy/calendar_json.hpp>
#include <leadsla/policy/load.hpp>

#include "log_internal.hpp"
#include "policy/sections.hpp"
#include "sha256.hpp"

namespace leadsla {
namespace {

/// Resolves each SLA's calendar "by_owner_team" into owner → calendar through the routing teams.
void resolve_owner_calendars(std::vector<SlaSpec>& slas,
                             const RoutingSpec* routing,
                             std::vector<Error>& errors) {
    for (std::size_t i = 0; i < slas.size(); ++i) {
        CalendarChoice& c = slas[i].calendar;
        const std::string where = fmt::format("/slas/{}/calendar/by_owner_team", i);
        if (c.by_team.empty()) {
            continue;
        }
        if (routing == nullptr) {
            errors.push_back({ErrorCode::policy_unknown_reference, where,
                              "a calendar by the owner's team needs a \"routing\" section with "
                              "the teams"});
            continue;
        }
        for (const auto& entry : c.by_team) {
            const std::string& team = entry.first;  // (clang 14 cannot capture a binding)
            const std::string& calendar = entry.second;
            const auto t = std::find_if(routing->teams.begin(), routing->teams.end(),
                                        [&](const TeamSpec& s) { return s.id == team; });
            if (t == routing->teams.end()) {
                errors.push_back({ErrorCode::policy_unknown_reference,
                                  detail::pointer_append(where, team),
                                  fmt::format("\"{}\" is not a routing team", team)});
                continue;
            }
            for (const TeamMember& m : t->members) {
                const auto [it, added] = c.by_owner.emplace(m.owner.value(), calendar);
                if (!added && it->second != calendar) {
                    errors.push_back(
                        {ErrorCode::policy_invalid, detail::pointer_append(where, team),
                         fmt::format("owner {} is in two teams with different calendars (\"{}\" "
                                     "and \"{}\"): the owner's calendar would be ambiguous",
                                     m.owner.value(), it->second, calendar)});
                }
            }
        }
    }
}

/// The section `loaded` built, or nothing with its errors appended to `errors`.
template <typename T>
std::optional<T> take(Loaded<T> loaded, std::vector<Error>& errors) {
    if (loaded) {
        return std::move(loaded).value();
    }
    errors.insert(errors.end(), loaded.errors().begin(), loaded.errors().end());
    return std::nullopt;
}

/// The version's `rationale`: `why` (required, not blank), `decided_by`, `review`.
std::optional<PolicyRationale> read_rationale(detail::Reader& r, const nlohmann::json& value) {
    if (!r.object(value, "/rationale", {"why", "decided_by", "review"})) {
        return std::nullopt;
    }
    PolicyRationale out;
    out.why = r.string(value, "why", "/rationale", true).value_or("");
    out.decided_by = r.string(value, "decided_by", "/rationale", false).value_or("");
    out.review = r.string(value, "review", "/rationale", false).value_or("");
    if (value.contains("why") && value["why"].is_string() &&
        out.why.find_first_not_of(" \t\n") == std::string::npos) {
        r.error(ErrorCode::policy_invalid, "/rationale/why",
                "the rationale is blank: say why this version exists");
    }
    return out;
}

}  // namespace

Loaded<Policy> load_policy(std::string_view json_text, const PolicyLoadOptions& options) {
    const Result<nlohmann::json> doc = detail::parse_json_text(json_text);
    if (!doc) {
        return std::vector<Error>{doc.error()};
    }
    return detail::load_policy_document(*doc, json_text, options);
}

Loaded<Policy> detail::load_policy_document(const nlohmann::json& document,
                                            std::string_view json_text,
                                            const PolicyLoadOptions& options) {
    using nlohmann::json;
    std::vector<Error> errors;
    const json* doc = &document;
    detail::Reader r{errors};
    Policy sections;
    std::optional<ScoringSpec> scoring;
    std::optional<std::vector<ClassificationSpec>> segments;
    std::optional<LifecycleSpec> lifecycle;
    std::optional<RoutingSpec> routing;
    std::optional<std::vector<SlaSpec>> slas;
    std::optional<AgreementSpec> agreement;
    if (r.object(*doc, "", detail::policy_sections)) {
        sections.id = r.string(*doc, "id", "", false).value_or("");
        sections.version = r.string(*doc, "version", "", false).value_or("");
        if (const auto from = r.string(*doc, "effective_from", "", false)) {
            Result<Instant> t = parse_instant(*from);
            if (t) {
                sections.effective_from = *t;
            } else {
                r.error(t.error().code, "/effective_from", t.error().message);
            }
        }
        if (const json* why = r.member(*doc, "rationale", "", false)) {
            sections.rationale = read_rationale(r, *why);
        }
        if (const json* schema = r.member(*doc, "schema", "", true)) {
            sections.schema = detail::read_schema(r, *schema, "/schema");
        }
        if (const json* s = r.member(*doc, "scoring", "", false)) {
            scoring.emplace();
            detail::read_scoring(r, *s, "/scoring", *scoring);
        }
        if (const json* s = r.member(*doc, "segments", "", false)) {
            segments = detail::read_segments(r, *s, "/segments");
        }
        if (const json* s = r.member(*doc, "lifecycle", "", false)) {
            lifecycle = detail::read_lifecycle(r, *s, "/lifecycle");
        }
        if (const json* s = r.member(*doc, "routing", "", false)) {
            routing = detail::read_routing(r, *s, "/routing");
        }
        if (const json* s = r.member(*doc, "calendars", "", false)) {
            if (!s->is_object()) {
                r.type_error("/calendars", "an object from calendar names to calendars", *s);
            } else {
                for (const auto& [name, value] : s->items()) {
                    const std::string where = detail::pointer_append("/calendars", name);
                    Result<BusinessCalendar> c = parse_calendar(value.dump(), {options.logger});
                    if (!c) {
                        // The calendar reader's pointers are relative to the calendar.
                        r.error(c.error().code, where + c.error().where, c.error().message);
                    } else {
                        sections.calendars.emplace(name, *std::move(c));
                    }
                }
            }
        }
        if (const json* s = r.member(*doc, "slas", "", false)) {
            slas = detail::read_slas(r, *s, "/slas");
        }
        if (const json* s = r.member(*doc, "agreement", "", false)) {
            agreement = detail::read_agreement(r, *s, "/agreement");
        }
    }
    if (!errors.empty()) {
        detail::locate_errors(json_text, errors);
        return errors;
    }
    if (slas) {  // before the routing spec moves into its Router
        resolve_owner_calendars(*slas, routing ? &*routing : nullptr, errors);
    }
    // Compile in dependency order; each section reports all of its errors.
    std::vector<std::string> axes;
    std::vector<std::string> qualifications;
    if (scoring) {
        scoring->schema = sections.schema;
        for (const AxisSpec& a : scoring->axes) {
            axes.push_back(a.id);
        }
        for (const QualificationSpec& q : scoring->qualifications) {
            qualifications.push_back(q.id);
        }
        sections.scoring = take(ScoringModel::create(std::move(*scoring)), errors);
    }
    if (segments) {
        sections.segments = take(Classifier::create(std::move(*segments), sections.schema), errors);
    }
    if (lifecycle) {
        sections.lifecycle =
            take(Lifecycle::create(std::move(*lifecycle), sections.schema, axes, qualifications),
                 errors);
    }
    if (routing) {
        sections.routing = take(Router::create(std::move(*routing), sections.schema,
                                               sections.segments ? &*sections.segments : nullptr),
                                errors);
    }
    if (slas) {
        sections.slas = take(SlaSet::create(std::move(*slas), sections.schema, sections.calendars,
                                            sections.segments ? &*sections.segments : nullptr),
                             errors);
    }
    if (agreement) {  // names the other sections: checked once they are compiled
        detail::check_agreement(*agreement, sections, errors);
        sections.agreement = std::move(*agreement);
    }
    if (!errors.empty()) {
        detail::locate_errors(json_text, errors);
        return errors;
    }
    detail::Sha256 sha;
    sha.update(doc->dump());
    sections.content_hash = "sha256:" + sha.hex();
    detail::log(options.logger, LogLevel::debug,
                fmt::format("policy {} {}: {} scoring rules, {} SLAs, {} calendars; {}",
                            sections.id.empty() ? "(no id)" : sections.id,
                            sections.version.empty() ? "(no version)" : sections.version,
                            sections.scoring ? sections.scoring->spec().rules.size() : 0,
                            sections.slas ? sections.slas->specs().size() : 0,
                            sections.calendars.size(), sections.content_hash));
    return sections;
}

Loaded<PolicySet> load_policy_set(std::span<const std::string_view> json_texts,
                                  const PolicyLoadOptions& options) {
    std::vector<Engine> versions;
    std::vector<Error> errors;
    for (std::size_t i = 0; i < json_texts.size(); ++i) {
        Loaded<Policy> policy = load_policy(json_texts[i], options);
        if (policy) {
            versions.emplace_back(std::move(policy).value());
            continue;
        }
        for (Error e : policy.errors()) {
            e.where = fmt::format("[{}]{}", i, e.where);
            errors.push_back(std::move(e));
        }
    }
    if (!errors.empty()) {
        return errors;
    }
    return PolicySet::create(std::move(versions));
}

}  // namespace leadsla
