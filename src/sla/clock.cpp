// SPDX-License-Identifier: Apache-2.0
// The run of SLA clocks: replay the lead's events up to `now`, move each clock by its triggers,
// count business time on its calendar, and report where it stands (docs/sla.md).
#include <algorithm>
#include <numeric>
#include <tuple>

#include <fmt/format.h>

#include "inline_vector.hpp"
#include "sla/sla_impl.hpp"
#include "small_sort.hpp"

namespace leadsla {
namespace {

/// How a clock counts: business time on a calendar, or every second (calendar targets).
struct Measure {
    const BusinessCalendar* calendar = nullptr;

    [[nodiscard]] Instant add(Instant t, std::int64_t seconds) const {
        if (calendar == nullptr) {
            return t + std::chrono::seconds{seconds};
        }
        return calendar->add(t, BusinessDuration::seconds(seconds));
    }
    [[nodiscard]] std::int64_t elapsed(Instant from, Instant to) const {
        return calendar == nullptr ? (to - from).count() : calendar->elapsed(from, to).count();
    }
};

/// Events of one instant apply in this order. `retarget`: the lead's attributes changed (an entry
/// of its attribute history ended), so a clock's target may have.
enum class EventKind : std::uint8_t { created, retarget, stage_change, activity };

struct Event {
    Instant at;
    EventKind kind = EventKind::created;
    std::size_t index = 0;  // into changes, activities, or the attribute history
};

/// The target a lead's attributes choose: the first matching rule, else the default.
/// Points into the policy (the SLA and its compiled form).
struct TargetChoice {
    const SlaTarget* target = nullptr;          // none: no rule matched and no default
    const std::string* text = nullptr;          // `to_string(*target)`, compiled
    const std::string* rule_segment = nullptr;  // the segment of the rule that chose it, if any
};

[[nodiscard]] TargetChoice choose_target(const SlaSpec& spec,
                                         const CompiledSla& c,
                                         const ExpressionSet& e,
                                         const EvalFrame& lead_frame,
                                         const std::string* segment) {
    const TargetChoice out{spec.target ? &*spec.target : nullptr, &c.target_text, nullptr};
    for (std::size_t i = 0; i < spec.targets.size(); ++i) {
        const TargetRule& rule = spec.targets[i];
        const bool segment_ok =
            rule.segment.empty() || (segment != nullptr && rule.segment == *segment);
        const bool when_ok =
            c.target_when[i] < 0 || e.test(static_cast<ConditionId>(c.target_when[i]), lead_frame);
        if (segment_ok && when_ok) {
            return TargetChoice{&rule.target, &c.rule_target_text[i], &rule.segment};
        }
    }
    return out;
}

/// The name of the calendar `choice` picks for `lead`, or none: then `r` is unresolved and says
/// why (no silent fallback).
[[nodiscard]] const std::string* choose_calendar(const CalendarChoice& choice,
                                                 const Lead& lead,
                                                 TimerResult& r) {
    const std::string* name = &choice.fixed;
    if (name->empty() && !choice.by_team.empty()) {
        const auto it =
            lead.owner ? choice.by_owner.find(lead.owner->value()) : choice.by_owner.end();
        name = it != choice.by_owner.end() ? &it->second : &choice.otherwise;
        if (name->empty()) {
            r.status = TimerStatus::unresolved;
            r.problem = lead.owner ? fmt::format(
                                         "no calendar: owner {} is in none of "
                                         "the teams the calendar is chosen by",
                                         lead.owner->value())
                                   : std::string{
                                         "no calendar: the lead has no owner "
                                         "(the calendar is the owner's team's)"};
            return nullptr;
        }
    }
    if (name->empty() && !choice.attribute.empty()) {
        const auto* value = lead.attribute(choice.attribute).as_string();
        const auto it = value != nullptr ? choice.by_value.find(*value) : choice.by_value.end();
        name = it != choice.by_value.end() ? &it->second : &choice.otherwise;
        if (name->empty()) {
            r.status = TimerStatus::unresolved;
            r.problem = value != nullptr
                            ? fmt::format("no calendar for {} = \"{}\"", choice.attribute, *value)
                            : fmt::format("no calendar: the lead has no {}", choice.attribute);
            return nullptr;
        }
    }
    return name;
}
/// Whether two targets count the same kind of time (business or every second).
[[nodiscard]] bool same_measure(const SlaTarget& a, const SlaTarget& b) noexcept {
    return (a.kind == SlaTarget::Kind::calendar) == (b.kind == SlaTarget::Kind::calendar);
}

/// One clock while the events are replayed.
class Clock {
public:
    Clock(const SlaSpec& spec,
          const Lead& lead,
          Measure m,
          SlaTarget target,
          bool explain,
          TimerResult& r)
        : spec_(spec), lead_(lead), m_(m), target_spec_(target), explain_(explain), r_(r) {
        on_target_change();
    }

