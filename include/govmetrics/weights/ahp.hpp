// govmetrics: Analytic Hierarchy Process weights (Saaty 1977, 1980) from a pairwise comparison
// matrix: the functional `weights::ahp(matrix)` and the pipeline strategy `weights::ahp_method`
// ("ahp"). Formulas, the random index table and tolerances: docs/methods/weights-ahp.md.
#pragma once

#include "govmetrics/config.hpp"
#include "govmetrics/detail/eigen.hpp"
#include "govmetrics/detail/mcda.hpp"
#include "govmetrics/error.hpp"
#include "govmetrics/weights/details.hpp"

#include <cmath>
#include <cstddef>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace govmetrics::weights {

/// Saaty's random consistency index RI(n) for an n x n matrix: the mean consistency index of
/// random reciprocal matrices on the 1/9..9 scale, as tabulated in Saaty, The Analytic Hierarchy
/// Process (McGraw-Hill 1980), n = 1..15: 0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49,
/// 1.51, 1.48, 1.56, 1.57, 1.59. spec_error for n = 0 or n > 15.
inline double random_index(std::size_t n) {
  static constexpr double table[] = {0.0,  0.0,  0.58, 0.90, 1.12, 1.24, 1.32, 1.41,
                                     1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59};
  if (n == 0 || n > 15) {
    GOVMETRICS_THROW(spec_error("weights::ahp: no random index for a " + std::to_string(n) + " x " +
                                std::to_string(n) +
                                " matrix (Saaty's table covers 1 to 15 elements)"));
  }
  return table[n - 1];
}

/// Principal-eigenvector weights of a pairwise comparison matrix and its consistency.
struct ahp_result {
  std::vector<double> weights;    ///< principal right eigenvector, > 0, summing to 1
  double lambda_max = 0.0;        ///< principal eigenvalue (>= n for a reciprocal matrix)
  double consistency_index = 0.0; ///< CI = (lambda_max - n) / (n - 1); 0 for n <= 2
  double random_index = 0.0;      ///< RI(n), Saaty's table
  double consistency_ratio = 0.0; ///< CR = CI / RI; 0 for n <= 2 (always consistent)
};

/// Checks that `a` is a square, positive, finite, reciprocal matrix with ones on the diagonal:
/// |a_ij * a_ji - 1| <= reciprocal_tol (+ 1e-12 for rounding) for every pair and |a_ii - 1| <=
/// reciprocal_tol (default 0.01, so that judgements written with two decimals, 0.33 for 1/3, pass).
/// Throws spec_error naming the row and column (0-based).
inline void check_pairwise(const std::vector<std::vector<double>>& a, double reciprocal_tol) {
  namespace dm = govmetrics::detail::mcda;
  constexpr const char* who = "weights::ahp";
  const std::size_t n = a.size();
  if (n == 0)
    GOVMETRICS_THROW(spec_error(std::string(who) + ": the pairwise comparison matrix is empty"));
  for (std::size_t i = 0; i < n; ++i) {
    if (a[i].size() != n) {
      GOVMETRICS_THROW(spec_error(std::string(who) + ": the matrix is not square (row " +
                                  std::to_string(i) + " has " + std::to_string(a[i].size()) +
                                  " entries, there are " + std::to_string(n) + " rows)"));
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      const double x = a[i][j];
      if (!std::isfinite(x) || !(x > 0.0)) {
        GOVMETRICS_THROW(spec_error(std::string(who) + ": entry (" + std::to_string(i) + ", " +
                                    std::to_string(j) + ") is " + dm::format_number(x) +
                                    " (pairwise comparisons must be positive and finite)"));
      }
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (std::abs(a[i][i] - 1.0) > reciprocal_tol + 1e-12) {
      GOVMETRICS_THROW(spec_error(std::string(who) + ": diagonal entry (" + std::to_string(i) +
                                  ", " + std::to_string(i) + ") is " + dm::format_number(a[i][i]) +
                                  " (an element compared with itself is 1)"));
    }
    for (std::size_t j = i + 1; j < n; ++j) {
      const double p = a[i][j] * a[j][i];
      if (std::abs(p - 1.0) > reciprocal_tol + 1e-12) { // slack for rounding
        GOVMETRICS_THROW(spec_error(
            std::string(who) + ": the matrix is not reciprocal: entry (" + std::to_string(i) +
            ", " + std::to_string(j) + ") is " + dm::format_number(a[i][j]) + " and entry (" +
            std::to_string(j) + ", " + std::to_string(i) + ") is " + dm::format_number(a[j][i]) +
            " (their product is " + dm::format_number(p) + ", expected 1 within " +
            dm::format_number(reciprocal_tol) + ")"));
      }
    }
  }
}

/// AHP weights: w = the principal right eigenvector of `a` (A w = lambda_max w), scaled to sum 1;
/// CI = (lambda_max - n)/(n - 1), CR = CI / random_index(n) (0 when n <= 2). The matrix is used as
/// given (entries within the tolerance of reciprocal are not made exactly reciprocal).
/// Throws spec_error for an invalid matrix (see check_pairwise) or more than 15 elements.
inline ahp_result ahp(const std::vector<std::vector<double>>& a, double reciprocal_tol = 0.01) {
  check_pairwise(a, reciprocal_tol);
  const std::size_t n = a.size();
  ahp_result out;
  out.random_index = random_index(n);
  if (n == 1) {
    out.weights = {1.0};
    out.lambda_max = 1.0;
    return out;
  }
  std::vector<double> flat(n * n);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j)
      flat[i * n + j] = a[i][j];
  }
  // Perron-Frobenius: a positive matrix has a real, simple eigenvalue of largest modulus with a
  // positive eigenvector.
  govmetrics::detail::perron_result eig = govmetrics::detail::perron(flat, n);
  if (!eig.converged) {
    GOVMETRICS_THROW(spec_error("weights::ahp: the principal eigenvector of the " +
                                std::to_string(n) + " x " + std::to_string(n) +
                                " matrix did not converge"));
  }
  out.lambda_max = eig.value;
  out.weights = std::move(eig.vector);
  if (n > 2) {
    out.consistency_index = (out.lambda_max - static_cast<double>(n)) / static_cast<double>(n - 1);
    out.consistency_ratio = out.consistency_index / out.random_index;
  }
  return out;
}

