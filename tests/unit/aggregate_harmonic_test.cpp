// Tests of govmetrics/aggregate/harmonic.hpp: y = sum(w)/sum(w/x) over the available children;
// a zero or negative child is a data_error naming node, child and unit.
#include "govmetrics/aggregate/harmonic.hpp"

#include "govmetrics/pipeline/run.hpp"

#include <doctest/doctest.h>

#include <limits>
#include <string>
#include <vector>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_aggregate_harmonic_test {

namespace {

using govmetrics::data_error;
using govmetrics::aggregate::harmonic;

constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();

double hmean(const std::vector<double>& x, const std::vector<double>& w) {
  REQUIRE(x.size() == w.size());
  return harmonic{}(x.data(), w.data(), x.size());
}

govmetrics::result run_none(const std::vector<double>& column_major) {
  using namespace govmetrics;
  const framework fw(
      {make_aggregate("idx"), make_indicator("a", "idx"), make_indicator("b", "idx", 3.0)});
  const dataset data({"u1", "u2", "u3"}, {"a", "b"}, column_major);
  pipeline_spec spec;
  spec.normalize = normalize::none{};
  spec.aggregate = aggregate::harmonic{};
  return run(fw, data, spec);
}

} // namespace

TEST_SUITE("aggregate::harmonic") {
  TEST_CASE("name and concept") {
    CHECK(std::string(harmonic::name()) == "harmonic");
    CHECK(harmonic::requires_positive);
    CHECK(govmetrics::is_aggregator_v<harmonic>);
    CHECK_NOTHROW(harmonic{}.validate());
  }

  TEST_CASE("unweighted: n / sum(1/x)") {
    // 3 / (1 + 1/2 + 1/4) = 3 / 1.75 = 12/7 = 1.7142857142857142
    CHECK(hmean({1.0, 2.0, 4.0}, {1.0, 1.0, 1.0}) ==
          doctest::Approx(1.7142857142857142).epsilon(1e-15));
    // 2 / (1/3 + 1/6) = 2 / 0.5 = 4
    CHECK(hmean({3.0, 6.0}, {2.0, 2.0}) == doctest::Approx(4.0).epsilon(1e-15));
  }

  TEST_CASE("weighted: sum(w) / sum(w/x)") {
    // (1 + 3) / (1/2 + 3/6) = 4 / 1 = 4
    CHECK(hmean({2.0, 6.0}, {1.0, 3.0}) == doctest::Approx(4.0).epsilon(1e-15));
    // (3 + 1) / (3/2 + 1/6) = 4 / (10/6) = 2.4
    CHECK(hmean({2.0, 6.0}, {3.0, 1.0}) == doctest::Approx(2.4).epsilon(1e-15));
    CHECK(hmean({0.125}, {9.0}) == doctest::Approx(0.125).epsilon(1e-15));
  }

  TEST_CASE("harmonic <= geometric <= arithmetic") {
    // x 2, 8: H = 2/(1/2 + 1/8) = 3.2, G = 4, A = 5
    const double h = hmean({2.0, 8.0}, {1.0, 1.0});
    CHECK(h == doctest::Approx(3.2).epsilon(1e-15));
    CHECK(h < 4.0);
  }

  TEST_CASE("inside a pipeline: NaN skipped") {
    // weights a 1, b 3. u1: a 2, b 6 -> 4; u2: a NaN, b 5 -> 5; u3: a 1, b NaN -> 1
    const auto r = run_none({2.0, nan_v, 1.0, 6.0, 5.0, nan_v});
    CHECK(r.score("u1", "idx") == doctest::Approx(4.0).epsilon(1e-15));
    CHECK(r.score("u2", "idx") == doctest::Approx(5.0).epsilon(1e-15));
    CHECK(r.score("u3", "idx") == doctest::Approx(1.0).epsilon(1e-15));
    CHECK(r.aggregation_methods()[0] == "harmonic");
  }

  TEST_CASE("a zero child is a data_error naming node, child and unit") {
    CHECK_THROWS_WITH_AS(run_none({2.0, 3.0, 1.0, 6.0, 5.0, 0.0}),
                         "aggregate::harmonic: node 'idx' needs positive values, but child 'b' "
                         "is 0 for unit 'u3' (normalise to a positive range, e.g. min_max with lo "
                         "1 and hi 100)",
                         data_error);
  }

  TEST_CASE("a negative child is a data_error naming node, child, value and unit") {
    CHECK_THROWS_WITH_AS(run_none({2.0, -0.5, 1.0, 6.0, 5.0, 4.0}),
                         doctest::Contains("aggregate::harmonic: node 'idx' needs positive "
                                           "values, but child 'a' is -0.5 for unit 'u2'"),
                         data_error);
  }
}

} // namespace unit_aggregate_harmonic_test
