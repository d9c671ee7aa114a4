// govmetrics internals: sample skewness and excess kurtosis, e1071 "type 2" (the estimators of
// COINr's skew() and kurt(), and of Excel's SKEW and KURT).
#pragma once

#include "govmetrics/detail/accumulate.hpp"

#include <cmath>
#include <cstddef>
#include <limits>

namespace govmetrics::detail {

/// Skewness and kurtosis of the non-NaN values of a column, e1071 type 2 (bias-adjusted sample
/// estimators; kurtosis is excess kurtosis, 0 for a normal distribution). With d = x - mean over
/// the n non-missing values:
///   g1 = sqrt(n) sum d^3 / (sum d^2)^(3/2),   G1 = g1 sqrt(n (n - 1)) / (n - 2)        (n >= 3)
///   r  = n sum d^4 / (sum d^2)^2,             G2 = ((n + 1)(r - 3) + 6)(n - 1) / ((n - 2)(n - 3))
///                                                                                     (n >= 4)
/// Either is NaN when it has too few values or the values are all equal.
struct shape {
  std::size_t n = 0;
  double skew = std::numeric_limits<double>::quiet_NaN();
  double kurtosis = std::numeric_limits<double>::quiet_NaN();
};

inline shape compute_shape(const double* x, std::size_t size) noexcept {
  shape s;
  const moments m = compute_moments(x, size);
  s.n = m.n;
  if (m.n < 3)
    return s;
  neumaier_sum s2;
  neumaier_sum s3;
  neumaier_sum s4;
  for (std::size_t i = 0; i < size; ++i) {
    if (std::isnan(x[i]))
      continue;
    const double d = x[i] - m.mean;
    const double d2 = d * d;
    s2.add(d2);
    s3.add(d2 * d);
    s4.add(d2 * d2);
  }
  const double m2 = s2.value();
  if (!(m2 > 0.0))
    return s;
  const auto n = static_cast<double>(m.n);
  const double g1 = std::sqrt(n) * s3.value() / std::pow(m2, 1.5);
  s.skew = g1 * std::sqrt(n * (n - 1.0)) / (n - 2.0);
  if (m.n >= 4) {
    const double r = n * s4.value() / (m2 * m2);
    s.kurtosis = ((n + 1.0) * (r - 3.0) + 6.0) * (n - 1.0) / ((n - 2.0) * (n - 3.0));
  }
  return s;
}

/// e1071 type-2 skewness of the non-NaN values (NaN with fewer than 3 or all equal).
inline double skewness(const double* x, std::size_t size) noexcept {
  return compute_shape(x, size).skew;
}

/// e1071 type-2 excess kurtosis of the non-NaN values (NaN with fewer than 4 or all equal).
inline double kurtosis(const double* x, std::size_t size) noexcept {
  return compute_shape(x, size).kurtosis;
}

} // namespace govmetrics::detail
