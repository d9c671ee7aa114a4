// Tests of govmetrics/aggregate/grey_relational.hpp at a node: a hand-computed grade, the
// parameter and the constant-child error. The textbook values on every ../shared/reference/mcda
// case are in tests/reference/mcda_pipeline_test.cpp.
#include "govmetrics/aggregate/grey_relational.hpp"

#include "column_helpers.hpp"

#include <doctest/doctest.h>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_aggregate_grey_relational_test {

namespace {
namespace gm = govmetrics;
using govmetrics_test::check_values;
using govmetrics_test::one_level;
using govmetrics_test::run_none;
} // namespace

TEST_SUITE("aggregate::grey_relational") {
  TEST_CASE("hand-computed grade, rho 0.5") {
    // min-max: a: 0 0.5 1, b: 1 0 0.5; delta = 1 - r: a: 1 0.5 0, b: 0 1 0.5; dmin 0, dmax 1
    // xi = 0.5 / (delta + 0.5): delta 0 -> 1, 0.5 -> 0.5, 1 -> 1/3
    // w (0.75, 0.25): u1 = 0.75/3 + 0.25 = 0.5; u2 = 0.375 + 0.25/3; u3 = 0.75 + 0.125
    const gm::dataset data({"u1", "u2", "u3"}, {"a", "b"}, {0.0, 1.0, 2.0, 4.0, 2.0, 3.0});
    const auto r =
        run_none(one_level({"a", "b"}, {3.0, 1.0}), data, gm::aggregate::grey_relational{});
    check_values(r.score("index"), {0.5, 0.375 + 0.25 / 3.0, 0.875});
  }

  TEST_CASE("errors: rho outside 0 excluded to 1, a constant child names the node") {
    CHECK_THROWS_WITH_AS(gm::aggregate::grey_relational{0.0}.validate(),
                         "aggregate::grey_relational: parameter 'rho' must be in (0, 1] (got 0)",
                         gm::spec_error);
    const gm::dataset constant({"u1", "u2"}, {"a", "b"}, {1.0, 2.0, 3.0, 3.0});
    CHECK_THROWS_AS(run_none(one_level({"a", "b"}), constant, gm::aggregate::grey_relational{}),
                    gm::data_error);
  }
}

} // namespace unit_aggregate_grey_relational_test
