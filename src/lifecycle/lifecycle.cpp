// SPDX-License-Identifier: Apache-2.0
// Validation of a lifecycle model and the questions about its shape.
#include <algorithm>
#include <deque>
#include <set>

#include <fmt/format.h>

#include "lifecycle/lifecycle_impl.hpp"

namespace leadsla {
namespace {

std::string join_stages(const std::vector<Stage>& stages) {
    std::string out;
    for (const Stage s : stages) {
        out += out.empty() ? "" : ", ";
        out += to_string(s);
    }
    return out.empty() ? "none" : out;
}

class Validator {
public:
    Validator(Lifecycle::Impl& m, std::vector<Error>& errors) : m_(m), errors_(errors) {}

    void error(ErrorCode code, std::string where, std::string message) {
        errors_.push_back(Error{code, std::move(where), std::move(message)});
    }

    bool defined(Stage s, const std::string& where, std::string_view role) {
        if (m_.spec_of[stage_index(s)] >= 0) {
            return true;
        }
        error(ErrorCode::lifecycle_undefined_stage, where,
              fmt::format("{} \"{}\" is not a stage of this model (defined: {})", role, s,
                          join_stages(defined_stages())));
        return false;
    }

    std::vector<Stage> defined_stages() const {
        std::vector<Stage> out;
        for (const StageSpec& s : m_.spec.stages) {
            out.push_back(s.stage);
        }
        return out;
    }

    bool reason_known(std::string_view id) const {
        return std::any_of(m_.spec.reasons.begin(), m_.spec.reasons.end(),
                           [&](const ReasonCode& r) { return r.id == id; });
    }

