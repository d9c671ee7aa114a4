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

namespace detail {
/// spec_error unless 0 <= v <= 1.
inline void vikor_check_v(const char* who, double v) {
  if (!(v >= 0.0 && v <= 1.0)) {
    GOVMETRICS_THROW(spec_error(std::string(who) + ": 'v' must be in [0, 1] (got " +
                                govmetrics::detail::mcda::format_number(v) + ")"));
  }
}

/// VIKOR's facts beside its columns (see vikor_result).
struct vikor_facts {
  double dq = 0.0;
  bool acceptable_advantage = false;
  bool acceptable_stability = false;
};

/// VIKOR after the checks (see vikor()): S, R and Q of every row into `s`, `r`, `q`; the rows in
/// Q order (ties by position) into `order`; `in_set(k)` for every row k of the compromise set, in
/// Q order. `dirs` null: every criterion positive. Scratch: `comp`, m.rows() doubles. Allocates
/// nothing.
template <class InSet>
vikor_facts vikor_kernel(matrix_view m, const double* w, const direction* dirs, double v, double* s,
                         double* r, double* q, double* comp, std::size_t* order, InSet&& in_set) {
  namespace dm = govmetrics::detail::mcda;
  const std::size_t rows = m.rows();
  const std::size_t cols = m.cols();
  // S_i as a compensated sum (neumaier_sum::add on (s[i], comp[i])), R_i as a running max
  std::fill(s, s + rows, 0.0);
  std::fill(comp, comp + rows, 0.0);
  std::fill(r, r + rows, 0.0);
  for (std::size_t j = 0; j < cols; ++j) {
    const column_view x = m.column(j);
    const auto e = dm::column_extent(x);
    if (!(e.max > e.min))
      continue; // f* = f-: the term is 0 for every alternative
    const bool positive = dirs == nullptr || dirs[j] == direction::positive;
    const double best = positive ? e.max : e.min;
    const double worst = positive ? e.min : e.max;
    for (std::size_t i = 0; i < rows; ++i) {
      const double d = w[j] * ((best - x[i]) / (best - worst));
      const double t = s[i] + d;
      const double bp = t - s[i];
      comp[i] += (s[i] - (t - bp)) + (d - bp);
      s[i] = t;
      r[i] = std::max(r[i], d);
    }
  }
  for (std::size_t i = 0; i < rows; ++i)
    s[i] = s[i] + comp[i];

  const auto se = dm::column_extent(column_view(s, rows));
  const auto re = dm::column_extent(column_view(r, rows));
  for (std::size_t i = 0; i < rows; ++i) {
    const double qs = se.max > se.min ? (s[i] - se.min) / (se.max - se.min) : 0.0;
    const double qr = re.max > re.min ? (r[i] - re.min) / (re.max - re.min) : 0.0;
    q[i] = v * qs + (1.0 - v) * qr;
  }

  // compromise solution: the rows by (Q, position), as a stable sort by Q would order them; a NaN
  // Q (a criterion whose range overflows a double: inf / inf) goes last, so the order stays a
  // strict weak one
  std::iota(order, order + rows, std::size_t{0});
  std::sort(order, order + rows, [&](std::size_t a, std::size_t b) {
    const bool na = std::isnan(q[a]);
    const bool nb = std::isnan(q[b]);
    if (na || nb)
      return na != nb ? nb : a < b;
    return q[a] < q[b] || (q[a] == q[b] && a < b);
  });
  vikor_facts f;
  f.dq = 1.0 / static_cast<double>(rows - 1);
  const std::size_t first = order[0];
  const double q1 = q[first];
  const auto acceptable = [&](std::size_t k) { return q[k] - q1 >= f.dq - vikor_dq_slack; };
  f.acceptable_advantage = acceptable(order[1]);
  f.acceptable_stability = s[first] == se.min || r[first] == re.min;
  if (!f.acceptable_advantage) {
    for (std::size_t p = 0; p < rows; ++p) {
      const std::size_t k = order[p];
      if (k != first && acceptable(k))
        break;
      in_set(k);
    }
  } else if (!f.acceptable_stability) {
    in_set(first);
    in_set(order[1]);
  } else {
    in_set(first);
  }
  return f;
}
} // namespace detail

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
  detail::vikor_check_v(who, v);
  dm::check_matrix(who, m, 2);
  dm::check_weights(who, w, m.cols());
  dm::check_directions(who, directions, m.cols());
  const std::size_t rows = m.rows();
  vikor_result out;
  out.s.resize(rows);
  out.r.resize(rows);
  out.q.resize(rows);
  std::vector<double> comp(rows);
  std::vector<std::size_t> order(rows);
  const detail::vikor_facts f = detail::vikor_kernel(
      m, w.data(), directions.data(), v, out.s.data(), out.r.data(), out.q.data(), comp.data(),
      order.data(), [&](std::size_t k) { out.compromise_set.push_back(k); });
  out.dq = f.dq;
  out.acceptable_advantage = f.acceptable_advantage;
  out.acceptable_stability = f.acceptable_stability;
  for (std::size_t i = 0; i < rows; ++i)
    comp[i] = -out.q[i];
  out.rank = rank::rank_scores(column_view(comp.data(), rows), rank::ties::min);
  return out;
}

} // namespace govmetrics::mcda
