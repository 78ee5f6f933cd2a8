// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <memory>
#include <span>

#include <leadsla/engine/policy_set.hpp>
#include <leadsla/metrics/review.hpp>
#include <leadsla/model/activity.hpp>
#include <leadsla/model/lead.hpp>
#include <leadsla/model/past_attributes.hpp>
#include <leadsla/model/stage_change.hpp>
#include <leadsla/result.hpp>
#include <leadsla/sla/agreement.hpp>
#include <leadsla/time/instant.hpp>

namespace leadsla {

/// What a review covers.
struct ReviewOptions {
    Instant from;  ///< the window `[from, to)`: events in it count
    Instant to;
    Instant as_of;  ///< only what was known at this instant counts (often `to`, or now)
    Period period = Period::month;  ///< the periods the figures are broken into
    std::size_t top = 25;  ///< drill-down lists (e.g. the breaches) keep the most recent `top`
    /// The drill-down from counts to leads: every count series keeps the `n` leads with the
    /// most recent facts behind its window figure (`Series::leads`). 0 (the default) keeps
    /// none and costs nothing; the dashboard asks for 10.
    std::size_t leads_per_figure = 0;

    friend bool operator==(const ReviewOptions&, const ReviewOptions&) = default;
};

/// The SLA review of a population, accumulated one lead at a time (docs/metrics.md).
///
/// - **Streaming:** `add` takes a lead with its history and keeps only counters, distributions
///   and the bounded drill-down lists: memory grows with the report, not with the leads.
/// - **Mergeable:** `merge` is associative and commutative, and a scorecard built from any
///   partition of the leads, merged, gives the same `review()` as one pass over all of them —
///   so hosts can build one per partition (threads, processes, a Spark or Flink job calling the
///   library per partition) and combine them.
/// - **As of:** each lead is judged with only what was known at `as_of`: leads created later do
///   not exist yet, stage changes and activities after it are not read, clocks stand as they
///   stood then.
/// - **Periods in a zone:** periods are placed in the agreement's reporting zone, never UTC by
///   accident.
/// - **Idempotent input:** a stage change reported twice counts once; a repeated activity id
///   counts once; a lead that re-qualifies counts once per MQL cycle.
///
/// A value: copyable, and safe to use from one thread at a time (give each thread its own and
/// merge them). The policy set is shared, immutable.
///
/// Example:
///   Scorecard card = Scorecard::create(policies, {from, to, as_of, Period::month}).value();
///   for (const auto& l : leads) card.add(l.lead, l.activities, l.changes);
///   fmt::print("{}", review_text(card.review()));
///   // per partition: Scorecard all = merge(std::move(part1), part2).value();
class Scorecard {
public:
    /// Errors (policy.invalid): the window is empty or longer than 10 years, or the periods are
    /// more than 5,000; the policy has no `agreement` section with a reporting calendar or
    /// zone.
    [[nodiscard]] static Result<Scorecard> create(PolicySet policies, ReviewOptions options);

    Scorecard(const Scorecard& other);
    Scorecard& operator=(const Scorecard& other);
    Scorecard(Scorecard&& other) noexcept;
    Scorecard& operator=(Scorecard&& other) noexcept;
    ~Scorecard();

    [[nodiscard]] const ReviewOptions& options() const noexcept;

    /// Adds one lead: its reported stage changes (any order, repeats allowed) and activities
    /// (any order, repeated ids count once). Each lead is added once (the identity of leads is
    /// the host's: two partitions must not both hold a lead). With its attribute history
    /// (`past_attributes_from`) the SLA clocks' targets follow its segment changes; the
    /// breakdowns use its current attributes.
    void add(const Lead& lead,
             std::span<const Activity> activities,
             std::span<const StageChange> changes,
             std::span<const PastAttributes> past_attributes = {});

    /// Counts `n` input items the host could not read (bad lines, unknown leads' events): the
    /// review reports them instead of dropping them silently.
    void add_bad_input(std::int64_t n) noexcept;

    /// The review: every metric per period and breakdown, the targets with their status, the
    /// breaches. Deterministic: the same leads give the same review.
    [[nodiscard]] Review review() const;

    struct Impl;  ///< opaque: the counters

    /// `a` with the leads of `b` added: scorecards of the same policy versions and options.
    /// Errors (policy.invalid): another policy, window, `as_of`, period or `top`.
    friend Result<Scorecard> merge(Scorecard a, const Scorecard& b);

private:
    explicit Scorecard(std::unique_ptr<Impl> impl) noexcept;
    std::unique_ptr<Impl> impl_;
};

/// `a` with the leads of `b` added (see `Scorecard`).
[[nodiscard]] Result<Scorecard> merge(Scorecard a, const Scorecard& b);

}  // namespace leadsla