    std::string reason_list() const {
        std::string out;
        for (const ReasonCode& r : m_.spec.reasons) {
            out += out.empty() ? "" : ", ";
            out += r.id;
        }
        return out.empty() ? "none defined" : out;
    }

private:
    Lifecycle::Impl& m_;
    std::vector<Error>& errors_;
};

void check_stages(Lifecycle::Impl& m, Validator& v) {
    if (m.spec.stages.empty()) {
        v.error(ErrorCode::policy_invalid, m.spec.pointer + "/stages",
                "a lifecycle needs at least one stage");
    }
    std::int32_t rank = 0;
    for (std::size_t i = 0; i < m.spec.stages.size(); ++i) {
        const StageSpec& s = m.spec.stages[i];
        auto& slot = m.spec_of[stage_index(s.stage)];
        if (slot >= 0) {
            v.error(ErrorCode::policy_duplicate_id, s.pointer + "/stage",
                    fmt::format("stage \"{}\" is defined twice", s.stage));
            continue;
        }
        slot = static_cast<std::int32_t>(i);
        m.rank[stage_index(s.stage)] = s.side ? -1 : rank++;
    }
}

void check_transitions(Lifecycle::Impl& m, Validator& v) {
    for (std::size_t i = 0; i < m.spec.transitions.size(); ++i) {
        const TransitionSpec& t = m.spec.transitions[i];
        // Both ends are checked, so both errors are reported.
        const bool from_ok = v.defined(t.from, t.pointer + "/from", "transition source");
        const bool to_ok = v.defined(t.to, t.pointer + "/to", "transition target");
        if (!from_ok || !to_ok) {
            continue;
        }
        if (t.from == t.to) {
            v.error(
                ErrorCode::policy_invalid, t.pointer,
                fmt::format("a transition from \"{}\" to itself is not a stage change", t.from));
            continue;
        }
        auto& slot = m.transition[stage_index(t.from)][stage_index(t.to)];
        if (slot >= 0) {
            v.error(ErrorCode::policy_duplicate_id, t.pointer,
                    fmt::format("the transition {} → {} is defined twice", t.from, t.to));
            continue;
        }
        slot = static_cast<std::int32_t>(i);
    }
}

void check_reachable(Lifecycle::Impl& m, Validator& v) {
    if (!v.defined(m.spec.initial, m.spec.pointer + "/initial", "the initial stage")) {
        return;
    }
    std::array<bool, stage_count> seen{};
    std::deque<Stage> todo{m.spec.initial};
    seen[stage_index(m.spec.initial)] = true;
    while (!todo.empty()) {
        const Stage from = todo.front();
        todo.pop_front();
        for (std::size_t to = 0; to < stage_count; ++to) {
            if (m.transition[stage_index(from)][to] >= 0 && !seen[to]) {
                seen[to] = true;
                todo.push_back(static_cast<Stage>(to));
            }
        }
    }
    for (const StageSpec& s : m.spec.stages) {
        if (m.spec_of[stage_index(s.stage)] >= 0 && !seen[stage_index(s.stage)]) {
            v.error(ErrorCode::lifecycle_unreachable_stage, s.pointer,
                    fmt::format("no chain of transitions leads from \"{}\" to \"{}\": add a "
                                "transition into it or remove the stage",
                                m.spec.initial, s.stage));
        }
    }
}

void check_reasons(Lifecycle::Impl& m, Validator& v, const Schema& schema) {
    std::set<std::string, std::less<>> ids;
    bool needs_cadence = false;
    for (const ReasonCode& r : m.spec.reasons) {
        if (r.id.empty()) {
            v.error(ErrorCode::json_missing_key, r.pointer + "/id", "a reason needs an \"id\"");
        } else if (!ids.insert(r.id).second) {
            v.error(ErrorCode::policy_duplicate_id, r.pointer + "/id",
                    fmt::format("reason \"{}\" is defined twice", r.id));
        }
        needs_cadence = needs_cadence || r.requires_cadence;
    }
    if (needs_cadence && !m.spec.cadence) {
        v.error(ErrorCode::policy_invalid, m.spec.pointer + "/cadence",
                "a reason requires the working cadence, but the lifecycle defines no \"cadence\"");
    }
    if (const auto& c = m.spec.cadence) {
        const auto activity = schema.activities.find(c->activity);
        if (activity == schema.activities.end()) {
            v.error(ErrorCode::expr_unknown_activity, c->pointer + "/activity",
                    fmt::format("\"{}\" is not a declared activity type", c->activity));
        } else {
            const auto property = activity->second.find(c->channel);
            if (property == activity->second.end() || property->second != AttributeType::string) {
                v.error(ErrorCode::expr_unknown_property, c->pointer + "/channel",
                        fmt::format("activity \"{}\" has no string property \"{}\" to count "
                                    "channels by",
                                    c->activity, c->channel));
            }
        }
        if (c->min_attempts == 0 || c->min_channels == 0 || c->window.count() <= 0) {
            v.error(ErrorCode::policy_invalid, c->pointer,
                    "the cadence needs min_attempts ≥ 1, min_channels ≥ 1 and a positive window");
        } else if (c->min_channels > c->min_attempts) {
            v.error(ErrorCode::policy_invalid, c->pointer + "/min_channels",
                    fmt::format("{} channels cannot be reached with {} attempts", c->min_channels,
                                c->min_attempts));
        }
    }
}

void check_recycling(Lifecycle::Impl& m, Validator& v, const Schema& schema) {
    std::set<std::string, std::less<>> ids;
    for (const RecycleSpec& r : m.spec.recycling) {
        if (r.id.empty()) {
            v.error(ErrorCode::json_missing_key, r.pointer + "/id",
                    "a recycling rule needs an \"id\"");
        } else if (!ids.insert(r.id).second) {
            v.error(ErrorCode::policy_duplicate_id, r.pointer + "/id",
                    fmt::format("recycling rule \"{}\" is defined twice", r.id));
        }
        if (r.from.empty()) {
            v.error(ErrorCode::json_missing_key, r.pointer + "/from",
                    "a recycling rule needs the stages it applies to (\"from\")");
        }
        if (r.after.count() <= 0) {
            v.error(ErrorCode::policy_invalid, r.pointer + "/after",
                    "\"after\" must be a positive duration such as \"30d\"");
        }
        const bool to_ok = v.defined(r.to, r.pointer + "/to", "recycling target");
        for (std::size_t i = 0; i < r.from.size(); ++i) {
            const std::string here = fmt::format("{}/from/{}", r.pointer, i);
            if (v.defined(r.from[i], here, "recycling source") && to_ok &&
                m.transition[stage_index(r.from[i])][stage_index(r.to)] < 0) {
                v.error(ErrorCode::policy_invalid, here,
                        fmt::format("recycling moves {} to {}, but the model has no such "
                                    "transition",
                                    r.from[i], r.to));
            }
        }
        if (!r.reason.empty() && !v.reason_known(r.reason)) {
            v.error(ErrorCode::policy_unknown_reference, r.pointer + "/reason",
                    fmt::format("\"{}\" is not a reason code (defined: {})", r.reason,
                                v.reason_list()));
        }
        for (std::size_t i = 0; i < r.activities.size(); ++i) {
            if (!schema.activities.contains(r.activities[i])) {
                v.error(ErrorCode::expr_unknown_activity,
                        fmt::format("{}/activities/{}", r.pointer, i),
                        fmt::format("\"{}\" is not a declared activity type", r.activities[i]));
            }
        }
    }
}

void check_stage_map(Lifecycle::Impl& m, Validator& v) {
    for (const auto& [crm, stage] : m.spec.stage_map) {
        v.defined(stage, m.spec.pointer + "/stage_map/" + crm, "mapped stage");
    }
    if (m.spec.unmapped_stage) {
        v.defined(*m.spec.unmapped_stage, m.spec.pointer + "/unmapped_stage", "unmapped stage");
    }
}

}  // namespace

std::string_view to_string(StageChangeKind kind) noexcept {
    switch (kind) {
        case StageChangeKind::none:
            return "none";
        case StageChangeKind::qualified:
            return "qualified";
        case StageChangeKind::regressed:
            return "regressed";
        case StageChangeKind::not_in_the_model:
            return "not_in_the_model";
    }
    return "unknown";
}

Lifecycle::Lifecycle(std::shared_ptr<const Impl> impl) noexcept : impl_(std::move(impl)) {}

Loaded<Lifecycle> Lifecycle::create(LifecycleSpec spec,
                                    const Schema& schema,
                                    std::vector<std::string> score_names,
                                    std::vector<std::string> qualification_names) {
    std::vector<Error> errors;
    auto l = build(std::move(spec), schema, std::move(score_names), std::move(qualification_names),
                   errors);
    if (l) {
        return std::move(*l);
    }
    return errors;
}

std::optional<Lifecycle> Lifecycle::build(LifecycleSpec spec,
                                          const Schema& schema,
                                          std::vector<std::string> score_names,
                                          std::vector<std::string> qualification_names,
                                          std::vector<Error>& errors) {
    const std::size_t errors_before = errors.size();
    ExpressionSetBuilder builder{schema, score_names};
    // Criteria are compiled first; the Impl is finished once the set is built.
    std::vector<std::int32_t> entry_when;
    std::vector<std::int32_t> entry_qualification;
    std::vector<std::int32_t> regress_when;
    const auto compile = [&](const std::string& text, const std::string& where) {
        if (text.empty()) {
            return std::int32_t{-1};
        }
        const auto id = builder.add_condition(text, where);
        if (!id) {
            errors.push_back(id.error());
            return std::int32_t{-1};
        }
        return static_cast<std::int32_t>(*id);
    };
    for (const StageSpec& s : spec.stages) {
        entry_when.push_back(compile(s.when, s.pointer + "/when"));
        regress_when.push_back(compile(s.regress_when, s.pointer + "/regress_when"));
        std::int32_t q = -1;
        if (!s.qualification.empty()) {
            const auto it =
                std::find(qualification_names.begin(), qualification_names.end(), s.qualification);
            if (it == qualification_names.end()) {
                std::string known;
                for (const std::string& n : qualification_names) {
                    known += known.empty() ? "" : ", ";
                    known += n;
                }
                errors.push_back({ErrorCode::policy_unknown_reference, s.pointer + "/qualification",
                                  fmt::format("\"{}\" is not a scoring qualification (defined: {})",
                                              s.qualification, known.empty() ? "none" : known)});
            } else {
                q = static_cast<std::int32_t>(it - qualification_names.begin());
            }
        }
        entry_qualification.push_back(q);
    }
    auto impl = std::make_shared<Impl>(std::move(spec), std::move(builder).build());
    impl->score_names = std::move(score_names);
    impl->qualification_names = std::move(qualification_names);
    impl->entry_when = std::move(entry_when);
    impl->entry_qualification = std::move(entry_qualification);
    impl->regress_when = std::move(regress_when);
    impl->spec_of.fill(-1);
    impl->rank.fill(-1);
    for (auto& row : impl->transition) {
        row.fill(-1);
    }
    Validator v{*impl, errors};
    check_stages(*impl, v);
    check_transitions(*impl, v);
    check_reachable(*impl, v);
    check_reasons(*impl, v, schema);
    check_recycling(*impl, v, schema);
    check_stage_map(*impl, v);
    for (const StageSpec& s : impl->spec.stages) {
        if (!s.regress_to) {
            if (!s.regress_when.empty()) {
                v.error(ErrorCode::policy_invalid, s.pointer + "/regress_when",
                        "\"regress_when\" without \"regress_to\"");
            }
            continue;
        }
        if (v.defined(*s.regress_to, s.pointer + "/regress_to", "regression target") &&
            impl->spec_of[stage_index(s.stage)] >= 0 &&
            impl->transition[stage_index(s.stage)][stage_index(*s.regress_to)] < 0) {
            v.error(ErrorCode::policy_invalid, s.pointer + "/regress_to",
                    fmt::format("regression moves {} to {}, but the model has no such transition",
                                s.stage, *s.regress_to));
        }
        if (s.regress_when.empty() && s.when.empty() && s.qualification.empty()) {
            v.error(ErrorCode::policy_invalid, s.pointer + "/regress_to",
                    fmt::format("stage \"{}\" regresses when its entry criteria fail, but it has "
                                "none: give \"regress_when\"",
                                s.stage));
        }
    }
    if (errors.size() != errors_before) {
        return std::nullopt;
    }
    return Lifecycle{std::move(impl)};
}

const LifecycleSpec& Lifecycle::spec() const noexcept {
    return impl_->spec;
}

bool Lifecycle::defines(Stage stage) const noexcept {
    return stage_index(stage) < stage_count && impl_->spec_of[stage_index(stage)] >= 0;
}

std::optional<std::size_t> Lifecycle::funnel_position(Stage stage) const noexcept {
    if (stage_index(stage) >= stage_count || impl_->rank[stage_index(stage)] < 0) {
        return std::nullopt;
    }
    return static_cast<std::size_t>(impl_->rank[stage_index(stage)]);
}

bool Lifecycle::allows(Stage from, Stage to) const noexcept {
    return defines(from) && defines(to) &&
           impl_->transition[stage_index(from)][stage_index(to)] >= 0;
}

std::vector<Stage> Lifecycle::next_stages(Stage from) const {
    std::vector<Stage> out;
    for (const TransitionSpec& t : impl_->spec.transitions) {
        if (t.from == from) {
            out.push_back(t.to);
        }
    }
    return out;
}

Result<Stage> Lifecycle::map_crm_stage(std::string_view crm_value) const {
    const auto& map = impl_->spec.stage_map;
    if (const auto it = map.find(crm_value); it != map.end()) {
        return it->second;
    }
    if (const auto stage = parse_stage(crm_value); stage && defines(*stage)) {
        return *stage;
    }
    if (impl_->spec.unmapped_stage) {
        return *impl_->spec.unmapped_stage;
    }
    std::string known;
    for (const auto& [crm, stage] : map) {
        known += known.empty() ? "" : ", ";
        known += fmt::format("\"{}\"", crm);
    }
    return Error{ErrorCode::model_unknown_stage, "",
                 fmt::format("\"{}\" is neither a mapped CRM stage ({}) nor a stage of the model",
                             crm_value, known.empty() ? "no stage_map" : known)};
}

}  // namespace leadsla
