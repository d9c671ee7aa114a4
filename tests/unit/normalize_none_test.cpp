// Tests of govmetrics/normalize/none.hpp: values pass through; the pipeline's direction sign still
// applies (a negative indicator becomes -x, as in COINr).
#include "govmetrics/normalize/none.hpp"

#include "govmetrics/pipeline/engine.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_normalize_none_test {

namespace {

using govmetrics::column_view;
using govmetrics::direction;
using govmetrics::fit_input;
using govmetrics::normalize::none;

constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();

std::vector<double> normalise(const std::vector<double>& x, direction d) {
  const auto ind = govmetrics::make_indicator("c", "idx", 1.0, d);
  std::vector<double> y(x.size());
  const auto rec =
      govmetrics::detail::normalize_column(none{}, ind, column_view{x.data(), x.size()}, y.data());
  CHECK(rec.indicator == "c");
  CHECK(rec.method == "none");
  CHECK(rec.values.empty());
  return y;
}

} // namespace

TEST_SUITE("normalize::none") {
  TEST_CASE("name and concept") {
    CHECK(std::string(none::name()) == "none");
    CHECK(govmetrics::is_normalizer_v<none>);
    CHECK_NOTHROW(none{}.validate());
  }

  TEST_CASE("apply is the identity") {
    const none n;
    const std::vector<double> x{1.5};
    const auto p = n.fit(fit_input{column_view{x.data(), x.size()}, direction::positive, "c"});
    CHECK(n.apply(p, 1.5) == 1.5);
    CHECK(n.apply(p, -1e300) == -1e300);
    CHECK(n.describe(p).empty());
  }

  TEST_CASE("positive indicator: values unchanged, NaN stays NaN") {
    const auto y = normalise({3.0, nan_v, -2.0, 0.0}, direction::positive);
    CHECK(y[0] == 3.0);
    CHECK(std::isnan(y[1]));
    CHECK(y[2] == -2.0);
    CHECK(y[3] == 0.0);
  }

  TEST_CASE("negative indicator: values times -1") {
    const auto y = normalise({3.0, nan_v, -2.0, 0.0}, direction::negative);
    CHECK(y[0] == -3.0);
    CHECK(std::isnan(y[1]));
    CHECK(y[2] == 2.0);
    CHECK(y[3] == 0.0); // -0.0 compares equal; a zero stays a zero
    CHECK(std::signbit(y[3]));
  }

  TEST_CASE("an all-missing or empty column is fine (no statistic is needed)") {
    const auto y = normalise({nan_v, nan_v}, direction::positive);
    CHECK(std::isnan(y[0]));
    CHECK(std::isnan(y[1]));
    CHECK(normalise({}, direction::negative).empty());
  }
}

} // namespace unit_normalize_none_test
