// Tests of govmetrics/aggregate/copeland.hpp: the weighted Copeland method of METHODOLOGY.md
// ("COINr profile"), hand-computed; missing comparisons count 0; the result does not depend on the
// order of the units.
#include "govmetrics/aggregate/copeland.hpp"

#include "column_helpers.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_aggregate_copeland_test {

namespace {
namespace gm = govmetrics;
using govmetrics_test::check_values;
using govmetrics_test::nan_v;
using govmetrics_test::one_level;
using govmetrics_test::run_none;
} // namespace

TEST_SUITE("aggregate::copeland") {
  TEST_CASE("hand-computed weighted outranking (weights 0.6 / 0.4)") {
    // a: 1 2 3, b: 3 2 1; w = (0.6, 0.4).
    // O[1,2] = 0.4 (b only) -> -1; O[1,3] = 0.4 -> -1            => u1 = -2
    // O[2,1] = 0.6 -> +1;  O[2,3] = 0.4 -> -1                      => u2 = 0
    // O[3,1] = 0.6 -> +1;  O[3,2] = 0.6 -> +1                      => u3 = 2
    const auto fw = one_level({"a", "b"}, {3.0, 2.0});
    const gm::dataset data({"u1", "u2", "u3"}, {"a", "b"}, {1.0, 2.0, 3.0, 3.0, 2.0, 1.0});
    const auto r = run_none(fw, data, gm::aggregate::copeland{});
    check_values(r.score("index"), {-2.0, 0.0, 2.0});
    check_values(r.outputs("index").column("wins"), {0.0, 1.0, 2.0});
    check_values(r.outputs("index").column("losses"), {2.0, 1.0, 0.0});
  }

  TEST_CASE("ties count one half, equal weights and a tie on every child give 0") {
    // a: 1 1, b: 2 2 -> O = 0.5 both ways -> 0, 0
    const auto fw = one_level({"a", "b"});
    const gm::dataset data({"u1", "u2"}, {"a", "b"}, {1.0, 1.0, 2.0, 2.0});
    check_values(run_none(fw, data, gm::aggregate::copeland{}).score("index"), {0.0, 0.0});
    // three children with weight 1/3 each: u1 wins one, ties one, loses one -> O = 1/3 + 1/6 =
    // 1/2 in exact arithmetic (a rounding residue must not make it a win or a loss)
    const auto fw3 = one_level({"a", "b", "c"});
    const gm::dataset d3({"u1", "u2"}, {"a", "b", "c"}, {2.0, 1.0, 5.0, 5.0, 0.0, 1.0});
    check_values(run_none(fw3, d3, gm::aggregate::copeland{}).score("index"), {0.0, 0.0});
  }

  TEST_CASE("a comparison with a missing value contributes 0 (both directions computed)") {
    // units u1..u3 as in the first case plus u4 = (NaN, 5), w = (0.6, 0.4):
    // O[4,j] = 0.4 (b: 5 beats 3, 2, 1) -> -1 each => u4 = -3
    // O[j,4] = 0 (a: NaN; b: loses to 5) -> -1 each: u1 = -3, u2 = -1, u3 = 1
    const auto fw = one_level({"a", "b"}, {3.0, 2.0});
    const gm::dataset data({"u1", "u2", "u3", "u4"}, {"a", "b"},
                           {1.0, 2.0, 3.0, nan_v, 3.0, 2.0, 1.0, 5.0});
    const auto r = run_none(fw, data, gm::aggregate::copeland{});
    check_values(r.score("index"), {-3.0, -1.0, 1.0, -3.0});
    // order-independent: the same units in reverse order get the same scores
    const gm::dataset reversed({"u4", "u3", "u2", "u1"}, {"a", "b"},
                               {nan_v, 3.0, 2.0, 1.0, 5.0, 1.0, 2.0, 3.0});
    const auto rr = run_none(fw, reversed, gm::aggregate::copeland{});
    check_values(rr.score("index"), {-3.0, 1.0, -1.0, -3.0});
  }

  TEST_CASE("units with no data, or below the minimum share, get NaN, propagate excludes partial "
            "units") {
    const auto fw = one_level({"a", "b"}, {3.0, 2.0});
    const gm::dataset data({"u1", "u2", "u3", "u4", "u5"}, {"a", "b"},
                           {1.0, 2.0, 3.0, nan_v, nan_v, 3.0, 2.0, 1.0, 5.0, nan_v});
    const auto r = run_none(fw, data, gm::aggregate::copeland{});
    check_values(r.score("index"), {-3.0, -1.0, 1.0, -3.0, nan_v});
    // min_share 1: u4 (1 of 2) is excluded too -> the first case
    const auto strict = run_none(fw, data, gm::aggregate::copeland{}, gm::missing::skip{1.0});
    check_values(strict.score("index"), {-2.0, 0.0, 2.0, nan_v, nan_v});
    const auto prop = run_none(fw, data, gm::aggregate::copeland{}, gm::missing::propagate{});
    check_values(prop.score("index"), {-2.0, 0.0, 2.0, nan_v, nan_v});
  }

  TEST_CASE("direction: a negative child is reversed before the comparison") {
    // b negative: -b = -3 -2 -1, so u3 is best on both -> u1 = -2, u2 = 0, u3 = 2
    const auto fw =
        one_level({"a", "b"}, {1.0, 1.0}, {gm::direction::positive, gm::direction::negative});
    const gm::dataset data({"u1", "u2", "u3"}, {"a", "b"}, {1.0, 2.0, 3.0, 3.0, 2.0, 1.0});
    check_values(run_none(fw, data, gm::aggregate::copeland{}).score("index"), {-2.0, 0.0, 2.0});
  }
}

} // namespace unit_aggregate_copeland_test
