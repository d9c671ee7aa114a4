// Tests of govmetrics/aggregate/median.hpp: the weighted median (smallest value whose cumulative
// weight share reaches 1/2; exactly 1/2 averages with the next value); inputs are not reordered.
#include "govmetrics/aggregate/median.hpp"

#include "govmetrics/io/methodology.hpp"
#include "govmetrics/pipeline/run.hpp"

#include <doctest/doctest.h>

#include "normalize_helpers.hpp"

#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_aggregate_median_test {

namespace {

namespace gm = govmetrics;
using gm::data_error;
using gm::spec_error;
using gm::aggregate::median;

constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();

using gm::test::check_column;
using gm::test::to_vector;

const auto& methodology = gm::test::aggregate_methodology;
const auto& run_text = gm::test::run_aggregate_text;

} // namespace

double wmedian(const std::vector<double>& x, const std::vector<double>& w) {
  REQUIRE(x.size() == w.size());
  return median{}(x.data(), w.data(), x.size());
}

TEST_SUITE("aggregate::median") {
  TEST_CASE("name and concept") {
    CHECK(std::string(median::name()) == "median");
    CHECK_FALSE(median::requires_positive);
    CHECK(gm::is_aggregator_v<median>);
    CHECK_NOTHROW(median{}.validate());
  }

  TEST_CASE("equal weights: the ordinary median") {
    CHECK(wmedian({3.0, 1.0, 2.0}, {1.0, 1.0, 1.0}) == 2.0);
    CHECK(wmedian({4.0, 1.0, 3.0, 2.0}, {1.0, 1.0, 1.0, 1.0}) == 2.5);
    CHECK(wmedian({7.0}, {0.3}) == 7.0);
    CHECK(wmedian({5.0, -1.0}, {1.0, 1.0}) == 2.0);
    // weights 1/6 (as the pipeline passes them): the boundary 1/2 is found despite rounding
    const double s = 1.0 / 6.0;
    CHECK(wmedian({6.0, 1.0, 5.0, 2.0, 4.0, 3.0}, {s, s, s, s, s, s}) == 3.5);
    const double t = 0.1;
    CHECK(wmedian({1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0},
                  {t, t, t, t, t, t, t, t, t, t}) == 5.5);
  }

  TEST_CASE("weighted") {
    // sorted 1 (1), 2 (1), 3 (3): shares 0.2, 0.4, 1 -> 3
    CHECK(wmedian({1.0, 2.0, 3.0}, {1.0, 1.0, 3.0}) == 3.0);
    // shares 0.25, 0.5 (the boundary), 1 -> (2 + 3)/2
    CHECK(wmedian({3.0, 1.0, 2.0}, {2.0, 1.0, 1.0}) == 2.5);
    // a dominant weight
    CHECK(wmedian({10.0, 1.0, 2.0}, {0.6, 0.2, 0.2}) == 10.0);
  }

  TEST_CASE("tied values are taken together") {
    // 2, 2, 5, 7 (equal weights): share of <= 2 is exactly 1/2 -> (2 + 5)/2
    CHECK(wmedian({5.0, 2.0, 7.0, 2.0}, {1.0, 1.0, 1.0, 1.0}) == 3.5);
    CHECK(wmedian({2.0, 2.0, 2.0}, {1.0, 2.0, 3.0}) == 2.0);
    // 1, 4, 4, 4 -> 4
    CHECK(wmedian({4.0, 1.0, 4.0, 4.0}, {1.0, 1.0, 1.0, 1.0}) == 4.0);
  }

  TEST_CASE("does not reorder or change its inputs; no children gives NaN") {
    const std::vector<double> x{3.0, 1.0, 2.0};
    const std::vector<double> w{1.0, 2.0, 3.0};
    const auto x0 = x;
    const auto w0 = w;
    CHECK(wmedian(x, w) == 2.0);
    CHECK(x == x0);
    CHECK(w == w0);
    CHECK(std::isnan(median{}(x.data(), w.data(), 0)));
  }

  TEST_CASE("methodology file round trip; missing children are skipped") {
    // u1: a 1, b 5, c 3 (w 1, 1, 2): sorted 1 (.25), 3 (.75) -> 3
    // u2: a 4, b NaN, c 9 (w 1, 2): shares 1/3, 1 -> 9
    const auto r =
        run_text(methodology(R"({"method": "median"})"), {1.0, 4.0, 5.0, nan_v, 3.0, 9.0});
    check_column(to_vector(r.score("idx")), {3.0, 9.0});
    // negative values are fine
    const auto neg =
        run_text(methodology(R"({"method": "median"})"), {-1.0, -4.0, -5.0, -2.0, -3.0, -6.0});
    check_column(to_vector(neg.score("idx")), {-3.0, -5.0});
  }

  TEST_CASE("methodology file: median takes no parameters") {
    CHECK_THROWS_WITH_AS(
        gm::io::parse_methodology(methodology(R"({"method": "median", "p": 2})"), "t.json"),
        doctest::Contains("$.aggregate.p: unknown key 'p' for method 'median' (expected one of "
                          "'method')"),
        spec_error);
  }
}

} // namespace unit_aggregate_median_test
