// Tests of govmetrics/aggregate/mazziotta_pareto.hpp: MPI and AMPI, hand-computed from the
// formulas of Mazziotta & Pareto (2016) with population standard deviations.
#include "govmetrics/aggregate/mazziotta_pareto.hpp"

#include "column_helpers.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <vector>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_aggregate_mazziotta_pareto_test {

namespace {
namespace gm = govmetrics;
using govmetrics_test::check_values;
using govmetrics_test::one_level;
using govmetrics_test::run_none;

/// a: 1 2 3, b: 3 3 6 (units u1..u3), equal weights.
gm::dataset data() {
  return gm::dataset({"u1", "u2", "u3"}, {"a", "b"}, {1.0, 2.0, 3.0, 3.0, 3.0, 6.0});
}
} // namespace

TEST_SUITE("aggregate::mazziotta_pareto") {
  TEST_CASE("mpi, hand-computed") {
    // a: mean 2, population sd sqrt(2/3): z = 100 - 10 sqrt(3/2), 100, 100 + 10 sqrt(3/2)
    // b: mean 4, population sd sqrt(2):   z = 100 - 10/sqrt(2) (twice), 100 + 20/sqrt(2)
    // M_i = (za + zb)/2, S_i = |za - zb|/2 (population sd of two values), cv = S/M,
    // MPI- = M - S^2/M, MPI+ = M + S^2/M.
    const double za[3] = {100.0 - 10.0 * std::sqrt(1.5), 100.0, 100.0 + 10.0 * std::sqrt(1.5)};
    const double zb[3] = {100.0 - 10.0 / std::sqrt(2.0), 100.0 - 10.0 / std::sqrt(2.0),
                          100.0 + 20.0 / std::sqrt(2.0)};
    std::vector<double> m(3), s(3), minus(3), plus(3);
    for (std::size_t i = 0; i < 3; ++i) {
      m[i] = (za[i] + zb[i]) / 2.0;
      s[i] = std::fabs(za[i] - zb[i]) / 2.0;
      minus[i] = m[i] - s[i] * s[i] / m[i];
      plus[i] = m[i] + s[i] * s[i] / m[i];
    }
    // the same numbers, evaluated once by hand (Python, double precision)
    CHECK(minus[0] == doctest::Approx(90.26659213769301).epsilon(1e-14));
    CHECK(minus[1] == doctest::Approx(96.3348846999422).epsilon(1e-14));
    CHECK(minus[2] == doctest::Approx(113.18686371554072).epsilon(1e-14));
    const auto fw = one_level({"a", "b"});
    const auto r = run_none(fw, data(), gm::aggregate::mazziotta_pareto{});
    check_values(r.score("index"), minus, 1e-10);
    const auto& out = r.outputs("index");
    check_values(out.column("mean"), m, 1e-10);
    check_values(out.column("sd"), s, 1e-10);
    check_values(out.column("cv"), {s[0] / m[0], s[1] / m[1], s[2] / m[2]}, 1e-12);
    gm::aggregate::mazziotta_pareto positive;
    positive.penalty = "positive";
    check_values(run_none(fw, data(), positive).score("index"), plus, 1e-10);
  }

  TEST_CASE("ampi with data goalposts and with fixed goalposts, hand-computed") {
    // data goalposts: a: 70 100 130; b: 70 70 130
    // u1: M 70, S 0 -> 70; u2: M 85, S 15 -> 85 - 225/85 (ampi-), 85 + 225/85 (ampi+); u3: 130
    const auto fw = one_level({"a", "b"});
    gm::aggregate::mazziotta_pareto ampi;
    ampi.variant = "ampi";
    check_values(run_none(fw, data(), ampi).score("index"), {70.0, 85.0 - 225.0 / 85.0, 130.0},
                 1e-10);
    ampi.penalty = "positive";
    check_values(run_none(fw, data(), ampi).score("index"), {70.0, 85.0 + 225.0 / 85.0, 130.0},
                 1e-10);
    // fixed goalposts 0 .. 10: r = 70 + 6 x; a: 76 82 88; b: 88 88 106
    // u1: M 82, S 6 -> 82 - 36/82; u2: M 85, S 3 -> 85 - 9/85; u3: M 97, S 9 -> 97 - 81/97
    ampi.penalty = "negative";
    ampi.goalposts = "fixed";
    ampi.lo = 0.0;
    ampi.hi = 10.0;
    check_values(run_none(fw, data(), ampi).score("index"),
                 {82.0 - 36.0 / 82.0, 85.0 - 9.0 / 85.0, 97.0 - 81.0 / 97.0}, 1e-10);
  }

  TEST_CASE("weights: weighted mean and weighted population sd of the rescaled values") {
    // ampi, data goalposts, w = (0.75, 0.25): u2: z = (100, 70): M = 92.5,
    // S = sqrt(0.75 * 7.5^2 + 0.25 * 22.5^2) = sqrt(168.75)
    const auto fw = one_level({"a", "b"}, {3.0, 1.0});
    gm::aggregate::mazziotta_pareto ampi;
    ampi.variant = "ampi";
    const auto r = run_none(fw, data(), ampi);
    CHECK(r.score("index")[1] == doctest::Approx(92.5 - 168.75 / 92.5).epsilon(1e-13));
  }

  TEST_CASE("errors name the parameter, the node and the child") {
    gm::aggregate::mazziotta_pareto bad;
    bad.variant = "mpi2";
    CHECK_THROWS_WITH_AS(bad.validate(),
                         "aggregate::mazziotta_pareto: parameter 'variant' must be 'mpi' or "
                         "'ampi' (got 'mpi2')",
                         gm::spec_error);
    bad = {};
    bad.penalty = "neg";
    CHECK_THROWS_AS(bad.validate(), gm::spec_error);
    bad = {};
    bad.lo = 5.0;
    bad.hi = 5.0;
    CHECK_THROWS_WITH_AS(bad.validate(),
                         "aggregate::mazziotta_pareto: parameters 'lo' and 'hi' must be finite "
                         "with lo < hi (lo 5, hi 5)",
                         gm::spec_error);
    const auto fw = one_level({"a", "b"});
    const gm::dataset constant({"u1", "u2"}, {"a", "b"}, {1.0, 2.0, 4.0, 4.0});
    CHECK_THROWS_WITH_AS(run_none(fw, constant, gm::aggregate::mazziotta_pareto{}),
                         "aggregate::mazziotta_pareto: node 'index' (children 'a', 'b'; 2 "
                         "units): child 'b' is constant (all 4); mpi divides by its standard "
                         "deviation",
                         gm::data_error);
  }
}

} // namespace unit_aggregate_mazziotta_pareto_test
