// Tests of govmetrics/normalize/rank.hpp: `rank` (ascending, ties "min", highest value = highest
// rank number) and `percentile_rank` = (rank - 1)/(n - 1).
#include "govmetrics/normalize/rank.hpp"

#include "govmetrics/pipeline/engine.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <utility>
#include <vector>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_normalize_rank_test {

namespace {

using govmetrics::column_view;
using govmetrics::data_error;
using govmetrics::direction;
using govmetrics::fit_input;
using govmetrics::normalize::percentile_rank;
using govmetrics::normalize::rank;
using param_list = std::vector<std::pair<std::string, double>>;

constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();

template <class N>
std::vector<double> normalise(const N& n, const std::vector<double>& x, const char* code = "c") {
  const auto p = n.fit(fit_input{column_view{x.data(), x.size()}, direction::positive, code});
  std::vector<double> y(x.size());
  for (std::size_t i = 0; i < x.size(); ++i)
    y[i] = std::isnan(x[i]) ? x[i] : n.apply(p, x[i]);
  return y;
}

/// Exact comparison (ranks and their ratios with small denominators), NaN matching NaN.
void check_exact(const std::vector<double>& got, const std::vector<double>& expected) {
  REQUIRE(got.size() == expected.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    CAPTURE(i);
    if (std::isnan(expected[i])) {
      CHECK(std::isnan(got[i]));
    } else {
      CHECK(got[i] == expected[i]);
    }
  }
}

// 30, NaN, 10, 30, 20, 5: sorted non-missing 5 10 20 30 30 (n = 5);
// ascending rank with ties "min": 5 -> 1, 10 -> 2, 20 -> 3, both 30 -> 4.
const std::vector<double> column{30.0, nan_v, 10.0, 30.0, 20.0, 5.0};

} // namespace

TEST_SUITE("normalize::rank") {
  TEST_CASE("name and concept") {
    CHECK(std::string(rank::name()) == "rank");
    CHECK(govmetrics::is_normalizer_v<rank>);
    CHECK_NOTHROW(rank{}.validate());
  }

  TEST_CASE("ascending ranks, ties 'min', NaN stays NaN") {
    check_exact(normalise(rank{}, column), {4.0, nan_v, 2.0, 4.0, 3.0, 1.0});
  }

  TEST_CASE("-0.0 and +0.0 tie") {
    const std::vector<double> zeros{0.0, -0.0, 1.0, -1.0};
    // sorted -1, -0/0, -0/0, 1: -1 -> 1, both zeros -> 2, 1 -> 4
    check_exact(normalise(rank{}, zeros), {2.0, 2.0, 4.0, 1.0});
  }

  TEST_CASE("fit keeps the sorted values; apply scores new data against them") {
    const auto p =
        rank{}.fit(fit_input{column_view{column.data(), column.size()}, direction::positive, "c"});
    CHECK(p.sorted == std::vector<double>{5.0, 10.0, 20.0, 30.0, 30.0});
    CHECK(rank{}.describe(p) == param_list{{"n", 5.0}});
    // a new value's rank: 1 + number of fitted values strictly below it
    CHECK(rank{}.apply(p, 0.0) == 1.0);
    CHECK(rank{}.apply(p, 5.0) == 1.0);
    CHECK(rank{}.apply(p, 25.0) == 4.0);
    CHECK(rank{}.apply(p, 30.0) == 4.0);
    CHECK(rank{}.apply(p, 100.0) == 6.0);
  }

  TEST_CASE("negative direction: ranks of -x, so the smallest raw value gets the highest rank") {
    // x' = -30, NaN, -10, -30, -20, -5: sorted -30 -30 -20 -10 -5 ->
    // -30 -> 1, -20 -> 3, -10 -> 4, -5 -> 5
    const auto ind = govmetrics::make_indicator("c", "idx", 1.0, direction::negative);
    std::vector<double> y(column.size());
    const auto rec = govmetrics::detail::normalize_column(
        rank{}, ind, column_view{column.data(), column.size()}, y.data());
    check_exact(y, {1.0, nan_v, 4.0, 1.0, 3.0, 5.0});
    CHECK(rec.method == "rank");
    CHECK(rec.values == param_list{{"n", 5.0}});
  }

  TEST_CASE("no values is a data_error naming the indicator") {
    const std::vector<double> gone{nan_v, nan_v};
    CHECK_THROWS_WITH_AS(normalise(rank{}, gone, "gone"),
                         "normalize::rank: indicator 'gone' has 0 non-missing values of 2 (needs "
                         "at least 1)",
                         data_error);
  }

  TEST_CASE("a single value has rank 1") {
    check_exact(normalise(rank{}, {nan_v, 7.0}), {nan_v, 1.0});
  }
}

TEST_SUITE("normalize::percentile_rank") {
  TEST_CASE("name and concept") {
    CHECK(std::string(percentile_rank::name()) == "percentile_rank");
    CHECK(govmetrics::is_normalizer_v<percentile_rank>);
    CHECK_NOTHROW(percentile_rank{}.validate());
  }

  TEST_CASE("(rank - 1)/(n - 1) with ties 'min', n the non-missing count") {
    // ranks 4, NaN, 2, 4, 3, 1 with n = 5: (r - 1)/4 = 0.75, NaN, 0.25, 0.75, 0.5, 0
    // (with ties "min" the tied maxima do not reach 1, as in COINr)
    check_exact(normalise(percentile_rank{}, column), {0.75, nan_v, 0.25, 0.75, 0.5, 0.0});
    // without ties the maximum is 1: 1 2 3 -> 0, 0.5, 1
    check_exact(normalise(percentile_rank{}, {3.0, 1.0, 2.0}), {1.0, 0.0, 0.5});
  }

  TEST_CASE("negative direction") {
    // ranks of -x: 1, NaN, 4, 1, 3, 5 -> (r - 1)/4 = 0, NaN, 0.75, 0, 0.5, 1
    const auto ind = govmetrics::make_indicator("c", "idx", 1.0, direction::negative);
    std::vector<double> y(column.size());
    const auto rec = govmetrics::detail::normalize_column(
        percentile_rank{}, ind, column_view{column.data(), column.size()}, y.data());
    check_exact(y, {0.0, nan_v, 0.75, 0.0, 0.5, 1.0});
    CHECK(rec.method == "percentile_rank");
    CHECK(rec.values == param_list{{"n", 5.0}});
  }

  TEST_CASE("all values tied: every percentile rank is 0") {
    check_exact(normalise(percentile_rank{}, {7.0, 7.0, nan_v}), {0.0, 0.0, nan_v});
  }

  TEST_CASE("fewer than 2 values is a data_error naming the indicator") {
    CHECK_THROWS_WITH_AS(normalise(percentile_rank{}, {nan_v, 7.0}, "few"),
                         "normalize::percentile_rank: indicator 'few' has 1 non-missing value "
                         "of 2 (needs at least 2)",
                         data_error);
    CHECK_THROWS_WITH_AS(normalise(percentile_rank{}, {}, "empty"),
                         doctest::Contains("indicator 'empty' has 0 non-missing values of 0"),
                         data_error);
  }
}

} // namespace unit_normalize_rank_test
