// Tests of govmetrics/aggregate/topsis.hpp at a node. The textbook values on every
// ../shared/reference/mcda case are in tests/reference/mcda_pipeline_test.cpp; here: a
// hand-computed case, the parameter and the errors.
#include "govmetrics/aggregate/topsis.hpp"

#include "column_helpers.hpp"

#include <doctest/doctest.h>

#include <cmath>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_aggregate_topsis_test {

namespace {
namespace gm = govmetrics;
using govmetrics_test::check_values;
using govmetrics_test::nan_v;
using govmetrics_test::one_level;
using govmetrics_test::run_none;
} // namespace

TEST_SUITE("aggregate::topsis") {
  TEST_CASE("hand-computed, vector normalisation, equal weights") {
    // a: 3 4 (norm 5) -> 0.6 0.8; b: 4 3 -> 0.8 0.6; v = r / 2
    // u1: d+ = |0.3 - 0.4| = 0.1 (a), d- = 0.1 (b) -> closeness 0.5; u2 the same
    // a third unit u3 = (0, 0): a: 3 4 0 (norm 5), b: 4 3 0 (norm 5); ideal (0.4, 0.4),
    // anti (0, 0): u3 d+ = 0.4 sqrt 2, d- = 0 -> 0; u1 d+ = 0.1, d- = sqrt(0.09 + 0.16) = 0.5
    const gm::dataset data({"u1", "u2", "u3"}, {"a", "b"}, {3.0, 4.0, 0.0, 4.0, 3.0, 0.0});
    const auto r = run_none(one_level({"a", "b"}), data, gm::aggregate::topsis{});
    const auto& out = r.outputs("index");
    check_values(out.column("d_plus"), {0.1, 0.1, 0.4 * std::sqrt(2.0)});
    check_values(out.column("d_minus"), {0.5, 0.5, 0.0});
    check_values(r.score("index"), {0.5 / 0.6, 0.5 / 0.6, 0.0});
    check_values(r.rank("index"), {1.0, 1.0, 3.0});
  }

  TEST_CASE("min_max normalisation") {
    // a: 0 1 0.5 after min-max; b: 1 0 0.5; equal weights 1/2: v = r/2
    // u3: d+ = sqrt(2) * 0.25, d- = sqrt(2) * 0.25 -> 0.5; u1: d+ = 0.5, d- = 0.5 -> 0.5
    const gm::dataset data({"u1", "u2", "u3"}, {"a", "b"}, {1.0, 3.0, 2.0, 5.0, 1.0, 3.0});
    const auto r = run_none(one_level({"a", "b"}), data, gm::aggregate::topsis{"min_max"});
    check_values(r.score("index"), {0.5, 0.5, 0.5});
    check_values(r.outputs("index").column("d_plus"), {0.5, 0.5, 0.25 * std::sqrt(2.0)});
  }

  TEST_CASE("errors: unknown normalization, an all-zero child names the node") {
    CHECK_THROWS_WITH_AS(gm::aggregate::topsis{"sum"}.validate(),
                         "aggregate::topsis: parameter 'normalization' must be 'vector' or "
                         "'min_max' (got 'sum')",
                         gm::spec_error);
    const gm::dataset zero({"u1", "u2", "u3"}, {"a", "b"}, {0.0, 0.0, nan_v, 1.0, 2.0, 3.0});
    CHECK_THROWS_WITH_AS(run_none(one_level({"a", "b"}), zero, gm::aggregate::topsis{}),
                         "aggregate::topsis: node 'index' (children 'a', 'b'; 2 units): "
                         "mcda::topsis: criterion 0 is all zero (2 alternatives); vector "
                         "normalisation divides by its zero norm (remove the criterion)",
                         gm::data_error);
  }
}

} // namespace unit_aggregate_topsis_test