    /// The lead's target became `next` at `t` (its segment changed). Not open: the next start
    /// uses it. Open: `restart` begins a new round from `t` (a paused clock stays paused);
    /// `keep_elapsed` keeps the time counted and moves the due time, breaching at `t` if the new
    /// target is already used up. A breach already recorded stays.
    void retarget(Instant t, const SlaTarget& next, SegmentChange mode) {
        if (next == target_spec_) {
            return;
        }
        target_spec_ = next;
        on_target_change();
        if (!open_) {
            return;
        }
        if (mode == SegmentChange::restart) {
            const bool paused = !running_;
            close_segment(t);
            settle_escalations(t, false);
            ++round_;
            last_reset_ = t;
            begin(t);
            note([&] {
                return fmt::format("{}: target now {}, restarted (round {})", format_instant(t),
                                   to_string(next), round_);
            });
            if (paused) {
                pause(t);
            }
            return;
        }
        close_segment(t);
        target_ = target_from(r_.started_at ? *r_.started_at : t);
        if (!r_.breached_at) {
            if (elapsed_ >= target_) {
                // Used up already (running or paused): breached at the change.
                due_ = t;
                r_.breached_at = t;
                add_action(Due::breach, 0, t);
            } else if (running_) {
                due_ = m_.add(t, target_ - elapsed_);
            }
            watch();
        }
        note([&] {
            return fmt::format("{}: target now {}, elapsed kept, due {}", format_instant(t),
                               to_string(next), format_instant(r_.breached_at.value_or(due_)));
        });
    }

    [[nodiscard]] bool open() const noexcept { return open_; }
    [[nodiscard]] bool running() const noexcept { return running_; }

    void check_breach(Instant t) {
        if (t >= breach_check_) {
            r_.breached_at = due_;
            breach_check_ = Instant::max();
            add_action(Due::breach, 0, due_);
        }
    }

    void start(Instant t) {
        ++cycle_;
        round_ = 0;
        r_.cycle = cycle_;
        note([&] { return fmt::format("{}: started", format_instant(t)); });
        begin(t);
    }

    /// A new round from `t`. A breach due by `t` must have been noticed (`check_breach`).
    void reset(Instant t) {
        if (quick_resets(1, [t](std::size_t) { return t; }) == 1) {
            return;
        }
        // The new round counts from zero: the closing segment matters only for the thresholds
        // it passes.
        if (!spec_.warn_at.empty()) {
            close_segment(t);
        }
        if (r_.breached_at) {
            settle_escalations(t, false);  // in the round that breached
        }
        ++round_;
        last_reset_ = t;  // summarised in the trace by `finish`: resets can be many
        begin(t);
    }
    /// `check_breach` then `reset` at each activity of `run`, oldest first.
    void reset_run(std::span<const Activity> run) {
        for (std::size_t i =
                 quick_resets(run.size(), [&](std::size_t k) { return run[k].occurred_at; });
             i < run.size(); ++i) {
            check_breach(run[i].occurred_at);
            reset(run[i].occurred_at);
        }
    }

