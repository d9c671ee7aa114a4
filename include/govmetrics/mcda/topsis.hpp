// govmetrics: TOPSIS on a plain decision matrix (functional multi-criteria API).
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
#include <string_view>
#include <vector>

namespace govmetrics::mcda {

/// How TOPSIS normalises each criterion before weighting.
enum class topsis_normalization {
  /// r_ij = x_ij / sqrt(sum_i x_ij^2) (Hwang & Yoon 1981; the default).
  vector,
  /// r_ij = (x_ij - min) / (max - min), reversed for a negative criterion (pymcdm's default).
  min_max
};

constexpr const char* to_string(topsis_normalization n) noexcept {
  return n == topsis_normalization::vector ? "vector" : "min_max";
}

/// Parses "vector" / "min_max"; throws spec_error otherwise.
inline topsis_normalization topsis_normalization_from_string(std::string_view s) {
  if (s == "vector")
    return topsis_normalization::vector;
  if (s == "min_max")
    return topsis_normalization::min_max;
  GOVMETRICS_THROW(spec_error("mcda::topsis: unknown normalization '" + std::string(s) +
                              "' (expected 'vector' or 'min_max')"));
}

/// TOPSIS results, one value per alternative (row), in row order.
struct topsis_result {
  /// Euclidean distance to the ideal (the best weighted value of each criterion).
  std::vector<double> d_plus;
  /// Euclidean distance to the anti-ideal (the worst weighted value of each criterion).
  std::vector<double> d_minus;
  /// Closeness d_minus / (d_plus + d_minus), in [0, 1], higher is better.
  std::vector<double> score;
  /// Rank of score: 1 = best, ties "min".
  std::vector<double> rank;
};

namespace detail {
/// TOPSIS after the checks of the matrix, weights and directions (see topsis()): writes d+, d-
/// and the closeness of every row into `d_plus`, `d_minus`, `score`. `dirs` null: every criterion
/// positive. Scratch: `v` m.size() doubles, `ideal` and `anti` m.cols() each. Allocates nothing
/// unless it throws.
inline void topsis_kernel(const char* who, matrix_view m, const double* w, const direction* dirs,
                          topsis_normalization normalization, double* v, double* ideal,
                          double* anti, double* d_plus, double* d_minus, double* score) {
  namespace dm = govmetrics::detail::mcda;
  const std::size_t rows = m.rows();
  const std::size_t cols = m.cols();
  const auto best_is_max = [&](std::size_t j) {
    return normalization == topsis_normalization::min_max || dirs == nullptr ||
           dirs[j] == direction::positive;
  };
  // weighted normalised matrix, column-major
  if (normalization == topsis_normalization::min_max) {
    dm::min_max_with_direction_into(who, m, dirs, v);
  } else {
    for (std::size_t j = 0; j < cols; ++j) {
      const column_view x = m.column(j);
      double scale = 0.0; // max |x|: scaling keeps the sum of squares from overflowing
      for (double e : x)
        scale = std::max(scale, std::fabs(e));
      if (scale == 0.0) {
        GOVMETRICS_THROW(data_error(std::string(who) + ": criterion " + std::to_string(j) +
                                    " is all zero (" + std::to_string(rows) +
                                    " alternatives); vector normalisation divides by its zero "
                                    "norm (remove the criterion)"));
      }
      govmetrics::detail::neumaier_sum sq;
      for (double e : x)
        sq.add((e / scale) * (e / scale));
      const double norm = scale * std::sqrt(sq.value());
      for (std::size_t i = 0; i < rows; ++i)
        v[j * rows + i] = x[i] / norm;
    }
  }
  bool any_informative = false;
  for (std::size_t j = 0; j < cols; ++j) {
    double* c = v + j * rows;
    for (std::size_t i = 0; i < rows; ++i)
      c[i] *= w[j];
    if (w[j] > 0.0 && !dm::is_constant(column_view(c, rows)))
      any_informative = true;
  }
  if (!any_informative) {
    GOVMETRICS_THROW(data_error(std::string(who) +
                                ": every criterion with a positive weight is constant; the "
                                "closeness d- / (d+ + d-) is 0 / 0 for every alternative"));
  }

  for (std::size_t j = 0; j < cols; ++j) {
    const auto e = dm::column_extent(column_view(v + j * rows, rows));
    ideal[j] = best_is_max(j) ? e.max : e.min;
    anti[j] = best_is_max(j) ? e.min : e.max;
  }

  for (std::size_t i = 0; i < rows; ++i) {
    govmetrics::detail::neumaier_sum dp;
    govmetrics::detail::neumaier_sum dn;
    for (std::size_t j = 0; j < cols; ++j) {
      const double x = v[j * rows + i];
      dp.add((x - ideal[j]) * (x - ideal[j]));
      dn.add((x - anti[j]) * (x - anti[j]));
    }
    d_plus[i] = std::sqrt(dp.value());
    d_minus[i] = std::sqrt(dn.value());
    const double total = d_plus[i] + d_minus[i];
    if (!(total > 0.0)) {
      GOVMETRICS_THROW(data_error(std::string(who) + ": alternative " + std::to_string(i) +
                                  " is at distance 0 from both the ideal and the anti-ideal "
                                  "(weights too small to separate them)"));
    }
    score[i] = d_minus[i] / total;
  }
}

/// The scratch topsis_kernel needs for an m: m.size() + 2 m.cols() doubles.
constexpr std::size_t topsis_scratch_size(std::size_t rows, std::size_t cols) noexcept {
  return rows * cols + 2 * cols;
}
} // namespace detail

/// TOPSIS (Hwang & Yoon 1981). r = normalised matrix (see topsis_normalization); v_ij = w_j r_ij
/// with the weights as given (the closeness does not depend on their scale); ideal_j = best v_ij
/// by direction (max for positive, min for negative; after min-max, which already applies the
/// direction, always max), anti-ideal_j = worst; d+ and d- Euclidean; score = d- / (d+ + d-).
/// Errors: spec_error for weights or directions of the wrong size, a negative or non-finite
/// weight, all weights zero; data_error for fewer than 2 alternatives, NaN or infinite values, an
/// all-zero criterion (vector: zero norm), a constant criterion (min_max: zero range), every
/// criterion with a positive weight constant (d+ = d- = 0 for every alternative).
inline topsis_result topsis(matrix_view m, const std::vector<double>& w,
                            const std::vector<direction>& directions,
                            topsis_normalization normalization = topsis_normalization::vector) {
  namespace dm = govmetrics::detail::mcda;
  constexpr const char* who = "mcda::topsis";
  dm::check_matrix(who, m, 2);
  dm::check_weights(who, w, m.cols());
  dm::check_directions(who, directions, m.cols());
  const std::size_t rows = m.rows();
  const std::size_t cols = m.cols();
  std::vector<double> scratch(detail::topsis_scratch_size(rows, cols));
  topsis_result out;
  out.d_plus.resize(rows);
  out.d_minus.resize(rows);
  out.score.resize(rows);
  detail::topsis_kernel(who, m, w.data(), directions.data(), normalization, scratch.data(),
                        scratch.data() + m.size(), scratch.data() + m.size() + cols,
                        out.d_plus.data(), out.d_minus.data(), out.score.data());
  out.rank = rank::rank_scores(column_view(out.score.data(), rows), rank::ties::min);
  return out;
}

} // namespace govmetrics::mcda
