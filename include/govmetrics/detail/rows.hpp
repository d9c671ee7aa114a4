// govmetrics internals: one way to gather a node's children into a matrix: the units with every
// child, and chosen rows of chosen columns copied into one column-major block (computed weights,
// column-wide aggregators and the audit's principal components all read their input this way).
#pragma once

#include <cmath>
#include <cstddef>
#include <vector>

namespace govmetrics::detail {

/// The rows (ascending) of the `n`-row columns cols[0..k) in which every column has a value
/// (not NaN), into `rows` (cleared first).
inline void complete_rows(const double* const* cols, std::size_t k, std::size_t n,
                          std::vector<std::size_t>& rows) {
  rows.clear();
  for (std::size_t i = 0; i < n; ++i) {
    bool all = true;
    for (std::size_t c = 0; c < k && all; ++c)
      all = !std::isnan(cols[c][i]);
    if (all)
      rows.push_back(i);
  }
}

/// Copies rows `rows` of k columns into `out`, column-major (rows.size() x k): column j is
/// cols[which[j]], or cols[j] when `which` is null.
inline void gather_rows(const double* const* cols, const std::size_t* which, std::size_t k,
                        const std::vector<std::size_t>& rows, std::vector<double>& out) {
  const std::size_t n = rows.size();
  out.resize(n * k);
  for (std::size_t j = 0; j < k; ++j) {
    const double* src = cols[which == nullptr ? j : which[j]];
    for (std::size_t r = 0; r < n; ++r)
      out[j * n + r] = src[rows[r]];
  }
}

} // namespace govmetrics::detail