    void pause(Instant t) {
        close_segment(t);
        running_ = false;
        breach_check_ = Instant::max();
        r_.paused.push_back(PausedSpan{t, std::nullopt});
        note([&] { return fmt::format("{}: paused", format_instant(t)); });
    }

    void resume(Instant t) {
        r_.paused.back().to = t;
        seg_start_ = t;
        running_ = true;
        due_ = elapsed_ < target_ ? m_.add(t, target_ - elapsed_) : *r_.breached_at;
        watch();
        note([&] {
            return fmt::format("{}: resumed, due {}", format_instant(t), format_instant(due_));
        });
    }

    void close(Instant t, bool cancelled) {
        if (running_) {
            close_segment(t);
        } else if (!r_.paused.empty() && !r_.paused.back().to) {
            r_.paused.back().to = t;
        }
        settle_escalations(t, false);
        r_.stopped_at = t;
        open_ = false;
        running_ = false;
        breach_check_ = Instant::max();
        status_ = cancelled        ? TimerStatus::cancelled
                  : r_.breached_at ? TimerStatus::met_late
                                   : TimerStatus::met_on_time;
        note([&] { return fmt::format("{}: {}", format_instant(t), status_); });
    }

    /// The result at `now`, with the actions owed from `attached_at` on.
    void finish(Instant now, std::optional<Instant> attached_at) {
        check_breach(now);
        if (round_ > 0) {
            note([&] {
                return fmt::format("reset {} time{} in cycle {}, last at {}", round_,
                                   round_ == 1 ? "" : "s", cycle_, format_instant(last_reset_));
            });
        }
        std::int64_t elapsed = elapsed_;
        if (running_) {
            const std::int64_t len = m_.elapsed(seg_start_, now);
            pass_thresholds(len);
            elapsed += len;
        }
        if (open_) {
            settle_escalations(now, true);
        }
        if (cycle_ == 0) {
            status_ = TimerStatus::pending;
        } else if (open_) {
            status_ = r_.breached_at ? TimerStatus::breached
                      : running_     ? TimerStatus::running
                                     : TimerStatus::paused;
        }
        r_.status = status_;
        r_.elapsed = BusinessDuration::seconds(elapsed);
        const bool owing = open_ && !r_.breached_at;
        r_.remaining =
            BusinessDuration::seconds(owing ? std::max<std::int64_t>(0, target_ - elapsed) : 0);
        if (open_ && !running_) {
            // Paused: the due time if the clock resumed now.
            r_.due_at = owing ? m_.add(now, target_ - elapsed) : r_.breached_at;
        } else if (cycle_ > 0) {
            r_.due_at = due_;
        }
        // The next instant the result changes by time alone.
        if (running_ && !r_.breached_at) {
            std::optional<Instant> next = due_;
            for (const std::int32_t w : spec_.warn_at) {
                const std::int64_t x = target_ * w / 1000;
                if (x > elapsed && !passed(w)) {
                    next = std::min(*next, m_.add(seg_start_, x - elapsed_));
                    break;
                }
            }
            r_.next_change = next;
        } else if (open_ && r_.breached_at && escalated_ < spec_.escalate.size()) {
            r_.next_change = escalation_at(spec_.escalate[escalated_]);
        }
        if (r_.status == TimerStatus::breached && spec_.on_breach) {
            r_.recommend = spec_.on_breach->stage;
            r_.recommend_reason = spec_.on_breach->reason;
        }
        // Only the actions owed get their ids formatted: a long history has many settled ones.
        std::vector<OwedAction> owed;
        for (const Due& d : ledger_) {
            if (!attached_at || d.at >= *attached_at) {
                owed.push_back(action(d));
            }
        }
        if (attached_at && r_.breached_at && *r_.breached_at < *attached_at &&
            r_.status == TimerStatus::breached) {
            owed.push_back(action(Due{Due::breached_on_attach, 0, cycle_, round_, *attached_at}));
        }
        detail::stable_sort_small(
            owed.begin(), owed.end(),
            [](const OwedAction& a, const OwedAction& b) { return a.at < b.at; });
        r_.actions = std::move(owed);
    }

private:
    /// The common reset (SQL recycling, by each activity): a running round with nothing to close,
    /// no breach to settle, the same target; only its start and due move. Resets at `at(0)`,
    /// `at(1)`, ... (ascending) up to the first instant at or after the due time, and returns how
    /// many it took: none when the clock is not in that state. The round's fields are written
    /// once, for the last.
    template <typename At>
    std::size_t quick_resets(std::size_t n, At at) {
        if (!quick_reset_ || breach_check_ == Instant::max() || !r_.paused.empty()) {
            return 0;
        }
        // The due time is kept in a local: a member written and read again in each step would
        // chain the steps through a store and a load.
        std::size_t i = 0;
        Instant due = due_;
        for (Instant check = breach_check_; i < n && at(i) < check; ++i) {
            due = m_.add(at(i), target_);
            check = due;
        }
        if (i > 0) {
            breach_check_ = due;
            const Instant t = at(i - 1);
            round_ += static_cast<std::uint32_t>(i);
            last_reset_ = t;
            seg_start_ = t;
            elapsed_ = 0;
            due_ = due;
            r_.started_at = t;
            r_.original_due_at = due;
        }
        return i;
    }
    /// The target in the measure's seconds for a round started at `start`.
    [[nodiscard]] std::int64_t target_from(Instant start) const {
        if (target_spec_.kind == SlaTarget::Kind::business_days) {
            // The end of the n-th business day, counted from the start as business time.
            return m_.elapsed(start, m_.calendar->add(start, target_spec_.days));
        }
        return target_spec_.duration.count();
    }

