// govmetrics: aggregate `median` (weighted median).
#pragma once

#include "govmetrics/core/concepts.hpp"
#include "govmetrics/detail/accumulate.hpp"

#include <cmath>
#include <cstddef>
#include <limits>

namespace govmetrics::aggregate {

/// The weighted median of the available children. With the values in ascending order and C(v)
/// the share of the total weight held by values <= v, y is the smallest value v with C(v) >= 1/2;
/// when C(v) equals 1/2 exactly (to a relative 1e-12 of the total weight), y is the average of v
/// and the next larger value. With equal weights this is the ordinary median (the average of the
/// two middle values for an even count). Tied values are taken together.
///
/// Allocation-free and does not reorder `x` or `w`: it walks the distinct values in ascending order
/// (O(n * distinct values) per unit, fine for the few children a node has).
struct median {
  static constexpr const char* name() noexcept { return "median"; }
  static constexpr bool requires_positive = false;
  void validate() const noexcept {}

  double operator()(const double* x, const double* w, std::size_t n) const noexcept {
    if (n == 0)
      return std::numeric_limits<double>::quiet_NaN();
    govmetrics::detail::neumaier_sum total;
    for (std::size_t i = 0; i < n; ++i)
      total.add(w[i]);
    const double half = total.value() / 2.0;
    const double tol = 1e-12 * total.value();
    govmetrics::detail::neumaier_sum cum;
    double v = 0.0;
    bool have = false;
    for (;;) {
      const double next = next_above(x, n, v, have);
      std::size_t matched = 0;
      for (std::size_t i = 0; i < n; ++i) {
        if (x[i] == next) {
          cum.add(w[i]);
          ++matched;
        }
      }
      if (matched == 0) // every value walked (only reachable through rounding)
        return v;
      v = next;
      have = true;
      const double c = cum.value();
      if (c > half + tol)
        return v;
      if (c >= half - tol) {
        // the boundary: average with the next larger value, if there is one
        const double above = next_above(x, n, v, true);
        return std::isinf(above) ? v : (v + above) / 2.0;
      }
    }
  }

private:
  /// The smallest value of x strictly above `v` (the smallest of all when `!have`); +inf if none.
  static double next_above(const double* x, std::size_t n, double v, bool have) noexcept {
    double best = std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < n; ++i) {
      if ((!have || x[i] > v) && x[i] < best)
        best = x[i];
    }
    return best;
  }
};

static_assert(is_aggregator_v<median>, "aggregate::median must model the aggregator concept");

} // namespace govmetrics::aggregate
