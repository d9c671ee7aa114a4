// govmetrics internals: checks on whole columns shared by preparation and evaluation.
#pragma once

#include "govmetrics/config.hpp"
#include "govmetrics/detail/format.hpp"
#include "govmetrics/error.hpp"

#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace govmetrics::detail {

inline constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();

/// Throws data_error when the column `x` holds an infinite value after `stage`: names what the
/// column is (`what()`, e.g. "indicator 'x'", built only then: the check allocates nothing), the
/// first unit, its value, how many units are affected, and `why`.
template <class What>
void require_finite_column(const char* stage, What&& what, const double* x, std::size_t n,
                           const std::vector<std::string>& units, const char* why) {
  // the common case first: one branch-free pass that the compiler vectorises
  // (a count, not a bool: GCC vectorises this reduction; |x| > max is false for NaN, which is
  // missing, not infinite)
  std::size_t any = 0;
  for (std::size_t i = 0; i < n; ++i)
    any += static_cast<std::size_t>(std::fabs(x[i]) > std::numeric_limits<double>::max());
  if (any == 0)
    return;
  std::size_t first = n;
  std::size_t count = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (std::isinf(x[i])) {
      first = count == 0 ? i : first;
      ++count;
    }
  }
  if (count == 0)
    return;
  GOVMETRICS_THROW(data_error(std::string(stage) + ": " + what() + " is " +
                              format_number(x[first]) + " for unit '" + units[first] + "'" +
                              (count > 1 ? " (and " + std::to_string(count - 1) + " more)" : "") +
                              "; " + why));
}

} // namespace govmetrics::detail
