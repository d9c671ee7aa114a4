// govmetrics: aggregate `borda` (column-wide: weighted Borda count).
#pragma once

#include "govmetrics/aggregate/column.hpp"
#include "govmetrics/core/matrix.hpp"
#include "govmetrics/detail/accumulate.hpp"

#include <algorithm>
#include <cstddef>
#include <numeric>
#include <vector>

namespace govmetrics::aggregate {

/// The weighted Borda count. For every weighted child k, unit i gets b_ik Borda points: the number
/// of units taking part with a strictly lower value of that child (0 for the worst; tied units get
/// the same, lower count, i.e. rank - 1 with ties "min", as the `borda` normaliser and COINr).
/// score_i = sum_k w_k b_ik with the weights summing to 1, in [0, n - 1] (higher = better): the
/// weighted arithmetic mean of the children's Borda points among the units taking part. Units
/// lacking a weighted child get NaN (and a warning); the count runs on the complete units. No extra
/// outputs.
struct borda {
  static constexpr const char* name() noexcept { return "borda"; }
  void validate() const noexcept {}

  /// Allocates nothing once `extra` has held this node (its scratch is reused).
  void aggregate_all(matrix_view x, const double* w, double* out, node_outputs& extra) const {
    const std::size_t n = x.rows();
    const std::size_t m = x.cols();
    // per unit, a compensated sum (neumaier_sum::add on (sum[i], comp[i]))
    double* sum = extra.scratch(2 * n);
    double* comp = sum + n;
    std::fill(sum, sum + 2 * n, 0.0);
    std::size_t* order = extra.index_scratch(n);
    for (std::size_t k = 0; k < m; ++k) {
      const column_view c = x.column(k);
      std::iota(order, order + n, std::size_t{0});
      std::sort(order, order + n, [&](std::size_t a, std::size_t b) {
        return c[a] < c[b] || (c[a] == c[b] && a < b);
      });
      std::size_t first = 0; // position of the first unit of the current tie group
      for (std::size_t p = 0; p < n; ++p) {
        if (p > 0 && c[order[p]] != c[order[p - 1]])
          first = p;
        const std::size_t i = order[p];
        const double y = w[k] * static_cast<double>(first);
        const double t = sum[i] + y;
        const double bp = t - sum[i];
        comp[i] += (sum[i] - (t - bp)) + (y - bp);
        sum[i] = t;
      }
    }
    for (std::size_t i = 0; i < n; ++i)
      out[i] = sum[i] + comp[i];
  }
};

static_assert(is_column_aggregator_v<borda>,
              "aggregate::borda must model the column-wide aggregator concept");

} // namespace govmetrics::aggregate
