// govmetrics: simple additive weighting (SAW) on a plain decision matrix (functional
// multi-criteria API).
#pragma once

#include "govmetrics/config.hpp"
#include "govmetrics/core/column_view.hpp"
#include "govmetrics/core/matrix.hpp"
#include "govmetrics/core/polarity.hpp"
#include "govmetrics/detail/accumulate.hpp"
#include "govmetrics/detail/mcda.hpp"
#include "govmetrics/error.hpp"
#include "govmetrics/rank/rank.hpp"

#include <cstddef>
#include <vector>

namespace govmetrics::mcda {

/// SAW results, one value per alternative (row), in row order.
struct saw_result {
  std::vector<double> score; ///< sum_j w_j r_ij (in [0, 1] when the weights sum to 1)
  std::vector<double> rank;  ///< rank of score: 1 = best, ties "min"
};

/// Simple additive weighting with min-max normalisation: r_ij = (x_ij - min_j) / (max_j - min_j)
/// for a positive criterion, (max_j - x_ij) / (max_j - min_j) for a negative one;
/// score_i = sum_j w_j r_ij (weights as given, compensated sum).
/// Errors: spec_error for weights or directions of the wrong size, a negative or non-finite
/// weight, all weights zero; data_error for fewer than 2 alternatives, NaN or infinite values, a
/// constant criterion (zero range; also when its weight is 0: remove it instead).
inline saw_result saw(matrix_view m, const std::vector<double>& w,
                      const std::vector<direction>& directions) {
  namespace dm = govmetrics::detail::mcda;
  constexpr const char* who = "mcda::saw";
  dm::check_matrix(who, m, 2);
  dm::check_weights(who, w, m.cols());
  dm::check_directions(who, directions, m.cols());
  const std::size_t rows = m.rows();
  const std::vector<double> r = dm::min_max_with_direction(who, m, directions);
  saw_result out;
  out.score.resize(rows);
  for (std::size_t i = 0; i < rows; ++i) {
    govmetrics::detail::neumaier_sum s;
    for (std::size_t j = 0; j < m.cols(); ++j)
      s.add(w[j] * r[j * rows + i]);
    out.score[i] = s.value();
  }
  out.rank = rank::rank_scores(column_view(out.score.data(), rows), rank::ties::min);
  return out;
}

} // namespace govmetrics::mcda
