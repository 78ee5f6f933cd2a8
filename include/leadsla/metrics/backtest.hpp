// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include <leadsla/engine/policy_set.hpp>
#include <leadsla/metrics/review.hpp>
#include <leadsla/metrics/scorecard.hpp>
#include <leadsla/model/activity.hpp>
#include <leadsla/model/lead.hpp>
#include <leadsla/model/past_attributes.hpp>
#include <leadsla/model/stage_change.hpp>
#include <leadsla/result.hpp>
#include <leadsla/time/instant.hpp>

namespace leadsla {

/// The stage changes a lead would have gone through under `policies`, from its history up to
/// `as_of` (docs/backtest.md):
///
/// - **Qualification is re-derived.** Reported changes into a stage with entry criteria (e.g.
///   MQL, `qualification: "mql"`) are not read; instead, at each fact about the lead — its
///   creation, an activity, an attribute change — it is scored with what was known then (its
///   attributes at that instant) and the lifecycle's recommendation is taken:
///   `Lifecycle::recommend`, one change per stage passed, by `actor` "leadsla" with no reason.
///   After a person's decision the policy moves the lead again only on a new fact that makes
///   the criteria hold (not because the facts the person weighed still hold).
/// - **People's decisions follow the move they reacted to.** A reported change into a stage
///   with criteria anchors the decisions after it (acceptance, rejection with its reason, SQL,
///   won, recycling), up to the next such change. When the replay makes the same move (the
///   k-th entry into that stage) the decisions come after it with the same delay, counted in
///   business time on the agreement's calendar (wall-clock time without one); where the replay
///   moves when the history did, each keeps its own instant. When the replay never makes the
///   move they do not happen. Decisions before any anchor keep their instants. A decision
///   happens only where the lifecycle allows it from the stage the lead is in then, and not
///   after `as_of`.
///
/// The first stage is the `from` of the earliest reported change, or the lead's stage without
/// any; a stage with entry criteria there is replaced by the lifecycle's initial stage (it is
/// derived too). Without a lifecycle the reported changes are returned as they are, in time
/// order. Deterministic; repeated reported changes count once.
[[nodiscard]] std::vector<StageChange> replay_stages(
    const PolicySet& policies,
    const Lead& lead,
    std::span<const Activity> activities,
    std::span<const StageChange> reported,
    std::span<const PastAttributes> past_attributes,
    Instant as_of);

/// What a backtest covers: the review's window, as-of and periods (for both policies), and how
/// many per-lead differences it lists.
struct BacktestOptions {
    ReviewOptions review;
    /// The per-lead differences kept: those of the `lead_limit` smallest lead ids (in byte
    /// order, so the list does not depend on partitions); the counts cover every lead.
    std::size_t lead_limit = 1000;

    friend bool operator==(const BacktestOptions&, const BacktestOptions&) = default;
};

/// How one lead fared differently under the candidate policy.
struct LeadDifference {
    enum class Kind : std::uint8_t {
        gains,     ///< reaches the stage only under the candidate
        loses,     ///< reaches the stage only under the current policy
        earlier,   ///< reaches it under both, first earlier under the candidate
        later,     ///< reaches it under both, first later under the candidate
        breached,  ///< the SLA's clock breached only under the candidate (breached or met late)
        met,       ///< the SLA's clock breached only under the current policy
    };
    std::string lead;
    Kind kind = Kind::gains;
    /// A stage name (`mql` … `customer`) for the first four kinds, an SLA id for the others.
    std::string subject;
    std::optional<Instant> current;    ///< the first entry, or the breach, under the current
    std::optional<Instant> candidate;  ///< under the candidate

    friend bool operator==(const LeadDifference&, const LeadDifference&) = default;
};

[[nodiscard]] std::string_view to_string(LeadDifference::Kind kind) noexcept;

/// How often each kind of difference happened, per subject (a stage or an SLA).
struct DifferenceCount {
    LeadDifference::Kind kind = LeadDifference::Kind::gains;
    std::string subject;
    std::int64_t leads = 0;

    friend bool operator==(const DifferenceCount&, const DifferenceCount&) = default;
};

/// One series' whole-window figure under both policies.
struct SeriesDelta {
    std::string metric;
    std::string detail;
    Dimension dimension = Dimension::all;
    std::string key;
    Figure current;  ///< without data when the current review has no such series
    Figure candidate;

    /// The change of the headline number, candidate minus current: the count (counts), basis
    /// points (rates), seconds of the median (durations), milli-points of the median (points),
    /// the items (amounts; `amount_change` has the sum's). nullopt when either side has no data.
    [[nodiscard]] std::optional<std::int64_t> change() const noexcept;
    [[nodiscard]] Decimal amount_change() const noexcept {
        return candidate.amount - current.amount;
    }
    /// `+12`, `-3.50 pp`, `p50 +1h30m`, `+5000.0000`; `n/a` when either side has no data.
    [[nodiscard]] std::string change_text() const;

