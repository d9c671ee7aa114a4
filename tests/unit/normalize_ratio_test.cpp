// Tests of govmetrics/normalize/ratio.hpp: ratio_to_mean x'/mean(x') * scale, vector
// x'/sqrt(sum x'^2), sum x'/sum(x'); the statistic over the non-missing direction-adjusted values.
#include "govmetrics/normalize/ratio.hpp"

#include "govmetrics/io/methodology.hpp"
#include "govmetrics/pipeline/run.hpp"

#include <doctest/doctest.h>

#include "normalize_helpers.hpp"

#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <utility>
#include <vector>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_normalize_ratio_test {

namespace {

namespace gm = govmetrics;
using gm::column_view;
using gm::data_error;
using gm::direction;
using gm::spec_error;
using gm::normalize::ratio_to_mean;
using gm::normalize::sum;
using gm::normalize::vector;
using gm::test::check_column;
using gm::test::normalise;
using gm::test::to_vector;
using param_list = std::vector<std::pair<std::string, double>>;

constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();
constexpr double inf_v = std::numeric_limits<double>::infinity();

const std::vector<double>& column = gm::test::test_column;
const gm::dataset& data = gm::test::test_data();
using gm::test::methodology;
using gm::test::run_text;

} // namespace

TEST_SUITE("normalize::ratio_to_mean") {
  TEST_CASE("name, defaults and concept") {
    CHECK(std::string(ratio_to_mean::name()) == "ratio_to_mean");
    CHECK(ratio_to_mean{}.scale == 1.0);
    CHECK(gm::is_normalizer_v<ratio_to_mean>);
  }

  TEST_CASE("x / mean, times scale; NaN stays NaN and is left out of the mean") {
    // mean (2 + 5 + 11 + 8)/4 = 6.5
    check_column(normalise(ratio_to_mean{}, column),
                 {4.0 / 13.0, nan_v, 10.0 / 13.0, 22.0 / 13.0, 16.0 / 13.0});
    check_column(normalise(ratio_to_mean{100.0}, column),
                 {400.0 / 13.0, nan_v, 1000.0 / 13.0, 2200.0 / 13.0, 1600.0 / 13.0});
  }

  TEST_CASE("negative direction: x' = -x needs a positive mean") {
    // original -1, -3: x' = 1, 3, mean 2 -> 0.5, 1.5
    check_column(normalise(ratio_to_mean{}, {-1.0, -3.0}, direction::negative), {0.5, 1.5});
    CHECK_THROWS_WITH_AS(normalise(ratio_to_mean{}, column, direction::negative),
                         "normalize::ratio_to_mean: indicator 'c' needs a positive mean, got -6.5 "
                         "(direction-adjusted, direction negative, 4 units)",
                         data_error);
  }

  TEST_CASE("zero mean and no values are data_errors") {
    CHECK_THROWS_WITH_AS(normalise(ratio_to_mean{}, {-1.0, 1.0}),
                         "normalize::ratio_to_mean: indicator 'c' needs a positive mean, got 0 "
                         "(direction-adjusted, direction positive, 2 units)",
                         data_error);
    CHECK_THROWS_WITH_AS(normalise(ratio_to_mean{}, {nan_v}),
                         "normalize::ratio_to_mean: indicator 'c' has 0 non-missing values of 1 "
                         "(needs at least 1)",
                         data_error);
  }

  TEST_CASE("validate: scale finite and positive") {
    CHECK_THROWS_WITH_AS(ratio_to_mean{0.0}.validate(),
                         "normalize::ratio_to_mean: 'scale' must be positive (scale 0)",
                         spec_error);
    CHECK_THROWS_WITH_AS(ratio_to_mean{nan_v}.validate(),
                         "normalize::ratio_to_mean: parameter 'scale' must be finite", spec_error);
  }

  TEST_CASE("methodology file round trip, and a bad scale is a spec_error with the path") {
    const auto r =
        run_text(methodology(R"(, "normalize": {"method": "ratio_to_mean", "scale": 100})", ""));
    check_column(to_vector(r.score("a")),
                 {400.0 / 13.0, nan_v, 1000.0 / 13.0, 2200.0 / 13.0, 1600.0 / 13.0});
    check_column(to_vector(r.score("b")), {0.0, 50.0, 100.0, 150.0, 200.0});
    CHECK_THROWS_WITH_AS(
        gm::io::parse_methodology(
            methodology(R"(, "normalize": {"method": "ratio_to_mean", "scale": -1})", ""),
            "t.json"),
        doctest::Contains("$.normalize: normalize::ratio_to_mean: 'scale' must be positive"),
        spec_error);
  }
}

