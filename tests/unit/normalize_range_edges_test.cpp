// Normalisers at the edge of the double range (issue 9): finite input anywhere in the range gives
// the right numbers, or a data_error that names the indicator and the cause, never a wrong number
// or a message about values the data do not contain.
#include "govmetrics/normalize.hpp"
#include "normalize_helpers.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_normalize_range_edges_test {

namespace {

namespace gm = govmetrics;
using gm::test::check_column;
using gm::test::normalise;

} // namespace

TEST_SUITE("normalize at the edge of the double range") {
  TEST_CASE("min_max over -1e308, 0, 1e308: max - min overflows, the result does not") {
    // by hand: the range is 2e308 (not a double); 0 is half-way, so 50 on 0..100
    check_column(normalise(gm::normalize::min_max{}, {-1e308, 0.0, 1e308, 5e307}),
                 {0.0, 50.0, 100.0, 75.0});
    check_column(normalise(gm::normalize::min_max{-1.0, 1.0}, {-1.7e308, 1.7e308}), {-1.0, 1.0});
    // an ordinary column is computed as before, bit for bit: (5 - 2) / 9 * 100
    const auto y = normalise(gm::normalize::min_max{}, {2.0, 5.0, 11.0});
    CHECK(y[1] == (5.0 - 2.0) / 9.0 * 100.0);
  }

  TEST_CASE("min_max whose hi - lo overflows is a spec_error") {
    CHECK_THROWS_WITH_AS(gm::normalize::min_max({-1e308, 1e308}).validate(),
                         doctest::Contains("normalize::min_max: 'hi' - 'lo' overflows a double"),
                         gm::spec_error);
  }

  TEST_CASE("vector: squares that overflow are scaled first; 3e200, 4e200 have length 5e200") {
    check_column(normalise(gm::normalize::vector{}, {3e200, 4e200}), {0.6, 0.8});
    check_column(normalise(gm::normalize::vector{}, {-1e308, 1e308}),
                 {-0.70710678118654752, 0.70710678118654752});
  }

  TEST_CASE("z_score: a standard deviation above the double range is a data_error naming it") {
    CHECK_THROWS_WITH_AS(
        normalise(gm::normalize::z_score{}, {-1e308, 0.0, 1e308}, gm::direction::positive, "big"),
        doctest::Contains("normalize::z_score: indicator 'big': the standard deviation overflows "
                          "a double (values as large as"),
        gm::data_error);
    // never "zero standard deviation" about data that has none
    try {
      normalise(gm::normalize::z_score{}, {-1e308, 0.0, 1e308});
      FAIL("expected a data_error");
    } catch (const gm::data_error& e) {
      CHECK(std::string(e.what()).find("zero standard deviation") == std::string::npos);
    }
  }

  TEST_CASE("sum and ratio_to_mean: a sum above the double range is a data_error naming it") {
    CHECK_THROWS_WITH_AS(
        normalise(gm::normalize::sum{}, {1e308, 1e308}, gm::direction::positive, "s"),
        doctest::Contains("normalize::sum: indicator 's': the sum overflows a double"),
        gm::data_error);
    CHECK_THROWS_WITH_AS(
        normalise(gm::normalize::ratio_to_mean{}, {1e308, 1.5e308}, gm::direction::positive, "r"),
        doctest::Contains("normalize::ratio_to_mean: indicator 'r': the mean overflows a double"),
        gm::data_error);
  }
}

} // namespace unit_normalize_range_edges_test
