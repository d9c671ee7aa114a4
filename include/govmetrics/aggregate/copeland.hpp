// govmetrics: aggregate `copeland` (column-wide: weighted Copeland pairwise outranking).
#pragma once

#include "govmetrics/aggregate/column.hpp"
#include "govmetrics/core/matrix.hpp"

#include <cmath>
#include <cstddef>

namespace govmetrics::aggregate {

/// The weighted Copeland method (COINr's "copeland" definition, computed order-independently).
/// With w summing to 1 over the node's weighted children, for every ordered pair of units (i, j):
/// O[i,j] = sum_k w_k [x_ik > x_jk] + 1/2 sum_k w_k [x_ik = x_jk], where a comparison involving a
/// missing value (NaN) contributes 0; score_i = sum_{j != i} sign(O[i,j] - 1/2), an integer in
/// [-(n-1), n-1] (higher = better). |O - 1/2| <= 1e-12 counts as 0 (so that rounding in the sum of
/// weights cannot turn a tie into a win). Both O[i,j] and O[j,i] are computed (COINr computes
/// i < j only and sets O[j,i] = 1 - O[i,j], which depends on the order of the units when values are
/// missing); on complete data the two agree. Outputs: columns `wins` (pairs with O[i,j] > 1/2) and
/// `losses` (O[i,j] < 1/2). Units with some children missing take part (NaN comparisons count 0);
/// units with none, or below the missing policy's minimum share, get NaN (and a warning).
/// O(n^2 m) time for n units and m children.
struct copeland {
  static constexpr const char* name() noexcept { return "copeland"; }
  static constexpr bool accepts_missing = true;
  void validate() const noexcept {}

  void aggregate_all(matrix_view x, const double* w, double* out, node_outputs& extra) const {
    const std::size_t n = x.rows();
    const std::size_t m = x.cols();
    double* wins = extra.add_column("wins", n);
    double* losses = extra.add_column("losses", n);
    constexpr double tol = 1e-12;
    for (std::size_t i = 0; i < n; ++i) {
      double s = 0.0;
      double won = 0.0;
      double lost = 0.0;
      for (std::size_t j = 0; j < n; ++j) {
        if (j == i)
          continue;
        double o = 0.0;
        for (std::size_t k = 0; k < m; ++k) {
          const double a = x(i, k);
          const double b = x(j, k);
          if (std::isnan(a) || std::isnan(b))
            continue;
          if (a > b)
            o += w[k];
          else if (a == b)
            o += 0.5 * w[k];
        }
        const double d = o - 0.5;
        if (d > tol) {
          s += 1.0;
          won += 1.0;
        } else if (d < -tol) {
          s -= 1.0;
          lost += 1.0;
        }
      }
      out[i] = s;
      wins[i] = won;
      losses[i] = lost;
    }
  }
};

static_assert(is_column_aggregator_v<copeland>,
              "aggregate::copeland must model the column-wide aggregator concept");

} // namespace govmetrics::aggregate
