// SPDX-License-Identifier: Apache-2.0
// The scorecard: what one lead contributes to the review (docs/metrics.md has each definition),
// and the merge of two scorecards.
#include <algorithm>
#include <array>

#include <leadsla/metrics/scorecard.hpp>

#include "metrics/counters.hpp"
#include "metrics/known_changes.hpp"
#include "metrics/same_policies.hpp"

namespace leadsla {
namespace detail {
namespace {

using Unit = Distribution::Unit;

constexpr std::array<Stage, 6> funnel_order{Stage::lead, Stage::mql,         Stage::sal,
                                            Stage::sql,  Stage::opportunity, Stage::customer};

/// The lead's place in the funnel: 0 for lead (and the side stages), 5 for customer.
int funnel_rank(Stage s) {
    const auto it = std::find(funnel_order.begin(), funnel_order.end(), s);
    return it == funnel_order.end() ? -1 : static_cast<int>(it - funnel_order.begin());
}

bool is_exit(Stage s) {
    return s == Stage::nurture || s == Stage::disqualified;
}

constexpr std::array<std::string_view, 4> bucket_names{"< 1h", "1-4h", "4-24h", "> 24h"};

/// The response bucket of `seconds` of business time, an index into `bucket_names`.
std::size_t bucket_of(std::int64_t seconds) {
    constexpr std::int64_t hour = 3600;
    return seconds < hour ? 0 : seconds < 4 * hour ? 1 : seconds < 24 * hour ? 2 : 3;
}

std::string attribute_text(const Lead& lead, const std::string& name, const char* none) {
    if (!name.empty()) {
        if (const std::string* s = attribute_or_null(lead.attributes, name).as_string()) {
            return *s;
        }
    }
    return none;
}

/// Records facts of one lead into the scorecard's cells.
class Recorder {
public:
    Recorder(Scorecard::Impl& card, std::string_view lead) : card_(card), lead_(lead) {}