namespace detail {
/// A solved matrix and the fields it was solved from (ahp_method::memoised).
struct ahp_solution {
  std::vector<std::vector<double>> matrix;
  std::vector<std::string> order;
  double max_cr = 0.0;
  double reciprocal_tol = 0.0;
  ahp_result result;
};

/// The solution an ahp_method and its copies share: read and replaced whole, atomically
/// (std::atomic_load / std::atomic_store on the shared_ptr), never changed in place.
struct ahp_memo {
  std::shared_ptr<const ahp_solution> current;
};
} // namespace detail

/// Pipeline strategy "ahp": the weights of a node's children from a pairwise comparison matrix
/// given in the methodology (they do not depend on the data).
struct ahp_method {
  /// Pairwise comparisons: matrix[i][j] = how much more important element i is than element j.
  std::vector<std::vector<double>> matrix;
  /// Child codes of the rows/columns; empty: the node's children in framework order.
  std::vector<std::string> order;
  /// Largest accepted consistency ratio (Saaty's 0.1).
  double max_cr = 0.1;
  /// Tolerance of the reciprocity check |a_ij a_ji - 1|.
  double reciprocal_tol = 0.01;

  /// The solution, made at the first compute_into and shared with copies (not a setting). It is
  /// compared with the fields above at each use; fields that changed are solved again and
  /// replace it.
  std::shared_ptr<detail::ahp_memo> memo = std::make_shared<detail::ahp_memo>();

  static constexpr const char* name() noexcept { return "ahp"; }
  static constexpr std::size_t min_units() noexcept { return 0; }

  /// The matrix is valid and consistent enough (spec_error otherwise); returns its AHP weights.
  ahp_result solve() const {
    namespace dm = govmetrics::detail::mcda;
    if (!(max_cr >= 0.0) || !std::isfinite(max_cr)) {
      GOVMETRICS_THROW(spec_error("weights::ahp: max_cr is " + dm::format_number(max_cr) +
                                  " (expected a finite number >= 0)"));
    }
    if (!(reciprocal_tol >= 0.0) || !std::isfinite(reciprocal_tol)) {
      GOVMETRICS_THROW(spec_error("weights::ahp: reciprocal_tol is " +
                                  dm::format_number(reciprocal_tol) +
                                  " (expected a finite number >= 0)"));
    }
    if (matrix.empty()) {
      GOVMETRICS_THROW(spec_error(
          "weights::ahp: no pairwise comparison matrix (give \"matrix\": [[1, 3], [0.3333, 1]])"));
    }
    if (!order.empty()) {
      if (order.size() != matrix.size()) {
        GOVMETRICS_THROW(spec_error("weights::ahp: 'order' names " + std::to_string(order.size()) +
                                    " elements but the matrix is " + std::to_string(matrix.size()) +
                                    " x " + std::to_string(matrix.size())));
      }
      std::set<std::string> seen;
      for (const auto& c : order) {
        if (!seen.insert(c).second)
          GOVMETRICS_THROW(spec_error("weights::ahp: 'order' names '" + c + "' twice"));
      }
    }
    ahp_result r = ahp(matrix, reciprocal_tol);
    if (!(r.consistency_ratio <= max_cr)) {
      GOVMETRICS_THROW(spec_error(
          "weights::ahp: the pairwise comparison matrix is too inconsistent: consistency ratio " +
          dm::format_number(std::round(r.consistency_ratio * 1e4) / 1e4) + " > max_cr " +
          dm::format_number(max_cr) + " (lambda_max " +
          dm::format_number(std::round(r.lambda_max * 1e4) / 1e4) + ", CI " +
          dm::format_number(std::round(r.consistency_index * 1e4) / 1e4) + ", RI " +
          dm::format_number(r.random_index) + "; revise the judgements or raise max_cr)"));
    }
    return r;
  }
  void validate() const { (void)solve(); }

