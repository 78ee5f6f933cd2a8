// SPDX-License-Identifier: Apache-2.0
// Compiled evaluation equals a straightforward tree-walking interpreter of the parsed expression,
// on random expressions, leads and histories (seeded). The interpreter reads attributes and
// properties by name from the Lead and Activity values — none of the compiled machinery.
#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <random>
#include <set>

#include "expr/parser.hpp"

#include <support/expr_fixture.hpp>
#include <support/expr_interpreter.hpp>

namespace {

using leadsla::Activity;
using leadsla::AttributeValue;
using leadsla::Decimal;
using leadsla::Instant;
using leadsla::Lead;
using leadsla::detail::AstKind;
using leadsla::detail::AstNode;
using leadsla::detail::CompareOp;
using leadsla::test::Interpreter;
using leadsla::test::RefValue;

class Generator {
public:
    explicit Generator(std::uint64_t seed) : rng_(seed) {}

    std::string condition(int depth) {
        const auto choice = pick(0, depth > 0 ? 13 : 9);
        switch (choice) {
            case 0:
                return fmt::format("employees {} {}", op(), pick(0, 300));
            case 1:
                return fmt::format("revenue {} {}", op(),
                                   one_of({"1000", "2500000.5", "99.25", "0"}));
            case 2:
                return fmt::format("industry {} \"{}\"", pick(0, 1) ? "==" : "!=", string_value());
            case 3:
                return fmt::format(
                    "{} {} {}", one_of({"industry", "country", "nickname"}),
                    pick(0, 1) ? "in" : "not in",
                    one_of({"core_industries", "dach", "[\"US\", \"DE\"]", "[\"zz\"]"}));
            case 4:
                return one_of(
                    {"budget_indicated", "budget_indicated == true", "budget_indicated != false"});
            case 5:
                return fmt::format("{} is {}null",
                                   one_of({"nickname", "employees", "signed_up", "revenue"}),
                                   pick(0, 1) ? "not " : "");
            case 6:
                return fmt::format("{} {} {}", aggregate_count(), op(), pick(0, 5));
            case 7: {
                const std::string type = activity();
                return fmt::format("exists({}{}{})", type, filter(type), within());
            }
            case 8:
                return fmt::format("days_since({}) {} {}",
                                   one_of({"signed_up", "last(web_visit).occurred_at",
                                           "last(contact_attempt).occurred_at"}),
                                   op(), pick(-2, 100));
            case 9:
                return fmt::format("fit {} {}", op(), one_of({"30", "25.5", "0"}));
            case 10:
                return fmt::format("{} and {}", condition(depth - 1), condition(depth - 1));
            case 11:
                return fmt::format("{} or {}", condition(depth - 1), condition(depth - 1));
            case 12:
                return fmt::format("not ({})", condition(depth - 1));
            default:
                return fmt::format("({})", condition(depth - 1));
        }
    }

    Lead lead() {
        Lead l;
        auto maybe = [&](const char* name, AttributeValue v) {
            if (pick(0, 5) != 0) {
                l.attributes[name] = std::move(v);
            }
        };
        maybe("employees", AttributeValue{std::int64_t{pick(0, 300)}});
        maybe("revenue",
              AttributeValue{Decimal::from_units(pick(0, 1) ? 25000005000 : pick(0, 20000000))});
        maybe("industry", AttributeValue{string_value()});
        maybe("country", AttributeValue{one_of({"DE", "AT", "US", "FR", "zz"})});
        maybe("budget_indicated", AttributeValue{pick(0, 1) == 1});
        maybe("signed_up", AttributeValue{now_ - std::chrono::seconds{pick(0, 200 * 86400)}});
        if (pick(0, 3) == 0) {
            l.attributes["nickname"] = AttributeValue{"bob"};
        }
        return l;
    }