    void begin(Instant t) {
        if (target_spec_.kind == SlaTarget::Kind::business_days) {
            // Due at the close of the n-th business day: that instant is also where counting
            // the target from `t` ends (a deadline on a closing boundary is that instant).
            due_ = m_.calendar->add(t, target_spec_.days);
            target_ = m_.elapsed(t, due_);
        } else {
            target_ = target_spec_.duration.count();
            due_ = m_.add(t, target_);
        }
        open_ = true;
        running_ = true;
        elapsed_ = 0;
        seg_start_ = t;
        escalated_ = 0;
        r_.started_at = t;
        r_.original_due_at = due_;
        r_.stopped_at.reset();
        r_.breached_at.reset();
        breach_check_ = due_;
        r_.paused.clear();
        r_.thresholds.clear();
    }

    /// After the due time, whether the clock runs or a breach was recorded changed.
    void watch() noexcept { breach_check_ = running_ && !r_.breached_at ? due_ : Instant::max(); }

    /// The target's kind or warnings changed: whether a reset may take the short way.
    void on_target_change() noexcept {
        quick_reset_ = spec_.warn_at.empty() && target_spec_.kind != SlaTarget::Kind::business_days;
    }

    /// Counts the running segment up to `t` and passes the thresholds it crosses.
    void close_segment(Instant t) {
        if (!running_) {
            return;
        }
        const std::int64_t len = m_.elapsed(seg_start_, t);
        if (!spec_.warn_at.empty()) {  // no call for a clock without warnings
            pass_thresholds(len);
        }
        elapsed_ += len;
        seg_start_ = t;
    }

    /// Passes the thresholds crossed by the running segment's `len` seconds of counted time.
    void pass_thresholds(std::int64_t len) {
        for (const std::int32_t w : spec_.warn_at) {
            const std::int64_t x = target_ * w / 1000;
            if (x > elapsed_ && x <= elapsed_ + len && !passed(w)) {
                const Instant at = m_.add(seg_start_, x - elapsed_);
                r_.thresholds.reserve(spec_.warn_at.size());
                r_.thresholds.push_back(ThresholdPassed{w, at});
                add_action(Due::warn, w, at);
            }
        }
    }

    /// Whether warning `w` was passed in this round (once only, even if the target changed).
    [[nodiscard]] bool passed(std::int32_t w) const {
        return std::any_of(r_.thresholds.begin(), r_.thresholds.end(),
                           [&](const ThresholdPassed& p) { return p.permille == w; });
    }

