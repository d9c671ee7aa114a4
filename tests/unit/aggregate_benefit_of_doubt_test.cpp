// Tests of govmetrics/aggregate/benefit_of_doubt.hpp: the per-unit benefit-of-the-doubt LP on
// hand-solvable two-indicator cases (with the CLP solver of govmetrics::lp), share bounds, and the
// errors (no solver registered, bad bounds, negative values).
#include "govmetrics/aggregate/benefit_of_doubt.hpp"

#include "column_helpers.hpp"

#ifdef GOVMETRICS_HAVE_LP
#include <govmetrics/lp/clp.hpp>
#endif

#include <doctest/doctest.h>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_aggregate_benefit_of_doubt_test {

namespace {
namespace gm = govmetrics;
using govmetrics_test::check_values;
using govmetrics_test::nan_v;
using govmetrics_test::one_level;
using govmetrics_test::run_none;

/// A (1, 0.2), B (0.5, 0.5), C (0.2, 1), D (0.4, 0.4) on children a, b.
gm::dataset data() {
  return gm::dataset({"A", "B", "C", "D"}, {"a", "b"}, {1.0, 0.5, 0.2, 0.4, 0.2, 0.5, 1.0, 0.4});
}

/// Registers `f` for the lifetime of the guard, then restores the previous solver.
struct solver_guard {
  explicit solver_guard(gm::lp::solver_fn f) : previous(gm::lp::set_solver(f)) {}
  ~solver_guard() { gm::lp::set_solver(previous); }
  solver_guard(const solver_guard&) = delete;
  solver_guard& operator=(const solver_guard&) = delete;
  gm::lp::solver_fn previous;
};
} // namespace