    friend bool operator==(const SeriesDelta&, const SeriesDelta&) = default;
};

/// The series of either review whose window figures differ (all of them with `all`), in the
/// reviews' order (metric, detail, dimension, key).
[[nodiscard]] std::vector<SeriesDelta> series_deltas(const Review& current,
                                                     const Review& candidate,
                                                     bool all = false);

/// A backtest's result: the review under each policy, both re-derived from the same history
/// the same way (so every difference comes from the policies), and the leads that changed.
struct BacktestResult {
    Review current;
    Review candidate;
    /// Leads with at least one difference (all of them, however many are listed).
    std::int64_t leads_changed = 0;
    /// Leads whose stages replayed under the current policy are not the reported ones (another
    /// instant, stage or count of changes): how far the replay is from the recorded history —
    /// e.g. changes the lifecycle does not allow, or MQLs reported when the criteria did not
    /// hold.
    std::int64_t replay_differs_from_reported = 0;
    std::vector<DifferenceCount> counts;  ///< by (kind, subject)
    /// The differences of the listed leads, by (lead, kind, subject).
    std::vector<LeadDifference> differences;
    /// Whether `differences` left leads out (`BacktestOptions::lead_limit`).
    bool truncated = false;

    friend bool operator==(const BacktestResult&, const BacktestResult&) = default;
};

/// A backtest: what a candidate policy would have done over a history, next to the current one
/// (docs/backtest.md). Accumulated one lead at a time, mergeable across partitions like
/// `Scorecard`, and deterministic: the same leads give the same result, and backtesting a
/// policy against itself finds no difference.
///
/// Example:
///   Backtest bt = Backtest::create(current, candidate, {{from, to, as_of}}).value();
///   for (const auto& l : leads) bt.add(l.lead, l.activities, l.changes);
///   fmt::print("{}", backtest_text(bt.result()));   // <leadsla/metrics/backtest_format.hpp>
class Backtest {
public:
    /// Errors: those of `Scorecard::create` for either policy.
    [[nodiscard]] static Result<Backtest> create(PolicySet current,
                                                 PolicySet candidate,
                                                 BacktestOptions options);

    Backtest(const Backtest& other);
    Backtest& operator=(const Backtest& other);
    Backtest(Backtest&& other) noexcept;
    Backtest& operator=(Backtest&& other) noexcept;
    ~Backtest();

    [[nodiscard]] const BacktestOptions& options() const noexcept;

    /// Adds one lead with its history, as `Scorecard::add` takes it: its stages are replayed
    /// under each policy (`replay_stages`), each replay goes into that policy's review, and the
    /// two are compared (the first entry into each funnel stage from MQL on; each SLA clock at
    /// `as_of`, breached — or met late — or not).
    void add(const Lead& lead,
             std::span<const Activity> activities,
             std::span<const StageChange> changes,
             std::span<const PastAttributes> past_attributes = {});

    /// Counts input the host could not read, in both reviews.
    void add_bad_input(std::int64_t n) noexcept;

    [[nodiscard]] BacktestResult result() const;

    struct Impl;  ///< opaque

    /// `a` with the leads of `b` added. Errors (policy.invalid): other policies or options.
    friend Result<Backtest> merge(Backtest a, const Backtest& b);

private:
    explicit Backtest(std::unique_ptr<Impl> impl) noexcept;
    std::unique_ptr<Impl> impl_;
};

/// `a` with the leads of `b` added (see `Backtest`).
[[nodiscard]] Result<Backtest> merge(Backtest a, const Backtest& b);

}  // namespace leadsla

template <>
struct fmt::formatter<leadsla::LeadDifference::Kind> : fmt::formatter<std::string_view> {
    template <typename FormatContext>
    auto format(leadsla::LeadDifference::Kind k, FormatContext& ctx) const {
        return fmt::formatter<std::string_view>::format(leadsla::to_string(k), ctx);
    }
};

/// `L00143 gains mql (candidate 2026-03-04T10:00:00Z)`,
/// `L00007 later mql (2026-03-04T10:00:00Z -> 2026-03-09T08:00:00Z)`.
template <>
struct fmt::formatter<leadsla::LeadDifference> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    template <typename FormatContext>
    auto format(const leadsla::LeadDifference& d, FormatContext& ctx) const {
        auto out = fmt::format_to(ctx.out(), "{} {} {}", d.lead, d.kind, d.subject);
        if (d.current && d.candidate) {
            return fmt::format_to(out, " ({} -> {})", leadsla::format_instant(*d.current),
                                  leadsla::format_instant(*d.candidate));
        }
        if (d.current) {
            return fmt::format_to(out, " (current {})", leadsla::format_instant(*d.current));
        }
        if (d.candidate) {
            return fmt::format_to(out, " (candidate {})", leadsla::format_instant(*d.candidate));
        }
        return out;
    }
};

/// `loses mql: 12 leads`.
template <>
struct fmt::formatter<leadsla::DifferenceCount> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    template <typename FormatContext>
    auto format(const leadsla::DifferenceCount& c, FormatContext& ctx) const {
        return fmt::format_to(ctx.out(), "{} {}: {} leads", c.kind, c.subject, c.leads);
    }
};
