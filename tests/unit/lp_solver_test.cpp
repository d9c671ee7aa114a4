// Tests of govmetrics/lp/solver.hpp (the solver hook) and, when built, govmetrics/lp/clp.hpp (the
// CLP solver) on textbook linear programmes with known optima.
#include "govmetrics/lp/solver.hpp"

#ifdef GOVMETRICS_HAVE_LP
#include <govmetrics/lp/clp.hpp>
#endif

#include <doctest/doctest.h>

#include <string>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_lp_solver_test {

namespace {
namespace lp = govmetrics::lp;

lp::solution fake(const lp::problem&) {
  lp::solution s;
  s.state = lp::solution::status::optimal;
  s.objective = 42.0;
  return s;
}

/// max 3x + 5y s.t. x <= 4, 2y <= 12, 3x + 2y <= 18, x, y >= 0 (Hillier & Lieberman's Wyndor
/// Glass example): optimum x = 2, y = 6, objective 36.
lp::problem wyndor() {
  lp::problem p;
  p.rows = 3;
  p.cols = 2;
  p.c = {3.0, 5.0};
  p.a = {1.0, 0.0, 3.0, 0.0, 2.0, 2.0}; // column-major
  p.row_lo.assign(3, -lp::problem::inf);
  p.row_hi = {4.0, 12.0, 18.0};
  p.col_lo.assign(2, 0.0);
  p.col_hi.assign(2, lp::problem::inf);
  return p;
}
} // namespace

TEST_SUITE("lp::solver") {
  TEST_CASE("set_solver registers and returns the previous one") {
    const lp::solver_fn before = lp::set_solver(&fake);
    CHECK((lp::solver() == &fake ? "fake" : "other") == std::string("fake"));
    CHECK(lp::solver()(lp::problem{}).objective == 42.0);
    const bool returned_fake = lp::set_solver(before) == &fake;
    CHECK(returned_fake);
    const bool restored = lp::solver() == before;
    CHECK(restored);
    CHECK(std::string(lp::to_string(lp::solution::status::infeasible)) == "infeasible");
  }

#ifdef GOVMETRICS_HAVE_LP
  TEST_CASE("clp: the Wyndor Glass programme (x = 2, y = 6, 36)") {
    const auto s = lp::solve_with_clp(wyndor());
    REQUIRE(s.state == lp::solution::status::optimal);
    CHECK(s.objective == doctest::Approx(36.0));
    REQUIRE(s.x.size() == 2);
    CHECK(s.x[0] == doctest::Approx(2.0));
    CHECK(s.x[1] == doctest::Approx(6.0));
  }

  TEST_CASE("clp: infeasible and unbounded programmes are reported, not thrown") {
    auto p = wyndor();
    p.row_lo[0] = 5.0; // x >= 5 and x <= 4
    CHECK(lp::solve_with_clp(p).state == lp::solution::status::infeasible);
    auto q = wyndor();
    q.row_hi = {lp::problem::inf, lp::problem::inf, lp::problem::inf};
    CHECK(lp::solve_with_clp(q).state == lp::solution::status::unbounded);
  }

  TEST_CASE("use_clp registers solve_with_clp") {
    const lp::solver_fn before = lp::use_clp();
    const bool registered = lp::solver() == &lp::solve_with_clp;
    CHECK(registered);
    lp::set_solver(before);
  }
#endif
}

} // namespace unit_lp_solver_test
