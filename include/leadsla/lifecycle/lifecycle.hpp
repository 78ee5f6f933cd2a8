// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <leadsla/expr/schema.hpp>
#include <leadsla/lifecycle/lifecycle_spec.hpp>
#include <leadsla/lifecycle/transition.hpp>
#include <leadsla/model/activity.hpp>
#include <leadsla/model/activity_history.hpp>
#include <leadsla/model/lead.hpp>
#include <leadsla/result.hpp>

namespace leadsla {

/// What scoring says about a lead, as the lifecycle reads it (the engine fills it from a
/// `ScoreCard`): axis scores in milli-points in the order of the score names given to
/// `Lifecycle::create`, and the names of the scoring qualifications that hold.
struct ScoreFacts {
    std::vector<std::int64_t> axis_milli;
    std::vector<std::string> qualifications;

    friend bool operator==(const ScoreFacts&, const ScoreFacts&) = default;
};

/// Why a stage is recommended.
enum class StageChangeKind : std::uint8_t {
    none,              ///< stay: nothing qualifies further, nothing regresses
    qualified,         ///< the entry criteria of a later stage hold
    regressed,         ///< the stage's configured regression holds
    not_in_the_model,  ///< the lead's stage is not a stage of the model: nothing is recommended
};

[[nodiscard]] std::string_view to_string(StageChangeKind kind) noexcept;

/// The stage a lead qualifies for now, and why.
struct StageRecommendation {
    Stage current = Stage::lead;
    Stage recommended = Stage::lead;
    StageChangeKind kind = StageChangeKind::none;
    std::vector<Stage> path;         ///< the stages passed on the way, `recommended` last
    std::vector<std::string> trace;  ///< each criterion checked, with its values

    [[nodiscard]] bool changes() const noexcept { return recommended != current; }
    friend bool operator==(const StageRecommendation&, const StageRecommendation&) = default;
};

/// The working cadence of a lead at one moment.
struct CadenceStatus {
    std::uint32_t attempts = 0;
    std::vector<std::string> channels;  ///< distinct, sorted
    Instant window_start;               ///< attempts count from here (inclusive) up to `at`
    Instant at;
    bool met = false;

    friend bool operator==(const CadenceStatus&, const CadenceStatus&) = default;
};

/// Where a lead stands against a recycling rule.
struct RecycleStatus {
    std::string rule;  ///< the rule's id
    Stage to = Stage::nurture;
    std::string reason;
    Instant quiet_since;  ///< the later of stage entry and the last counted activity
    Instant due_at;       ///< quiet_since + after: from here on recycling is recommended
    bool due = false;     ///< now >= due_at

    friend bool operator==(const RecycleStatus&, const RecycleStatus&) = default;
};

/// A compiled lifecycle: stages, transitions, qualification, reasons, cadence and recycling.
/// Immutable, cheap to copy, safe to share across threads. Every function is a pure function of
/// the policy and its arguments; violations are returned as data, never thrown.
///
/// Example:
///   auto lifecycle = Lifecycle::create(LifecycleSpec::standard(), schema, {"fit", "engagement"},
///                                      {"mql"});
///   StageRecommendation r = lifecycle->recommend(lead, history, facts, now);
///   std::vector<Violation> v = lifecycle->check({now, Stage::mql, Stage::disqualified, "rep-7"});
class Lifecycle {
public:
    /// Validates the model: stages defined once, transitions between defined stages, every stage
    /// reachable from the initial one, reasons, cadence and recycling consistent, criteria
    /// compiled against `schema` with `score_names` as decimal variables, qualification names
    /// among `qualification_names`. Errors: lifecycle.undefined_stage,
    /// lifecycle.unreachable_stage, policy.duplicate_id, policy.unknown_reference,
    /// policy.invalid, the expression errors.
    [[nodiscard]] static Loaded<Lifecycle> create(
        LifecycleSpec spec,
        const Schema& schema,
        std::vector<std::string> score_names = {},
        std::vector<std::string> qualification_names = {});

    [[nodiscard]] const LifecycleSpec& spec() const noexcept;
    [[nodiscard]] bool defines(Stage stage) const noexcept;
    /// The stage's place in the funnel order (0 for the first funnel stage), or nullopt for a
    /// side state (Nurture, Disqualified) and a stage the lifecycle does not define.
    [[nodiscard]] std::optional<std::size_t> funnel_position(Stage stage) const noexcept;
    [[nodiscard]] bool allows(Stage from, Stage to) const noexcept;
    /// The stages a lead in `from` may move to, in the order of the policy's transitions.
    [[nodiscard]] std::vector<Stage> next_stages(Stage from) const;

