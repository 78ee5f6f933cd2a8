// SPDX-License-Identifier: Apache-2.0
// Validation and compilation of a policy's SLAs.
#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "sla/sla_impl.hpp"

namespace leadsla {

namespace {

/// The lookup tables of `CompiledSla` from its triggers.
void tabulate_triggers(CompiledSla& c, std::size_t activity_types, bool& conditional) {
    c.on_activity.assign(activity_types + 1, 0);
    for (std::size_t r = 0; r < role_count; ++r) {
        const auto bit = static_cast<RoleMask>(1U << r);
        for (const CompiledTrigger& t : c.triggers[r]) {
            if (t.condition >= 0) {
                c.conditional.emplace_back(static_cast<Role>(r), t);
                conditional = true;
                continue;
            }
            switch (t.kind) {
                case TriggerKind::created:
                    c.on_created |= bit;
                    break;
                case TriggerKind::entered:
                    c.on_entered[static_cast<std::size_t>(t.stage)] |= bit;
                    break;
                case TriggerKind::left:
                    c.on_left[static_cast<std::size_t>(t.stage)] |= bit;
                    break;
                case TriggerKind::activity:
                    if (t.activity_type < 0) {
                        c.on_any_activity |= bit;
                    } else {
                        c.on_activity[static_cast<std::size_t>(t.activity_type)] |= bit;
                    }
                    break;
                case TriggerKind::condition:
                    break;  // always has a condition
            }
        }
    }
    c.reads_activities =
        c.on_any_activity != 0 || !c.conditional.empty() ||
        std::any_of(c.on_activity.begin(), c.on_activity.end(), [](RoleMask m) { return m != 0; });
    const auto reset = static_cast<RoleMask>(1U << static_cast<unsigned>(Role::reset));
    c.activities_only_reset =
        c.conditional.empty() &&
        std::all_of(c.on_activity.begin(), c.on_activity.end(),
                    [&](RoleMask m) { return (c.on_any_activity | m) == reset; });
    const auto start = static_cast<RoleMask>(1U << static_cast<unsigned>(Role::start));
    c.closed_skips_activities =
        (c.on_any_activity & start) == 0 &&
        std::none_of(c.on_activity.begin(), c.on_activity.end(),
                     [&](RoleMask m) { return (m & start) != 0; }) &&
        std::none_of(c.conditional.begin(), c.conditional.end(), [](const auto& rt) {
            return rt.first == Role::start || rt.second.kind == TriggerKind::condition;
        });
}

}  // namespace

SlaSet::SlaSet(std::shared_ptr<const Impl> impl) noexcept : impl_(std::move(impl)) {}

Loaded<SlaSet> SlaSet::create(std::vector<SlaSpec> specs,
                              const Schema& schema,
                              CalendarMap calendars,
                              const Classifier* classifier) {
    std::vector<Error> errors;
    auto s = build(std::move(specs), schema, std::move(calendars), classifier, errors);
    if (s) {
        return std::move(*s);
    }
    return errors;
}

std::optional<SlaSet> SlaSet::build(std::vector<SlaSpec> specs,
                                    const Schema& schema,
                                    CalendarMap calendars,
                                    const Classifier* classifier,
                                    std::vector<Error>& errors) {
    const std::size_t errors_before = errors.size();
    const auto error = [&](ErrorCode code, std::string where, std::string message) {
        errors.push_back(Error{code, std::move(where), std::move(message)});
    };
    auto impl = std::make_shared<Impl>();
    if (classifier != nullptr) {
        impl->classifier = *classifier;
    }
    ExpressionSetBuilder builder{schema};
    std::vector<std::pair<std::string, ConditionId>> lead_only;  // pointer, condition
    const auto compile = [&](const std::string& text, const std::string& where,
                             std::string_view scope) -> std::int32_t {
        impl->has_conditions = true;
        const auto id = builder.add_condition(text, where, scope);
        if (!id) {
            errors.push_back(id.error());
            return -1;
        }
        return static_cast<std::int32_t>(*id);
    };
    const auto calendar_known = [&](const std::string& name, const std::string& where) {
        if (!calendars.contains(name)) {
            std::string known;
            for (const auto& [n, c] : calendars) {
                known += known.empty() ? "" : ", ";
                known += n;
            }
            error(ErrorCode::policy_unknown_reference, where,
                  fmt::format("\"{}\" is not a calendar of the policy (defined: {})", name,
                              known.empty() ? "none" : known));
        }
    };
    std::set<std::string, std::less<>> ids;
    for (const SlaSpec& spec : specs) {
        CompiledSla c;
        const std::string& p = spec.pointer;
        if (spec.id.empty()) {
            error(ErrorCode::json_missing_key, p + "/id", "an SLA needs an \"id\"");
        } else if (!ids.insert(spec.id).second) {
            error(ErrorCode::policy_duplicate_id, p + "/id",
                  fmt::format("SLA \"{}\" is defined twice", spec.id));
        }
        if (!spec.applies_when.empty()) {
            c.applies_when = compile(spec.applies_when, p + "/applies_when", {});
            if (c.applies_when >= 0) {
                lead_only.emplace_back(p + "/applies_when",
                                       static_cast<ConditionId>(c.applies_when));
            }
        }
        if (spec.start.empty()) {
            error(ErrorCode::policy_invalid, p + "/start",
                  "an SLA needs at least one start trigger, e.g. \"entered(mql)\"");
        }
        const std::array<std::pair<const std::vector<Trigger>*, const char*>, role_count> roles{{
            {&spec.stop, "stop"},
            {&spec.cancel, "cancel"},
            {&spec.reset, "reset"},
            {&spec.pause, "pause"},
            {&spec.resume, "resume"},
            {&spec.start, "start"},
        }};
        for (std::size_t r = 0; r < role_count; ++r) {
            const auto& list = *roles[r].first;
            for (std::size_t i = 0; i < list.size(); ++i) {
                const Trigger& t = list[i];
                const std::string where = fmt::format("{}/{}/{}", p, roles[r].second, i);
                CompiledTrigger ct{t.kind, t.stage, t.activity, -1, -1};
                if (t.kind == TriggerKind::activity && t.activity == "*") {
                    if (!t.condition.empty()) {
                        error(ErrorCode::policy_invalid, where,
                              "activity(*) matches every type, so it cannot filter with `where` "
                              "(name the type)");
                        continue;
                    }
                } else if (t.kind == TriggerKind::activity) {
                    if (!schema.activities.contains(t.activity)) {
                        error(ErrorCode::expr_unknown_activity, where,
                              fmt::format("\"{}\" is not a declared activity type", t.activity));
                        continue;
                    }
                    ct.activity_type = builder.activity_type(t.activity);
                    if (!t.condition.empty()) {
                        ct.condition = compile(t.condition, where, t.activity);
                    }
                } else if (t.kind == TriggerKind::condition) {
                    ct.condition = compile(t.condition, where, {});
                    impl->condition_triggers = true;
                }
                c.triggers[r].push_back(std::move(ct));
            }
        }
        tabulate_triggers(c, schema.activities.size(), impl->activity_conditions);
        if (!spec.pause.empty() && spec.resume.empty()) {
            error(ErrorCode::policy_invalid, p + "/resume",
                  "an SLA that pauses needs a resume trigger");
        }
        if (!spec.target && spec.targets.empty()) {
            error(ErrorCode::policy_invalid, p + "/target",
                  "an SLA needs a \"target\" (or \"targets\" by segment)");
        }
        const auto check_target = [&](const SlaTarget& t, const std::string& where) {
            const bool positive = t.kind == SlaTarget::Kind::business_days ? t.days.count() > 0
                                                                           : t.duration.count() > 0;
            if (!positive) {
                error(ErrorCode::policy_invalid, where, "a target must be positive");
            }
        };
        if (spec.target) {
            check_target(*spec.target, p + "/target");
            c.target_text = to_string(*spec.target);
        }
        bool segments = false;
        for (std::size_t i = 0; i < spec.targets.size(); ++i) {
            const TargetRule& rule = spec.targets[i];
            const std::string where = fmt::format("{}/targets/{}", p, i);
            check_target(rule.target, where + "/target");
            c.rule_target_text.push_back(to_string(rule.target));
            std::int32_t when = -1;
            if (!rule.when.empty()) {
                when = compile(rule.when, where + "/when", {});
                if (when >= 0) {
                    lead_only.emplace_back(where + "/when", static_cast<ConditionId>(when));
                }
            }
            if (rule.segment.empty() && rule.when.empty()) {
                error(ErrorCode::policy_invalid, where,
                      "a target rule needs \"segment\" or \"when\" (the SLA's \"target\" is the "
                      "default)");
            }
            segments = segments || !rule.segment.empty();
            c.target_when.push_back(when);
        }
        if (segments) {
            c.classification =
                classifier != nullptr ? classifier->find(spec.classification) : std::nullopt;
            if (!c.classification) {
                error(ErrorCode::policy_unknown_reference, p + "/classification",
                      fmt::format("targets name segments, but \"{}\" is not a classification of "
                                  "the policy",
                                  spec.classification));
            } else {
                for (std::size_t i = 0; i < spec.targets.size(); ++i) {
                    const std::string& v = spec.targets[i].segment;
                    if (!v.empty() && !classifier->can_give(*c.classification, v)) {
                        error(ErrorCode::policy_unknown_reference,
                              fmt::format("{}/targets/{}/segment", p, i),
                              fmt::format("\"{}\" is not a value of classification \"{}\"", v,
                                          spec.classification));
                    }
                }
            }
        }
        const CalendarChoice& cal = spec.calendar;
        const bool calendar_needed =
            (spec.target && spec.target->kind != SlaTarget::Kind::calendar) ||
            std::any_of(spec.targets.begin(), spec.targets.end(), [](const TargetRule& t) {
                return t.target.kind != SlaTarget::Kind::calendar;
            });
        if (!cal.fixed.empty()) {
            calendar_known(cal.fixed, p + "/calendar");
        } else if (!cal.attribute.empty()) {
            const auto a = schema.attributes.find(cal.attribute);
            if (a == schema.attributes.end() || a->second != AttributeType::string) {
                error(ErrorCode::expr_unknown_name, p + "/calendar/by_attribute",
                      fmt::format("\"{}\" is not a declared string attribute", cal.attribute));
            }
            for (const auto& [value, name] : cal.by_value) {
                calendar_known(name, fmt::format("{}/calendar/calendars/{}", p, value));
            }
            if (!cal.otherwise.empty()) {
                calendar_known(cal.otherwise, p + "/calendar/otherwise");
            }
        } else if (!cal.by_team.empty()) {
            for (const auto& [team, name] : cal.by_team) {
                calendar_known(name, fmt::format("{}/calendar/by_owner_team/{}", p, team));
            }
            if (!cal.otherwise.empty()) {
                calendar_known(cal.otherwise, p + "/calendar/otherwise");
            }
        } else if (calendar_needed) {
            error(ErrorCode::json_missing_key, p + "/calendar",
                  "a business-time target needs a \"calendar\": a calendar name or "
                  "{\"by_attribute\", \"calendars\"} (there is no default, and never UTC)");
        }
        std::int32_t previous = 0;
        for (std::size_t i = 0; i < spec.warn_at.size(); ++i) {
            const std::int32_t w = spec.warn_at[i];
            if (w <= 0 || w >= 1000 || w <= previous) {
                error(ErrorCode::policy_invalid, fmt::format("{}/warn_at/{}", p, i),
                      fmt::format("warnings are per mille of the target, ascending, from 1 to "
                                  "999; got {}",
                                  w));
            }
            previous = w;
        }
        std::set<std::string, std::less<>> steps;
        for (std::size_t i = 0; i < spec.escalate.size(); ++i) {
            const EscalationStep& s = spec.escalate[i];
            const std::string where = fmt::format("{}/escalate/{}", p, i);
            if (s.id.empty() || !steps.insert(s.id).second) {
                error(
                    ErrorCode::policy_duplicate_id, where + "/id",
                    fmt::format("escalation step ids must be unique and non-empty (\"{}\")", s.id));
            }
            if (s.after.count() < 0 ||
                (i > 0 && s.after.count() <= spec.escalate[i - 1].after.count())) {
                error(ErrorCode::policy_invalid, where + "/after",
                      "escalation steps come in ascending order of \"after\" (from 0)");
            }
        }
        // An earlier SLA that chooses its calendar alike: the choice is made once.
        for (std::size_t k = 0; k < impl->slas.size(); ++k) {
            if (specs[k].calendar == spec.calendar) {
                c.same_calendar_as = k;
                break;
            }
        }
        impl->slas.push_back(std::move(c));
    }
    impl->expressions = std::move(builder).build();
    for (const auto& [where, id] : lead_only) {
        if (impl->expressions->reads_activities(id)) {
            error(ErrorCode::policy_invalid, where,
                  "this condition reads lead attributes only (it chooses the SLA or its target "
                  "once, when the clock starts), not activities");
        }
    }
    if (errors.size() != errors_before) {
        return std::nullopt;
    }
    impl->specs = std::move(specs);
    impl->calendars = std::move(calendars);
    return SlaSet{std::move(impl)};
}

const std::vector<SlaSpec>& SlaSet::specs() const noexcept {
    return impl_->specs;
}

const CalendarMap& SlaSet::calendars() const noexcept {
    return impl_->calendars;
}

const Schema& SlaSet::schema() const noexcept {
    return impl_->expressions->schema();
}

}  // namespace leadsla
