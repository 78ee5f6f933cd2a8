// SPDX-License-Identifier: Apache-2.0
#include <cstdint>
#include <type_traits>

#include <support/test_support.hpp>

using leadsla::AttributeType;
using leadsla::AttributeValue;
using leadsla::Decimal;

TEST_CASE("AttributeValue holds one typed value and never converts", "[model][attribute]") {
    const AttributeValue null_value;
    const AttributeValue employees{std::int64_t{120}};
    const AttributeValue industry{"software"};
    const AttributeValue budget{true};
    const AttributeValue revenue{Decimal::parse("1250000.5").value()};
    const AttributeValue seen{leadsla::test::at("2026-03-27T15:00:00Z")};
    const AttributeValue tags{AttributeValue::StringList{"abm", "event"}};

    CHECK(null_value.is_null());
    CHECK(employees.type() == AttributeType::integer);
    CHECK(employees.as_integer() == 120);
    CHECK_FALSE(employees.as_decimal().has_value());
    CHECK(industry.as_string() != nullptr);
    CHECK(*industry.as_string() == "software");
    CHECK(employees.as_string() == nullptr);
    CHECK(budget.as_bool() == true);
    CHECK(revenue.as_decimal() == Decimal::parse("1250000.5").value());
    CHECK(seen.as_instant() == leadsla::test::at("2026-03-27T15:00:00Z"));
    CHECK(tags.as_string_list()->size() == 2);
}

TEST_CASE("an integer literal is an integer attribute", "[model][attribute]") {
    CHECK(AttributeValue{1500} == AttributeValue{std::int64_t{1500}});
    CHECK(AttributeValue{1500}.type() == AttributeType::integer);
    CHECK(AttributeValue{-3}.as_integer() == -3);
    CHECK(AttributeValue{std::uint32_t{4000000000U}}.as_integer() == 4000000000);
    CHECK(AttributeValue{short{7}}.as_integer() == 7);
    CHECK(AttributeValue{true}.type() == AttributeType::boolean);  // bool stays bool
    // An unsigned 64-bit value may not fit, so it does not convert; nor does a double.
    STATIC_REQUIRE_FALSE(std::is_constructible_v<AttributeValue, std::uint64_t>);
    STATIC_REQUIRE_FALSE(std::is_constructible_v<AttributeValue, double>);
}

TEST_CASE("AttributeValue compares by type, then value, and formats like JSON",
          "[model][attribute]") {
    CHECK(AttributeValue{std::int64_t{1}} == AttributeValue{std::int64_t{1}});
    CHECK(AttributeValue{std::int64_t{1}} != AttributeValue{Decimal::from_integer(1)});
    CHECK(AttributeValue{} < AttributeValue{false});
    CHECK(AttributeValue{std::int64_t{2}} < AttributeValue{std::int64_t{10}});
    CHECK(AttributeValue{"a"} < AttributeValue{"b"});
    CHECK(fmt::format("{}", AttributeValue{}) == "null");
    CHECK(fmt::format("{}", AttributeValue{true}) == "true");
    CHECK(fmt::format("{}", AttributeValue{std::int64_t{-12}}) == "-12");
    CHECK(fmt::format("{}", AttributeValue{Decimal::parse("12.50").value()}) == "12.5");
    CHECK(fmt::format("{}", AttributeValue{"say \"hi\""}) == R"("say \"hi\"")");
    CHECK(fmt::format("{}", AttributeValue{leadsla::test::at("2026-03-27T16:00:00+01:00")}) ==
          "2026-03-27T15:00:00Z");
    CHECK(fmt::format("{}", AttributeValue{AttributeValue::StringList{"a", "b"}}) ==
          R"(["a", "b"])");
}

TEST_CASE("attribute type names round-trip", "[model][attribute]") {
    for (const auto t : {AttributeType::null, AttributeType::boolean, AttributeType::integer,
                         AttributeType::decimal, AttributeType::string, AttributeType::instant,
                         AttributeType::string_list}) {
        CHECK(leadsla::parse_attribute_type(leadsla::to_string(t)) == t);
    }
    CHECK_FALSE(leadsla::parse_attribute_type("float").has_value());
}

TEST_CASE("attribute_or_null finds a name in a few attributes and in many", "[model][attributes]") {
    // Up to four attributes are scanned, more are searched: both answer alike.
    for (const std::size_t extra : {std::size_t{0}, std::size_t{2}, std::size_t{10}}) {
        leadsla::Attributes a{{"channel", AttributeValue{"phone"}},
                              {"chanNel", AttributeValue{"email"}},
                              {"url", AttributeValue{std::int64_t{3}}}};
        for (std::size_t i = 0; i < extra; ++i) {
            a.emplace(fmt::format("x{:02}", i), AttributeValue{std::int64_t{static_cast<int>(i)}});
        }
        CAPTURE(a.size());
        CHECK(leadsla::attribute_or_null(a, "channel").as_string() != nullptr);
        CHECK(*leadsla::attribute_or_null(a, "channel").as_string() == "phone");
        CHECK(*leadsla::attribute_or_null(a, "chanNel").as_string() == "email");
        CHECK(leadsla::attribute_or_null(a, "url").as_integer() == 3);
        CHECK(leadsla::attribute_or_null(a, "channe").is_null());
        CHECK(leadsla::attribute_or_null(a, "channels").is_null());
        CHECK(leadsla::attribute_or_null(a, "CHANNEL").is_null());
        CHECK(leadsla::attribute_or_null(a, "").is_null());
        if (extra > 0) {
            CHECK(leadsla::attribute_or_null(a, "x01").as_integer() == 1);
        }
    }
    CHECK(leadsla::attribute_or_null(leadsla::Attributes{}, "channel").is_null());
}
