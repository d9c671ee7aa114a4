// Tests of govmetrics/aggregate/geometric.hpp: y = prod x^(w/sum w) over the available children;
// a zero or negative child is a data_error naming node, child and unit.
#include "govmetrics/aggregate/geometric.hpp"

#include "govmetrics/pipeline/run.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_aggregate_geometric_test {

namespace {

using govmetrics::data_error;
using govmetrics::aggregate::geometric;

constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();

double gmean(const std::vector<double>& x, const std::vector<double>& w) {
  REQUIRE(x.size() == w.size());
  return geometric{}(x.data(), w.data(), x.size());
}

/// idx over indicators a, b, c (weights 1, 1, 2), raw values used as they are (normalize::none).
govmetrics::result run_none(const std::vector<double>& column_major,
                            const char* parent_of_c = "idx") {
  using namespace govmetrics;
  std::vector<node> nodes{make_aggregate("idx"), make_indicator("a", "idx"),
                          make_indicator("b", "idx")};
  if (std::string(parent_of_c) != "idx") {
    nodes.push_back(make_aggregate(parent_of_c, "idx"));
    nodes.push_back(make_indicator("d", parent_of_c));
  }
  nodes.push_back(make_indicator("c", parent_of_c, 2.0));
  const framework fw(nodes);
  std::vector<std::string> cols{"a", "b", "c"};
  if (std::string(parent_of_c) != "idx")
    cols.push_back("d");
  const dataset data({"u1", "u2"}, cols, column_major);
  pipeline_spec spec;
  spec.normalize = normalize::none{};
  spec.aggregate = aggregate::geometric{};
  return run(fw, data, spec);
}

} // namespace

TEST_SUITE("aggregate::geometric") {
  TEST_CASE("name and concept") {
    CHECK(std::string(geometric::name()) == "geometric");
    CHECK(geometric::requires_positive);
    CHECK(govmetrics::is_aggregator_v<geometric>);
    CHECK_NOTHROW(geometric{}.validate());
  }

  TEST_CASE("unweighted: the n-th root of the product") {
    // (1 * 4 * 16)^(1/3) = 64^(1/3) = 4
    CHECK(gmean({1.0, 4.0, 16.0}, {1.0, 1.0, 1.0}) == doctest::Approx(4.0).epsilon(1e-15));
    // (2 * 8)^(1/2) = 4
    CHECK(gmean({2.0, 8.0}, {5.0, 5.0}) == doctest::Approx(4.0).epsilon(1e-15));
  }

  TEST_CASE("weighted: prod x_i^(w_i / sum w)") {
    // 2^(3/4) * 8^(1/4) = 2^(3/4) * 2^(3/4) = 2^1.5 = 2.8284271247461903
    CHECK(gmean({2.0, 8.0}, {3.0, 1.0}) == doctest::Approx(2.8284271247461903).epsilon(1e-15));
    // 2^(1/3) * 8^(2/3) = 2^(1/3 + 2) = 2^(7/3) = 5.039684199579493
    CHECK(gmean({2.0, 8.0}, {1.0, 2.0}) == doctest::Approx(5.039684199579493).epsilon(1e-15));
    // a single child is itself
    CHECK(gmean({7.25}, {0.3}) == doctest::Approx(7.25).epsilon(1e-15));
  }

  TEST_CASE("never above the arithmetic mean (AM-GM)") {
    // (2 + 8)/2 = 5 > 4
    CHECK(gmean({2.0, 8.0}, {1.0, 1.0}) < 5.0);
  }

  TEST_CASE("inside a pipeline: NaN skipped, weights renormalised") {
    // u1: a 2, b 8, c 4 (w 1 1 2): 2^(1/4) 8^(1/4) 4^(1/2) = 2^(1/4 + 3/4 + 1) = 4
    // u2: a 9, b NaN, c 3: weights 1 and 2 over 3: 9^(1/3) 3^(2/3) = 3^(2/3 + 2/3) = 3^(4/3)
    const auto r = run_none({2.0, 9.0, 8.0, nan_v, 4.0, 3.0});
    CHECK(r.score("u1", "idx") == doctest::Approx(4.0).epsilon(1e-15));
    CHECK(r.score("u2", "idx") == doctest::Approx(std::cbrt(81.0)).epsilon(1e-15));
    CHECK(r.aggregation_methods()[0] == "geometric");
  }

  TEST_CASE("a zero child is a data_error naming node, child and unit") {
    // u2 has b = 0
    CHECK_THROWS_WITH_AS(run_none({2.0, 9.0, 8.0, 0.0, 4.0, 3.0}),
                         "aggregate::geometric: node 'idx' needs positive values, but child 'b' "
                         "is 0 for unit 'u2' (normalise to a positive range, e.g. min_max with lo "
                         "1 and hi 100)",
                         data_error);
  }

  TEST_CASE("a negative child is a data_error naming node, child, value and unit") {
    // u1 has c = -2.5, under a sub-dimension 'd1' (c and d under d1)
    CHECK_THROWS_WITH_AS(run_none({2.0, 9.0, 8.0, 1.0, -2.5, 3.0, 1.0, 1.0}, "d1"),
                         doctest::Contains("aggregate::geometric: node 'd1' needs positive values, "
                                           "but child 'c' is -2.5 for unit 'u1'"),
                         data_error);
  }

  TEST_CASE("the default min-max 0..100 puts a 0 at each minimum: a data_error, not a silent 0") {
    using namespace govmetrics;
    const framework fw(
        {make_aggregate("idx"), make_indicator("a", "idx"), make_indicator("b", "idx")});
    // a: u1 1, u2 5 -> u1 is the minimum -> 0
    const dataset data({"u1", "u2"}, {"a", "b"}, {1.0, 5.0, 3.0, 2.0});
    pipeline_spec spec;
    spec.aggregate = aggregate::geometric{};
    CHECK_THROWS_WITH_AS(run(fw, data, spec),
                         doctest::Contains("node 'idx' needs positive values, but child 'a' is 0 "
                                           "for unit 'u1'"),
                         data_error);
    // with min_max 1..100 it works: a: u1 1, u2 100; b: u1 100, u2 1 -> both sqrt(100) = 10
    spec.normalize = normalize::min_max{1.0, 100.0};
    const result r = run(fw, data, spec);
    CHECK(r.score("u1", "idx") == doctest::Approx(10.0).epsilon(1e-15));
    CHECK(r.score("u2", "idx") == doctest::Approx(10.0).epsilon(1e-15));
  }

  TEST_CASE("a zero-weight child is not used, so its zero is no error") {
    using namespace govmetrics;
    const framework fw(
        {make_aggregate("idx"), make_indicator("a", "idx", 1.0), make_indicator("z", "idx", 0.0)});
    const dataset data({"u1"}, {"a", "z"}, {6.0, 0.0});
    pipeline_spec spec;
    spec.normalize = normalize::none{};
    spec.aggregate = aggregate::geometric{};
    const result r = run(fw, data, spec);
    CHECK(r.score("u1", "idx") == doctest::Approx(6.0).epsilon(1e-15));
  }
}

} // namespace unit_aggregate_geometric_test
