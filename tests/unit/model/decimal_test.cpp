// SPDX-License-Identifier: Apache-2.0
#include <support/test_support.hpp>

using leadsla::Decimal;

TEST_CASE("Decimal parses exactly with up to 4 fractional digits", "[model][decimal]") {
    CHECK(Decimal::parse("1234.50")->units() == 12345000);
    CHECK(Decimal::parse("-0.0001")->units() == -1);
    CHECK(Decimal::parse("+7")->units() == 70000);
    CHECK(Decimal::parse("0.1").value() + Decimal::parse("0.2").value() ==
          Decimal::parse("0.3").value());
    CHECK(Decimal::from_integer(5) == Decimal::parse("5.0000").value());
    CHECK(Decimal::parse("1.5").value() <
          Decimal::parse("1.50001").value_or(Decimal::from_integer(2)));
}

TEST_CASE("Decimal rejects what it cannot hold exactly", "[model][decimal]") {
    const auto prefix = [](std::string_view t) {
        return fmt::format(
            "\"{}\" is not a decimal number (expected e.g. 1234.50, at most 4 fractional digits): ",
            t);
    };
    CHECK(Decimal::parse("1.23456").error().message ==
          prefix("1.23456") + "too many fractional digits");
    CHECK(Decimal::parse("").error().message == prefix("") + "expected digits");
    CHECK(Decimal::parse("1.").error().message == prefix("1.") + "expected digits after '.'");
    CHECK(Decimal::parse("1e5").error().message == prefix("1e5") + "unexpected character 'e'");
    CHECK(Decimal::parse("99999999999999999").error().message ==
          prefix("99999999999999999") + "out of range");
    CHECK(Decimal::parse("abc").error().code == leadsla::ErrorCode::model_bad_decimal);
}

TEST_CASE("Decimal formats in the shortest exact form and round-trips", "[model][decimal]") {
    CHECK(fmt::format("{}", Decimal::parse("1234.50").value()) == "1234.5");
    CHECK(fmt::format("{}", Decimal::parse("-0.0001").value()) == "-0.0001");
    CHECK(fmt::format("{}", Decimal::from_integer(-12)) == "-12");
    for (const char* text : {"0", "1", "-1", "0.5", "12.0034", "-98765.4321"}) {
        CHECK(fmt::format("{}", Decimal::parse(text).value()) == text);
    }
}
