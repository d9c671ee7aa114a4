// govmetrics internals shared by the normalisers.
#pragma once

#include "govmetrics/config.hpp"
#include "govmetrics/core/concepts.hpp"
#include "govmetrics/detail/format.hpp"
#include "govmetrics/error.hpp"

#include <cmath>
#include <cstddef>
#include <string>

namespace govmetrics::normalize::detail {

/// Minimum, maximum and count of the non-NaN values.
struct extent {
  double min = 0.0;
  double max = 0.0;
  std::size_t n = 0;
};

inline extent find_extent(column_view x) noexcept {
  extent e;
  for (double v : x) {
    if (std::isnan(v))
      continue;
    if (e.n == 0) {
      e.min = v;
      e.max = v;
    } else {
      e.min = v < e.min ? v : e.min;
      e.max = v > e.max ? v : e.max;
    }
    ++e.n;
  }
  return e;
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

inline void require_finite(const char* method, const char* field, double v) {
  if (!std::isfinite(v)) {
    GOVMETRICS_THROW(spec_error(std::string("normalize::") + method + ": parameter '" + field +
                                "' must be finite"));
  }
}

} // namespace govmetrics::normalize::detail
