// govmetrics: aggregate `harmonic` (weighted harmonic mean).
#pragma once

#include "govmetrics/core/concepts.hpp"
#include "govmetrics/detail/accumulate.hpp"

#include <cmath>
#include <cstddef>
#include <limits>

namespace govmetrics::aggregate {

/// y = sum(w_i) / sum(w_i / x_i) over the available children. Needs x > 0: the pipeline raises a
/// data_error naming node, unit and child otherwise. When sum(w_i / x_i) overflows or falls below
/// the normal range (children near 1e-308 or 1e308), it is computed again scaled by the smallest
/// child, y = s sum(w_i) / sum(w_i s / x_i), which is exact to rounding anywhere in the range.
struct harmonic {
  static constexpr const char* name() noexcept { return "harmonic"; }
  static constexpr bool requires_positive = true;
  void validate() const noexcept {}
  double operator()(const double* x, const double* w, std::size_t n) const noexcept {
    govmetrics::detail::neumaier_sum num;
    govmetrics::detail::neumaier_sum den;
    for (std::size_t i = 0; i < n; ++i) {
      num.add(w[i]);
      den.add(w[i] / x[i]);
    }
    const double d = den.value();
    if (n == 0 || (std::isfinite(d) && d >= std::numeric_limits<double>::min()))
      return num.value() / d;
    double s = x[0];
    for (std::size_t i = 1; i < n; ++i)
      s = std::fmin(s, x[i]);
    govmetrics::detail::neumaier_sum scaled;
    for (std::size_t i = 0; i < n; ++i)
      scaled.add(w[i] * (s / x[i]));
    return s * (num.value() / scaled.value());
  }
};

static_assert(is_aggregator_v<harmonic>, "aggregate::harmonic must model the aggregator concept");

} // namespace govmetrics::aggregate
