// Tests of govmetrics/normalize/z_score.hpp: y = (x - mean)/sd * s + m, sd with n - 1, over the
// non-missing values; fewer than 2 values or a zero sd is a data_error.
#include "govmetrics/normalize/z_score.hpp"

#include "govmetrics/pipeline/engine.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <utility>
#include <vector>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_normalize_z_score_test {

namespace {

using govmetrics::column_view;
using govmetrics::data_error;
using govmetrics::direction;
using govmetrics::fit_input;
using govmetrics::spec_error;
using govmetrics::normalize::z_score;
using param_list = std::vector<std::pair<std::string, double>>;

constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();
constexpr double inf_v = std::numeric_limits<double>::infinity();

z_score::params fit(const z_score& n, const std::vector<double>& x, const char* code = "c") {
  return n.fit(fit_input{column_view{x.data(), x.size()}, direction::positive, code});
}

std::vector<double> normalise(const z_score& n, const std::vector<double>& x,
                              const char* code = "c") {
  const auto p = fit(n, x, code);
  std::vector<double> y(x.size());
  for (std::size_t i = 0; i < x.size(); ++i)
    y[i] = std::isnan(x[i]) ? x[i] : n.apply(p, x[i]);
  return y;
}

void check_column(const std::vector<double>& got, const std::vector<double>& expected,
                  double eps = 1e-14) {
  REQUIRE(got.size() == expected.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    CAPTURE(i);
    if (std::isnan(expected[i])) {
      CHECK(std::isnan(got[i]));
    } else {
      CHECK(got[i] == doctest::Approx(expected[i]).epsilon(eps));
    }
  }
}

// 2 4 4 4 5 5 7 9 (and a NaN): mean 40/8 = 5; squared deviations 9 1 1 1 0 0 4 16, sum 32;
// sample variance 32/7, sample sd sqrt(32/7) = 2.1380899352993950 (population sd would be 2).
const std::vector<double> column{2.0, 4.0, nan_v, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0};
const double sd_hand = std::sqrt(32.0 / 7.0);

std::vector<double> expected_z(double m, double s, double sign) {
  std::vector<double> out;
  for (double x : column)
    out.push_back(std::isnan(x) ? x : sign * (x - 5.0) / sd_hand * s + m);
  return out;
}

} // namespace