    [[nodiscard]] Instant escalation_at(const EscalationStep& step) const {
        return step.after.count() == 0 ? *r_.breached_at
                                       : m_.add(*r_.breached_at, step.after.count());
    }

    void settle_escalations(Instant until, bool inclusive) {
        if (!r_.breached_at) {
            return;
        }
        while (escalated_ < spec_.escalate.size()) {
            const EscalationStep& step = spec_.escalate[escalated_];
            const Instant at = escalation_at(step);
            if (inclusive ? at > until : at >= until) {
                break;
            }
            add_action(Due::escalate, static_cast<std::int32_t>(escalated_), at);
            ++escalated_;
        }
    }

    /// An action that fell due, formatted (`action`) only if it is owed.
    struct Due {
        enum Kind : std::uint8_t { breach, warn, escalate, breached_on_attach };
        Kind kind = breach;
        std::int32_t arg = 0;  // warn: per mille; escalate: the step's index
        std::uint32_t cycle = 0;
        std::uint32_t round = 0;
        Instant at;
    };

    void add_action(Due::Kind kind, std::int32_t arg, Instant at) {
        ledger_.push_back(Due{kind, arg, cycle_, round_, at});
    }

    /// `lead/sla/cycle[.round]/what`: stable across evaluations, so hosts can deduplicate.
    [[nodiscard]] OwedAction action(const Due& d) const {
        OwedAction a;
        a.sla = spec_.id;
        a.at = d.at;
        std::string what;
        switch (d.kind) {
            case Due::breach:
                a.kind = "breach";
                what = a.kind;
                break;
            case Due::warn:
                a.kind = "warn";
                what = fmt::format("warn:{}", d.arg);
                break;
            case Due::escalate: {
                const EscalationStep& step = spec_.escalate[static_cast<std::size_t>(d.arg)];
                a.kind = "escalate";
                a.action = step.action;
                what = fmt::format("escalate:{}", step.id);
                break;
            }
            case Due::breached_on_attach:
                a.kind = "breached_on_attach";
                what = a.kind;
                break;
        }
        a.id = d.round == 0
                   ? fmt::format("{}/{}/{}/{}", lead_.id, spec_.id, d.cycle, what)
                   : fmt::format("{}/{}/{}.{}/{}", lead_.id, spec_.id, d.cycle, d.round, what);
        return a;
    }

    /// A line of the clock's trace: `line()` is called (formatted) only when explaining.
    template <typename Line>
    void note(Line&& line) {
        if (explain_) {
            r_.trace.push_back(std::forward<Line>(line)());
        }
    }

