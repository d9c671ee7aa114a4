// govmetrics: the weighted product model (WPM) on a plain decision matrix (functional
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

#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace govmetrics::mcda {

/// What `wpm` does with a zero value.
enum class wpm_zeros {
  /// A value <= 0 anywhere is a data_error (the default, as for the geometric mean).
  error,
  /// A zero in a positive criterion of weight > 0 makes the product 0 (log10_score = -inf, ranked
  /// last, tied "min" with any other such alternative): the reference/mcda convention (0^w = 0).
  /// A zero in a negative criterion of weight > 0 is still a data_error (it would be 1/0), and so
  /// is any negative value.
  zero_score
};

constexpr const char* to_string(wpm_zeros z) noexcept {
  return z == wpm_zeros::error ? "error" : "zero_score";
}

/// Parses "error" / "zero_score"; throws spec_error otherwise.
inline wpm_zeros wpm_zeros_from_string(std::string_view s) {
  if (s == "error")
    return wpm_zeros::error;
  if (s == "zero_score")
    return wpm_zeros::zero_score;
  GOVMETRICS_THROW(spec_error("mcda::wpm: unknown zeros policy '" + std::string(s) +
                              "' (expected 'error' or 'zero_score')"));
}

/// WPM results, one value per alternative (row), in row order.
struct wpm_result {
  std::vector<double> score;       ///< prod_j x_ij^(+-w_j); may overflow to inf for extreme data
  std::vector<double> log10_score; ///< log10 of score, computed as a sum (never overflows)
  std::vector<double> rank;        ///< rank of log10_score: 1 = best, ties "min"
};

/// Weighted product model on the raw values: score_i = prod_j x_ij^(w_j) for a positive criterion
/// and x_ij^(-w_j) for a negative one (weights as given; a criterion of weight 0 contributes the
/// factor 1); log10_score_i = sum_j +-w_j log10 x_ij (compensated sum), score = 10^log10_score.
/// Ranks come from log10_score. A single alternative is allowed (rank 1).
/// Errors: spec_error for weights or directions of the wrong size, a negative or non-finite
/// weight, all weights zero; data_error for an empty matrix, NaN or infinite values, a value < 0,
/// a zero unless `zeros` is zero_score (see wpm_zeros; with `error` a zero is rejected also in a
/// criterion of weight 0).
inline wpm_result wpm(matrix_view m, const std::vector<double>& w,
                      const std::vector<direction>& directions,
                      wpm_zeros zeros = wpm_zeros::error) {
  namespace dm = govmetrics::detail::mcda;
  constexpr const char* who = "mcda::wpm";
  dm::check_matrix(who, m, 1);
  dm::check_weights(who, w, m.cols());
  dm::check_directions(who, directions, m.cols());
  const std::size_t rows = m.rows();
  for (std::size_t j = 0; j < m.cols(); ++j) {
    for (std::size_t i = 0; i < rows; ++i) {
      const double x = m(i, j);
      if (x > 0.0)
        continue;
      if (x == 0.0 && zeros == wpm_zeros::zero_score) {
        if (directions[j] == direction::positive || w[j] == 0.0)
          continue;
        GOVMETRICS_THROW(data_error(std::string(who) + ": value 0 at " + dm::cell_name(i, j) +
                                    " of a negative criterion (x^(-w) would divide by zero)"));
      }
      GOVMETRICS_THROW(data_error(
          std::string(who) + ": value " + dm::format_number(x) + " at " + dm::cell_name(i, j) +
          (zeros == wpm_zeros::error ? " (the weighted product needs values > 0; "
                                       "wpm_zeros::zero_score accepts zeros)"
                                     : " (the weighted product needs values >= 0)")));
    }
  }
  wpm_result out;
  out.score.resize(rows);
  out.log10_score.resize(rows);
  for (std::size_t i = 0; i < rows; ++i) {
    govmetrics::detail::neumaier_sum s;
    bool zero = false;
    for (std::size_t j = 0; j < m.cols(); ++j) {
      if (w[j] == 0.0)
        continue; // x^0 = 1
      if (m(i, j) == 0.0) {
        zero = true; // only reachable with zero_score, positive criterion
        break;
      }
      s.add(sign_of(directions[j]) * w[j] * std::log10(m(i, j)));
    }
    if (zero) {
      out.log10_score[i] = -std::numeric_limits<double>::infinity();
      out.score[i] = 0.0;
    } else {
      out.log10_score[i] = s.value();
      out.score[i] = std::pow(10.0, out.log10_score[i]);
    }
  }
  out.rank = rank::rank_scores(column_view(out.log10_score.data(), rows), rank::ties::min);
  return out;
}

} // namespace govmetrics::mcda
