// govmetrics: grey relational analysis (GRA) on a plain decision matrix (functional multi-criteria
// API).
#pragma once

#include "govmetrics/config.hpp"
#include "govmetrics/core/column_view.hpp"
#include "govmetrics/core/matrix.hpp"
#include "govmetrics/core/polarity.hpp"
#include "govmetrics/detail/accumulate.hpp"
#include "govmetrics/detail/mcda.hpp"
#include "govmetrics/error.hpp"
#include "govmetrics/rank/rank.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

namespace govmetrics::mcda {

/// Grey relational results, one value per alternative (row), in row order.
struct grey_relational_result {
  std::vector<double> grade; ///< grey relational grade in (0, 1], higher is better
  std::vector<double> rank;  ///< rank of grade: 1 = best, ties "min"
};

namespace detail {
/// Grey relational analysis after the checks (see grey_relational()): the grade of every row into
/// `grade`. `dirs` null: every criterion positive. Scratch: `delta`, m.size() doubles. Allocates
/// nothing unless it throws.
inline void grey_relational_kernel(const char* who, matrix_view m, const double* w,
                                   const direction* dirs, double rho, double* delta,
                                   double* grade) {
  namespace dm = govmetrics::detail::mcda;
  const std::size_t rows = m.rows();
  dm::min_max_with_direction_into(who, m, dirs, delta);
  double dmin = 0.0;
  double dmax = 0.0;
  for (std::size_t k = 0; k < m.size(); ++k) {
    delta[k] = std::fabs(1.0 - delta[k]);
    dmin = k == 0 ? delta[k] : std::min(dmin, delta[k]);
    dmax = k == 0 ? delta[k] : std::max(dmax, delta[k]);
  }
  // every criterion has a non-zero range, so delta spans [0, 1]: dmax = 1 > 0
  govmetrics::detail::neumaier_sum wsum;
  for (std::size_t j = 0; j < m.cols(); ++j)
    wsum.add(w[j]);
  const double wtotal = wsum.value();
  for (std::size_t i = 0; i < rows; ++i) {
    govmetrics::detail::neumaier_sum s;
    for (std::size_t j = 0; j < m.cols(); ++j) {
      const double xi = (dmin + rho * dmax) / (delta[j * rows + i] + rho * dmax);
      s.add(w[j] * xi);
    }
    grade[i] = s.value() / wtotal;
  }
}

/// spec_error unless 0 < rho <= 1.
inline void grey_relational_check_rho(const char* who, double rho) {
  if (!(rho > 0.0 && rho <= 1.0)) {
    GOVMETRICS_THROW(spec_error(std::string(who) + ": 'rho' must be in (0, 1] (got " +
                                govmetrics::detail::mcda::format_number(rho) + ")"));
  }
}
} // namespace detail

/// Grey relational analysis (Deng 1982) against the ideal sequence of ones:
/// r_ij = min-max of criterion j with direction (1 = best); delta_ij = |1 - r_ij|;
/// xi_ij = (delta_min + rho delta_max) / (delta_ij + rho delta_max), delta_min and delta_max over
/// the whole matrix; grade_i = sum_j w_j xi_ij / sum_j w_j (a weighted mean: the weights need not
/// sum to 1).
/// Errors: spec_error for weights or directions of the wrong size, a negative or non-finite
/// weight, all weights zero, `rho` outside (0, 1]; data_error for fewer than 2 alternatives, NaN or
/// infinite values, a constant criterion (zero range; also when its weight is 0).
inline grey_relational_result grey_relational(matrix_view m, const std::vector<double>& w,
                                              const std::vector<direction>& directions,
                                              double rho = 0.5) {
  namespace dm = govmetrics::detail::mcda;
  constexpr const char* who = "mcda::grey_relational";
  detail::grey_relational_check_rho(who, rho);
  dm::check_matrix(who, m, 2);
  dm::check_weights(who, w, m.cols());
  dm::check_directions(who, directions, m.cols());
  const std::size_t rows = m.rows();
  std::vector<double> delta(m.size());
  grey_relational_result out;
  out.grade.resize(rows);
  detail::grey_relational_kernel(who, m, w.data(), directions.data(), rho, delta.data(),
                                 out.grade.data());
  out.rank = rank::rank_scores(column_view(out.grade.data(), rows), rank::ties::min);
  return out;
}

} // namespace govmetrics::mcda
