// Test support: columns compared to the last bit.
#pragma once

#include <govmetrics/core/column_view.hpp>

#include <cmath>
#include <cstddef>
#include <cstring>

namespace govmetrics_test {

/// Identical to the last bit (NaN matching NaN; -0.0 differs from +0.0).
inline bool same_bits(govmetrics::column_view a, govmetrics::column_view b) {
  if (a.size() != b.size())
    return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::isnan(a[i]) && std::isnan(b[i]))
      continue;
    if (std::memcmp(&a[i], &b[i], sizeof(double)) != 0)
      return false;
  }
  return true;
}

} // namespace govmetrics_test
