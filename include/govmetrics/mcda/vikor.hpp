// govmetrics: VIKOR on a plain decision matrix (functional multi-criteria API).
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
#include <numeric>
#include <string>
#include <vector>

namespace govmetrics::mcda {

/// VIKOR results, one value per alternative (row) in row order, and the compromise solution.
struct vikor_result {
  /// S_i, group utility: sum_j of the weighted regrets d_ij (lower is better).
  std::vector<double> s;
  /// R_i, individual regret: max_j of the weighted regrets d_ij (lower is better).
  std::vector<double> r;
  /// Q_i, the compromise index in [0, 1] (lower is better).
  std::vector<double> q;
  /// Rank by Q ascending: 1 = lowest Q, ties "min".
  std::vector<double> rank;

  /// DQ = 1 / (m - 1), the acceptable-advantage threshold (m alternatives).
  double dq = 0.0;
  /// C1: Q(a'') - Q(a') >= DQ, a' and a'' the first and second alternatives by Q.
  bool acceptable_advantage = false;
  /// C2: a' is also best (rank 1, ties included) by S or by R.
  bool acceptable_stability = false;
  /// The compromise solution (Opricovic & Tzeng 2004), alternative indices in Q order: {a'} when
  /// C1 and C2 hold; {a', a''} when only C2 fails; when C1 fails, a' and every a(k) with
  /// Q(a(k)) - Q(a') < DQ.
  std::vector<std::size_t> compromise_set;
};

/// Absolute slack in the DQ comparisons, so that an advantage equal to DQ in exact arithmetic
/// (Q values are often simple fractions) is acceptable whatever the rounding.
inline constexpr double vikor_dq_slack = 1e-12;

/// VIKOR (Opricovic 1998; Opricovic & Tzeng 2004) on the raw values:
/// f*_j = best value of criterion j by direction, f-_j = worst;
/// d_ij = w_j (f*_j - x_ij) / (f*_j - f-_j) (weights as given, not renormalised);
/// S_i = sum_j d_ij, R_i = max_j d_ij;
/// Q_i = v (S_i - S*) / (S- - S*) + (1 - v) (R_i - R*) / (R- - R*), S* = min S, S- = max S, etc.
/// Conventions: a constant criterion (f* = f-) contributes d_ij = 0 to every alternative (it
/// cannot separate them); when S- = S* (or R- = R*) that part of Q is 0 for every alternative.
/// Ties in Q order by row position when choosing a' and a''.
/// Errors: spec_error for weights or directions of the wrong size, a negative or non-finite
/// weight, all weights zero, `v` outside [0, 1]; data_error for fewer than 2 alternatives, NaN or
/// infinite values.
inline vikor_result vikor(matrix_view m, const std::vector<double>& w,
                          const std::vector<direction>& directions, double v = 0.5) {
  namespace dm = govmetrics::detail::mcda;
  constexpr const char* who = "mcda::vikor";
  if (!(v >= 0.0 && v <= 1.0)) {
    GOVMETRICS_THROW(spec_error(std::string(who) + ": 'v' must be in [0, 1] (got " +
                                dm::format_number(v) + ")"));
  }
  dm::check_matrix(who, m, 2);
  dm::check_weights(who, w, m.cols());
  dm::check_directions(who, directions, m.cols());
  const std::size_t rows = m.rows();
  const std::size_t cols = m.cols();

  std::vector<govmetrics::detail::neumaier_sum> s_acc(rows);
  vikor_result out;
  out.r.assign(rows, 0.0);
  for (std::size_t j = 0; j < cols; ++j) {
    const column_view x = m.column(j);
    const auto e = dm::column_extent(x);
    if (!(e.max > e.min))
      continue; // f* = f-: the term is 0 for every alternative
    const bool positive = directions[j] == direction::positive;
    const double best = positive ? e.max : e.min;
    const double worst = positive ? e.min : e.max;
    for (std::size_t i = 0; i < rows; ++i) {
      const double d = w[j] * ((best - x[i]) / (best - worst));
      s_acc[i].add(d);
      out.r[i] = std::max(out.r[i], d);
    }
  }
  out.s.resize(rows);
  for (std::size_t i = 0; i < rows; ++i)
    out.s[i] = s_acc[i].value();

  const auto se = dm::column_extent(column_view(out.s.data(), rows));
  const auto re = dm::column_extent(column_view(out.r.data(), rows));
  out.q.resize(rows);
  for (std::size_t i = 0; i < rows; ++i) {
    const double qs = se.max > se.min ? (out.s[i] - se.min) / (se.max - se.min) : 0.0;
    const double qr = re.max > re.min ? (out.r[i] - re.min) / (re.max - re.min) : 0.0;
    out.q[i] = v * qs + (1.0 - v) * qr;
  }
  std::vector<double> neg_q(rows);
  for (std::size_t i = 0; i < rows; ++i)
    neg_q[i] = -out.q[i];
  out.rank = rank::rank_scores(column_view(neg_q.data(), rows), rank::ties::min);

  // compromise solution
  std::vector<std::size_t> order(rows);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return out.q[a] < out.q[b]; });
  out.dq = 1.0 / static_cast<double>(rows - 1);
  const std::size_t first = order[0];
  const double q1 = out.q[first];
  const auto acceptable = [&](std::size_t k) { return out.q[k] - q1 >= out.dq - vikor_dq_slack; };
  out.acceptable_advantage = acceptable(order[1]);
  out.acceptable_stability = out.s[first] == se.min || out.r[first] == re.min;
  if (!out.acceptable_advantage) {
    for (std::size_t k : order) {
      if (k != first && acceptable(k))
        break;
      out.compromise_set.push_back(k);
    }
  } else if (!out.acceptable_stability) {
    out.compromise_set = {first, order[1]};
  } else {
    out.compromise_set = {first};
  }
  return out;
}

} // namespace govmetrics::mcda
