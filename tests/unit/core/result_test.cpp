// SPDX-License-Identifier: Apache-2.0
#include <support/test_support.hpp>

using leadsla::BadResultAccess;
using leadsla::Error;
using leadsla::ErrorCode;
using leadsla::Result;

TEST_CASE("Result holds a value or an error and says which", "[core][result]") {
    const Result<int> ok = 42;
    const Result<int> bad = Error{ErrorCode::parse_syntax, "/x", "expected a number"};
    CHECK(ok.has_value());
    CHECK(static_cast<bool>(ok));
    CHECK(ok.value() == 42);
    CHECK(*ok == 42);
    CHECK_FALSE(bad.has_value());
    CHECK(bad.error().where == "/x");
    CHECK(bad.value_or(7) == 7);
    CHECK(ok.value_or(7) == 42);
}

TEST_CASE("Result::value on an error and error on a value throw BadResultAccess",
          "[core][result]") {
    const Result<int> ok = 1;
    const Result<int> bad = Error{ErrorCode::parse_syntax, "", "nope"};
    CHECK_THROWS_AS(bad.value(), BadResultAccess);
    CHECK_THROWS_WITH(bad.value(), Catch::Contains("nope"));
    CHECK_THROWS_AS(ok.error(), BadResultAccess);
}

TEST_CASE("Result chains with and_then and transform, errors pass through", "[core][result]") {
    const Result<int> ok = 20;
    const Result<int> bad = Error{ErrorCode::parse_out_of_range, "", "too big"};
    const auto twice = [](int v) { return v * 2; };
    const auto positive = [](int v) -> Result<int> {
        if (v > 0) {
            return v;
        }
        return Error{ErrorCode::parse_out_of_range, "", "not positive"};
    };
    CHECK(ok.transform(twice).value() == 40);
    CHECK(ok.and_then(positive).value() == 20);
    CHECK(bad.transform(twice).error().message == "too big");
    CHECK(bad.and_then(positive).error().message == "too big");
    CHECK(Result<int>{-1}.and_then(positive).error().message == "not positive");
}

TEST_CASE("Error formats with its stable code and pointer", "[core][result]") {
    CHECK(fmt::format("{}", Error{ErrorCode::time_unknown_zone, "/tz", "bad zone"}) ==
          "error[time.unknown_zone] /tz: bad zone");
    CHECK(fmt::format("{}", Error{ErrorCode::json_syntax, "", "line 1"}) ==
          "error[json.syntax]: line 1");
    CHECK(Error{ErrorCode::json_type, "/a", "m"} == Error{ErrorCode::json_type, "/a", "m"});
    CHECK_FALSE(Error{ErrorCode::json_type, "/a", "m"} == Error{ErrorCode::json_type, "/b", "m"});
}

TEST_CASE("every error code has a distinct dotted id", "[core][result]") {
    std::vector<std::string> ids;
    for (int c = 0; c <= static_cast<int>(ErrorCode::expr_bad_call); ++c) {
        const auto id = std::string{leadsla::to_string(static_cast<ErrorCode>(c))};
        CHECK(id.find('.') != std::string::npos);
        ids.push_back(id);
    }
    std::sort(ids.begin(), ids.end());
    CHECK(std::adjacent_find(ids.begin(), ids.end()) == ids.end());
}

TEST_CASE("Loaded: the value, or every error collected", "[result]") {
    const leadsla::Loaded<int> four{4};
    REQUIRE(four);
    CHECK(*four == 4);
    CHECK(four.errors().empty());

    const leadsla::Loaded<int> failed{
        std::vector<leadsla::Error>{{leadsla::ErrorCode::json_type, "/a", "first"},
                                    {leadsla::ErrorCode::json_type, "/b", "second"}}};
    CHECK_FALSE(failed.has_value());
    REQUIRE(failed.errors().size() == 2);
    CHECK(failed.errors()[1].where == "/b");
    CHECK_THROWS_AS(failed.value(), leadsla::BadResultAccess);
    // As a Result: the first error.
    CHECK(leadsla::Loaded<int>{failed}.first_error().error().where == "/a");
    CHECK(leadsla::Loaded<int>{4}.first_error().value() == 4);
    // No value and no error is a caller's bug.
    CHECK_THROWS_AS(leadsla::Loaded<int>{std::vector<leadsla::Error>{}}, leadsla::BadResultAccess);
}
