// govmetrics: the COIN-OR CLP linear-programming solver (compiled component govmetrics::lp, built
// when CLP is found; the header-only core does not link it).
#pragma once

#include "govmetrics/lp/solver.hpp"

namespace govmetrics::lp {

/// Solves `p` with CLP's dual simplex (messages off). Never throws for an infeasible or unbounded
/// programme: the status says so.
solution solve_with_clp(const problem& p);

/// Registers solve_with_clp as the solver (set_solver); returns the previous one. Call it once
/// before running a methodology that uses benefit_of_doubt (the govmetrics command and the Python
/// package do).
solver_fn use_clp() noexcept;

} // namespace govmetrics::lp
