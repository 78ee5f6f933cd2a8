// SPDX-License-Identifier: Apache-2.0
// One case per error class of the rule language, with its exact message and caret.
#include <support/expr_fixture.hpp>

using leadsla::ErrorCode;
using leadsla::test::compile_error;

namespace {
struct ErrorCase {
    const char* text;
    ErrorCode code;
    const char* message;
};
}  // namespace

TEST_CASE("every error class of the rule language has a precise message", "[expr][errors]") {
    const auto c = GENERATE(values<ErrorCase>({
        // syntax
        {"employees >= ", ErrorCode::expr_syntax,
         "the expression ends too early at column 14\n    employees >= \n                 ^"},
        {"employees = 20", ErrorCode::expr_syntax,
         "use == to compare at column 11\n    employees = 20\n              ^"},
        {"(employees >= 20", ErrorCode::expr_syntax,
         "expected ')' at column 17\n    (employees >= 20\n                    ^"},
        {"industry == \"soft", ErrorCode::expr_syntax,
         "unterminated string literal at column 13\n    industry == \"soft\n                ^"},
        {"employees >= 20 20", ErrorCode::expr_syntax,
         "unexpected text after the end of the expression at column 17\n    employees >= 20 20\n   "
         "                 ^"},
        {"count(web_visit, within: 30x) > 1", ErrorCode::expr_syntax,
         "a duration is a number followed by one of w, d, h, m, s (e.g. 30d) at column 28\n    "
         "count(web_visit, within: 30x) > 1\n                               ^"},
        // 8753663275718653d * 86400 wrapped to about 49 minutes; now the product is checked.
        {"count(web_visit, within: 8753663275718653d) > 0", ErrorCode::expr_syntax,
         "a duration may be at most 3660000d (10,000 years) at column 26\n    count(web_visit, "
         "within: 8753663275718653d) > 0\n                             ^"},
        {"count(web_visit, within: 3660001d) > 0", ErrorCode::expr_syntax,
         "a duration may be at most 3660000d (10,000 years) at column 26\n    count(web_visit, "
         "within: 3660001d) > 0\n                             ^"},
        {"count(web_visit, within: 9007199254740993s) > 0", ErrorCode::expr_syntax,
         "the number is too large at column 26\n    count(web_visit, within: 9007199254740993s) "
         "> 0\n                             ^"},
        {"employees >= 20 && budget_indicated", ErrorCode::expr_syntax,
         "unexpected character '&' at column 17\n    employees >= 20 && budget_indicated\n         "
         "           ^"},
        {"revenue > 1.23456", ErrorCode::expr_syntax,
         "a decimal literal has at most 4 fractional digits at column 11\n    revenue > 1.23456\n  "
         "            ^"},
        // names
        {"employes >= 20", ErrorCode::expr_unknown_name,
         "unknown name \"employes\": not a lead attribute, a score or a set of the schema (did you "
         "mean \"employees\"?) at column 1\n    employes >= 20\n    ^"},
        {"count(web_visit where page == \"/x\") > 0", ErrorCode::expr_unknown_name,
         "unknown name \"page\": web_visit has the properties duration_s, url (and occurred_at) at "
         "column 23\n    count(web_visit where page == \"/x\") > 0\n                          ^"},
        {"count(web_visit where occurred_at >= signed_up) > 0", ErrorCode::expr_unknown_name,
         "unknown name \"signed_up\": web_visit has the properties duration_s, url (and "
         "occurred_at) at column 38\n    count(web_visit where occurred_at >= signed_up) > 0\n     "
         "                                    ^"},
        // types
        {"employees >= \"20\"", ErrorCode::expr_type_mismatch,
         "cannot compare employees (int) with \"20\" (string) at column 14\n    employees >= "
         "\"20\"\n                 ^"},
        {"industry > \"a\"", ErrorCode::expr_type_mismatch,
         "string values can only be compared with == and != at column 1\n    industry > \"a\"\n    "
         "^"},
        {"employees", ErrorCode::expr_type_mismatch,
         "expected a condition, but employees is int at column 1\n    employees\n    ^"},
        {"nickname == null", ErrorCode::expr_type_mismatch,
         "a comparison with null is always false: write 'is null' or 'is not null' at column 13\n  "
         "  nickname == null\n                ^"},
        {"employees >= 20 and revenue", ErrorCode::expr_type_mismatch,
         "expected a condition, but revenue is decimal at column 21\n    employees >= 20 and "
         "revenue\n                        ^"},
        {"days_since(employees) > 3", ErrorCode::expr_type_mismatch,
         "days_since(...) needs an instant, got int at column 12\n    days_since(employees) > 3\n  "
         "             ^"},
        {"industry == country", ErrorCode::expr_type_mismatch,
         "compare a string attribute or property with a string literal or a set at column 1\n    "
         "industry == country\n    ^"},
        {"web_visit > 3", ErrorCode::expr_type_mismatch,
         "\"web_visit\" is an activity type: use it inside count(...), exists(...), distinct(...) "
         "or last(...) at column 1\n    web_visit > 3\n    ^"},
        // sets
        {"industry in country", ErrorCode::expr_not_a_set,
         "'in' needs a named set or a list such as [\"DE\", \"AT\"] on the right; country is "
         "string at column 13\n    industry in country\n                ^"},
        {"employees in dach", ErrorCode::expr_type_mismatch,
         "sets hold strings; employees is int at column 1\n    employees in dach\n    ^"},
        {"country in [\"DE\", 3]", ErrorCode::expr_type_mismatch,
         "the list must hold string literals like the left side at column 19\n    country in "
         "[\"DE\", 3]\n                      ^"},
        // activities and properties
        {"count(webinar) > 0", ErrorCode::expr_unknown_activity,
         "\"webinar\" is not a declared activity type (declared: contact_attempt, "
         "content_download, web_visit) at column 7\n    count(webinar) > 0\n          ^"},
        {"distinct(contact_attempt.medium) > 1", ErrorCode::expr_unknown_property,
         "contact_attempt has no property \"medium\" (it has: channel) at column 10\n    "
         "distinct(contact_attempt.medium) > 1\n             ^"},
        {"last(web_visit).url == \"/x\"", ErrorCode::expr_unknown_property,
         "last(...) has only .occurred_at, not .url at column 1\n    last(web_visit).url == "
         "\"/x\"\n    ^"},
        // calls
        {"sum(web_visit) > 3", ErrorCode::expr_bad_call,
         "unknown function \"sum\" (functions: count, exists, distinct, last, days_since) at "
         "column 1\n    sum(web_visit) > 3\n    ^"},
        {"count(web_visit where count(web_visit) > 1) > 0", ErrorCode::expr_bad_call,
         "count(...) cannot be used inside a where filter or an activity rule at column 23\n    "
         "count(web_visit where count(web_visit) > 1) > 0\n                          ^"},
        {"distinct(web_visit) > 1", ErrorCode::expr_bad_call,
         "distinct(...) takes activity.property, e.g. distinct(contact_attempt.channel) at column "
         "10\n    distinct(web_visit) > 1\n             ^"},
    }));
    INFO(c.text);
    const auto e = compile_error(c.text);
    CHECK(e.code == c.code);
    CHECK(e.where == "/scoring/rules/3/when");
    CHECK(e.message == c.message);
}

