// govmetrics: objective (data-driven) weights of the criteria of a plain decision matrix:
// `weights::entropy`, `weights::critic`, `weights::std_dev`, `weights::cv`.
//
// Functional API for multi-criteria users: each function takes a matrix_view (rows = alternatives,
// columns = criteria, column-major) and returns one weight per criterion, each >= 0, summing to 1.
// Missing values are not allowed (a NaN is a data_error naming its alternative and criterion).
// Formulas and conventions: docs/methods/mcda-functional.md.
#pragma once

#include "govmetrics/config.hpp"
#include "govmetrics/core/matrix.hpp"
#include "govmetrics/core/polarity.hpp"
#include "govmetrics/detail/accumulate.hpp"
#include "govmetrics/detail/correlation.hpp"
#include "govmetrics/detail/mcda.hpp"
#include "govmetrics/error.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace govmetrics::weights {

/// How `entropy` treats a zero in a criterion.
enum class entropy_zeros {
  /// 0 ln 0 = 0: a zero contributes nothing to the entropy sum (textbook; the default).
  zero_log_zero,
  /// A criterion holding any zero gets entropy e_j = 0, hence the largest possible 1 - e_j = 1
  /// (pymcdm's `entropy_weights`; the reference column `entropy_anyzero_e0`).
  column_entropy_zero
};

constexpr const char* to_string(entropy_zeros z) noexcept {
  return z == entropy_zeros::zero_log_zero ? "zero_log_zero" : "column_entropy_zero";
}

/// Parses "zero_log_zero" / "column_entropy_zero"; throws spec_error otherwise.
inline entropy_zeros entropy_zeros_from_string(std::string_view s) {
  if (s == "zero_log_zero")
    return entropy_zeros::zero_log_zero;
  if (s == "column_entropy_zero")
    return entropy_zeros::column_entropy_zero;
  GOVMETRICS_THROW(spec_error("weights::entropy: unknown zeros policy '" + std::string(s) +
                              "' (expected 'zero_log_zero' or 'column_entropy_zero')"));
}

/// Entropy weights on the matrix as given (direction is ignored: the textbook form on raw data).
/// p_ij = x_ij / sum_i x_ij; e_j = -sum_i p_ij ln p_ij / ln m (m alternatives);
/// w_j = (1 - e_j) / sum_k (1 - e_k). Zeros follow `zeros` (default 0 ln 0 = 0). A constant
/// criterion has e_j = 1 and weight 0. 1 - e_j is computed as sum_i p_ij ln(m p_ij) / ln m, which
/// equals it exactly in real arithmetic and avoids the cancellation of 1 - e_j when e_j is close
/// to 1. Errors (data_error): fewer than 2 alternatives, NaN or infinite values, a negative value,
/// a criterion that is all zero, every criterion constant (all e_j = 1).
/// entropy_into writes the m.cols() weights into `d` and allocates nothing unless it throws.
inline void entropy_into(matrix_view m, entropy_zeros zeros, double* d) {
  namespace dm = govmetrics::detail::mcda;
  constexpr const char* who = "weights::entropy";
  dm::check_matrix(who, m, 2);
  const std::size_t rows = m.rows();
  const double n = static_cast<double>(rows);
  const double ln_n = std::log(n);
  std::fill(d, d + m.cols(), 0.0);
  for (std::size_t j = 0; j < m.cols(); ++j) {
    const column_view x = m.column(j);
    govmetrics::detail::neumaier_sum sum;
    bool has_zero = false;
    for (std::size_t i = 0; i < rows; ++i) {
      if (x[i] < 0.0) {
        GOVMETRICS_THROW(data_error(std::string(who) + ": negative value " +
                                    dm::format_number(x[i]) + " at " + dm::cell_name(i, j) +
                                    " (entropy weights need values >= 0)"));
      }
      has_zero = has_zero || x[i] == 0.0;
      sum.add(x[i]);
    }
    const double s = sum.value();
    if (!(s > 0.0)) {
      GOVMETRICS_THROW(data_error(std::string(who) + ": criterion " + std::to_string(j) +
                                  " is all zero (" + std::to_string(rows) +
                                  " alternatives); the shares x / sum(x) are undefined"));
    }
    if (has_zero && zeros == entropy_zeros::column_entropy_zero) {
      d[j] = 1.0; // e_j = 0
      continue;
    }
    if (dm::is_constant(x)) {
      d[j] = 0.0; // e_j = 1 exactly
      continue;
    }
    govmetrics::detail::neumaier_sum acc;
    for (std::size_t i = 0; i < rows; ++i) {
      if (x[i] == 0.0)
        continue; // 0 ln 0 = 0
      const double p = x[i] / s;
      acc.add(p * std::log(n * p));
    }
    d[j] = std::max(0.0, acc.value() / ln_n);
  }
  dm::normalise_to_one_in_place(who, d, m.cols(),
                                "every criterion has entropy 1 (each is constant); entropy "
                                "weights are undefined");
}
inline std::vector<double> entropy(matrix_view m,
                                   entropy_zeros zeros = entropy_zeros::zero_log_zero) {
  std::vector<double> d(m.cols());
  entropy_into(m, zeros, d.data());
  return d;
}

