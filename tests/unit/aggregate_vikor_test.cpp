// Tests of govmetrics/aggregate/vikor.hpp at a node: score = 1 - Q, the outputs S, R, Q, the
// compromise set and conditions (hand-computed), and the parameter. The textbook values on every
// ../shared/reference/mcda case are in tests/reference/mcda_pipeline_test.cpp.
#include "govmetrics/aggregate/vikor.hpp"

#include "column_helpers.hpp"

#include <doctest/doctest.h>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_aggregate_vikor_test {

namespace {
namespace gm = govmetrics;
using govmetrics_test::check_values;
using govmetrics_test::one_level;
using govmetrics_test::run_none;
} // namespace

TEST_SUITE("aggregate::vikor") {
  TEST_CASE("hand-computed: S, R, Q, score 1 - Q, compromise") {
    // a: 0 1 2 (best 2, worst 0), b: 2 0 1; w 1/2 each; d_ij = w (best - x)/(best - worst)
    // u1: d = (0.5, 0)    S 0.5  R 0.5
    // u2: d = (0.25, 0.5) S 0.75 R 0.5
    // u3: d = (0, 0.25)   S 0.25 R 0.25
    // S* 0.25, S- 0.75; R* 0.25, R- 0.5; Q = (S - 0.25) + (R - 0.25) (v = 0.5, halves of ranges)
    // Q: u1 = 0.5 + 0.5 = ... (0.5 * 0.25/0.5 + 0.5 * 0.25/0.25) = 0.75, u2 = 1, u3 = 0
    // DQ = 1/2: Q(u1) - Q(u3) = 0.75 >= 0.5 (C1 holds); u3 best by S (C2 holds) -> {u3}
    const gm::dataset data({"u1", "u2", "u3"}, {"a", "b"}, {0.0, 1.0, 2.0, 2.0, 0.0, 1.0});
    const auto r = run_none(one_level({"a", "b"}), data, gm::aggregate::vikor{});
    const auto& out = r.outputs("index");
    check_values(out.column("S"), {0.5, 0.75, 0.25});
    check_values(out.column("R"), {0.5, 0.5, 0.25});
    check_values(out.column("Q"), {0.75, 1.0, 0.0});
    check_values(r.score("index"), {0.25, 0.0, 1.0});
    check_values(r.rank("index"), {2.0, 3.0, 1.0});
    check_values(out.column("compromise"), {0.0, 0.0, 1.0});
    CHECK(out.fact("dq") == 0.5);
    CHECK(out.fact("acceptable_advantage") == 1.0);
    CHECK(out.fact("acceptable_stability") == 1.0);
  }

  TEST_CASE("parameter v in 0 to 1") {
    CHECK_THROWS_WITH_AS(gm::aggregate::vikor{1.5}.validate(),
                         "aggregate::vikor: parameter 'v' must be in [0, 1] (got 1.5)",
                         gm::spec_error);
    CHECK_NOTHROW(gm::aggregate::vikor{0.0}.validate());
  }
}

} // namespace unit_aggregate_vikor_test