    std::vector<Activity> history() {
        std::vector<Activity> out;
        const auto count = pick(0, 12);
        for (std::int64_t i = 0; i < count; ++i) {
            Activity a;
            a.id = leadsla::ActivityId{fmt::format("a{:02}", i)};
            a.occurred_at = now_ - std::chrono::seconds{pick(-5 * 86400, 90 * 86400)};
            a.type = activity();
            if (a.type == "web_visit") {
                a.properties["url"] = AttributeValue{one_of({"/pricing", "/blog", "/x"})};
                if (pick(0, 2) != 0) {
                    // Often on or next to the filters' 60 s.
                    a.properties["duration_s"] =
                        AttributeValue{pick(0, 1) == 0 ? pick(59, 61) : pick(0, 600)};
                }
            } else if (a.type == "content_download") {
                a.properties["asset_type"] = AttributeValue{one_of({"whitepaper", "case_study"})};
            } else {
                a.properties["channel"] = AttributeValue{one_of({"phone", "email", "linkedin"})};
            }
            // Sometimes none of the declared properties, sometimes one the schema does not
            // declare, named to sort before, between or after the declared ones: records hold
            // exactly the declared properties the activity has.
            if (pick(0, 7) == 0) {
                a.properties.clear();
            }
            if (pick(0, 2) == 0) {
                a.properties[one_of({"a_note", "e_note", "zz_note"})] = AttributeValue{"x"};
            }
            out.push_back(std::move(a));
        }
        std::sort(out.begin(), out.end());
        return out;
    }

    Instant now() const { return now_; }

    /// An axis score in ten-thousandths: at, just around, or far from the thresholds (30, 25.5, 0).
    std::int64_t score() {
        static constexpr std::array<std::int64_t, 8> values{300000, 299999, 255000, 255001,
                                                            0,      -10000, 500000, 100000};
        return values[static_cast<std::size_t>(pick(0, 7))];
    }

    std::string activity() { return one_of({"web_visit", "content_download", "contact_attempt"}); }
    std::string within() {
        return pick(0, 1) ? "" : fmt::format(", within: {}", one_of({"7d", "30d", "36h", "2w"}));
    }
    /// Sometimes a `where` filter that fits the activity type: one test, or several joined.
    std::string filter(const std::string& type) {
        if (pick(0, 1) == 0) {
            return "";
        }
        return type == "web_visit" ? one_of({" where url == \"/pricing\"",
                                             " where duration_s >= 60", " where duration_s is null",
                                             " where duration_s < 60", " where duration_s <= 60",
                                             " where duration_s > 60", " where duration_s != 60",
                                             " where url == \"/pricing\" and duration_s >= 60",
                                             " where not (duration_s >= 60 or url == \"/blog\")"})
               : type == "content_download"
                   ? one_of({" where asset_type == \"whitepaper\"",
                             " where asset_type != \"whitepaper\"",
                             " where asset_type == \"whitepaper\" or asset_type == \"case_study\""})
                   : one_of({" where channel in [\"phone\", \"email\"]",
                             " where channel != \"phone\"", " where not (channel == \"phone\")"});
    }

private:
    std::int64_t pick(std::int64_t lo, std::int64_t hi) {
        return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng_);
    }
    std::string one_of(std::initializer_list<const char*> options) {
        return *(options.begin() + pick(0, static_cast<std::int64_t>(options.size()) - 1));
    }
    std::string op() { return one_of({"==", "!=", "<", "<=", ">", ">="}); }
    std::string string_value() { return one_of({"software", "retail", "logistics", "unheard_of"}); }
    std::string aggregate_count() {
        if (pick(0, 2) == 0) {
            return fmt::format(
                "distinct({}{}{})",
                one_of({"web_visit.url", "contact_attempt.channel", "content_download.asset_type"}),
                "", within());
        }
        const std::string type = activity();
        return fmt::format("count({}{}{})", type, filter(type), within());
    }

    std::mt19937_64 rng_;
    Instant now_ = leadsla::test::at("2026-03-31T12:00:00Z");
};

}  // namespace

