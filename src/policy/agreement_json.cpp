// SPDX-License-Identifier: Apache-2.0
// Reader of the `agreement` section (the review's reporting and targets) and the check of its
// names against the compiled policy.
#include <algorithm>
#include <charconv>
#include <set>

#include <leadsla/time/zone.hpp>

#include "policy/sections.hpp"

namespace leadsla::detail {
namespace {

/// `"65%"`, `"65.5%"` → basis points; nullopt unless a percentage from 0 to 100.
std::optional<std::int64_t> parse_percent(std::string_view text) {
    if (text.size() < 2 || text.back() != '%') {
        return std::nullopt;
    }
    text.remove_suffix(1);
    const std::size_t dot = text.find('.');
    const std::string_view whole = text.substr(0, dot);
    const std::string_view fraction = dot == std::string_view::npos ? "" : text.substr(dot + 1);
    if (whole.empty() || whole.size() > 3 || fraction.size() > 2 ||
        (dot != std::string_view::npos && fraction.empty())) {
        return std::nullopt;
    }
    std::int64_t w = 0;
    if (std::from_chars(whole.data(), whole.data() + whole.size(), w).ptr !=
        whole.data() + whole.size()) {
        return std::nullopt;
    }
    std::int64_t f = 0;
    if (!fraction.empty() &&
        std::from_chars(fraction.data(), fraction.data() + fraction.size(), f).ptr !=
            fraction.data() + fraction.size()) {
        return std::nullopt;
    }
    const std::int64_t bp = w * 100 + (fraction.size() == 1 ? f * 10 : f);
    return bp <= 10000 ? std::optional{bp} : std::nullopt;
}

/// Reads the target value at `key` (`at_least` / `at_most`) as the metric's kind.
std::optional<TargetValue> read_value(Reader& r,
                                      const nlohmann::json& v,
                                      MetricKind kind,
                                      const std::string& where) {
    TargetValue out;
    out.kind = kind;
    switch (kind) {
        case MetricKind::count:
            if (!v.is_number_integer() ||
                (v.is_number_unsigned() && v.get<std::uint64_t>() > 1000000000U) ||
                (!v.is_number_unsigned() && v.get<std::int64_t>() < 0)) {
                r.error(ErrorCode::json_type, where,
                        fmt::format("a count target is a whole number from 0 to 1000000000, got {}",
                                    v.dump()));
                return std::nullopt;
            }
            out.count = v.get<std::int64_t>();
            return out;
        case MetricKind::rate: {
            const auto bp = v.is_string() ? parse_percent(v.get<std::string>()) : std::nullopt;
            if (!bp) {
                r.error(ErrorCode::json_type, where,
                        fmt::format("a rate target is a percentage such as \"65%\" or \"92.5%\" "
                                    "(0% to 100%), got {}",
                                    v.dump()));
                return std::nullopt;
            }
            out.basis_points = *bp;
            return out;
        }
        case MetricKind::duration: {
            Result<BusinessDuration> d = v.is_string()
                                             ? BusinessDuration::parse(v.get<std::string>())
                                             : Result<BusinessDuration>{Error{
                                                   ErrorCode::time_bad_duration, where,
                                                   "expected a business duration such as \"4h\""}};
            if (!d || d->count() < 0) {
                r.error(ErrorCode::time_bad_duration, where,
                        fmt::format("a duration target is business time such as \"4h\" or "
                                    "\"1h30m\", got {}",
                                    v.dump()));
                return std::nullopt;
            }
            out.duration = *d;
            return out;
        }
        case MetricKind::amount: {
            Result<Decimal> a = v.is_string() ? Decimal::parse(v.get<std::string>())
                                : v.is_number()
                                    ? Decimal::parse(v.dump())
                                    : Result<Decimal>{Error{ErrorCode::model_bad_decimal, where,
                                                            "expected an amount"}};
            if (!a) {
                r.error(ErrorCode::model_bad_decimal, where,
                        fmt::format("an amount target is a decimal such as \"250000.00\", got {}",
                                    v.dump()));
                return std::nullopt;
            }
            out.amount = *a;
            return out;
        }
    }
    return std::nullopt;
}

AgreementTarget read_agreement_target(Reader& r, const nlohmann::json& t, const std::string& here) {
    AgreementTarget out;
    out.pointer = here;
    if (!r.object(t, here,
                  {"id", "metric", "stage", "sla", "period", "scope", "at_least", "at_most",
                   "responsible"})) {
        return out;
    }
    out.id = r.string(t, "id", here, true).value_or("");
    if (const auto m = r.string(t, "metric", here, true)) {
        if (const auto metric = parse_agreement_metric(*m)) {
            out.metric = *metric;
        } else {
            r.error(ErrorCode::policy_unknown_reference, here + "/metric",
                    fmt::format("\"{}\" is not a metric (one of: leads, entries, mql_rate, "
                                "acceptance_rate, rejection_rate, sql_conversion, win_rate, "
                                "lead_to_customer, on_time_rate, response_time_p50, "
                                "response_time_p90, pipeline)",
                                *m));
            return out;
        }
    }
    if (out.metric == AgreementMetric::entries) {
        if (const auto s = r.stage(t, "stage", here, true)) {
            out.stage = *s;
        }
    } else if (t.contains("stage")) {
        r.error(ErrorCode::policy_invalid, here + "/stage",
                fmt::format("\"stage\" belongs to the entries metric, not to {}", out.metric));
    }
    const bool sla_metric = out.metric == AgreementMetric::on_time_rate ||
                            out.metric == AgreementMetric::response_time_p50 ||
                            out.metric == AgreementMetric::response_time_p90;
    if (sla_metric) {
        out.sla = r.string(t, "sla", here, true).value_or("");
    } else if (t.contains("sla")) {
        r.error(ErrorCode::policy_invalid, here + "/sla",
                fmt::format("\"sla\" belongs to the SLA metrics (on_time_rate, "
                            "response_time_p50, response_time_p90), not to {}",
                            out.metric));
    }
    if (const auto p = r.string(t, "period", here, true)) {
        if (const auto period = parse_period(*p)) {
            out.period = *period;
        } else {
            r.error(ErrorCode::policy_invalid, here + "/period",
                    fmt::format("\"{}\" is not a period (day, week, month, quarter, year)", *p));
        }
    }
    if (const auto who = r.string(t, "responsible", here, true)) {
        if (const auto party = parse_responsible(*who)) {
            out.responsible = *party;
        } else {
            r.error(ErrorCode::policy_invalid, here + "/responsible",
                    fmt::format("\"{}\" is not a party (marketing, sales, shared)", *who));
        }
    }
    if (const auto* scope = r.member(t, "scope", here, false)) {
        const std::string at = here + "/scope";
        if (r.object(*scope, at, {"segment", "source", "campaign", "owner", "team", "grade"})) {
            if (scope->size() != 1) {
                r.error(ErrorCode::policy_invalid, at,
                        "a scope names one dimension, e.g. {\"segment\": \"enterprise\"} or "
                        "{\"team\": \"dach\"}");
            } else {
                const auto first = scope->begin();
                const std::string& key = first.key();
                const nlohmann::json& value = first.value();
                out.scope.dimension = parse_dimension(key).value_or(Dimension::all);
                if (!value.is_string() || value.get<std::string>().empty()) {
                    r.type_error(pointer_append(at, key), "a non-empty string", value);
                } else {
                    out.scope.value = value.get<std::string>();
                }
            }
        }
    }
    const nlohmann::json* least = r.member(t, "at_least", here, false);
    const nlohmann::json* most = r.member(t, "at_most", here, false);
    if ((least == nullptr) == (most == nullptr)) {
        r.error(ErrorCode::policy_invalid, here,
                "a target needs exactly one of \"at_least\" and \"at_most\"");
        return out;
    }
    out.at_least = least != nullptr;
    if (const auto v = read_value(r, least != nullptr ? *least : *most, kind_of(out.metric),
                                  here + (least != nullptr ? "/at_least" : "/at_most"))) {
        out.value = *v;
    }
    return out;
}

}  // namespace

AgreementSpec read_agreement(Reader& r, const nlohmann::json& value, const std::string& where) {
    AgreementSpec out;
    if (!r.object(value, where,
                  {"calendar", "zone", "segment", "source", "campaign", "amount", "response_slas",
                   "targets"})) {
        return out;
    }
    out.calendar = r.string(value, "calendar", where, false).value_or("");
    out.zone = r.string(value, "zone", where, false).value_or("");
    out.segment = r.string(value, "segment", where, false).value_or("");
    out.source = r.string(value, "source", where, false).value_or("");
    out.campaign = r.string(value, "campaign", where, false).value_or("");
    out.amount = r.string(value, "amount", where, false).value_or("");
    out.response_slas = r.strings(value, "response_slas", where);
    if (const auto* targets = r.array(value, "targets", where, false, "an array of targets")) {
        for (std::size_t i = 0; i < targets->size(); ++i) {
            out.targets.push_back(
                read_agreement_target(r, (*targets)[i], fmt::format("{}/targets/{}", where, i)));
        }
    }
    return out;
}

void check_agreement(const AgreementSpec& a, const Policy& p, std::vector<Error>& errors) {
    const std::string where = "/agreement";
    const auto error = [&](ErrorCode code, std::string at, std::string message) {
        errors.push_back(Error{code, std::move(at), std::move(message)});
    };
    if (!a.calendar.empty() && !a.zone.empty()) {
        error(ErrorCode::policy_invalid, where,
              "give the reporting \"calendar\" or a \"zone\", not both (a calendar has its zone)");
    }
    if (!a.calendar.empty() && !p.calendars.contains(a.calendar)) {
        error(ErrorCode::policy_unknown_reference, where + "/calendar",
              fmt::format("\"{}\" is not a calendar of the policy", a.calendar));
    }
    if (!a.zone.empty()) {
        if (Result<Zone> z = Zone::locate(a.zone); !z) {
            error(z.error().code, where + "/zone", z.error().message);
        }
    }
    if (a.calendar.empty() && a.zone.empty()) {
        error(ErrorCode::json_missing_key, where + "/calendar",
              "the review needs a reporting \"calendar\" or \"zone\" to place its periods (an "
              "MQL at 00:30 on 1 February in Berlin counts in February, not in UTC's January)");
    }
    if (!a.segment.empty() && (!p.segments || !p.segments->find(a.segment))) {
        error(ErrorCode::policy_unknown_reference, where + "/segment",
              fmt::format("\"{}\" is not a classification of the policy's segments", a.segment));
    }
    const auto attribute = [&](const std::string& name, const char* key, AttributeType type) {
        if (name.empty()) {
            return;
        }
        const auto it = p.schema.attributes.find(name);
        if (it == p.schema.attributes.end()) {
            error(ErrorCode::expr_unknown_name, fmt::format("{}/{}", where, key),
                  fmt::format("\"{}\" is not an attribute of the schema", name));
        } else if (it->second != type) {
            error(ErrorCode::expr_type_mismatch, fmt::format("{}/{}", where, key),
                  fmt::format("\"{}\" is declared {}; the {} attribute must be {}", name,
                              it->second, key, type));
        }
    };
    attribute(a.source, "source", AttributeType::string);
    attribute(a.campaign, "campaign", AttributeType::string);
    attribute(a.amount, "amount", AttributeType::decimal);
    const auto sla_known = [&](const std::string& id) {
        return p.slas && std::any_of(p.slas->specs().begin(), p.slas->specs().end(),
                                     [&](const SlaSpec& s) { return s.id == id; });
    };
    for (std::size_t i = 0; i < a.response_slas.size(); ++i) {
        if (!sla_known(a.response_slas[i])) {
            error(ErrorCode::policy_unknown_reference, fmt::format("{}/response_slas/{}", where, i),
                  fmt::format("\"{}\" is not an SLA of the policy", a.response_slas[i]));
        }
    }
    std::set<std::string, std::less<>> ids;
    for (const AgreementTarget& t : a.targets) {
        if (t.id.empty() || !ids.insert(t.id).second) {
            error(ErrorCode::policy_duplicate_id, t.pointer + "/id",
                  fmt::format("target ids must be unique and non-empty; \"{}\" is not", t.id));
        }
        if (t.metric == AgreementMetric::entries && p.lifecycle && !p.lifecycle->defines(t.stage)) {
            error(ErrorCode::lifecycle_undefined_stage, t.pointer + "/stage",
                  fmt::format("stage {} is not a stage of the lifecycle", t.stage));
        }
        if (!t.sla.empty() && !sla_known(t.sla)) {
            error(ErrorCode::policy_unknown_reference, t.pointer + "/sla",
                  fmt::format("\"{}\" is not an SLA of the policy", t.sla));
        }
        if (t.metric == AgreementMetric::pipeline && a.amount.empty()) {
            error(ErrorCode::policy_invalid, t.pointer + "/metric",
                  "pipeline sums an amount: name the decimal attribute in /agreement/amount");
        }
        const std::string scope = t.pointer + "/scope/" + std::string{to_string(t.scope.dimension)};
        switch (t.scope.dimension) {
            case Dimension::all:
            case Dimension::grade:
                break;
            case Dimension::segment: {
                const std::optional<std::size_t> k =
                    p.segments ? p.segments->find(a.segment.empty() && !p.segments->specs().empty()
                                                      ? p.segments->specs().front().id
                                                      : a.segment)
                               : std::nullopt;
                if (!k || !p.segments->can_give(*k, t.scope.value)) {
                    error(ErrorCode::policy_unknown_reference, scope,
                          fmt::format("\"{}\" is not a value of the reporting segment "
                                      "classification",
                                      t.scope.value));
                }
                break;
            }
            case Dimension::source:
            case Dimension::campaign:
                if ((t.scope.dimension == Dimension::source ? a.source : a.campaign).empty()) {
                    error(ErrorCode::policy_invalid, scope,
                          fmt::format("a {0} scope needs the {0} attribute in /agreement/{0}",
                                      t.scope.dimension));
                }
                break;
            case Dimension::owner:
                if (!p.routing ||
                    std::none_of(
                        p.routing->spec().owners.begin(), p.routing->spec().owners.end(),
                        [&](const OwnerSpec& o) { return o.id.value() == t.scope.value; })) {
                    error(ErrorCode::policy_unknown_reference, scope,
                          fmt::format("\"{}\" is not an owner of the routing section",
                                      t.scope.value));
                }
                break;
            case Dimension::team:
                if (!p.routing ||
                    std::none_of(p.routing->spec().teams.begin(), p.routing->spec().teams.end(),
                                 [&](const TeamSpec& s) { return s.id == t.scope.value; })) {
                    error(
                        ErrorCode::policy_unknown_reference, scope,
                        fmt::format("\"{}\" is not a team of the routing section", t.scope.value));
                }
                break;
        }
    }
}

}  // namespace leadsla::detail
