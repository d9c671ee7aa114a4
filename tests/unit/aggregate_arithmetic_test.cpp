// Tests of govmetrics/aggregate/arithmetic.hpp: y = sum(w x)/sum(w) over the available children,
// with compensated sums.
#include "govmetrics/aggregate/arithmetic.hpp"

#include "govmetrics/pipeline/run.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_aggregate_arithmetic_test {

namespace {

using govmetrics::aggregate::arithmetic;

constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();

double mean(const std::vector<double>& x, const std::vector<double>& w) {
  REQUIRE(x.size() == w.size());
  return arithmetic{}(x.data(), w.data(), x.size());
}

} // namespace

TEST_SUITE("aggregate::arithmetic") {
  TEST_CASE("name and concept") {
    CHECK(std::string(arithmetic::name()) == "arithmetic");
    CHECK_FALSE(arithmetic::requires_positive);
    CHECK(govmetrics::is_aggregator_v<arithmetic>);
    CHECK_NOTHROW(arithmetic{}.validate());
  }

  TEST_CASE("weighted mean, weights not yet normalised") {
    // (1*2 + 1*4 + 2*9)/(1 + 1 + 2) = 24/4 = 6
    CHECK(mean({2.0, 4.0, 9.0}, {1.0, 1.0, 2.0}) == 6.0);
    // the same weights scaled: (0.25*2 + 0.25*4 + 0.5*9)/1 = 6
    CHECK(mean({2.0, 4.0, 9.0}, {0.25, 0.25, 0.5}) == 6.0);
    // equal weights: plain mean (2 + 4 + 9)/3 = 5
    CHECK(mean({2.0, 4.0, 9.0}, {1.0, 1.0, 1.0}) == 5.0);
    // unequal weights that do not divide evenly: (3*1 + 1*2)/4 = 1.25
    CHECK(mean({1.0, 2.0}, {3.0, 1.0}) == 1.25);
  }

  TEST_CASE("negative values and a single child") {
    // (1*(-3) + 3*5)/4 = 12/4 = 3
    CHECK(mean({-3.0, 5.0}, {1.0, 3.0}) == 3.0);
    CHECK(mean({-7.5}, {0.2}) == -7.5);
  }

  TEST_CASE("compensated sums survive cancellation") {
    // exact numerator: 1e16 + 1 - 1e16 = 1, so the mean is 1/3; a naive left-to-right sum loses the
    // 1 (1e16 + 1 rounds to 1e16) and gives 0.
    CHECK(mean({1e16, 1.0, -1e16}, {1.0, 1.0, 1.0}) == doctest::Approx(1.0 / 3.0).epsilon(1e-15));
    // terms of very different size: exact numerator 1 + 1e100 + 1 - 1e100 = 2 -> 2/4
    CHECK(mean({1.0, 1e100, 1.0, -1e100}, {1.0, 1.0, 1.0, 1.0}) == 0.5);
  }

  TEST_CASE("inside a pipeline: skip-and-renormalise with hand-computed values") {
    using namespace govmetrics;
    // idx = (2 * d1 + 1 * c) / 3; d1 = (1 * a + 3 * b) / 4
    const framework fw({make_aggregate("idx"), make_aggregate("d1", "idx", 2.0),
                        make_indicator("a", "d1", 1.0), make_indicator("b", "d1", 3.0),
                        make_indicator("c", "idx", 1.0)});
    // u1: a 4, b 8, c 1 -> d1 = (4 + 24)/4 = 7, idx = (14 + 1)/3 = 5
    // u2: a 4, b NaN, c 10 -> d1 = 4 (b skipped), idx = (8 + 10)/3 = 6
    const dataset data({"u1", "u2"}, {"a", "b", "c"}, {4.0, 4.0, 8.0, nan_v, 1.0, 10.0});
    pipeline_spec spec;
    spec.normalize = normalize::none{};
    const result r = run(fw, data, spec);
    CHECK(r.score("u1", "d1") == 7.0);
    CHECK(r.score("u1", "idx") == doctest::Approx(5.0).epsilon(1e-15));
    CHECK(r.score("u2", "d1") == 4.0);
    CHECK(r.score("u2", "idx") == doctest::Approx(6.0).epsilon(1e-15));
    CHECK(r.aggregation_methods()[fw.index_of("idx")] == "arithmetic");
    CHECK(r.aggregation_methods()[fw.index_of("a")].empty());
  }
}

} // namespace unit_aggregate_arithmetic_test
