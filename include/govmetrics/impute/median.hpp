// govmetrics: imputation by the median of the indicator (optionally within the unit's group).
#pragma once

#include "govmetrics/impute/details.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>

namespace govmetrics::impute {

/// Replaces a missing cell by the median of the same indicator over the units with data, within
/// the unit's group when `group` names a label column of the data (COINr i_median /
/// i_median_grp). With an even count the median is the mean of the two middle values, (a + b) / 2
/// (correctly rounded, as R's mean of the two; a / 2 + b / 2 only if a + b overflows). A group
/// without data keeps its cells missing.
struct median {
  std::string group; ///< label column of the groups; empty: one group of all units
  static constexpr const char* name() noexcept { return "median"; }
  void validate() const noexcept {}
  /// The median of `x[0..n)` (n > 0, no NaN); reorders `x`.
  static double estimate(double* x, std::size_t n) noexcept {
    const std::size_t h = n / 2;
    std::nth_element(x, x + h, x + n);
    const double hi = x[h];
    if (n % 2 == 1)
      return hi;
    const double lo = *std::max_element(x, x + h);
    const double sum = lo + hi;
    return std::isfinite(sum) ? sum / 2.0 : lo / 2.0 + hi / 2.0;
  }
  details apply(const column_ref& col) const {
    return detail::fill_by_group(col, name(),
                                 [](double* x, std::size_t n) { return estimate(x, n); });
  }
};

static_assert(is_imputer_v<median>, "impute::median must model the imputer concept");

} // namespace govmetrics::impute
