// govmetrics internals shared by the normalisers.
#pragma once

#include "govmetrics/config.hpp"
#include "govmetrics/core/concepts.hpp"
#include "govmetrics/detail/bits.hpp"
#include "govmetrics/detail/column_summary.hpp"
#include "govmetrics/detail/extent.hpp"
#include "govmetrics/detail/format.hpp"
#include "govmetrics/error.hpp"

#include <cmath>
#include <cstddef>
#include <limits>
#include <string>

namespace govmetrics::normalize::detail {

/// Minimum, maximum and count of the non-NaN values.
using extent = govmetrics::column_extent;

GOVMETRICS_MULTIVERSION
inline extent find_extent(column_view x) noexcept {
  govmetrics::detail::ordered_extent lanes; // (on ordered integer bits: it vectorises)
  const std::size_t n = x.size();
  const double* p = x.data();
  for (std::size_t i = 0; i < n; ++i)
    lanes.add(p[i]);
  return lanes.finish();
}

/// Throws data_error when fewer than `need` values are available.
inline void require_values(const char* method, const fit_input& in, std::size_t have,
                           std::size_t need) {
  if (have < need) {
    GOVMETRICS_THROW(data_error(
        std::string("normalize::") + method + ": indicator '" + std::string(in.code) + "' has " +
        govmetrics::detail::count_of(have, "non-missing value", "non-missing values") + " of " +
        std::to_string(in.values.size()) + " (needs at least " + std::to_string(need) + ")"));
  }
}

/// Throws data_error when a statistic of the column (its sum, mean, standard deviation) is not
/// finite although every value is: the statistic overflows a double. Names the indicator, the
/// statistic and the largest magnitude among the values.
inline void require_finite_statistic(const char* method, const fit_input& in, const char* what,
                                     double statistic) {
  if (std::isfinite(statistic))
    return;
  const auto e = find_extent(in.values);
  const double largest = std::fmax(std::fabs(e.min), std::fabs(e.max));
  GOVMETRICS_THROW(
      data_error(std::string("normalize::") + method + ": indicator '" + std::string(in.code) +
                 "': the " + what + " overflows a double (values as large as " +
                 govmetrics::detail::format_number(largest) +
                 " in magnitude); rescale the indicator, for example with a denominator"));
}

/// out[i] = x[i] * sign for every i, and the extent of out, in one pass: find_extent(out) to the
/// bit (the same integer comparisons, on the same values). The pipeline's direction-signed
/// copy of a column before its normaliser's fit (GOVMETRICS_MULTIVERSION).
GOVMETRICS_MULTIVERSION
inline extent signed_copy_extent(const double* __restrict x, double sign, double* __restrict out,
                                 std::size_t n) noexcept {
  GOVMETRICS_NO_CONTRACT
  govmetrics::detail::ordered_extent lanes;
  for (std::size_t i = 0; i < n; ++i) {
    out[i] = x[i] * sign;
    lanes.add(out[i]);
  }
  return lanes.finish();
}

/// x[i] = (x[i] - sub) / div * mul + add for every non-missing x[i], NaN left as it is: the
/// column-wide apply of min_max and z_score, in the order of their per-value apply, so the same
/// bits; branch-free, so that it vectorises (GOVMETRICS_MULTIVERSION). Returns what it wrote
/// (govmetrics::detail::summarise_column of the result, in the same pass).
GOVMETRICS_MULTIVERSION
inline govmetrics::detail::column_summary affine_ratio_column(double* __restrict x, std::size_t n,
                                                              double sub, double div, double mul,
                                                              double add) noexcept {
  GOVMETRICS_NO_CONTRACT
  std::size_t missing = 0;
  std::size_t not_positive = 0;
  std::size_t infinite = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double v = x[i];
    const double y = govmetrics::detail::select_bits(v == v, (v - sub) / div * mul + add, v);
    x[i] = y;
    missing += static_cast<std::size_t>(y != y);
    not_positive += static_cast<std::size_t>(!(y > 0.0));
    infinite += static_cast<std::size_t>(std::fabs(y) > std::numeric_limits<double>::max());
  }
  return {missing, not_positive, infinite};
}

inline void require_finite(const char* method, const char* field, double v) {
  if (!std::isfinite(v)) {
    GOVMETRICS_THROW(spec_error(std::string("normalize::") + method + ": parameter '" + field +
                                "' must be finite"));
  }
}

} // namespace govmetrics::normalize::detail