TEST_SUITE("normalize::z_score") {
  TEST_CASE("name and defaults") {
    CHECK(std::string(z_score::name()) == "z_score");
    const z_score n;
    CHECK(n.mean == 0.0);
    CHECK(n.sd == 1.0);
    CHECK(govmetrics::is_normalizer_v<z_score>);
  }

  TEST_CASE("fit: mean and the sample (n - 1) standard deviation of the non-missing values") {
    const auto p = fit(z_score{}, column);
    CHECK(p.mean == 5.0);
    CHECK(p.sd == doctest::Approx(2.1380899352993950).epsilon(1e-15));
    CHECK(p.sd != doctest::Approx(2.0)); // not the population sd
    CHECK(p.n == 8.0);
  }

  TEST_CASE("standard z-scores; NaN stays NaN") {
    // e.g. 9 -> 4/sqrt(32/7) = 1.8708286933869707, 2 -> -3/sqrt(32/7) = -1.4031215200402280
    const auto y = normalise(z_score{}, column);
    check_column(y, expected_z(0.0, 1.0, 1.0));
    CHECK(y[8] == doctest::Approx(1.8708286933869707).epsilon(1e-15));
    CHECK(y[0] == doctest::Approx(-1.4031215200402280).epsilon(1e-15));
    CHECK(y[5] == 0.0); // x = mean exactly
  }

  TEST_CASE("any target mean and sd") {
    // 50 + 10 * (x - 5)/sd: 9 -> 68.708286933869707
    const auto y = normalise(z_score{50.0, 10.0}, column);
    check_column(y, expected_z(50.0, 10.0, 1.0));
    CHECK(y[8] == doctest::Approx(68.708286933869707).epsilon(1e-15));
  }

  TEST_CASE("negative direction: z of -x, recorded params on the adjusted scale") {
    // x' = -x: mean -5, the same sd; y = (-x + 5)/sd, so 9 -> -1.8708286933869707
    const auto ind = govmetrics::make_indicator("c", "idx", 1.0, direction::negative);
    std::vector<double> y(column.size());
    const auto rec = govmetrics::detail::normalize_column(
        z_score{}, ind, column_view{column.data(), column.size()}, y.data());
    check_column(y, expected_z(0.0, 1.0, -1.0));
    CHECK(y[8] == doctest::Approx(-1.8708286933869707).epsilon(1e-15));
    CHECK(rec.method == "z_score");
    REQUIRE(rec.values.size() == 5);
    CHECK(rec.values[0] == std::pair<std::string, double>{"mean_x", -5.0});
    CHECK(rec.values[1].first == "sd_x");
    CHECK(rec.values[1].second == doctest::Approx(sd_hand).epsilon(1e-15));
    CHECK(rec.values[2] == std::pair<std::string, double>{"n", 8.0});
    CHECK(rec.values[3] == std::pair<std::string, double>{"mean", 0.0});
    CHECK(rec.values[4] == std::pair<std::string, double>{"sd", 1.0});
  }

  TEST_CASE("a large offset does not lose the deviations") {
    // 1e9 + the column: integers, exact in double; the z-scores are the same as without offset.
    std::vector<double> shifted;
    for (double x : column)
      shifted.push_back(x + 1e9);
    const auto p = fit(z_score{}, shifted);
    CHECK(p.mean == 1e9 + 5.0);
    CHECK(p.sd == doctest::Approx(sd_hand).epsilon(1e-14));
    check_column(normalise(z_score{}, shifted), expected_z(0.0, 1.0, 1.0), 1e-13);
  }

  TEST_CASE("fewer than 2 values is a data_error naming the indicator") {
    const std::vector<double> one{nan_v, 3.0};
    CHECK_THROWS_WITH_AS(fit(z_score{}, one, "hom"),
                         "normalize::z_score: indicator 'hom' has 1 non-missing value of 2 (needs "
                         "at least 2)",
                         data_error);
    const std::vector<double> none_left{nan_v, nan_v, nan_v};
    CHECK_THROWS_WITH_AS(fit(z_score{}, none_left, "gone"),
                         doctest::Contains("indicator 'gone' has 0 non-missing values of 3"),
                         data_error);
  }

  TEST_CASE("zero standard deviation is a data_error naming the indicator") {
    const std::vector<double> flat{4.0, 4.0, nan_v, 4.0};
    CHECK_THROWS_WITH_AS(fit(z_score{}, flat, "flat"),
                         "normalize::z_score: indicator 'flat' has zero standard deviation (3 "
                         "units, all 4)",
                         data_error);
    // a constant that is not exact in binary (0.1, ten times): the rounding of the mean must not
    // produce a tiny non-zero sd
    const std::vector<double> tenths(10, 0.1);
    CHECK_THROWS_WITH_AS(fit(z_score{}, tenths, "tenths"),
                         "normalize::z_score: indicator 'tenths' has zero standard deviation (10 "
                         "units, all 0.1)",
                         data_error);
  }

  TEST_CASE("validate: sd positive, both finite") {
    CHECK_NOTHROW(z_score{}.validate());
    CHECK_NOTHROW(z_score{-3.0, 0.5}.validate());
    CHECK_THROWS_WITH_AS((z_score{0.0, 0.0}.validate()),
                         "normalize::z_score: 'sd' must be positive (sd 0)", spec_error);
    CHECK_THROWS_WITH_AS((z_score{0.0, -1.0}.validate()),
                         "normalize::z_score: 'sd' must be positive (sd -1)", spec_error);
    CHECK_THROWS_WITH_AS((z_score{nan_v, 1.0}.validate()),
                         "normalize::z_score: parameter 'mean' must be finite", spec_error);
    CHECK_THROWS_WITH_AS((z_score{0.0, inf_v}.validate()),
                         "normalize::z_score: parameter 'sd' must be finite", spec_error);
    CHECK_THROWS_WITH_AS((z_score{0.0, nan_v}.validate()),
                         "normalize::z_score: parameter 'sd' must be finite", spec_error);
  }
}

} // namespace unit_normalize_z_score_test