    /// The stage of a host CRM value through the policy's `stage_map` (exact match), then by
    /// leadsla's own stage names, then `unmapped_stage` if the policy declares one. Errors:
    /// model.unknown_stage (listing the mapped values).
    [[nodiscard]] Result<Stage> map_crm_stage(std::string_view crm_value) const;

    /// The stage `lead` qualifies for at `now` (activities after `now` are not read). Moves
    /// forward along allowed transitions while a later stage's criteria hold; never moves back
    /// unless the current stage has a configured regression.
    [[nodiscard]] StageRecommendation recommend(const Lead& lead,
                                                const ActivityHistory& history,
                                                const ScoreFacts& facts,
                                                Instant now) const;

    /// Checks one reported change against the model: allowed transition, reason code present
    /// and known where required, working cadence met for reasons that need it (`history` up to
    /// `change.at`). Empty when the change is fine.
    [[nodiscard]] std::vector<Violation> check(const StageChange& change,
                                               const ActivityHistory& history = {}) const;
    /// Checks a lead's changes in time order (ties keep their given order) starting in
    /// `initial`; also reports a change whose `from` is not the stage the lead was in.
    [[nodiscard]] std::vector<Violation> check_history(Stage initial,
                                                       std::span<const StageChange> changes,
                                                       const ActivityHistory& history) const;

    /// The working cadence at `at` (activities in [at − window, at]); nullopt without a cadence.
    [[nodiscard]] std::optional<CadenceStatus> cadence(const ActivityHistory& history,
                                                       Instant at) const;

    /// The first recycling rule (in policy order) for `stage`: when it falls due and whether it
    /// is due at `now`. `entered_at` is when the lead entered `stage`; activities after `now`
    /// are not read. nullopt when no rule covers `stage`.
    [[nodiscard]] std::optional<RecycleStatus> recycling(Stage stage,
                                                         Instant entered_at,
                                                         const ActivityHistory& history,
                                                         Instant now) const;

    struct Impl;  ///< opaque: the compiled model

private:
    [[nodiscard]] static std::optional<Lifecycle> build(
        LifecycleSpec spec,
        const Schema& schema,
        std::vector<std::string> score_names,
        std::vector<std::string> qualification_names,
        std::vector<Error>& errors);
    explicit Lifecycle(std::shared_ptr<const Impl> impl) noexcept;
    std::shared_ptr<const Impl> impl_;
};

}  // namespace leadsla

template <>
struct fmt::formatter<leadsla::StageChangeKind> : fmt::formatter<std::string_view> {
    template <typename FormatContext>
    auto format(leadsla::StageChangeKind k, FormatContext& ctx) const {
        return fmt::formatter<std::string_view>::format(leadsla::to_string(k), ctx);
    }
};

/// `mql → sal (qualified)` or `sql (none)`.
template <>
struct fmt::formatter<leadsla::StageRecommendation> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    template <typename FormatContext>
    auto format(const leadsla::StageRecommendation& r, FormatContext& ctx) const {
        if (!r.changes()) {
            return fmt::format_to(ctx.out(), "{} ({})", r.current, r.kind);
        }
        return fmt::format_to(ctx.out(), "{} → {} ({})", r.current, r.recommended, r.kind);
    }
};

/// `3 attempts over 2 channels (email, phone) since 2026-03-02T10:00:00Z: not met`.
template <>
struct fmt::formatter<leadsla::CadenceStatus> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    template <typename FormatContext>
    auto format(const leadsla::CadenceStatus& c, FormatContext& ctx) const {
        auto out = fmt::format_to(ctx.out(), "{} attempts over {} channels (", c.attempts,
                                  c.channels.size());
        for (std::size_t i = 0; i < c.channels.size(); ++i) {
            out = fmt::format_to(out, "{}{}", i == 0 ? "" : ", ", c.channels[i]);
        }
        return fmt::format_to(out, ") since {}: {}", leadsla::format_instant(c.window_start),
                              c.met ? "met" : "not met");
    }
};

/// `stalled_sql: recycle to nurture due 2026-04-17T10:00:00Z` (`since` once due).
template <>
struct fmt::formatter<leadsla::RecycleStatus> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    template <typename FormatContext>
    auto format(const leadsla::RecycleStatus& r, FormatContext& ctx) const {
        return fmt::format_to(ctx.out(), "{}: recycle to {} {} {}", r.rule, r.to,
                              r.due ? "since" : "due", leadsla::format_instant(r.due_at));
    }
};
