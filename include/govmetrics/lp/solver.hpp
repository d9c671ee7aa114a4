// govmetrics: the linear-programming solver hook. The header-only core solves no LP itself: a
// compiled component registers a solver here (govmetrics::lp, built on COIN-OR CLP, see
// govmetrics/lp/clp.hpp), or a caller registers their own.
#pragma once

#include <atomic>
#include <cstddef>
#include <limits>
#include <vector>

namespace govmetrics::lp {

/// A dense linear programme: maximise c'x subject to row_lo <= A x <= row_hi and
/// col_lo <= x <= col_hi. A is rows x cols, column-major (a(i, j) = a[j * rows + i]); use
/// +-infinity for a missing bound.
struct problem {
  std::size_t rows = 0;
  std::size_t cols = 0;
  std::vector<double> c;
  std::vector<double> a;
  std::vector<double> row_lo;
  std::vector<double> row_hi;
  std::vector<double> col_lo;
  std::vector<double> col_hi;

  static constexpr double inf = std::numeric_limits<double>::infinity();
};

/// What a solver returns.
struct solution {
  enum class status { optimal, infeasible, unbounded, failed };
  status state = status::failed;
  double objective = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> x; ///< cols values when optimal
};

inline const char* to_string(solution::status s) noexcept {
  switch (s) {
  case solution::status::optimal:
    return "optimal";
  case solution::status::infeasible:
    return "infeasible";
  case solution::status::unbounded:
    return "unbounded";
  case solution::status::failed:
    break;
  }
  return "failed";
}

/// A solver: a plain function (thread-safe: the pipeline may call it from several threads).
using solver_fn = solution (*)(const problem&);

namespace detail {
inline std::atomic<solver_fn>& solver_slot() noexcept {
  static std::atomic<solver_fn> slot{nullptr};
  return slot;
}
} // namespace detail

/// Registers `f` as the solver (nullptr unregisters); returns the previous one.
inline solver_fn set_solver(solver_fn f) noexcept {
  return detail::solver_slot().exchange(f);
}

/// The registered solver, or nullptr.
inline solver_fn solver() noexcept {
  return detail::solver_slot().load();
}

} // namespace govmetrics::lp