/// CRITIC weights (Diakoulaki, Mavrotas & Papayannakis 1995), direction-aware textbook form:
///   r_ij    = min-max of column j with direction (1 = best, 0 = worst)
///   sigma_j = sample standard deviation (n - 1) of r_j
///   rho_jk  = Pearson correlation of r_j and r_k
///   C_j     = sigma_j * sum_k (1 - rho_jk);  w_j = C_j / sum C
/// Errors: data_error for fewer than 2 alternatives or 2 criteria, NaN or infinite values, a
/// constant criterion (its min-max range is zero and its correlations undefined), all criteria
/// perfectly correlated (every sum_k (1 - rho_jk) <= 1e-12, zero up to rounding: the weights would
/// be ratios of rounding noise); spec_error for a `directions` of the wrong size.
/// critic_into writes the m.cols() weights into `out`, with `directions` null for every
/// criterion positive and `r` scratch of m.size() doubles; it allocates nothing unless it throws.
inline void critic_into(matrix_view m, const direction* directions, double* r, double* out) {
  namespace dm = govmetrics::detail::mcda;
  constexpr const char* who = "weights::critic";
  dm::check_matrix(who, m, 2);
  if (m.cols() < 2) {
    GOVMETRICS_THROW(data_error(std::string(who) + ": needs at least 2 criteria (got " +
                                std::to_string(m.cols()) +
                                "); with one criterion the conflict sum(1 - r) is 0"));
  }
  const std::size_t rows = m.rows();
  const std::size_t cols = m.cols();
  dm::min_max_with_direction_into(who, m, directions, r);
  double max_conflict = 0.0;
  for (std::size_t j = 0; j < cols; ++j) {
    const auto mom = govmetrics::detail::compute_moments(r + j * rows, rows);
    const double sigma = std::sqrt(mom.sample_variance());
    govmetrics::detail::neumaier_sum conflict;
    for (std::size_t k = 0; k < cols; ++k) {
      if (k == j)
        continue; // 1 - r_jj = 0
      // the columns are complete and not constant (checked above), so rho is defined
      const double rho = govmetrics::detail::pearson_complete(r + j * rows, r + k * rows, rows);
      conflict.add(1.0 - rho);
    }
    max_conflict = std::max(max_conflict, conflict.value());
    out[j] = sigma * conflict.value();
  }
  constexpr const char* collinear = "all criteria are perfectly correlated (C_j = 0 for every "
                                    "criterion); CRITIC weights are undefined";
  if (max_conflict <= 1e-12) {
    GOVMETRICS_THROW(data_error(std::string(who) + ": " + collinear));
  }
  dm::normalise_to_one_in_place(who, out, cols, collinear);
}
inline std::vector<double> critic(matrix_view m, const std::vector<direction>& directions) {
  namespace dm = govmetrics::detail::mcda;
  dm::check_matrix("weights::critic", m, 2);
  dm::check_directions("weights::critic", directions, m.cols());
  std::vector<double> r(m.size());
  std::vector<double> out(m.cols());
  critic_into(m, directions.data(), r.data(), out.data());
  return out;
}

/// Standard-deviation weights: w_j = sd_j / sum sd, sd with n - 1 of the raw columns (the choice
/// of n or n - 1 cancels in the ratio). A constant criterion gets weight 0.
/// Errors (data_error): fewer than 2 alternatives, NaN or infinite values, every criterion
/// constant.
/// std_dev_into writes the m.cols() weights into `sd` and allocates nothing unless it throws.
inline void std_dev_into(matrix_view m, double* sd) {
  namespace dm = govmetrics::detail::mcda;
  constexpr const char* who = "weights::std_dev";
  dm::check_matrix(who, m, 2);
  for (std::size_t j = 0; j < m.cols(); ++j) {
    const auto mom = govmetrics::detail::compute_moments(m.column(j).data(), m.rows());
    sd[j] = std::sqrt(mom.sample_variance());
  }
  dm::normalise_to_one_in_place(who, sd, m.cols(),
                                "every criterion is constant (standard deviation 0); weights "
                                "are undefined");
}
inline std::vector<double> std_dev(matrix_view m) {
  std::vector<double> sd(m.cols());
  std_dev_into(m, sd.data());
  return sd;
}

/// Coefficient-of-variation weights: cv_j = sd_j (n - 1) / mean_j of the raw columns;
/// w_j = cv_j / sum cv. A constant criterion gets weight 0.
/// Errors (data_error): fewer than 2 alternatives, NaN or infinite values, a criterion whose mean
/// is not positive (the coefficient of variation is meant for positive, ratio-scale data and would
/// give a negative or infinite weight), every criterion constant.
/// cv_into writes the m.cols() weights into `c` and allocates nothing unless it throws.
inline void cv_into(matrix_view m, double* c) {
  namespace dm = govmetrics::detail::mcda;
  constexpr const char* who = "weights::cv";
  dm::check_matrix(who, m, 2);
  for (std::size_t j = 0; j < m.cols(); ++j) {
    const auto mom = govmetrics::detail::compute_moments(m.column(j).data(), m.rows());
    if (!(mom.mean > 0.0)) {
      GOVMETRICS_THROW(data_error(std::string(who) + ": criterion " + std::to_string(j) +
                                  " has mean " + dm::format_number(mom.mean) +
                                  " (the coefficient of variation needs a positive mean)"));
    }
    c[j] = std::sqrt(mom.sample_variance()) / mom.mean;
  }
  dm::normalise_to_one_in_place(who, c, m.cols(),
                                "every criterion is constant (coefficient of variation 0); "
                                "weights are undefined");
}
inline std::vector<double> cv(matrix_view m) {
  std::vector<double> c(m.cols());
  cv_into(m, c.data());
  return c;
}

} // namespace govmetrics::weights