TEST_SUITE("aggregate::benefit_of_doubt") {
  TEST_CASE("no solver registered: a spec_error naming the component") {
    solver_guard none(nullptr);
    CHECK_THROWS_WITH_AS(run_none(one_level({"a", "b"}), data(), gm::aggregate::benefit_of_doubt{}),
                         "aggregate::benefit_of_doubt: node 'index' (children 'a', 'b'; 4 "
                         "units): no linear-programming solver is registered (link the compiled "
                         "component govmetrics::lp and call govmetrics::lp::use_clp(), or "
                         "register one with govmetrics::lp::set_solver)",
                         gm::spec_error);
  }

  TEST_CASE("parameters: 0 <= lower <= upper <= 1") {
    CHECK_THROWS_WITH_AS((gm::aggregate::benefit_of_doubt{0.6, 0.5}.validate()),
                         "aggregate::benefit_of_doubt: parameters must satisfy 0 <= lower <= "
                         "upper <= 1 (lower 0.6, upper 0.5)",
                         gm::spec_error);
    CHECK_THROWS_AS((gm::aggregate::benefit_of_doubt{-0.1, 1.0}.validate()), gm::spec_error);
    CHECK_THROWS_AS((gm::aggregate::benefit_of_doubt{0.0, 1.5}.validate()), gm::spec_error);
    CHECK_NOTHROW((gm::aggregate::benefit_of_doubt{0.2, 0.8}.validate()));
  }

#ifdef GOVMETRICS_HAVE_LP
  TEST_CASE("frontier units score 1, an interior unit its radial distance (hand-solved LPs)") {
    solver_guard clp(&gm::lp::solve_with_clp);
    // A and C are on the frontier (weights (1, 0) and (0, 1) reach 1 with every unit <= 1).
    // B: max 0.5 a + 0.5 b s.t. a + 0.2 b <= 1, 0.5 a + 0.5 b <= 1, 0.2 a + b <= 1 (D's row is
    // slack): a = b = 5/6 -> 5/6. D = 0.8 B -> 0.8 * 5/6 = 2/3.
    const auto r = run_none(one_level({"a", "b"}), data(), gm::aggregate::benefit_of_doubt{});
    check_values(r.score("index"), {1.0, 5.0 / 6.0, 1.0, 2.0 / 3.0}, 1e-9);
    // the optimal weights are reported; for B and D they are unique: (5/6, 5/6)
    const auto& out = r.outputs("index");
    CHECK(out.column("w_a")[1] == doctest::Approx(5.0 / 6.0).epsilon(1e-9));
    CHECK(out.column("w_b")[1] == doctest::Approx(5.0 / 6.0).epsilon(1e-9));
    CHECK(out.column("w_a")[3] == doctest::Approx(5.0 / 6.0).epsilon(1e-9));
    // A's weights reach 1 on A: w_a + 0.2 w_b = 1
    CHECK(out.column("w_a")[0] + 0.2 * out.column("w_b")[0] == doctest::Approx(1.0));
  }

  TEST_CASE("the framework weights do not matter, only which children take part") {
    solver_guard clp(&gm::lp::solve_with_clp);
    const auto r =
        run_none(one_level({"a", "b"}, {9.0, 1.0}), data(), gm::aggregate::benefit_of_doubt{});
    check_values(r.score("index"), {1.0, 5.0 / 6.0, 1.0, 2.0 / 3.0}, 1e-9);
  }

  TEST_CASE("share bounds: lower 0.4 (each child's share of A's score in 0.4 to 0.6)") {
    solver_guard clp(&gm::lp::solve_with_clp);
    // A: max w_a + 0.2 w_b with 0.2 w_b >= 0.4 (w_a + 0.2 w_b), i.e. w_b >= 10/3 w_a; C's row
    // 0.2 w_a + w_b <= 1 binds: objective 0.2 + 0.96 w_a, largest at w_b = 10/3 w_a:
    // w_a = 15/53, score 25/53. B and D: the unbounded optimum a = b has shares 1/2, so unchanged.
    const auto r =
        run_none(one_level({"a", "b"}), data(), gm::aggregate::benefit_of_doubt{0.4, 0.6});
    check_values(r.score("index"), {25.0 / 53.0, 5.0 / 6.0, 25.0 / 53.0, 2.0 / 3.0}, 1e-9);
    CHECK(r.outputs("index").column("w_a")[0] == doctest::Approx(15.0 / 53.0).epsilon(1e-9));
  }

  TEST_CASE("share bounds that cannot hold for the number of children, negative values") {
    solver_guard clp(&gm::lp::solve_with_clp);
    CHECK_THROWS_WITH_AS(
        run_none(one_level({"a", "b"}), data(), gm::aggregate::benefit_of_doubt{0.6, 1.0}),
        "aggregate::benefit_of_doubt: node 'index' (children 'a', 'b'; 4 "
        "units): share bounds lower 0.6 and upper 1 cannot hold for 2 children "
        "(need lower * children <= 1 <= upper * children)",
        gm::spec_error);
    const gm::dataset neg({"A", "B"}, {"a", "b"}, {1.0, -0.5, 0.2, 0.5});
    CHECK_THROWS_WITH_AS(run_none(one_level({"a", "b"}), neg, gm::aggregate::benefit_of_doubt{}),
                         "aggregate::benefit_of_doubt: node 'index' (children 'a', 'b'; 2 "
                         "units): needs non-negative values, but child 'a' is -0.5 for unit 'B' "
                         "(normalise to a non-negative range, e.g. min_max)",
                         gm::data_error);
  }

  TEST_CASE("a unit lacking a child gets NaN, the LPs run on the complete units") {
    solver_guard clp(&gm::lp::solve_with_clp);
    // without A, B = (0.5, 0.5) is on the frontier with C (weights (2, 0) reach 1 on B... and
    // C's row 0.2 * 2 = 0.4 <= 1); D = 0.8 B -> 0.8
    const gm::dataset d({"A", "B", "C", "D"}, {"a", "b"},
                        {nan_v, 0.5, 0.2, 0.4, 0.2, 0.5, 1.0, 0.4});
    const auto r = run_none(one_level({"a", "b"}), d, gm::aggregate::benefit_of_doubt{});
    check_values(r.score("index"), {nan_v, 1.0, 1.0, 0.8}, 1e-9);
  }
#endif
}

} // namespace unit_aggregate_benefit_of_doubt_test
