// govmetrics: Cronbach's alpha of every aggregate node over its children (COINr's get_cronbach).
#pragma once

#include "govmetrics/detail/accumulate.hpp"
#include "govmetrics/pipeline/result.hpp"

#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace govmetrics::audit {

/// Cronbach's alpha of one aggregate node.
struct cronbach_row {
  std::string node;
  double alpha = std::numeric_limits<double>::quiet_NaN();
  std::size_t n_children = 0;
  std::size_t n_units = 0; ///< units with a value for every child
  std::string why;         ///< why alpha is NaN, else empty
};

/// Sample covariance (n - 1) of `x` and `y` over the units where both are present; NaN with fewer
/// than 2 such units. Means and cross-products with compensated sums.
inline double pairwise_covariance(column_view x, column_view y) {
  govmetrics::detail::neumaier_sum sx;
  govmetrics::detail::neumaier_sum sy;
  std::size_t n = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (!std::isnan(x[i]) && !std::isnan(y[i])) {
      sx.add(x[i]);
      sy.add(y[i]);
      ++n;
    }
  }
  if (n < 2)
    return std::numeric_limits<double>::quiet_NaN();
  const double mx = sx.value() / static_cast<double>(n);
  const double my = sy.value() / static_cast<double>(n);
  govmetrics::detail::neumaier_sum cross;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (!std::isnan(x[i]) && !std::isnan(y[i]))
      cross.add((x[i] - mx) * (y[i] - my));
  }
  return cross.value() / static_cast<double>(n - 1);
}

/// Cronbach's alpha of the children of every aggregate node of `r` (normalised indicators or
/// aggregate scores, as the pipeline holds them), in aggregation order, as COINr computes it:
/// C = the covariance matrix of the k children, each entry over the units where both children
/// are present (pairwise complete, n - 1), and
///   alpha = k / (k - 1) (1 - sum_i C_ii / sum_ij C_ij)   (raw, not standardised alpha).
/// NaN, with `why`, for a node with one child, or when a covariance is undefined (fewer than 2
/// units with both values) or the total variance sum_ij C_ij is not positive.
inline std::vector<cronbach_row> cronbach(const result& r) {
  const framework& fw = r.tree();
  std::vector<cronbach_row> out;
  for (std::size_t nd : fw.aggregation_order()) {
    const auto& kids = fw.children(nd);
    cronbach_row row;
    row.node = fw[nd].code;
    row.n_children = kids.size();
    for (std::size_t u = 0; u < r.n_units(); ++u) {
      bool all = true;
      for (std::size_t c : kids)
        all = all && !std::isnan(r.score(c)[u]);
      row.n_units += all ? 1U : 0U;
    }
    const std::size_t k = kids.size();
    if (k < 2) {
      row.why = "one child: alpha needs at least 2";
      out.push_back(row);
      continue;
    }
    govmetrics::detail::neumaier_sum diag;
    govmetrics::detail::neumaier_sum total;
    bool defined = true;
    for (std::size_t a = 0; a < k && defined; ++a) {
      for (std::size_t b = a; b < k; ++b) {
        const double c = pairwise_covariance(r.score(kids[a]), r.score(kids[b]));
        if (std::isnan(c)) {
          defined = false;
          break;
        }
        if (a == b) {
          diag.add(c);
          total.add(c);
        } else {
          total.add(2.0 * c);
        }
      }
    }
    if (!defined) {
      row.why = "a pair of children has fewer than 2 units with both values";
    } else if (!(total.value() > 0.0)) {
      row.why = "the children's total variance is not positive";
    } else {
      const auto kk = static_cast<double>(k);
      row.alpha = kk / (kk - 1.0) * (1.0 - diag.value() / total.value());
    }
    out.push_back(row);
  }
  return out;
}

} // namespace govmetrics::audit
