// govmetrics internals: checks on whole columns shared by preparation and evaluation.
#pragma once

#include "govmetrics/config.hpp"
#include "govmetrics/detail/column_summary.hpp"
#include "govmetrics/detail/format.hpp"
#include "govmetrics/error.hpp"

#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace govmetrics::detail {

inline constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();

/// How many of x[0..n) are infinite (|x| > max is false for NaN, which is missing, not infinite).
/// A count, not a bool: GCC vectorises this reduction (GOVMETRICS_MULTIVERSION).
GOVMETRICS_MULTIVERSION
inline std::size_t count_infinite(const double* __restrict x, std::size_t n) noexcept {
  std::size_t count = 0;
  for (std::size_t i = 0; i < n; ++i)
    count += static_cast<std::size_t>(std::fabs(x[i]) > std::numeric_limits<double>::max());
  return count;
}

/// Flags of a column for evaluation (evaluation_workspace::column_flags): 1 (known), plus
/// flag_no_nan when no value is missing and flag_positive when every value is above 0.
inline constexpr unsigned char flag_known = 1;
inline constexpr unsigned char flag_no_nan = 2;
inline constexpr unsigned char flag_positive = 4;
inline unsigned char flags_of(std::size_t missing, std::size_t not_positive) noexcept {
  return static_cast<unsigned char>(flag_known | (missing == 0 ? flag_no_nan : 0U) |
                                    (not_positive == 0 ? flag_positive : 0U));
}

/// The error of require_finite_column, once a pass found an infinite value in `x` (returns when
/// there is none after all).
template <class What>
void throw_infinite(const char* stage, What&& what, const double* x, std::size_t n,
                    const std::vector<std::string>& units, const char* why) {
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

/// Throws data_error when the column `x` holds an infinite value after `stage`: names what the
/// column is (`what()`, e.g. "indicator 'x'", built only then: the check allocates nothing), the
/// first unit, its value, how many units are affected, and `why`.
template <class What>
void require_finite_column(const char* stage, What&& what, const double* x, std::size_t n,
                           const std::vector<std::string>& units, const char* why) {
  // the common case first: one branch-free pass that the compiler vectorises
  if (count_infinite(x, n) == 0)
    return;
  throw_infinite(stage, what, x, n, units, why);
}

} // namespace govmetrics::detail