    void count(
        Metric m, std::uint32_t detail, std::uint32_t profile, Instant at, std::int64_t n = 1) {
        for_each_cell(m, detail, profile, at,
                      [&](const CellKey& k) { card_.tallies[k].count += n; });
        // The drill-down: this lead is behind the window's count in every breakdown.
        if (card_.samples.limit() > 0 && card_.grids[0].index(at)) {
            const auto& keys = card_.profile_keys[profile];
            for (std::size_t d = 0; d < keys.size(); ++d) {
                card_.samples.add(SeriesId{static_cast<std::uint16_t>(m),
                                           static_cast<std::uint16_t>(d), detail, keys[d]},
                                  at, lead_);
            }
        }
    }
    void rate(Metric m, std::uint32_t detail, std::uint32_t profile, Instant at, bool hit) {
        for_each_cell(m, detail, profile, at, [&](const CellKey& k) {
            Tally& t = card_.tallies[k];
            t.count += hit ? 1 : 0;
            t.denominator += 1;
        });
    }
    void amount(Metric m, std::uint32_t detail, std::uint32_t profile, Instant at, Decimal a) {
        for_each_cell(m, detail, profile, at, [&](const CellKey& k) {
            Tally& t = card_.tallies[k];
            t.count += 1;
            t.amount = t.amount + a;
        });
    }
    void sample(Metric m,
                std::uint32_t detail,
                std::uint32_t profile,
                Instant at,
                Unit unit,
                std::int64_t value) {
        for_each_cell(m, detail, profile, at,
                      [&](const CellKey& k) { card_.distributions[k].add(unit, value); });
    }
    /// A snapshot as of `as_of`: kept in the period that holds it.
    void now(Metric m, std::uint32_t detail, std::uint32_t profile) {
        count(m, detail, profile, card_.options.as_of);
    }

private:
    template <typename F>
    void for_each_cell(Metric m, std::uint32_t detail, std::uint32_t profile, Instant at, F&& f) {
        for (std::size_t g = 0; g < card_.grids.size(); ++g) {
            if (const auto period = card_.grids[g].index(at)) {
                f(CellKey{static_cast<std::uint16_t>(g), static_cast<std::uint16_t>(m), *period,
                          detail, profile});
            }
        }
    }
    Scorecard::Impl& card_;
    std::string_view lead_;
};

}  // namespace
}  // namespace detail

Scorecard::Scorecard(std::unique_ptr<Impl> impl) noexcept : impl_(std::move(impl)) {}
Scorecard::Scorecard(const Scorecard& other) : impl_(std::make_unique<Impl>(*other.impl_)) {}
Scorecard& Scorecard::operator=(const Scorecard& other) {
    if (this != &other) {
        impl_ = std::make_unique<Impl>(*other.impl_);
    }
    return *this;
}
Scorecard::Scorecard(Scorecard&&) noexcept = default;
Scorecard& Scorecard::operator=(Scorecard&&) noexcept = default;
Scorecard::~Scorecard() = default;

Result<Scorecard> Scorecard::create(PolicySet policies, ReviewOptions options) {
    const Policy& in_force = policies.in_force(options.as_of).policy();
    if (!in_force.agreement) {
        return Error{ErrorCode::policy_invalid, "/agreement",
                     fmt::format("policy {} {} has no \"agreement\" section: the review needs its "
                                 "reporting calendar or zone (docs/metrics.md)",
                                 in_force.id, in_force.version)};
    }
    if (options.to - options.from > std::chrono::hours{24 * 366 * 10}) {
        return Error{ErrorCode::policy_invalid, "", "a review window is at most 10 years long"};
    }
    const AgreementSpec& spec = *in_force.agreement;
    std::optional<BusinessCalendar> calendar;
    std::optional<Zone> zone;
    if (!spec.calendar.empty()) {
        calendar = in_force.calendars.at(spec.calendar);
        zone = calendar->zone();
    } else {
        Result<Zone> z = Zone::locate(spec.zone);
        if (!z) {
            return z.error();
        }
        zone = *z;
    }
    auto impl = std::make_unique<Impl>(std::move(policies), options, spec, *zone);
    Impl& m = *impl;
    const Policy& p = m.policies.in_force(options.as_of).policy();
    m.calendar = std::move(calendar);
    const AgreementSpec& a = m.agreement;
    std::vector<Period> kinds{options.period};
    for (const AgreementTarget& t : a.targets) {
        if (std::find(kinds.begin(), kinds.end(), t.period) == kinds.end()) {
            kinds.push_back(t.period);
        }
    }
    for (const Period kind : kinds) {
        Result<detail::PeriodGrid> g =
            detail::PeriodGrid::create(kind, m.zone, options.from, options.to);
        if (!g) {
            return g.error();
        }
        m.grids.push_back(*std::move(g));
    }
    if (p.segments && !p.segments->specs().empty()) {
        m.segment_index =
            a.segment.empty() ? std::optional<std::size_t>{0} : p.segments->find(a.segment);
    }
    if (p.routing) {
        for (const TeamSpec& team : p.routing->spec().teams) {
            for (const TeamMember& member : team.members) {
                m.team_of.try_emplace(member.owner.value(), team.id);
            }
        }
    }
    if (p.slas) {
        for (const SlaSpec& s : p.slas->specs()) {
            if (s.on_breach) {
                m.recycles_to.emplace(s.id, s.on_breach->stage);
            } else if (a.response_slas.empty()) {
                m.response_slas.push_back(s.id);
            }
        }
    }
    if (!a.response_slas.empty()) {
        m.response_slas = a.response_slas;
    }
    if (p.lifecycle) {
        for (const ReasonCode& r : p.lifecycle->spec().reasons) {
            if (r.requires_cadence) {
                m.reasons_needing_cadence.push_back(r.id);
            }
        }
    }
    m.details.id("");  // detail 0: none
    for (std::size_t i = 0; i < stage_names.size(); ++i) {
        m.known.stages[i] = m.details.id(std::string{stage_names[i].second});
    }
    m.known.accepted = m.details.id("accepted");
    m.known.rejected = m.details.id("rejected");
    m.known.pending = m.details.id("pending");
    if (p.slas) {
        for (const SlaSpec& sla : p.slas->specs()) {
            detail::KnownDetails::Sla k{sla.id, m.details.id(sla.id), {}, {}};
            for (std::size_t st = 0; st < k.by_status.size(); ++st) {
                k.by_status[st] =
                    m.details.id(fmt::format("{}:{}", sla.id, static_cast<TimerStatus>(st)));
            }
            for (std::size_t b = 0; b < k.buckets.size(); ++b) {
                k.buckets[b] = m.details.id(fmt::format("{}:{}", sla.id, detail::bucket_names[b]));
            }
            m.known.slas.push_back(std::move(k));
        }
    }
    return Scorecard{std::move(impl)};
}

const ReviewOptions& Scorecard::options() const noexcept {
    return impl_->options;
}

void Scorecard::add(const Lead& lead,
                    std::span<const Activity> activities,
                    std::span<const StageChange> changes,
                    std::span<const PastAttributes> past_attributes) {
    impl_->add(lead, activities, changes, past_attributes);
}

void Scorecard::add_bad_input(std::int64_t n) noexcept {
    impl_->bad_input += n;
}

void Scorecard::Impl::add(const Lead& lead,
                          std::span<const Activity> activities,
                          std::span<const StageChange> reported,
                          std::span<const PastAttributes> past_attributes) {
    using detail::Metric;
    const Instant as_of = options.as_of;
    if (lead.created_at > as_of) {
        ++leads_not_yet_created;  // it did not exist yet
        return;
    }
    ++leads;
    // The stage changes known at as_of, in time order (ties keep their order), each reported
    // change once.
    std::vector<StageChange> changes = detail::known_changes(reported, as_of);
    // The lead as it stood at as_of: its stage then.
    Lead then = lead;
    if (!changes.empty()) {
        then.stage = changes.back().to;
    } else if (!reported.empty()) {
        then.stage =
            std::min_element(reported.begin(), reported.end(),
                             [](const StageChange& x, const StageChange& y) { return x.at < y.at; })
                ->from;
    }
    EvaluateOptions eo;
    eo.explain = ExplainLevel::none;
    eo.past_attributes = past_attributes;
    const Evaluation e = policies.evaluate(then, activities, changes, as_of, eo);
    const Policy& policy = policies.in_force(as_of).policy();

    // The lead's place in each dimension.
    detail::Profile base;
    base[0] = segment_index && *segment_index < e.segments.size() ? e.segments[*segment_index].value
                                                                  : "(none)";
    base[1] = detail::attribute_text(lead, agreement.source, "(none)");
    base[2] = detail::attribute_text(lead, agreement.campaign, "(none)");
    base[3] = lead.owner ? lead.owner->value() : "(unassigned)";
    const auto team = team_of.find(base[3]);
    base[4] = team == team_of.end() ? "(none)" : team->second;
    base[5] = e.score && !e.score->grade.empty() ? e.score->grade : "(none)";
    const std::uint32_t profile = profile_id(base);
    detail::Recorder rec{*this, lead.id.value()};
    const auto detail_of = [&](std::string_view text) { return details.id(std::string{text}); };
    const auto stage_detail = [&](Stage s) { return known.stages[static_cast<std::size_t>(s)]; };
    const auto business = [&](Instant from, Instant to) {
        return calendar ? calendar->elapsed(from, to).count() : (to - from).count();
    };
    std::optional<Decimal> amount;
    if (!agreement.amount.empty()) {
        amount = attribute_or_null(lead.attributes, agreement.amount).as_decimal();
    }

    // Leads created, and their cohort.
    bool reached_mql = false;
    bool reached_customer = false;
    for (const StageChange& c : changes) {
        reached_mql = reached_mql || detail::funnel_rank(c.to) >= 1;
        reached_customer = reached_customer || c.to == Stage::customer;
    }
    rec.count(Metric::leads, 0, profile, lead.created_at);
    rec.rate(Metric::mql_rate, 0, profile, lead.created_at, reached_mql);
    rec.rate(Metric::lead_to_customer, 0, profile, lead.created_at, reached_customer);

    // Every change: an entry, the time the lead waited before it, the cadence it needed.
    Instant entered_from = lead.created_at;
    for (const StageChange& c : changes) {
        if (c.from == c.to) {
            continue;
        }
        rec.count(Metric::entries, stage_detail(c.to), profile, c.at);
        rec.sample(Metric::status_update_time, stage_detail(c.from), profile, c.at,
                   detail::Unit::seconds, business(entered_from, c.at));
        entered_from = c.at;
        if (std::find(reasons_needing_cadence.begin(), reasons_needing_cadence.end(), c.reason) !=
            reasons_needing_cadence.end()) {
            const bool violated =
                std::any_of(e.violations.begin(), e.violations.end(), [&](const Violation& v) {
                    return v.kind == ViolationKind::cadence_not_met && v.change.at == c.at &&
                           v.change.to == c.to;
                });
            rec.rate(Metric::cadence_compliance, 0, profile, c.at, !violated);
        }
    }

    // MQL cycles: each entry into MQL starts one, which ends at the next.
    bool first_mql = true;
    for (std::size_t i = 0; i < changes.size(); ++i) {
        if (changes[i].to != Stage::mql || changes[i].from == Stage::mql) {
            continue;
        }
        const Instant mql_at = changes[i].at;
        std::uint32_t cycle_profile = profile;
        if (policy.scoring) {
            const Policy& scoring_policy = policies.in_force(mql_at).policy();
            const ScoringModel& model =
                scoring_policy.scoring ? *scoring_policy.scoring : *policy.scoring;
            const ActivityHistory history{activities};
            const ScoreCard card =
                model.score(lead, history.until(mql_at), mql_at, ExplainLevel::none);
            detail::Profile at_mql = base;
            at_mql[5] = card.grade.empty() ? "(none)" : card.grade;
            cycle_profile = profile_id(at_mql);
            rec.sample(Metric::mql_score, 0, cycle_profile, mql_at, detail::Unit::milli_points,
                       card.total.milli());
            rec.count(Metric::mql_grade, detail_of(at_mql[5]), cycle_profile, mql_at);
        }
        if (first_mql) {
            rec.sample(Metric::velocity_to_mql, 0, cycle_profile, mql_at, detail::Unit::seconds,
                       business(lead.created_at, mql_at));
            rec.sample(Metric::velocity_to_mql_calendar, 0, cycle_profile, mql_at,
                       detail::Unit::seconds, (mql_at - lead.created_at).count());
            first_mql = false;
        }
        int reached = 1;
        std::optional<bool> accepted;
        std::string reason;
        for (std::size_t k = i + 1; k < changes.size() && changes[k].to != Stage::mql; ++k) {
            const StageChange& c = changes[k];
            reached = std::max(reached, detail::funnel_rank(c.to));
            if (!accepted && detail::funnel_rank(c.to) >= 2) {
                accepted = true;
            } else if (!accepted && detail::is_exit(c.to)) {
                accepted = false;
                reason = c.reason.empty() ? "(none)" : c.reason;
            }
        }
        rec.count(Metric::mql_cycles, 0, cycle_profile, mql_at);
        for (int r = 2; r <= 5; ++r) {
            if (reached >= r) {
                rec.count(Metric::funnel,
                          stage_detail(detail::funnel_order[static_cast<std::size_t>(r)]),
                          cycle_profile, mql_at);
            }
        }
        rec.count(Metric::mql_outcome,
                  !accepted   ? known.pending
                  : *accepted ? known.accepted
                              : known.rejected,
                  cycle_profile, mql_at);
        if (accepted) {
            rec.rate(Metric::acceptance_rate, 0, cycle_profile, mql_at, *accepted);
            rec.rate(Metric::rejection_rate, 0, cycle_profile, mql_at, !*accepted);
            if (!*accepted) {
                rec.count(Metric::rejection_reasons, detail_of(reason), cycle_profile, mql_at);
            }
        }
        rec.rate(Metric::sql_conversion, 0, cycle_profile, mql_at, reached >= 3);
    }

    // SQLs and opportunities: conversion onwards, pipeline, wins; customers: deal size, cycle.
    std::optional<Instant> last_sql;
    for (std::size_t i = 0; i < changes.size(); ++i) {
        const StageChange& c = changes[i];
        if (c.from == c.to) {
            continue;
        }
        if (c.to == Stage::sql) {
            last_sql = c.at;
            bool onwards = false;
            for (std::size_t k = i + 1; k < changes.size() && changes[k].to != Stage::sql; ++k) {
                onwards = onwards || detail::funnel_rank(changes[k].to) >= 4;
            }
            rec.rate(Metric::sql_to_opportunity, 0, profile, c.at, onwards);
        } else if (c.to == Stage::opportunity) {
            if (amount) {
                rec.amount(Metric::pipeline, 0, profile, c.at, *amount);
            }
            std::optional<bool> won;
            for (std::size_t k = i + 1;
                 k < changes.size() && changes[k].to != Stage::opportunity && !won; ++k) {
                if (changes[k].to == Stage::customer) {
                    won = true;
                } else if (detail::is_exit(changes[k].to)) {
                    won = false;
                }
            }
            if (won) {
                rec.rate(Metric::win_rate, 0, profile, c.at, *won);
            }
        } else if (c.to == Stage::customer) {
            if (amount) {
                rec.amount(Metric::deal_size, 0, profile, c.at, *amount);
            }
            rec.sample(Metric::sales_cycle, 0, profile, c.at, detail::Unit::seconds,
                       (c.at - last_sql.value_or(lead.created_at)).count());
        }
    }

    // The SLA clocks, as they stood at as_of, placed by their start.
    for (std::size_t ti = 0; ti < e.timers.size(); ++ti) {
        const TimerResult& t = e.timers[ti];
        if (!t.started_at || t.status == TimerStatus::not_applicable ||
            t.status == TimerStatus::pending) {
            continue;
        }
        // The SLA's detail ids, worked out once (another version's SLAs are looked up).
        detail::KnownDetails::Sla other;
        const detail::KnownDetails::Sla* k = nullptr;
        if (ti < known.slas.size() && known.slas[ti].id == t.sla) {
            k = &known.slas[ti];
        } else {
            other.id = t.sla;
            other.detail = detail_of(t.sla);
            for (std::size_t st = 0; st < other.by_status.size(); ++st) {
                other.by_status[st] =
                    detail_of(fmt::format("{}:{}", t.sla, static_cast<TimerStatus>(st)));
            }
            for (std::size_t b = 0; b < other.buckets.size(); ++b) {
                other.buckets[b] = detail_of(fmt::format("{}:{}", t.sla, detail::bucket_names[b]));
            }
            k = &other;
        }
        const std::uint32_t sla = k->detail;
        detail::Profile clock_profile = base;
        if (!t.segment.empty()) {
            clock_profile[0] = t.segment;  // the segment that chose the clock's target
        }
        const std::uint32_t cp = t.segment.empty() ? profile : profile_id(clock_profile);
        const Instant started = *t.started_at;
        rec.count(Metric::clocks, k->by_status[static_cast<std::size_t>(t.status)], cp, started);
        const bool met = t.status == TimerStatus::met_on_time || t.status == TimerStatus::met_late;
        if (met || t.status == TimerStatus::breached) {
            rec.rate(Metric::on_time_rate, sla, cp, started, t.status == TimerStatus::met_on_time);
        }
        const bool response =
            std::find(response_slas.begin(), response_slas.end(), t.sla) != response_slas.end();
        if (response && met) {
            rec.sample(Metric::response_time, sla, cp, started, detail::Unit::seconds,
                       t.elapsed.count());
            rec.count(Metric::response_buckets, k->buckets[detail::bucket_of(t.elapsed.count())],
                      cp, started);
        }
        if (t.breached_at) {
            rec.count(Metric::breaches, sla, cp, *t.breached_at);
            if (const auto recycles = recycles_to.find(t.sla); recycles != recycles_to.end()) {
                rec.count(Metric::stalled, sla, cp, *t.breached_at);
                const bool recycled =
                    std::any_of(changes.begin(), changes.end(), [&](const StageChange& c) {
                        return c.at >= *t.breached_at && c.to == recycles->second;
                    });
                if (recycled) {
                    rec.count(Metric::recycled, sla, cp, *t.breached_at);
                }
            }
            if (!(*t.breached_at < options.from) && *t.breached_at < options.to) {
                BreachRow row{*t.breached_at,   lead.id.value(), t.sla,   t.status,
                              clock_profile[0], base[3],         base[4], t.elapsed};
                const auto later = [](const BreachRow& x, const BreachRow& y) {
                    return std::tie(y.breached_at, x.lead, x.sla) <
                           std::tie(x.breached_at, y.lead, y.sla);
                };
                breaches.insert(std::upper_bound(breaches.begin(), breaches.end(), row, later),
                                std::move(row));
                if (breaches.size() > options.top) {
                    breaches.pop_back();
                }
            }
        }
        if (t.status == TimerStatus::running || t.status == TimerStatus::paused) {
            rec.now(Metric::open_clocks, sla, cp);
            if (!t.thresholds.empty()) {
                rec.now(Metric::at_risk_now, sla, cp);
            }
        }
    }
}

std::uint32_t Scorecard::Impl::profile_id(const detail::Profile& p) {
    const std::uint32_t id = profiles.id(p);
    if (id == profile_keys.size()) {
        auto& k = profile_keys.emplace_back();
        k[0] = keys.id(std::string{});
        for (std::size_t d = 0; d < p.size(); ++d) {
            k[d + 1] = keys.id(p[d]);
        }
    }
    return id;
}

void Scorecard::Impl::merge(const Impl& other) {
    // Ids are each scorecard's own: the other's cells are re-keyed by their strings.
    std::vector<std::uint32_t> profile_map(other.profiles.size());
    for (std::uint32_t i = 0; i < other.profiles.size(); ++i) {
        profile_map[i] = profile_id(other.profiles.value(i));
    }
    std::vector<std::uint32_t> detail_map(other.details.size());
    for (std::uint32_t i = 0; i < other.details.size(); ++i) {
        detail_map[i] = details.id(other.details.value(i));
    }
    const auto rekey = [&](detail::CellKey k) {
        k.profile = profile_map[k.profile];
        k.detail = detail_map[k.detail];
        return k;
    };
    for (const auto& [k, t] : other.tallies) {
        detail::Tally& mine = tallies[rekey(k)];
        mine.count += t.count;
        mine.denominator += t.denominator;
        mine.amount = mine.amount + t.amount;
    }
    for (const auto& [k, d] : other.distributions) {
        distributions[rekey(k)].merge(d);
    }
    std::vector<std::uint32_t> key_map(other.keys.size());
    for (std::uint32_t i = 0; i < other.keys.size(); ++i) {
        key_map[i] = keys.id(other.keys.value(i));
    }
    samples.merge(other.samples, detail_map, key_map);
    std::vector<BreachRow> all;
    all.reserve(breaches.size() + other.breaches.size());
    const auto later = [](const BreachRow& x, const BreachRow& y) {
        return std::tie(y.breached_at, x.lead, x.sla) < std::tie(x.breached_at, y.lead, y.sla);
    };
    std::merge(breaches.begin(), breaches.end(), other.breaches.begin(), other.breaches.end(),
               std::back_inserter(all), later);
    if (all.size() > options.top) {
        all.resize(options.top);
    }
    breaches = std::move(all);
    leads += other.leads;
    leads_not_yet_created += other.leads_not_yet_created;
    bad_input += other.bad_input;
}

Result<Scorecard> merge(Scorecard a, const Scorecard& b) {
    const Scorecard::Impl& x = *a.impl_;
    const Scorecard::Impl& y = *b.impl_;
    if (!(x.options == y.options) || !detail::same_policies(x.policies, y.policies)) {
        return Error{ErrorCode::policy_invalid, "",
                     "scorecards merge only with the same policy versions, window, as_of, period "
                     "and top"};
    }
    a.impl_->merge(y);
    return a;
}

Review Scorecard::review() const {
    return impl_->review();
}

}  // namespace leadsla