TEST_CASE("compiled evaluation equals a tree-walking interpreter on random expressions",
          "[expr][properties]") {
    Generator gen{20261127};
    const leadsla::Schema schema = leadsla::test::example_schema();
    int checked = 0;
    int true_results = 0;
    for (int e = 0; e < 400; ++e) {
        const std::string text = gen.condition(3);
        leadsla::ExpressionSetBuilder builder{schema, {"fit", "engagement"}};
        const auto id = builder.add_condition(text, "/p");
        INFO(text);
        if (!id) {
            FAIL(fmt::format("{}", id.error()));
        }
        const leadsla::ExpressionSet set = std::move(builder).build();
        const auto ast = leadsla::detail::parse_expression(text, "/p");
        REQUIRE(ast);
        for (int k = 0; k < 50; ++k) {
            const Lead lead = gen.lead();
            const std::vector<Activity> history = gen.history();
            // Axis scores in ten-thousandths around the thresholds the conditions use.
            const std::vector<std::int64_t> scores{gen.score(), gen.score()};
            const leadsla::LeadRecord record = set.prepare(lead);
            const leadsla::ActivityRecords records = set.prepare(history);
            const auto aggregates = set.aggregate(records, gen.now());
            const leadsla::EvalFrame frame{&record, &aggregates, scores, nullptr, gen.now()};
            const bool compiled = set.test(*id, frame);
            const bool reference =
                Interpreter{schema, *ast, lead, history, gen.now(), scores}.run();
            REQUIRE(compiled == reference);
            // The bulk path (shared tests and masks) agrees with the leaf programs.
            const std::uint64_t shared = set.shared_tests(record);
            REQUIRE(set.test(*id, frame, shared) == compiled);
            const leadsla::ConditionId ids[] = {*id, *id};
            REQUIRE(set.test_many(ids, frame, shared) == (compiled ? 3U : 0U));
            const auto terms = set.shared_terms(*id);
            if (!terms.empty()) {
                const bool any = std::any_of(terms.begin(), terms.end(), [&](const auto& t) {
                    return (shared & t.must_true) == t.must_true && (shared & t.must_false) == 0;
                });
                REQUIRE(any == compiled);
            }
            CHECK_FALSE(set.explain(*id, frame).empty());
            true_results += compiled ? 1 : 0;
            ++checked;
        }
    }
    CHECK(checked == 20000);
    // Both outcomes are well represented, so the comparison means something.
    CHECK(true_results > 2000);
    CHECK(true_results < 18000);
}

TEST_CASE("conditions in an activity's scope equal the interpreter on random activities",
          "[expr][properties]") {
    // The `where` of scoring rules and SLA triggers: property comparisons are fast leaves.
    Generator gen{20261128};
    const leadsla::Schema schema = leadsla::test::example_schema();
    int checked = 0;
    int true_results = 0;
    for (int e = 0; e < 200; ++e) {
        const std::string type = gen.activity();
        // One filter, or two joined, or one negated (the filter text starts with " where ").
        const auto filter = [&] {
            std::string f;
            while (f.empty()) {
                f = gen.filter(type);
            }
            return f.substr(7);
        };
        const int shape = e % 3;
        const std::string text = shape == 0   ? filter()
                                 : shape == 1 ? fmt::format("{} or {}", filter(), filter())
                                              : fmt::format("not ({})", filter());
        INFO(type << ": " << text);
        leadsla::ExpressionSetBuilder builder{schema, {"fit", "engagement"}};
        const auto id = builder.add_condition(text, "/p", type);
        if (!id) {
            FAIL(fmt::format("{}", id.error()));
        }
        const leadsla::ExpressionSet set = std::move(builder).build();
        const auto ast = leadsla::detail::parse_expression(text, "/p");
        REQUIRE(ast);
        for (int k = 0; k < 10; ++k) {
            const Lead lead = gen.lead();
            const std::vector<Activity> history = gen.history();
            const leadsla::LeadRecord record = set.prepare(lead);
            const leadsla::ActivityRecords records = set.prepare(history);
            const leadsla::AggregateValues none;
            const std::vector<std::int64_t> scores;
            for (std::size_t i = 0; i < history.size(); ++i) {
                if (history[i].type != type) {
                    continue;
                }
                const leadsla::EvalFrame frame{&record, &none, {}, &records[i], gen.now()};
                const bool reference =
                    Interpreter{schema, *ast, lead, history, gen.now(), scores}.run_on(history[i]);
                REQUIRE(set.test(*id, frame) == reference);
                true_results += reference ? 1 : 0;
                ++checked;
            }
        }
    }
    // Both outcomes are well represented, so the comparison means something.
    CHECK(checked > 1000);
    CHECK(true_results > checked / 10);
    CHECK(true_results < checked * 9 / 10);
}

