// Tests of govmetrics/explain.hpp (contributions, strengths and weaknesses, profile) on
// hand-worked cases.
#include "govmetrics/explain.hpp"

#include "govmetrics/pipeline/model.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <string>
#include <vector>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_explain_explain_test {

namespace {

namespace gm = govmetrics;
namespace ex = govmetrics::explain;
constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();

/// index -> A (weight 1): i1, i2 (1, 1); B (weight 3): i3, i4 (2, 2); values as given.
std::shared_ptr<const gm::framework> small_tree() {
  auto i1 = gm::make_indicator("i1", "A", 1.0);
  i1.name = "first";
  i1.unit = "km";
  return std::make_shared<const gm::framework>(
      std::vector<gm::node>{gm::make_aggregate("index"), gm::make_aggregate("A", "index", 1.0),
                            gm::make_aggregate("B", "index", 3.0), i1,
                            gm::make_indicator("i2", "A", 1.0), gm::make_indicator("i3", "B", 2.0),
                            gm::make_indicator("i4", "B", 2.0, gm::direction::negative)});
}

gm::pipeline_spec none_spec() {
  gm::pipeline_spec spec;
  spec.normalize = gm::normalize::none{};
  return spec;
}

std::map<std::string, ex::contribution> by_node(const std::vector<ex::contribution>& v) {
  std::map<std::string, ex::contribution> m;
  for (const auto& c : v)
    m[c.node] = c;
  return m;
}

} // namespace