TEST_SUITE("normalize::vector") {
  TEST_CASE("name and concept") {
    CHECK(std::string(vector::name()) == "vector");
    CHECK(gm::is_normalizer_v<vector>);
  }

  TEST_CASE("x / sqrt(sum x^2)") {
    // 4 + 25 + 121 + 64 = 214
    const double r = std::sqrt(214.0);
    check_column(normalise(vector{}, column), {2.0 / r, nan_v, 5.0 / r, 11.0 / r, 8.0 / r});
  }

  TEST_CASE("negative direction: the signs flip, the length does not change") {
    const double r = std::sqrt(214.0);
    check_column(normalise(vector{}, column, direction::negative),
                 {-2.0 / r, nan_v, -5.0 / r, -11.0 / r, -8.0 / r});
  }

  TEST_CASE("an all-zero column and no values are data_errors") {
    CHECK_THROWS_WITH_AS(normalise(vector{}, {0.0, nan_v, 0.0}, direction::positive, "z"),
                         "normalize::vector: indicator 'z' has zero length (2 units, all 0)",
                         data_error);
    CHECK_THROWS_WITH_AS(normalise(vector{}, {nan_v, nan_v}),
                         "normalize::vector: indicator 'c' has 0 non-missing values of 2 (needs "
                         "at least 1)",
                         data_error);
  }

  TEST_CASE("methodology file round trip") {
    const auto r = run_text(methodology(R"(, "normalize": {"method": "vector"})", ""));
    const double ra = std::sqrt(214.0);
    const double rb = std::sqrt(30.0);
    check_column(to_vector(r.score("a")), {2.0 / ra, nan_v, 5.0 / ra, 11.0 / ra, 8.0 / ra});
    check_column(to_vector(r.score("b")), {0.0, 1.0 / rb, 2.0 / rb, 3.0 / rb, 4.0 / rb});
  }
}

TEST_SUITE("normalize::sum") {
  TEST_CASE("name and concept") {
    CHECK(std::string(sum::name()) == "sum");
    CHECK(gm::is_normalizer_v<sum>);
  }

  TEST_CASE("x / sum x") {
    check_column(normalise(sum{}, column),
                 {1.0 / 13.0, nan_v, 5.0 / 26.0, 11.0 / 26.0, 4.0 / 13.0});
  }

  TEST_CASE("negative direction: x' = -x, so positive original values are an error") {
    check_column(normalise(sum{}, {-1.0, -3.0}, direction::negative), {0.25, 0.75});
    CHECK_THROWS_WITH_AS(normalise(sum{}, column, direction::negative),
                         "normalize::sum: indicator 'c' needs non-negative values, got -2 at row "
                         "1 (direction-adjusted, direction negative)",
                         data_error);
  }

  TEST_CASE("a negative value, a zero sum and no values are data_errors") {
    CHECK_THROWS_WITH_AS(normalise(sum{}, {1.0, -3.0, nan_v}, direction::positive, "s"),
                         "normalize::sum: indicator 's' needs non-negative values, got -3 at row "
                         "2 (direction-adjusted, direction positive)",
                         data_error);
    CHECK_THROWS_WITH_AS(normalise(sum{}, {0.0, nan_v, 0.0}),
                         "normalize::sum: indicator 'c' has a zero sum (2 units, all 0)",
                         data_error);
    CHECK_THROWS_WITH_AS(normalise(sum{}, {nan_v}),
                         "normalize::sum: indicator 'c' has 0 non-missing values of 1 (needs at "
                         "least 1)",
                         data_error);
  }

  TEST_CASE("methodology file round trip") {
    const auto r = run_text(methodology(R"(, "normalize": {"method": "sum"})", ""));
    check_column(to_vector(r.score("a")), {1.0 / 13.0, nan_v, 5.0 / 26.0, 11.0 / 26.0, 4.0 / 13.0});
    check_column(to_vector(r.score("b")), {0.0, 0.1, 0.2, 0.3, 0.4});
  }
}

} // namespace unit_normalize_ratio_test
