// Tests of govmetrics/aggregate/borda.hpp: the weighted Borda count, hand-computed.
#include "govmetrics/aggregate/borda.hpp"

#include "column_helpers.hpp"

#include <doctest/doctest.h>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_aggregate_borda_test {

namespace {
namespace gm = govmetrics;
using govmetrics_test::check_values;
using govmetrics_test::nan_v;
using govmetrics_test::one_level;
using govmetrics_test::run_none;
} // namespace

TEST_SUITE("aggregate::borda") {
  TEST_CASE("hand-computed: points = units strictly below, ties share the lower count") {
    // a: 1 2 2 5 -> 0 1 1 3; b: 4 3 2 1 -> 3 2 1 0; w = (0.75, 0.25)
    // u1 = 0.75*0 + 0.25*3 = 0.75; u2 = 0.75 + 0.5 = 1.25; u3 = 0.75 + 0.25 = 1; u4 = 2.25
    const auto fw = one_level({"a", "b"}, {3.0, 1.0});
    const gm::dataset data({"u1", "u2", "u3", "u4"}, {"a", "b"},
                           {1.0, 2.0, 2.0, 5.0, 4.0, 3.0, 2.0, 1.0});
    const auto r = run_none(fw, data, gm::aggregate::borda{});
    check_values(r.score("index"), {0.75, 1.25, 1.0, 2.25});
    check_values(r.rank("index"), {4.0, 2.0, 3.0, 1.0});
    CHECK(r.outputs("index").empty());
  }

  TEST_CASE("the count runs on the complete units, a negative child is reversed") {
    // u2 lacks b. Among u1, u3, u4: a: 1 2 5 -> 0 1 2; -b: -4 -2 -1 -> 0 1 2; equal weights
    const auto fw =
        one_level({"a", "b"}, {1.0, 1.0}, {gm::direction::positive, gm::direction::negative});
    const gm::dataset data({"u1", "u2", "u3", "u4"}, {"a", "b"},
                           {1.0, 2.0, 2.0, 5.0, 4.0, nan_v, 2.0, 1.0});
    check_values(run_none(fw, data, gm::aggregate::borda{}).score("index"), {0.0, nan_v, 1.0, 2.0});
  }
}

} // namespace unit_aggregate_borda_test
