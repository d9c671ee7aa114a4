// Tests of govmetrics/aggregate/power_mean.hpp: y = (sum w x^p / sum w)^(1/p); p = 0, 1, -1 are
// the geometric, arithmetic and harmonic means; positivity needed depends on p.
#include "govmetrics/aggregate/power_mean.hpp"

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
namespace unit_aggregate_power_mean_test {

namespace {

namespace gm = govmetrics;
using gm::data_error;
using gm::spec_error;
using gm::aggregate::power_mean;

constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();

using gm::test::check_column;
using gm::test::to_vector;

const auto& methodology = gm::test::aggregate_methodology;
const auto& run_text = gm::test::run_aggregate_text;

} // namespace

double pmean(double p, const std::vector<double>& x, const std::vector<double>& w) {
  REQUIRE(x.size() == w.size());
  return power_mean{p}(x.data(), w.data(), x.size());
}

TEST_SUITE("aggregate::power_mean") {
  TEST_CASE("name, default and concept") {
    CHECK(std::string(power_mean::name()) == "power_mean");
    CHECK(power_mean{}.p == 1.0);
    CHECK_FALSE(power_mean::requires_positive);
    CHECK(gm::is_aggregator_v<power_mean>);
  }

  TEST_CASE("hand-worked values") {
    const std::vector<double> x{1.0, 4.0, 16.0};
    const std::vector<double> eq{1.0, 1.0, 1.0};
    // p = 2: sqrt((1 + 16 + 256)/3) = sqrt(91)
    CHECK(pmean(2.0, x, eq) == doctest::Approx(std::sqrt(91.0)).epsilon(1e-14));
    // p = 0.5: ((1 + 2 + 4)/3)^2 = 49/9
    CHECK(pmean(0.5, x, eq) == doctest::Approx(49.0 / 9.0).epsilon(1e-14));
    // p = -2: ((1 + 1/16 + 1/256)/3)^(-1/2) = sqrt(768/273)
    CHECK(pmean(-2.0, x, eq) == doctest::Approx(std::sqrt(768.0 / 273.0)).epsilon(1e-14));
    // weighted, p = 2: sqrt((3 * 1 + 1 * 16)/4) = sqrt(19)/2
    CHECK(pmean(2.0, {1.0, 4.0}, {3.0, 1.0}) ==
          doctest::Approx(std::sqrt(19.0) / 2.0).epsilon(1e-14));
  }

  TEST_CASE("p = 0, 1, -1 are the geometric, arithmetic and harmonic means, bit for bit") {
    const std::vector<double> x{1.0, 4.0, 16.0};
    const std::vector<double> w{0.25, 0.25, 0.5};
    CHECK(pmean(0.0, x, w) == gm::aggregate::geometric{}(x.data(), w.data(), 3));
    CHECK(pmean(1.0, x, w) == gm::aggregate::arithmetic{}(x.data(), w.data(), 3));
    CHECK(pmean(-1.0, x, w) == gm::aggregate::harmonic{}(x.data(), w.data(), 3));
    // (1 * 4 * 16^2)^(1/4) = 1024^(1/4); 0.25 + 1 + 8 = 9.25; 1/(0.25 + 1/16 + 1/32)
    CHECK(pmean(0.0, x, w) == doctest::Approx(std::pow(1024.0, 0.25)).epsilon(1e-14));
    CHECK(pmean(1.0, x, w) == doctest::Approx(9.25).epsilon(1e-14));
    CHECK(pmean(-1.0, x, w) == doctest::Approx(1.0 / (0.25 + 0.0625 + 0.03125)).epsilon(1e-14));
  }

  TEST_CASE("ordered in p: harmonic <= geometric <= arithmetic <= quadratic") {
    const std::vector<double> x{2.0, 3.0, 9.0};
    const std::vector<double> w{1.0, 2.0, 1.0};
    double prev = 0.0;
    for (double p : {-3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0, 3.0}) {
      CAPTURE(p);
      const double y = pmean(p, x, w);
      CHECK(y > prev);
      prev = y;
    }
  }

  TEST_CASE("what the children must be depends on p") {
    CHECK(power_mean{0.0}.needs_positive());
    CHECK(power_mean{-1.0}.needs_positive());
    CHECK_FALSE(power_mean{0.5}.needs_positive());
    CHECK(power_mean{0.5}.needs_non_negative());
    CHECK_FALSE(power_mean{1.0}.needs_positive());
    CHECK_FALSE(power_mean{1.0}.needs_non_negative());
    CHECK(gm::detail::needs_positive(power_mean{-2.0}));
    CHECK_FALSE(gm::detail::needs_positive(power_mean{2.0}));
    CHECK(gm::detail::needs_non_negative(power_mean{2.0}));
    // the other aggregators keep their static rule
    CHECK(gm::detail::needs_positive(gm::aggregate::geometric{}));
    CHECK_FALSE(gm::detail::needs_positive(gm::aggregate::arithmetic{}));
    CHECK_FALSE(gm::detail::needs_non_negative(gm::aggregate::harmonic{}));
  }

  TEST_CASE("validate: p finite") {
    CHECK_NOTHROW(power_mean{-7.5}.validate());
    CHECK_THROWS_WITH_AS(power_mean{nan_v}.validate(),
                         "aggregate::power_mean: parameter 'p' must be finite (p nan)", spec_error);
  }

  TEST_CASE("methodology file round trip; missing children are skipped") {
    // u1: a 1, b 4, c 16 (w 1, 1, 2): sqrt((1 + 16 + 2 * 256)/4) = sqrt(529/4) = 11.5
    // u2: a 3, b NaN, c 6: sqrt((9 + 2 * 36)/3) = sqrt(27)
    const auto r = run_text(methodology(R"({"method": "power_mean", "p": 2})"),
                            {1.0, 3.0, 4.0, nan_v, 16.0, 6.0});
    check_column(to_vector(r.score("idx")), {11.5, std::sqrt(27.0)});
  }

  TEST_CASE("a child of the wrong sign is a data_error naming node, child and unit") {
    CHECK_THROWS_WITH_AS(run_text(methodology(R"({"method": "power_mean", "p": 0.5})"),
                                  {1.0, 3.0, 4.0, -1.0, 16.0, 6.0}),
                         "aggregate::power_mean: node 'idx' needs non-negative values, but child "
                         "'b' is -1 for unit 'u2' (normalise to a positive range, e.g. min_max "
                         "with lo 1 and hi 100)",
                         data_error);
    // zero is fine for p > 0: (2 * 16^0.5 / 4)^2 ... u1: a 0, b 0, c 16 -> ((0 + 0 + 2 * 4)/4)^2
    const auto ok = run_text(methodology(R"({"method": "power_mean", "p": 0.5})"),
                             {0.0, 1.0, 0.0, 1.0, 16.0, 1.0});
    check_column(to_vector(ok.score("idx")), {4.0, 1.0});
    CHECK_THROWS_WITH_AS(run_text(methodology(R"({"method": "power_mean", "p": -1})"),
                                  {0.0, 3.0, 4.0, 1.0, 16.0, 6.0}),
                         "aggregate::power_mean: node 'idx' needs positive values, but child 'a' "
                         "is 0 for unit 'u1' (normalise to a positive range, e.g. min_max with lo "
                         "1 and hi 100)",
                         data_error);
    // p = 1 accepts negative values (the arithmetic mean)
    const auto neg = run_text(methodology(R"({"method": "power_mean", "p": 1})"),
                              {-1.0, 3.0, -4.0, 1.0, 16.0, 6.0});
    check_column(to_vector(neg.score("idx")), {27.0 / 4.0, 16.0 / 4.0});
  }

  TEST_CASE("methodology file: a bad p is a spec_error with the path") {
    CHECK_THROWS_WITH_AS(
        gm::io::parse_methodology(methodology(R"({"method": "power_mean", "p": "2"})"), "t.json"),
        doctest::Contains("$.aggregate.p: expected a number, got a string"), spec_error);
    CHECK_THROWS_WITH_AS(
        gm::io::parse_methodology(methodology(R"({"method": "power_mean", "q": 2})"), "t.json"),
        doctest::Contains("$.aggregate.q: unknown key 'q' for method 'power_mean' (expected one "
                          "of 'method', 'p')"),
        spec_error);
  }
}

} // namespace unit_aggregate_power_mean_test