TEST_SUITE("explain") {
  TEST_CASE("arithmetic: weighted values, summing to each parent's score and to the index") {
    // u1: i1 1, i2 2, i3 7, i4 4 (negative: -4). A = 1.5, B = (7 - 4) / 2 = 1.5,
    // index = 0.25 A + 0.75 B = 1.5.
    const auto fw = small_tree();
    const gm::dataset d({"u1", "u2"}, {"i1", "i2", "i3", "i4"}, {1, 3, 2, 5, 7, 1, 4, 2});
    const gm::model m(fw, none_spec());
    const auto r = m.run(d);
    auto c = by_node(ex::contributions(m, r, 0));
    CHECK(c["index"].contribution == 1.5);
    CHECK(c["index"].share == 1.0);
    CHECK(c["A"].contribution == doctest::Approx(0.375));
    CHECK(c["B"].contribution == doctest::Approx(1.125));
    CHECK(c["B"].share == doctest::Approx(0.75));
    CHECK(c["i1"].contribution == doctest::Approx(0.5)); // 0.5 x 1 of A's 1.5
    CHECK(c["i1"].share == doctest::Approx(1.0 / 3.0));
    CHECK(c["i1"].index_contribution == doctest::Approx(0.125)); // effective weight 1/8 x 1
    CHECK(c["i4"].contribution == doctest::Approx(-2.0));        // 0.5 x -4 of B's 1.5
    CHECK(c["i4"].index_contribution == doctest::Approx(-1.5));  // 3/8 x -4
    CHECK(c["i1"].how == "weighted values");
    double sum = 0.0;
    for (const char* i : {"i1", "i2", "i3", "i4"})
      sum += c[i].index_contribution;
    CHECK(sum == doctest::Approx(1.5).epsilon(1e-15));
    CHECK(c["i2"].parent == "A");
    CHECK(c["index"].parent.empty());
  }

  TEST_CASE("a missing child takes no part: the others' shares renormalised") {
    const auto fw = small_tree();
    const gm::dataset d({"u1", "u2"}, {"i1", "i2", "i3", "i4"}, {nan_v, 3, 2, 5, 7, 1, 4, 2});
    const gm::model m(fw, none_spec());
    const auto r = m.run(d);
    auto c = by_node(ex::contributions(m, r, 0));
    CHECK(c["i1"].share == 0.0);
    CHECK(c["i2"].share == doctest::Approx(1.0));
    CHECK(c["i2"].contribution == doctest::Approx(2.0));
  }

  TEST_CASE("geometric: the log decomposition; median: not decomposable") {
    const auto fw = std::make_shared<const gm::framework>(
        std::vector<gm::node>{gm::make_aggregate("index"), gm::make_indicator("x", "index"),
                              gm::make_indicator("y", "index")});
    const gm::dataset d({"u1", "u2"}, {"x", "y"}, {4, 1, 9, 2});
    auto spec = none_spec();
    spec.aggregate = gm::aggregate::geometric{};
    const gm::model m(fw, spec);
    const auto r = m.run(d);
    auto c = by_node(ex::contributions(m, r, 0));
    // index = sqrt(4 x 9) = 6: shares ln 4 / (2 ln 6) and ln 9 / (2 ln 6)
    CHECK(c["index"].score == doctest::Approx(6.0));
    CHECK(c["x"].share == doctest::Approx(std::log(4.0) / (2.0 * std::log(6.0))));
    CHECK(c["y"].share == doctest::Approx(std::log(9.0) / (2.0 * std::log(6.0))));
    CHECK(c["x"].share + c["y"].share == doctest::Approx(1.0));
    CHECK(c["x"].how == "log decomposition");
    spec.aggregate = gm::aggregate::median{};
    const gm::model med(fw, spec);
    c = by_node(ex::contributions(med, med.run(d), 0));
    CHECK(std::isnan(c["x"].share));
    CHECK(c["x"].how.find("not decomposable") != std::string::npos);
    CHECK_THROWS_AS(ex::contributions(med, med.run(d), 2), gm::unknown_code_error);
  }

  TEST_CASE("strengths and weaknesses: ranks among units, direction applied, ties by order") {
    // u1: i1 1 (rank 3 of 3), i2 3 (1), i3 7 (1), i4 -1 (negative: best, 1)
    const auto fw = small_tree();
    const gm::dataset d({"u1", "u2", "u3"}, {"i1", "i2", "i3", "i4"},
                        {1, 2, 3, 3, 2, 1, 7, 5, 6, 1, 2, 3});
    const gm::model m(fw, none_spec());
    const auto r = m.run(d);
    const auto raw = govmetrics::audit::raw_columns(*fw, d);
    const auto sw = ex::strengths(r, raw, 0, 2);
    REQUIRE(sw.strengths.size() == 2);
    CHECK(sw.strengths[0].code == "i2"); // rank 1, first in indicator order among the rank-1s
    CHECK(sw.strengths[1].code == "i3");
    CHECK(sw.strengths[0].rank == 1.0);
    REQUIRE(sw.weaknesses.size() == 2);
    CHECK(sw.weaknesses[0].code == "i1");
    CHECK(sw.weaknesses[0].rank == 3.0);
    CHECK(sw.weaknesses[0].value == 1.0);
    CHECK(sw.weaknesses[0].name == "first");
    CHECK(sw.weaknesses[0].unit == "km");
    CHECK(sw.weaknesses[0].parent == "A");
    CHECK(sw.weaknesses[1].code == "i2"); // rank 1 too: after i1, by order among equal ranks
    const auto sw4 = ex::strengths(r, raw, 0, 10);
    CHECK(sw4.strengths.size() == 4);
    CHECK(sw4.strengths[2].code == "i4");
  }

  TEST_CASE("profile: score and rank against the median and the best") {
    const auto fw = small_tree();
    const gm::dataset d({"u1", "u2", "u3"}, {"i1", "i2", "i3", "i4"},
                        {1, 2, 3, 3, 2, 1, 7, 5, 6, 1, 2, 3});
    const gm::model m(fw, none_spec());
    const auto r = m.run(d);
    const auto p = ex::profile(r, 2);
    REQUIRE(p.size() == fw->size());
    CHECK(p[3].node == "i1");
    CHECK(p[3].score == 3.0);
    CHECK(p[3].median == 2.0);
    CHECK(p[3].best == 3.0);
    CHECK(p[3].rank == 1.0);
    CHECK(p[3].n_units == 3);
  }
}

} // namespace unit_explain_explain_test