TEST_CASE("next_window_change is when the first counted activity leaves its window",
          "[expr][properties]") {
    // The reference reads every activity: for each windowed count, an activity of its type inside
    // the window that its filter keeps leaves the window one second after the window's length.
    Generator gen{20261129};
    const leadsla::Schema schema = leadsla::test::example_schema();
    const std::map<std::string, std::int64_t> lengths{{", within: 7d", 7 * 86400},
                                                      {", within: 30d", 30 * 86400},
                                                      {", within: 36h", 36 * 3600},
                                                      {", within: 2w", 14 * 86400}};
    struct Window {
        std::string type;
        std::optional<leadsla::detail::Ast> filter;  // the `where`, in the activity's scope
        std::int64_t seconds = -1;                   // -1: no window
    };
    int changes = 0;
    int checked = 0;
    for (int e = 0; e < 300; ++e) {
        std::vector<Window> windows;
        std::string text;
        for (int k = 0; k <= e % 3; ++k) {
            Window w;
            w.type = gen.activity();
            const std::string filter = gen.filter(w.type);
            const std::string within = gen.within();
            if (!filter.empty()) {
                auto ast = leadsla::detail::parse_expression(filter.substr(7), "/p");
                REQUIRE(ast);
                w.filter = std::move(*ast);
            }
            w.seconds = within.empty() ? -1 : lengths.at(within);
            text += fmt::format("{}count({}{}{}) >= 0", text.empty() ? "" : " and ", w.type, filter,
                                within);
            windows.push_back(std::move(w));
        }
        INFO(text);
        leadsla::ExpressionSetBuilder builder{schema, {"fit", "engagement"}};
        REQUIRE(builder.add_condition(text, "/p"));
        const leadsla::ExpressionSet set = std::move(builder).build();
        for (int k = 0; k < 20; ++k) {
            const Lead lead = gen.lead();
            std::vector<Activity> history = gen.history();
            std::sort(history.begin(), history.end());  // by (occurred_at, id), as prepared
            const Instant now = gen.now();
            const std::vector<std::int64_t> scores;
            std::optional<Instant> expected;
            for (const Window& w : windows) {
                for (const Activity& a : history) {
                    if (w.seconds < 0 || a.type != w.type || a.occurred_at > now ||
                        a.occurred_at < now - std::chrono::seconds{w.seconds}) {
                        continue;
                    }
                    if (w.filter &&
                        !Interpreter{schema, *w.filter, lead, history, now, scores}.run_on(a)) {
                        continue;
                    }
                    const Instant leaves = a.occurred_at + std::chrono::seconds{w.seconds + 1};
                    expected = expected ? std::min(*expected, leaves) : leaves;
                }
            }
            const leadsla::ActivityRecords records = set.prepare(history);
            REQUIRE(set.next_window_change({records.data(), records.size()}, now) == expected);
            changes += expected ? 1 : 0;
            ++checked;
        }
    }
    CHECK(checked == 6000);
    CHECK(changes > 600);  // windows with activities in them are well represented
    CHECK(changes < 5400);
}
