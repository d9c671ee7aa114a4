// govmetrics::lp: the COIN-OR CLP solver behind the linear-programming hook (govmetrics/lp).
#include "govmetrics/lp/clp.hpp"

#include <ClpSimplex.hpp>
#include <CoinFinite.hpp>

#include <cmath>
#include <cstddef>
#include <vector>

namespace govmetrics::lp {
namespace {

/// CLP marks a missing bound with +-COIN_DBL_MAX.
double bound(double x) noexcept {
  if (std::isinf(x))
    return x > 0 ? COIN_DBL_MAX : -COIN_DBL_MAX;
  return x;
}

} // namespace

solution solve_with_clp(const problem& p) {
  solution out;
  const auto rows = static_cast<int>(p.rows);
  const auto cols = static_cast<int>(p.cols);
  // dense column-major -> CLP's column-major sparse form (non-zeros only)
  std::vector<CoinBigIndex> start(p.cols + 1, 0);
  std::vector<int> index;
  std::vector<double> value;
  index.reserve(p.a.size());
  value.reserve(p.a.size());
  for (std::size_t j = 0; j < p.cols; ++j) {
    for (std::size_t i = 0; i < p.rows; ++i) {
      const double a = p.a[j * p.rows + i];
      if (a != 0.0) {
        index.push_back(static_cast<int>(i));
        value.push_back(a);
      }
    }
    start[j + 1] = static_cast<CoinBigIndex>(index.size());
  }
  std::vector<double> col_lo(p.cols), col_hi(p.cols), row_lo(p.rows), row_hi(p.rows);
  for (std::size_t j = 0; j < p.cols; ++j) {
    col_lo[j] = bound(p.col_lo[j]);
    col_hi[j] = bound(p.col_hi[j]);
  }
  for (std::size_t i = 0; i < p.rows; ++i) {
    row_lo[i] = bound(p.row_lo[i]);
    row_hi[i] = bound(p.row_hi[i]);
  }
  ClpSimplex model;
  model.setLogLevel(0);
  model.loadProblem(cols, rows, start.data(), index.data(), value.data(), col_lo.data(),
                    col_hi.data(), p.c.data(), row_lo.data(), row_hi.data());
  model.setOptimizationDirection(-1.0); // maximise
  model.dual();
  if (model.isProvenOptimal()) {
    out.state = solution::status::optimal;
    out.objective = model.objectiveValue();
    const double* x = model.getColSolution();
    out.x.assign(x, x + p.cols);
  } else if (model.isProvenPrimalInfeasible()) {
    out.state = solution::status::infeasible;
  } else if (model.isProvenDualInfeasible()) {
    out.state = solution::status::unbounded;
  } else {
    out.state = solution::status::failed;
  }
  return out;
}

solver_fn use_clp() noexcept {
  return set_solver(&solve_with_clp);
}

} // namespace govmetrics::lp
