// Tests of govmetrics/detail/column_summary.hpp: the counts of one pass over a column (missing,
// not above 0, infinite), against the same counts taken one value at a time, at every length of
// the vector loops' tails (GOVMETRICS_MULTIVERSION: on a machine with AVX-512 or AVX2 the clone
// runs here).
#include "govmetrics/detail/column_summary.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_detail_column_summary_test {

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();
constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();

/// Value i of a column that mixes every kind: NaN, 0, -0, negative, subnormal, positive, +-inf.
double value(std::size_t i) {
  const double kinds[] = {
      1.5,    nan_v, 0.0,  -0.0, -2.0, std::numeric_limits<double>::denorm_min(),
      1e308,  inf,   -inf, 7.0,  3.0,  -std::numeric_limits<double>::denorm_min(),
      1e-300, 42.0};
  constexpr std::size_t n_kinds = sizeof(kinds) / sizeof(kinds[0]);
  return kinds[(i * 5 + i / 3) % n_kinds];
}

} // namespace

TEST_SUITE("detail::column_summary") {
  TEST_CASE(
      "count_missing, count_not_positive and summarise_column count what a scalar loop does") {
    for (std::size_t n = 0; n <= 45; ++n) {
      for (std::size_t offset = 0; offset < 3; ++offset) {
        std::vector<double> x(n);
        for (std::size_t i = 0; i < n; ++i)
          x[i] = value(i + offset * 7);
        std::size_t missing = 0;
        std::size_t not_positive = 0;
        std::size_t infinite = 0;
        for (double v : x) {
          missing += std::isnan(v) ? 1U : 0U;
          not_positive += (std::isnan(v) || v <= 0.0) ? 1U : 0U;
          infinite += std::isinf(v) ? 1U : 0U;
        }
        CAPTURE(n);
        CAPTURE(offset);
        CHECK(govmetrics::detail::count_missing(x.data(), n) == missing);
        CHECK(govmetrics::detail::count_not_positive(x.data(), n) == not_positive);
        const govmetrics::detail::column_summary s =
            govmetrics::detail::summarise_column(x.data(), n);
        CHECK(s.missing == missing);
        CHECK(s.not_positive == not_positive);
        CHECK(s.infinite == infinite);
      }
    }
  }

  TEST_CASE("a clean column counts nothing, a column of one kind counts every value") {
    const std::vector<double> clean(37, 0.25);
    CHECK(govmetrics::detail::count_missing(clean.data(), clean.size()) == 0);
    CHECK(govmetrics::detail::count_not_positive(clean.data(), clean.size()) == 0);
    const std::vector<double> missing(37, nan_v);
    CHECK(govmetrics::detail::count_missing(missing.data(), missing.size()) == 37);
    CHECK(govmetrics::detail::count_not_positive(missing.data(), missing.size()) == 37);
    const std::vector<double> zeros(37, -0.0);
    CHECK(govmetrics::detail::count_missing(zeros.data(), zeros.size()) == 0);
    CHECK(govmetrics::detail::count_not_positive(zeros.data(), zeros.size()) == 37);
  }
}

} // namespace unit_detail_column_summary_test
