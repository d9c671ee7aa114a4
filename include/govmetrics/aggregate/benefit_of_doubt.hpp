// govmetrics: aggregate `benefit_of_doubt{lower, upper}` (column-wide: benefit-of-the-doubt
// composite, a linear programme per unit).
#pragma once

#include "govmetrics/aggregate/column.hpp"
#include "govmetrics/config.hpp"
#include "govmetrics/core/matrix.hpp"
#include "govmetrics/detail/format.hpp"
#include "govmetrics/error.hpp"
#include "govmetrics/lp/solver.hpp"

#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

namespace govmetrics::aggregate {

/// Benefit of the doubt (Melyn & Moesen 1991; Cherchye et al. 2007): every unit is scored with the
/// weights most favourable to it. For unit i, with y the children (direction-corrected, >= 0) of
/// the n units taking part:
///   score_i = max_w sum_j w_j y_ij  s.t.  sum_j w_j y_kj <= 1 for every unit k,  w_j >= 0,
/// and, when `lower` > 0 or `upper` < 1, share bounds on unit i's own weighted children:
///   lower <= w_j y_ij / sum_l w_l y_il <= upper for every child j
/// (written linearly as w_j y_ij - lower sum_l w_l y_il >= 0 and w_j y_ij - upper sum_l w_l y_il
/// <= 0). Scores lie in [0, 1]; a unit on the frontier scores 1. The framework's weights only
/// choose the children taking part (a zero weight excludes a child); BoD picks its own weights,
/// reported as output columns `w_<child code>` (the optimal w_j of each unit; not unique when the
/// LP has several optima). Defaults lower = 0, upper = 1 (no share bounds).
///
/// The LP is solved by the registered solver (govmetrics/lp/solver.hpp): link govmetrics::lp and
/// call govmetrics::lp::use_clp() (the govmetrics command and the Python package do), or register
/// your own. Errors: spec_error when no solver is registered, for bounds outside 0 <= lower <=
/// upper <= 1, or when the bounds cannot hold for the node's number of children (lower m > 1 or
/// upper m < 1); data_error for a negative child value (naming unit and child) or a solver that
/// does not find the optimum. Units lacking a weighted child get NaN (and a warning); the LPs
/// run on the complete units.
struct benefit_of_doubt {
  double lower = 0.0;
  double upper = 1.0;

  static constexpr const char* name() noexcept { return "benefit_of_doubt"; }

  void validate() const {
    if (!(lower >= 0.0 && upper <= 1.0 && lower <= upper)) {
      GOVMETRICS_THROW(spec_error(
          "aggregate::benefit_of_doubt: parameters must satisfy 0 <= lower <= upper <= 1 (lower " +
          govmetrics::detail::format_number(lower) + ", upper " +
          govmetrics::detail::format_number(upper) + ")"));
    }
  }

  void aggregate_all(matrix_view y, const double* w, double* out, node_outputs& extra) const {
    (void)w;
    validate();
    using govmetrics::detail::format_number;
    const std::string who = "aggregate::benefit_of_doubt: " + detail::node_context(extra);
    const lp::solver_fn solve = lp::solver();
    if (solve == nullptr) {
      GOVMETRICS_THROW(spec_error(
          who + ": no linear-programming solver is registered (link the compiled component "
                "govmetrics::lp and call govmetrics::lp::use_clp(), or register one with "
                "govmetrics::lp::set_solver)"));
    }
    const std::size_t n = y.rows();
    const std::size_t m = y.cols();
    const auto md = static_cast<double>(m);
    if (lower * md > 1.0 + 1e-12 || upper * md < 1.0 - 1e-12) {
      GOVMETRICS_THROW(spec_error(who + ": share bounds lower " + format_number(lower) +
                                  " and upper " + format_number(upper) + " cannot hold for " +
                                  std::to_string(m) +
                                  " children (need lower * children <= 1 <= upper * children)"));
    }
    const auto child = [&](std::size_t j) {
      return j < extra.children.size() ? extra.children[j] : std::to_string(j);
    };
    const auto unit = [&](std::size_t i) {
      return i < extra.units.size() ? extra.units[i] : std::to_string(i);
    };
    for (std::size_t j = 0; j < m; ++j) {
      for (std::size_t i = 0; i < n; ++i) {
        if (!(y(i, j) >= 0.0)) {
          GOVMETRICS_THROW(data_error(who + ": needs non-negative values, but child '" + child(j) +
                                      "' is " + format_number(y(i, j)) + " for unit '" + unit(i) +
                                      "' (normalise to a non-negative range, e.g. min_max)"));
        }
      }
    }
    const bool shares = lower > 0.0 || upper < 1.0;
    lp::problem p;
    p.cols = m;
    p.rows = n + (shares ? 2 * m : 0);
    p.c.assign(m, 0.0);
    p.a.assign(p.rows * m, 0.0);
    p.row_lo.assign(p.rows, -lp::problem::inf);
    p.row_hi.assign(p.rows, lp::problem::inf);
    p.col_lo.assign(m, 0.0);
    p.col_hi.assign(m, lp::problem::inf);
    for (std::size_t j = 0; j < m; ++j) {
      for (std::size_t k = 0; k < n; ++k)
        p.a[j * p.rows + k] = y(k, j);
    }
    for (std::size_t k = 0; k < n; ++k)
      p.row_hi[k] = 1.0;
    if (shares) {
      // rows n + j: w_j y_ij - lower * sum_l w_l y_il >= 0; rows n + m + j: ... - upper * ... <= 0
      for (std::size_t j = 0; j < m; ++j) {
        p.row_lo[n + j] = 0.0;
        p.row_hi[n + m + j] = 0.0;
      }
    }
    std::vector<double*> weight_cols(m);
    for (std::size_t j = 0; j < m; ++j)
      weight_cols[j] = extra.add_column("w_" + child(j), n);
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = 0; j < m; ++j)
        p.c[j] = y(i, j);
      if (shares) {
        for (std::size_t j = 0; j < m; ++j) {
          for (std::size_t l = 0; l < m; ++l) {
            const double own = l == j ? y(i, l) : 0.0;
            p.a[l * p.rows + n + j] = own - lower * y(i, l);
            p.a[l * p.rows + n + m + j] = own - upper * y(i, l);
          }
        }
      }
      const lp::solution s = solve(p);
      if (s.state != lp::solution::status::optimal || s.x.size() != m) {
        GOVMETRICS_THROW(data_error(who + ": the linear programme of unit '" + unit(i) +
                                    "' was not solved (solver status '" + lp::to_string(s.state) +
                                    "')"));
      }
      out[i] = s.objective;
      for (std::size_t j = 0; j < m; ++j)
        weight_cols[j][i] = s.x[j];
    }
  }
};

static_assert(is_column_aggregator_v<benefit_of_doubt>,
              "aggregate::benefit_of_doubt must model the column-wide aggregator concept");

} // namespace govmetrics::aggregate