    const SlaSpec& spec_;
    const Lead& lead_;
    Measure m_;
    SlaTarget target_spec_;
    bool explain_ = true;
    TimerResult& r_;
    std::int64_t target_ = 0;   // in the measure's seconds
    std::int64_t elapsed_ = 0;  // counted before seg_start_
    Instant seg_start_;
    Instant due_;
    Instant breach_check_ = Instant::max();  // due_ while running unbreached: check_breach fires
    bool quick_reset_ = false;               // no warnings, not business days: see reset
    bool open_ = false;
    bool running_ = false;
    std::uint32_t cycle_ = 0;
    std::uint32_t round_ = 0;
    std::size_t escalated_ = 0;
    Instant last_reset_;
    TimerStatus status_ = TimerStatus::pending;
    detail::InlineVector<Due, 8> ledger_;  // one round's actions fit
};

}  // namespace

std::vector<TimerResult> SlaSet::evaluate(const Lead& lead,
                                          std::span<const StageChange> changes,
                                          const ActivityHistory& activities,
                                          Instant now,
                                          const SlaEvaluateOptions& options) const {
    const Impl& m = *impl_;
    const ExplainLevel explain = options.explain;
    const std::optional<Instant> attached_at = options.attached_at;
    const std::span<const PastAttributes> past_attributes = options.past_attributes;
    const bool explaining = explain != ExplainLevel::none;
    const ExpressionSet& e = *m.expressions;
    // Without conditions the lead is read for its segment and calendar only.
    const LeadRecord record = m.has_conditions ? e.prepare(lead) : LeadRecord{};
    // Triggers read an activity's type; only `where` and `when(...)` conditions read more, and
    // only then are the activities converted to records.
    ActivityRecords records;
    if (m.activity_conditions) {
        records = e.prepare(activities.activities());
    }
    // The types: the caller's when it has them, else the records', else looked up.
    detail::InlineVector<std::int32_t, 64> looked_up;
    std::span<const std::int32_t> types = options.activity_types;
    if (types.size() != activities.size()) {
        looked_up.resize_for_overwrite(activities.size());
        for (std::size_t i = 0; i < activities.size(); ++i) {
            looked_up[i] =
                m.activity_conditions ? records[i].type : e.activity_type(activities[i].type);
        }
        types = {looked_up.data(), looked_up.size()};
    }
    const AggregateValues no_aggregates;
    const EvalFrame lead_frame{&record, &no_aggregates, {}, nullptr, now};

    // The events up to now: creation, stage changes, activities; (instant, kind, id) order.
    detail::InlineVector<Event, 16> others;
    if (lead.created_at <= now) {
        others.push_back({lead.created_at, EventKind::created, 0});
    }
    for (std::size_t i = 0; i < changes.size(); ++i) {
        if (changes[i].at <= now) {
            others.push_back({changes[i].at, EventKind::stage_change, i});
        }
    }
    // The lead as it was before each attribute update, oldest first: version i held until
    // past[i].until, the current lead after the last. Targets follow it; all else reads the
    // current lead.
    std::vector<PastAttributes> past(past_attributes.begin(), past_attributes.end());
    std::stable_sort(
        past.begin(), past.end(),
        [](const PastAttributes& a, const PastAttributes& b) { return a.until < b.until; });
    const auto in_force_at_now = static_cast<std::size_t>(
        std::partition_point(past.begin(), past.end(),
                             [&](const PastAttributes& p) { return p.until <= now; }) -
        past.begin());
    std::vector<Lead> versions;
    std::vector<LeadRecord> version_records;
    for (std::size_t i = 0; i < past.size(); ++i) {
        Lead& v = versions.emplace_back(lead);
        v.attributes = past[i].attributes;
        version_records.push_back(e.prepare(v));
        if (past[i].until <= now) {
            others.push_back({past[i].until, EventKind::retarget, i});
        }
    }
    // The few events that are not activities are sorted; the activities are in order already
    // (an ActivityHistory) and come last at an instant, so a merge places them.
    const auto by_instant_then_kind = [](const Event& a, const Event& b) {
        return std::tie(a.at, a.kind) < std::tie(b.at, b.kind);
    };
    detail::stable_sort_small(others.begin(), others.end(), by_instant_then_kind);
    // The activities up to now, in order, are not copied into events: position k of the merged
    // sequence is an other event when `landed` says so, else the next activity. At one instant
    // activities come last, so the activities before others[i] are those strictly earlier.
    const std::span<const Activity> replayed =
        activities.activities().first(activities.size() - activities.after(now).size());
    const std::size_t merged_size = others.size() + replayed.size();
    // Where each other event lands, and after the last the end: a clock can jump over the
    // activities up to the next one.
    detail::InlineVector<std::size_t, 16> landed;
    landed.resize_for_overwrite(others.size() + 1);
    landed[others.size()] = merged_size;
    for (std::size_t i = 0, before = 0; i < others.size(); ++i) {
        before = static_cast<std::size_t>(
            std::partition_point(replayed.begin() + static_cast<std::ptrdiff_t>(before),
                                 replayed.end(),
                                 [&](const Activity& a) { return a.occurred_at < others[i].at; }) -
            replayed.begin());
        landed[i] = i + before;
    }
    // Aggregates at each event, for `when(...)` triggers only.
    std::vector<AggregateValues> aggregates_at;
    if (m.condition_triggers) {
        for (std::size_t k = 0, j = 0; k < merged_size; ++k) {
            const bool other = j < others.size() && landed[j] == k;
            aggregates_at.push_back(
                e.aggregate(records, other ? others[j++].at : replayed[k - j].occurred_at));
        }
    }

    // The lead's classifications: the engine's when it has them, else each worked out once, when
    // an SLA first needs it (SLAs often share one).
    const std::size_t classifications = m.classifier ? m.classifier->specs().size() : 0;
    std::vector<const std::string*> worked_out;
    // The caller's classifications, when they are this set's (the same ones, in its order).
    bool given = m.classifier && options.segments.size() == classifications;
    for (std::size_t k = 0; given && k < classifications; ++k) {
        given = options.segments[k].classification == m.classifier->specs()[k].id;
    }
    const auto classification = [&](std::size_t k) -> const std::string& {
        if (given) {
            return options.segments[k].value;
        }
        if (worked_out.empty()) {
            worked_out.assign(classifications, nullptr);
        }
        if (worked_out[k] == nullptr) {
            worked_out[k] = &m.classifier->value(k, lead);
        }
        return *worked_out[k];
    };
    struct ChosenCalendar {
        const std::string* name = nullptr;  // none yet
        const BusinessCalendar* calendar = nullptr;
    };
    detail::InlineVector<ChosenCalendar, 8> calendar_of;  // by SLA
    for (std::size_t s = 0; s < m.specs.size(); ++s) {
        calendar_of.push_back({});
    }
    std::vector<TimerResult> out;
    out.reserve(m.specs.size());
    for (std::size_t s = 0; s < m.specs.size(); ++s) {
        const SlaSpec& spec = m.specs[s];
        const CompiledSla& c = m.slas[s];
        TimerResult& r = out.emplace_back();
        r.sla = spec.id;
        if (c.applies_when >= 0 && !e.test(static_cast<ConditionId>(c.applies_when), lead_frame)) {
            r.status = TimerStatus::not_applicable;
            if (explaining) {
                r.trace.push_back(
                    fmt::format("does not apply: {}",
                                e.explain(static_cast<ConditionId>(c.applies_when), lead_frame)));
            }
            continue;
        }
        // The target: the first matching rule, else the default.
        const std::string* segment =
            c.classification ? &classification(*c.classification) : nullptr;
        TargetChoice choice = choose_target(spec, c, e, lead_frame, segment);
        if (choice.target == nullptr) {
            r.status = TimerStatus::unresolved;
            r.problem = fmt::format("no target for {} = {} and no default target",
                                    spec.classification, segment != nullptr ? *segment : "");
            continue;
        }
        // With an attribute history, the target of each version (one that has none, or counts
        // another kind of time than the current one, keeps the current target).
        std::vector<SlaTarget> version_targets;
        if (!spec.targets.empty() && !versions.empty()) {
            const SlaTarget current = *choice.target;
            for (std::size_t i = 0; i < versions.size(); ++i) {
                const EvalFrame frame{&version_records[i], &no_aggregates, {}, nullptr, now};
                const std::string* then = c.classification
                                              ? &m.classifier->value(*c.classification, versions[i])
                                              : nullptr;
                const TargetChoice v = choose_target(spec, c, e, frame, then);
                const bool usable = v.target != nullptr && same_measure(*v.target, current);
                version_targets.push_back(usable ? *v.target : current);
                if (usable && i == in_force_at_now) {
                    choice = v;  // `now` is before the updates that followed it
                }
            }
            version_targets.push_back(current);
        }
        const SlaTarget* target = choice.target;
        if (choice.rule_segment != nullptr) {
            r.segment = *choice.rule_segment;
        }
        r.target = *choice.text;
        // The calendar, chosen explicitly.
        Measure measure;
        if (target->kind == SlaTarget::Kind::calendar) {
            r.calendar = "24/7";
        } else {
            // SLAs that choose their calendar alike share the first one's choice.
            ChosenCalendar& chosen = calendar_of[c.same_calendar_as.value_or(s)];
            if (chosen.name == nullptr) {
                chosen.name = choose_calendar(spec.calendar, lead, r);
                if (chosen.name == nullptr) {
                    continue;  // unresolved: `r` says why
                }
                chosen.calendar = &m.calendars.find(*chosen.name)->second;
            }
            measure.calendar = chosen.calendar;
            r.calendar = *chosen.name;
        }

        Clock clock{spec,       lead,
                    measure,    version_targets.empty() ? *target : version_targets.front(),
                    explaining, r};
        std::vector<std::uint8_t> was_true(c.conditional.size(), 0);  // `when(...)` edges
        const std::size_t undeclared = c.on_activity.size() - 1;
        // Position k of the merged events; `j` other events come before it.
        for (std::size_t k = 0, j = 0; k < merged_size; ++k) {
            Event ev;
            if (j < others.size() && landed[j] == k) {
                ev = others[j++];
            } else {
                // An activity. A clock no activity moves, or a closed one no activity starts,
                // jumps to the next other event.
                if (!c.reads_activities || (c.closed_skips_activities && !clock.open())) {
                    k = landed[j] - 1;
                    continue;
                }
                if (c.activities_only_reset && clock.open()) {
                    // Each activity of the run up to the next other event resets the open
                    // clock, as the general steps below would (noticing a breach first).
                    clock.reset_run(replayed.subspan(k - j, landed[j] - k));
                    k = landed[j] - 1;
                    continue;
                }
                ev = Event{replayed[k - j].occurred_at, EventKind::activity, k - j};
            }
            if (ev.kind == EventKind::retarget) {
                clock.check_breach(ev.at);
                if (!version_targets.empty()) {
                    clock.retarget(ev.at, version_targets[ev.index + 1], spec.on_segment_change);
                }
                continue;  // not an event triggers react to
            }
            RoleMask fired = 0;
            switch (ev.kind) {
                case EventKind::created:
                    fired = c.on_created;
                    break;
                case EventKind::retarget:
                    break;  // handled above
                case EventKind::stage_change:
                    fired = c.on_entered[static_cast<std::size_t>(changes[ev.index].to)] |
                            c.on_left[static_cast<std::size_t>(changes[ev.index].from)];
                    break;
                case EventKind::activity: {
                    const std::int32_t type = types[ev.index];
                    fired = c.on_any_activity |
                            c.on_activity[type < 0 ? undeclared : static_cast<std::size_t>(type)];
                    break;
                }
            }
            for (std::size_t i = 0; i < c.conditional.size(); ++i) {
                const auto& [trigger_role, t] = c.conditional[i];
                bool hit = false;
                if (t.kind == TriggerKind::condition) {
                    const EvalFrame f{&record, &aggregates_at[k], {}, nullptr, ev.at};
                    const bool now_true = e.test(static_cast<ConditionId>(t.condition), f);
                    hit = now_true && was_true[i] == 0;
                    was_true[i] = now_true ? 1 : 0;
                } else if (ev.kind == EventKind::activity && types[ev.index] == t.activity_type) {
                    const EvalFrame f{&record, &no_aggregates, {}, &records[ev.index], ev.at};
                    hit = e.test(static_cast<ConditionId>(t.condition), f);
                }
                if (hit) {
                    fired |= static_cast<RoleMask>(1U << static_cast<unsigned>(trigger_role));
                }
            }
            clock.check_breach(ev.at);
            const auto role = [&](Role x) {
                return (fired & (1U << static_cast<unsigned>(x))) != 0;
            };
            if (role(Role::start) && !clock.open()) {
                clock.start(ev.at);
            }
            if (!clock.open()) {
                continue;
            }
            if (role(Role::stop)) {
                clock.close(ev.at, false);
            } else if (role(Role::cancel)) {
                clock.close(ev.at, true);
            } else if (role(Role::reset)) {
                clock.reset(ev.at);
            } else if (role(Role::pause) && clock.running()) {
                clock.pause(ev.at);
            } else if (role(Role::resume) && !clock.running()) {
                clock.resume(ev.at);
            }
        }
        clock.finish(now, attached_at);
    }
    return out;
}

}  // namespace leadsla
