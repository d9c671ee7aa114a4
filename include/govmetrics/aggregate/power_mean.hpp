// govmetrics: aggregate `power_mean{p}` (weighted generalised mean).
#pragma once

#include "govmetrics/aggregate/arithmetic.hpp"
#include "govmetrics/aggregate/geometric.hpp"
#include "govmetrics/aggregate/harmonic.hpp"
#include "govmetrics/config.hpp"
#include "govmetrics/core/concepts.hpp"
#include "govmetrics/detail/accumulate.hpp"
#include "govmetrics/detail/format.hpp"
#include "govmetrics/error.hpp"

#include <cmath>
#include <cstddef>
#include <limits>
#include <string>

namespace govmetrics::aggregate {

/// y = (sum(w_i x_i^p) / sum(w_i))^(1/p) over the available children. p = 0 is the geometric mean,
/// p = 1 the arithmetic and p = -1 the harmonic mean (each computed by that aggregator, so the
/// results agree to the last bit). What the children must be depends on p, so it is a run-time
/// property: `needs_positive()` (p <= 0: x > 0) and `needs_non_negative()` (p > 0, p != 1:
/// x >= 0); the pipeline raises a data_error naming node, unit and child otherwise. The static
/// `requires_positive` is false.
struct power_mean {
  double p = 1.0;

  static constexpr const char* name() noexcept { return "power_mean"; }
  static constexpr bool requires_positive = false; ///< see needs_positive()
  bool needs_positive() const noexcept { return p <= 0.0; }
  bool needs_non_negative() const noexcept { return p != 1.0; }

  void validate() const {
    if (!std::isfinite(p)) {
      GOVMETRICS_THROW(spec_error("aggregate::power_mean: parameter 'p' must be finite (p " +
                                  govmetrics::detail::format_number(p) + ")"));
    }
  }

  double operator()(const double* x, const double* w, std::size_t n) const noexcept {
    if (p == 0.0)
      return geometric{}(x, w, n);
    if (p == 1.0)
      return arithmetic{}(x, w, n);
    if (p == -1.0)
      return harmonic{}(x, w, n);
    govmetrics::detail::neumaier_sum num;
    govmetrics::detail::neumaier_sum den;
    for (std::size_t i = 0; i < n; ++i) {
      num.add(w[i] * std::pow(x[i], p));
      den.add(w[i]);
    }
    const double v = num.value();
    if (n == 0 || (std::isfinite(v) && v >= std::numeric_limits<double>::min()))
      return std::pow(v / den.value(), 1.0 / p);
    // x^p overflowed or fell below the normal range: the mean is homogeneous of degree 1, so it
    // is computed as s M(x / s) with s the largest child (p > 0) or the smallest (p < 0), which
    // keeps every (x / s)^p in (0, 1].
    double s = x[0];
    for (std::size_t i = 1; i < n; ++i)
      s = p > 0.0 ? std::fmax(s, x[i]) : std::fmin(s, x[i]);
    if (s == 0.0)
      return 0.0; // p > 0 and every child 0
    govmetrics::detail::neumaier_sum scaled;
    for (std::size_t i = 0; i < n; ++i)
      scaled.add(w[i] * std::pow(x[i] / s, p));
    return s * std::pow(scaled.value() / den.value(), 1.0 / p);
  }
};

static_assert(is_aggregator_v<power_mean>,
              "aggregate::power_mean must model the aggregator concept");

} // namespace govmetrics::aggregate