  /// Position in the matrix of children[c]: c when `order` is empty, else its place in `order`
  /// (order.size() when it is not there). Allocates nothing.
  std::size_t position_of(const std::vector<std::string>& children, std::size_t c) const noexcept {
    if (order.empty())
      return c;
    std::size_t found = order.size();
    for (std::size_t k = 0; k < order.size(); ++k) {
      if (order[k] == children[c])
        found = k;
    }
    return found;
  }

  /// Position in the matrix of each of `children` (spec_error naming `node` when they disagree).
  std::vector<std::size_t> positions(const std::string& node,
                                     const std::vector<std::string>& children) const {
    std::vector<std::size_t> pos(children.size());
    if (matrix.size() != children.size()) {
      GOVMETRICS_THROW(spec_error("weights::ahp: node '" + node + "' has " +
                                  std::to_string(children.size()) + " children but the matrix is " +
                                  std::to_string(matrix.size()) + " x " +
                                  std::to_string(matrix.size())));
    }
    for (std::size_t c = 0; c < children.size(); ++c) {
      const std::size_t found = position_of(children, c);
      if (!order.empty() && found == order.size()) {
        std::string kids;
        for (const auto& k : children)
          kids += (kids.empty() ? "'" : ", '") + k + "'";
        GOVMETRICS_THROW(spec_error("weights::ahp: node '" + node + "': child '" + children[c] +
                                    "' is not in 'order' (the children are " + kids + ")"));
      }
      pos[c] = found;
    }
    return pos;
  }

  /// solve()'s result for the fields as they are: the one kept in `memo` when it was solved from
  /// these fields, else solved now (spec_error as solve()) and kept in `memo` for the next use.
  /// Thread-safe. Held by the pointer returned, so a copy replacing the memo cannot free it.
  std::shared_ptr<const detail::ahp_solution> memoised() const {
    std::shared_ptr<const detail::ahp_solution> s =
        memo ? std::atomic_load(&memo->current) : nullptr;
    if (s && s->matrix == matrix && s->order == order && s->max_cr == max_cr &&
        s->reciprocal_tol == reciprocal_tol)
      return s;
    auto fresh = std::make_shared<const detail::ahp_solution>(
        detail::ahp_solution{matrix, order, max_cr, reciprocal_tol, solve()});
    if (memo)
      std::atomic_store(&memo->current, fresh);
    return fresh;
  }

  /// compute()'s weights into `out`, the matrix solved once (memoised): allocates nothing once
  /// `out` has held as many weights. The checks and errors are compute()'s.
  void compute_into(const node_input& in, details& out, std::vector<double>& scratch) const {
    (void)scratch;
    const auto solved = memoised();
    const std::size_t k = in.children.size();
    if (matrix.size() != k)
      (void)positions(in.node, in.children); // throws, naming the node
    for (std::size_t c = 0; c < k; ++c) {
      if (!order.empty() && position_of(in.children, c) == order.size())
        (void)positions(in.node, in.children); // throws, naming the child; `out` untouched
    }
    out.weights.resize(k);
    for (std::size_t c = 0; c < k; ++c)
      out.weights[c] = solved->result.weights[position_of(in.children, c)];
    out.lambda_max = solved->result.lambda_max;
    out.consistency_index = solved->result.consistency_index;
    out.consistency_ratio = solved->result.consistency_ratio;
  }

  details compute(const node_input& in) const {
    const ahp_result r = solve();
    const auto pos = positions(in.node, in.children);
    details d;
    d.weights.resize(pos.size());
    for (std::size_t c = 0; c < pos.size(); ++c)
      d.weights[c] = r.weights[pos[c]];
    d.lambda_max = r.lambda_max;
    d.consistency_index = r.consistency_index;
    d.consistency_ratio = r.consistency_ratio;
    return d;
  }
};

} // namespace govmetrics::weights
