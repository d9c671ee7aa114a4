// Tests of govmetrics/core/polarity.hpp: the direction of an indicator, its sign and its names.
#include "govmetrics/core/polarity.hpp"

#include <doctest/doctest.h>

#include <string>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_core_polarity_test {

namespace {

using govmetrics::direction;
using govmetrics::direction_from_string;
using govmetrics::sign_of;
using govmetrics::spec_error;

// Usable in constant expressions (checked at compile time).
static_assert(sign_of(direction::positive) == 1.0, "positive indicators keep their sign");
static_assert(sign_of(direction::negative) == -1.0, "negative indicators are multiplied by -1");
static_assert(static_cast<int>(direction::positive) == 1, "direction::positive is +1");
static_assert(static_cast<int>(direction::negative) == -1, "direction::negative is -1");

} // namespace

TEST_SUITE("direction") {
  TEST_CASE("sign_of is +1 for positive and -1 for negative") {
    CHECK(sign_of(direction::positive) == 1.0);
    CHECK(sign_of(direction::negative) == -1.0);
    // The sign multiplies a value: a cost of 7 becomes -7, a benefit stays 7.
    CHECK(7.0 * sign_of(direction::negative) == -7.0);
    CHECK(7.0 * sign_of(direction::positive) == 7.0);
  }

  TEST_CASE("to_string gives the methodology-file names") {
    CHECK(std::string(to_string(direction::positive)) == "positive");
    CHECK(std::string(to_string(direction::negative)) == "negative");
  }

  TEST_CASE("direction_from_string accepts the names and the signed numbers") {
    CHECK(direction_from_string("positive") == direction::positive);
    CHECK(direction_from_string("1") == direction::positive);
    CHECK(direction_from_string("+1") == direction::positive);
    CHECK(direction_from_string("negative") == direction::negative);
    CHECK(direction_from_string("-1") == direction::negative);
  }

  TEST_CASE("to_string and direction_from_string round-trip") {
    for (direction d : {direction::positive, direction::negative})
      CHECK(direction_from_string(to_string(d)) == d);
  }

  TEST_CASE("an unknown direction is a spec_error naming the text") {
    CHECK_THROWS_WITH_AS(direction_from_string("Positive"),
                         "direction: unknown direction 'Positive' (expected 'positive' or "
                         "'negative')",
                         spec_error);
    CHECK_THROWS_WITH_AS(direction_from_string(""), doctest::Contains("unknown direction ''"),
                         spec_error);
    CHECK_THROWS_WITH_AS(direction_from_string("0"), doctest::Contains("unknown direction '0'"),
                         spec_error);
    CHECK_THROWS_WITH_AS(direction_from_string("neg"), doctest::Contains("unknown direction 'neg'"),
                         spec_error);
    CHECK_THROWS_WITH_AS(direction_from_string("+1 "), doctest::Contains("unknown direction '+1 '"),
                         spec_error);
    // spec_error is a govmetrics::error, itself a std::runtime_error
    CHECK_THROWS_AS(direction_from_string("x"), govmetrics::error);
    CHECK_THROWS_AS(direction_from_string("x"), std::runtime_error);
  }
}

} // namespace unit_core_polarity_test
