// Shared by the normaliser unit tests: normalise a raw column as the pipeline does, compare
// columns.
#pragma once

#include "govmetrics/framework/node.hpp"
#include "govmetrics/pipeline/engine.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <vector>

namespace govmetrics::test {

/// Applies the direction sign to raw `x`, fits and normalises, as the pipeline does.
template <class N>
std::vector<double> normalise(const N& n, const std::vector<double>& x,
                              direction d = direction::positive, const char* code = "c") {
  const auto ind = make_indicator(code, "idx", 1.0, d);
  std::vector<double> y(x.size());
  detail::normalize_column(n, ind, column_view{x.data(), x.size()}, y.data());
  return y;
}

/// Same length, NaN where expected is NaN, equal to 1e-14 relative elsewhere.
inline void check_column(const std::vector<double>& got, const std::vector<double>& expected) {
  REQUIRE(got.size() == expected.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    CAPTURE(i);
    if (std::isnan(expected[i])) {
      CHECK(std::isnan(got[i]));
    } else {
      CHECK(got[i] == doctest::Approx(expected[i]).epsilon(1e-14));
    }
  }
}

inline std::vector<double> to_vector(column_view c) {
  return std::vector<double>(c.begin(), c.end());
}

} // namespace govmetrics::test
