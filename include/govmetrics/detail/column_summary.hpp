// govmetrics internals: what one pass learns of a column (missing, not above 0, infinite), shared
// by the normalisers that produce a column and the checks after them.
#pragma once

#include "govmetrics/config.hpp"

#include <cmath>
#include <cstddef>
#include <limits>

namespace govmetrics::detail {

/// What one pass learns of a column: how many values are missing (NaN), not above 0 (NaN
/// included) and infinite.
struct column_summary {
  std::size_t missing = 0;
  std::size_t not_positive = 0;
  std::size_t infinite = 0;
};

/// column_summary of x[0..n), in one branch-free pass (GOVMETRICS_MULTIVERSION).
GOVMETRICS_MULTIVERSION
inline column_summary summarise_column(const double* __restrict x, std::size_t n) noexcept {
  std::size_t m = 0;
  std::size_t p = 0;
  std::size_t f = 0;
  for (std::size_t i = 0; i < n; ++i) {
    m += static_cast<std::size_t>(x[i] != x[i]);
    p += static_cast<std::size_t>(!(x[i] > 0.0));
    f += static_cast<std::size_t>(std::fabs(x[i]) > std::numeric_limits<double>::max());
  }
  return {m, p, f};
}

/// How many of x[0..n) are missing (NaN), in one branch-free pass (GOVMETRICS_MULTIVERSION): a
/// count, not a bool with an early exit, so that GCC vectorises it.
GOVMETRICS_MULTIVERSION
inline std::size_t count_missing(const double* __restrict x, std::size_t n) noexcept {
  std::size_t m = 0;
  for (std::size_t i = 0; i < n; ++i)
    m += static_cast<std::size_t>(x[i] != x[i]);
  return m;
}

/// How many of x[0..n) are not above 0 (NaN included), like count_missing.
GOVMETRICS_MULTIVERSION
inline std::size_t count_not_positive(const double* __restrict x, std::size_t n) noexcept {
  std::size_t p = 0;
  for (std::size_t i = 0; i < n; ++i)
    p += static_cast<std::size_t>(!(x[i] > 0.0));
  return p;
}

} // namespace govmetrics::detail