TEST_CASE("a failed condition leaves the builder usable", "[expr][errors]") {
    leadsla::ExpressionSetBuilder builder{leadsla::test::example_schema()};
    REQUIRE_FALSE(builder.add_condition("count(web_visit, within: 30d) > \"x\"", "/a"));
    const auto ok = builder.add_condition("count(web_visit, within: 30d) >= 3", "/b");
    REQUIRE(ok);
    CHECK(*ok == 0);
    const auto set = std::move(builder).build();
    CHECK(set.uses_aggregates());
}

TEST_CASE("hostile expressions get errors, not crashes", "[expr][errors]") {
    const std::string deep = std::string(200, '(') + "employees > 1" + std::string(200, ')');
    CHECK(compile_error(deep).message.rfind("the expression nests deeper than 64 levels", 0) == 0);
    CHECK(compile_error(std::string(70000, 'a'))
              .message.rfind("the expression is longer than 65,536 bytes", 0) == 0);
    CHECK(compile_error("").code == ErrorCode::expr_syntax);
    CHECK(compile_error("employees >= 99999999999999999999")
              .message.rfind("the number is too large", 0) == 0);
}

TEST_CASE("the longest within: window still compiles and counts the whole history",
          "[expr][errors]") {
    // 3660000d is the limit itself; every activity of the example history is inside it.
    CHECK(leadsla::test::evaluate("count(web_visit, within: 3660000d) >= 1").value);
    CHECK(leadsla::test::evaluate("count(web_visit, within: 522857w) >= 1").value);
}
