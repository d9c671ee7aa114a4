// govmetrics: imputation by the mean of the indicator (optionally within the unit's group).
#pragma once

#include "govmetrics/detail/accumulate.hpp"
#include "govmetrics/impute/details.hpp"

#include <cstddef>
#include <string>

namespace govmetrics::impute {

/// Replaces a missing cell by the arithmetic mean of the same indicator over the units with data,
/// within the unit's group when `group` names a label column of the data (COINr i_mean /
/// i_mean_grp). The mean is the corrected two-pass mean with compensated sums (R's mean() also
/// adds a second-pass correction). A group without data keeps its cells missing.
struct mean {
  std::string group; ///< label column of the groups; empty: one group of all units
  static constexpr const char* name() noexcept { return "mean"; }
  void validate() const noexcept {}
  static double estimate(const double* x, std::size_t n) noexcept {
    return govmetrics::detail::compute_moments(x, n).mean;
  }
  details apply(const column_ref& col) const {
    return detail::fill_by_group(col, name(),
                                 [](double* x, std::size_t n) { return estimate(x, n); });
  }
};

static_assert(is_imputer_v<mean>, "impute::mean must model the imputer concept");

} // namespace govmetrics::impute
