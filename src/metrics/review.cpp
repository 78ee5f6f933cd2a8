// SPDX-License-Identifier: Apache-2.0
// The review computed from a scorecard's counters: series per period and breakdown, the
// agreement's targets with their status and projection.
#include <algorithm>
#include <limits>
#include <map>
#include <tuple>

#include <leadsla/metrics/review.hpp>
#include <leadsla/scoring/points.hpp>

#include "metrics/counters.hpp"

namespace leadsla {
namespace detail {
namespace {

using Unit = Distribution::Unit;

const std::vector<MetricInfo> table{
    {Metric::leads, "leads", Figure::Kind::count},
    {Metric::mql_rate, "mql_rate", Figure::Kind::rate},
    {Metric::lead_to_customer, "lead_to_customer", Figure::Kind::rate},
    {Metric::entries, "entries", Figure::Kind::count},
    {Metric::velocity_to_mql, "velocity_to_mql", Figure::Kind::duration},
    {Metric::velocity_to_mql_calendar, "velocity_to_mql_calendar", Figure::Kind::duration},
    {Metric::mql_score, "mql_score", Figure::Kind::points},
    {Metric::mql_grade, "mql_grade", Figure::Kind::count},
    {Metric::mql_cycles, "mql_cycles", Figure::Kind::count},
    {Metric::funnel, "funnel", Figure::Kind::count},
    {Metric::mql_outcome, "mql_outcome", Figure::Kind::count},
    {Metric::acceptance_rate, "acceptance_rate", Figure::Kind::rate},
    {Metric::rejection_rate, "rejection_rate", Figure::Kind::rate},
    {Metric::rejection_reasons, "rejection_reasons", Figure::Kind::count},
    {Metric::sql_conversion, "sql_conversion", Figure::Kind::rate},
    {Metric::sql_to_opportunity, "sql_to_opportunity", Figure::Kind::rate},
    {Metric::win_rate, "win_rate", Figure::Kind::rate},
    {Metric::pipeline, "pipeline", Figure::Kind::amount},
    {Metric::deal_size, "deal_size", Figure::Kind::amount},
    {Metric::sales_cycle, "sales_cycle", Figure::Kind::duration},
    {Metric::status_update_time, "status_update_time", Figure::Kind::duration},
    {Metric::cadence_compliance, "cadence_compliance", Figure::Kind::rate},
    {Metric::clocks, "clocks", Figure::Kind::count},
    {Metric::on_time_rate, "on_time_rate", Figure::Kind::rate},
    {Metric::response_time, "response_time", Figure::Kind::duration},
    {Metric::response_buckets, "response_buckets", Figure::Kind::count},
    {Metric::breaches, "breaches", Figure::Kind::count},
    {Metric::stalled, "stalled", Figure::Kind::count},
    {Metric::recycled, "recycled", Figure::Kind::count},
    {Metric::open_clocks, "open_clocks", Figure::Kind::count},
    {Metric::at_risk_now, "at_risk_now", Figure::Kind::count},
};

Unit unit_of(Figure::Kind kind) {
    return kind == Figure::Kind::points ? Unit::milli_points : Unit::seconds;
}

bool is_distribution(Figure::Kind kind) {
    return kind == Figure::Kind::duration || kind == Figure::Kind::points;
}

/// What the cells of one series add up to, per period.
struct Accumulated {
    std::vector<Tally> tallies;
    std::vector<Distribution> distributions;
};

Figure figure_of(Figure::Kind kind, const Tally& t, const Distribution* d) {
    Figure f;
    f.kind = kind;
    if (is_distribution(kind)) {
        if (d != nullptr) {
            f.count = d->count();
            f.p50 = d->percentile(unit_of(kind), 50);
            f.p90 = d->percentile(unit_of(kind), 90);
        }
        return f;
    }
    f.count = t.count;
    f.denominator = kind == Figure::Kind::rate ? t.denominator : 0;
    f.amount = kind == Figure::Kind::amount ? t.amount : Decimal{};
    return f;
}

/// The value of dimension `d` in a profile; empty for `all`.
const std::string& value_of(const Profile& p, Dimension d) {
    static const std::string none;
    return d == Dimension::all ? none : p[static_cast<std::size_t>(d) - 1];
}

constexpr std::array<Dimension, 7> every_dimension{
    Dimension::all,   Dimension::segment, Dimension::source, Dimension::campaign,
    Dimension::owner, Dimension::team,    Dimension::grade};

/// `actual × whole / done`, rounded half up; saturates instead of overflowing. `whole` and
/// `done` are seconds of one period (at most a year's), so the remainder's product fits.
std::int64_t scale(std::int64_t actual, std::int64_t whole, std::int64_t done) {
    const std::int64_t q = actual / done;
    const std::int64_t rem = actual % done;
    std::int64_t scaled = 0;
    if (__builtin_mul_overflow(q, whole, &scaled)) {
        return q < 0 ? std::numeric_limits<std::int64_t>::min()
                     : std::numeric_limits<std::int64_t>::max();
    }
    return scaled + (rem * whole * 2 + done) / (2 * done);
}

/// Whether `f` meets the target (a figure with data).
bool meets(const AgreementTarget& t, const Figure& f) {
    std::int64_t actual = 0;
    std::int64_t goal = 0;
    switch (t.value.kind) {
        case MetricKind::count:
            actual = f.count;
            goal = t.value.count;
            break;
        case MetricKind::rate:
            actual = f.basis_points();
            goal = t.value.basis_points;
            break;
        case MetricKind::duration:
            actual = t.metric == AgreementMetric::response_time_p50 ? f.p50 : f.p90;
            goal = t.value.duration.count();
            break;
        case MetricKind::amount:
            actual = f.amount.units();
            goal = t.value.amount.units();
            break;
    }
    return t.at_least ? actual >= goal : actual <= goal;
}

/// The scorecard metric and detail a target reads.
std::pair<Metric, std::string> source_of(const AgreementTarget& t) {
    switch (t.metric) {
        case AgreementMetric::leads:
            return {Metric::leads, ""};
        case AgreementMetric::entries:
            return {Metric::entries, std::string{to_string(t.stage)}};
        case AgreementMetric::mql_rate:
            return {Metric::mql_rate, ""};
        case AgreementMetric::acceptance_rate:
            return {Metric::acceptance_rate, ""};
        case AgreementMetric::rejection_rate:
            return {Metric::rejection_rate, ""};
        case AgreementMetric::sql_conversion:
            return {Metric::sql_conversion, ""};
        case AgreementMetric::win_rate:
            return {Metric::win_rate, ""};
        case AgreementMetric::lead_to_customer:
            return {Metric::lead_to_customer, ""};
        case AgreementMetric::on_time_rate:
            return {Metric::on_time_rate, t.sla};
        case AgreementMetric::response_time_p50:
        case AgreementMetric::response_time_p90:
            return {Metric::response_time, t.sla};
        case AgreementMetric::pipeline:
            return {Metric::pipeline, ""};
    }
    return {Metric::leads, ""};
}

}  // namespace

const std::vector<MetricInfo>& metric_table() {
    return table;
}

const MetricInfo& info(Metric m) {
    return table[static_cast<std::size_t>(m)];
}

}  // namespace detail

bool Figure::has_data() const noexcept {
    switch (kind) {
        case Kind::rate:
            return denominator > 0;
        case Kind::duration:
        case Kind::points:
            return count > 0;
        case Kind::count:
        case Kind::amount:
            return true;
    }
    return true;
}

std::int64_t Figure::basis_points() const noexcept {
    if (kind != Kind::rate || denominator <= 0) {
        return 0;
    }
    return (count * 20000 + denominator) / (2 * denominator);
}

std::string to_string(const Figure& f) {
    if (!f.has_data()) {
        return "-";
    }
    const auto seconds = [](std::int64_t s) {
        return fmt::format("{}", BusinessDuration::seconds(s));
    };
    switch (f.kind) {
        case Figure::Kind::count:
            return fmt::format("{}", f.count);
        case Figure::Kind::rate: {
            const std::int64_t tenths = (f.count * 2000 + f.denominator) / (2 * f.denominator);
            return fmt::format("{}.{}% ({}/{})", tenths / 10, tenths % 10, f.count, f.denominator);
        }
        case Figure::Kind::duration:
            return fmt::format("p50 {}, p90 {} ({})", seconds(f.p50), seconds(f.p90), f.count);
        case Figure::Kind::points:
            return fmt::format("p50 {}, p90 {} ({})", Points::from_milli(f.p50),
                               Points::from_milli(f.p90), f.count);
        case Figure::Kind::amount:
            return fmt::format("{} ({})", f.amount, f.count);
    }
    return "-";
}

std::string_view to_string(TargetStatus status) noexcept {
    switch (status) {
        case TargetStatus::met:
            return "met";
        case TargetStatus::missed:
            return "missed";
        case TargetStatus::on_track:
            return "on_track";
        case TargetStatus::at_risk:
            return "at_risk";
        case TargetStatus::no_data:
            return "no_data";
    }
    return "no_data";
}

const Series* Review::find(std::string_view metric,
                           std::string_view detail,
                           Dimension dimension,
                           std::string_view key) const noexcept {
    // The series are sorted by (metric, detail, dimension, key).
    using Key = std::tuple<std::string_view, std::string_view, Dimension, std::string_view>;
    const auto key_of = [](const Series& s) { return Key{s.metric, s.detail, s.dimension, s.key}; };
    const Key wanted{metric, detail, dimension, key};
    const auto it = std::lower_bound(series.begin(), series.end(), wanted,
                                     [&](const Series& s, const Key& k) { return key_of(s) < k; });
    if (it == series.end() || key_of(*it) != wanted) {
        return nullptr;
    }
    return &*it;
}

std::vector<std::string> Review::keys(std::string_view metric,
                                      std::string_view detail,
                                      Dimension dimension) const {
    std::vector<std::string> out;
    for (const Series& s : series) {
        if (s.metric == metric && s.detail == detail && s.dimension == dimension) {
            out.push_back(s.key);
        }
    }
    return out;
}

Review Scorecard::Impl::review() const {
    using detail::Accumulated;
    Review r;
    const Policy& p = policies.in_force(options.as_of).policy();
    r.policy_id = p.id;
    r.policy_version = p.version;
    r.policy_hash = p.content_hash;
    const Engine* first = &policies.in_force(options.from);
    for (const Engine& e : policies.versions()) {
        const Policy& v = e.policy();
        const bool later = v.effective_from && options.from < *v.effective_from &&
                           *v.effective_from < options.to && *v.effective_from <= options.as_of;
        if (&e == first || later) {
            r.policy_versions.push_back(
                PolicyVersionNote{v.version, v.effective_from, v.content_hash, v.rationale});
        }
    }
    r.from = options.from;
    r.to = options.to;
    r.as_of = options.as_of;
    r.period = options.period;
    r.zone = std::string{zone.name()};
    r.periods = grids[0].periods(options.as_of);
    r.leads = leads;
    r.leads_not_yet_created = leads_not_yet_created;
    r.bad_input = bad_input;
    r.breaches = breaches;

    // Series over the review's periods: every cell adds to its series in each dimension. The
    // series are gathered by ids (no string is built per cell: a million leads make hundreds of
    // thousands of cells), then named and sorted once.
    const std::size_t n = grids[0].size();
    std::unordered_map<detail::SeriesId, Accumulated, detail::SeriesIdHash> acc;
    const auto slot = [&](const detail::CellKey& k, std::size_t d) -> Accumulated& {
        Accumulated& a = acc[detail::SeriesId{k.metric, static_cast<std::uint16_t>(d), k.detail,
                                              profile_keys[k.profile][d]}];
        if (a.tallies.empty()) {
            a.tallies.resize(n);
            a.distributions.resize(n);
        }
        return a;
    };
    for (const auto& [k, t] : tallies) {
        if (k.grid != 0) {
            continue;
        }
        for (std::size_t d = 0; d < detail::every_dimension.size(); ++d) {
            detail::Tally& into = slot(k, d).tallies[k.period];
            into.count += t.count;
            into.denominator += t.denominator;
            into.amount = into.amount + t.amount;
        }
    }
    for (const auto& [k, dist] : distributions) {
        if (k.grid != 0) {
            continue;
        }
        for (std::size_t d = 0; d < detail::every_dimension.size(); ++d) {
            slot(k, d).distributions[k.period].merge(dist);
        }
    }
    // `find` relies on the order (metric, detail, dimension, key).
    using Named = std::tuple<std::string_view, std::string_view, Dimension, std::string_view>;
    std::vector<std::pair<Named, const detail::SeriesId*>> order;
    order.reserve(acc.size());
    for (const auto& [id, a] : acc) {
        order.emplace_back(Named{detail::info(static_cast<detail::Metric>(id.metric)).name,
                                 details.value(id.detail), static_cast<Dimension>(id.dimension),
                                 keys.value(id.key)},
                           &id);
    }
    std::sort(order.begin(), order.end(),
              [](const auto& x, const auto& y) { return x.first < y.first; });
    r.series.reserve(order.size());
    for (const auto& [name, id] : order) {
        const Accumulated& a = acc.find(*id)->second;
        const Figure::Kind kind = detail::info(static_cast<detail::Metric>(id->metric)).kind;
        Series s{std::string{std::get<0>(name)},
                 std::string{std::get<1>(name)},
                 std::get<2>(name),
                 std::string{std::get<3>(name)},
                 {},
                 {},
                 {}};
        detail::Tally total;
        detail::Distribution all;
        for (std::size_t i = 0; i < n; ++i) {
            s.periods.push_back(detail::figure_of(kind, a.tallies[i], &a.distributions[i]));
            total.count += a.tallies[i].count;
            total.denominator += a.tallies[i].denominator;
            total.amount = total.amount + a.tallies[i].amount;
            all.merge(a.distributions[i]);
        }
        s.window = detail::figure_of(kind, total, &all);
        if (s.metric == "breaches" && s.dimension == Dimension::all) {
            r.breach_count += total.count;
        }
        if (const auto list = samples.lists().find(*id); list != samples.lists().end()) {
            for (const detail::LeadSample& l : list->second) {
                s.leads.push_back(l.lead);
            }
        }
        r.series.push_back(std::move(s));
    }

    // The targets, each over its own periods.
    for (const AgreementTarget& t : agreement.targets) {
        TargetReview tr{t, {}};
        const auto g = static_cast<std::size_t>(
            std::find_if(grids.begin(), grids.end(),
                         [&](const detail::PeriodGrid& x) { return x.kind() == t.period; }) -
            grids.begin());
        const std::pair<detail::Metric, std::string> source = detail::source_of(t);
        const detail::Metric metric = source.first;
        const std::string& detail_text = source.second;
        const detail::MetricInfo& m = detail::info(metric);
        const std::size_t periods = grids[g].size();
        std::vector<detail::Tally> per(periods);
        std::vector<detail::Distribution> dist(periods);
        const auto matches = [&](const detail::CellKey& k) {
            return k.grid == g && k.metric == static_cast<std::uint16_t>(metric) &&
                   details.value(k.detail) == detail_text &&
                   (t.scope.dimension == Dimension::all ||
                    detail::value_of(profiles.value(k.profile), t.scope.dimension) ==
                        t.scope.value);
        };
        for (const auto& [k, v] : tallies) {
            if (matches(k)) {
                per[k.period].count += v.count;
                per[k.period].denominator += v.denominator;
                per[k.period].amount = per[k.period].amount + v.amount;
            }
        }
        for (const auto& [k, v] : distributions) {
            if (matches(k)) {
                dist[k.period].merge(v);
            }
        }
        const std::vector<ReviewPeriod> labels = grids[g].periods(options.as_of);
        for (std::size_t i = 0; i < periods; ++i) {
            const ReviewPeriod& period = labels[i];
            if (options.as_of < period.from) {
                continue;  // not begun at as_of: nothing to judge
            }
            TargetPeriod tp{period, detail::figure_of(m.kind, per[i], &dist[i]), std::nullopt,
                            TargetStatus::no_data};
            if (period.running) {
                Figure projected = tp.actual;
                const auto elapsed = [&](Instant a, Instant b) {
                    return calendar ? calendar->elapsed(a, b).count() : (b - a).count();
                };
                const std::int64_t done = elapsed(period.from, options.as_of);
                const std::int64_t whole = elapsed(period.from, period.to);
                if (done > 0 && whole > 0) {
                    if (m.kind == Figure::Kind::count) {
                        projected.count = detail::scale(tp.actual.count, whole, done);
                    } else if (m.kind == Figure::Kind::amount) {
                        projected.amount = Decimal::from_units(
                            detail::scale(tp.actual.amount.units(), whole, done));
                    }
                }
                tp.projected = projected;
                if (projected.has_data()) {
                    tp.status = detail::meets(t, projected) ? TargetStatus::on_track
                                                            : TargetStatus::at_risk;
                }
            } else if (tp.actual.has_data()) {
                tp.status = detail::meets(t, tp.actual) ? TargetStatus::met : TargetStatus::missed;
            }
            tr.periods.push_back(std::move(tp));
        }
        r.targets.push_back(std::move(tr));
    }
    return r;
}

}  // namespace leadsla
