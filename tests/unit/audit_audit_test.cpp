// Tests of govmetrics/audit.hpp and its headers (stats, data_sets, correlations, cronbach,
// effective_weights, levels) on small hand-worked cases. Expected values are worked by hand from
// the definitions (noted beside each) or from scipy 1.10 where said.
#include "govmetrics/audit.hpp"

#include "govmetrics/pipeline/model.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <memory>
#include <string>
#include <vector>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_audit_audit_test {

namespace {

namespace gm = govmetrics;
namespace audit = govmetrics::audit;
constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();

/// index -> A (weight 1): i1, i2 (1, 1); B (weight 3): i3, i4 (2, 2); the values pass through
/// (normalize::none).
struct small_index {
  std::shared_ptr<const gm::framework> fw;
  gm::dataset data;
  gm::result result;
};

small_index make_small(std::vector<double> values) {
  std::vector<gm::node> nodes{
      gm::make_aggregate("index"),           gm::make_aggregate("A", "index", 1.0),
      gm::make_aggregate("B", "index", 3.0), gm::make_indicator("i1", "A", 1.0),
      gm::make_indicator("i2", "A", 1.0),    gm::make_indicator("i3", "B", 2.0),
      gm::make_indicator("i4", "B", 2.0)};
  auto fw = std::make_shared<const gm::framework>(std::move(nodes));
  gm::dataset data({"u1", "u2", "u3", "u4"}, {"i1", "i2", "i3", "i4"}, std::move(values));
  gm::pipeline_spec spec;
  spec.normalize = gm::normalize::none{};
  gm::result r = gm::model(fw, spec).run(data);
  return {fw, std::move(data), std::move(r)};
}

// column-major: i1, i2, i3, i4 over u1..u4
const std::vector<double> values{1, 2, 3, 4, 2, 4, 5, 9, 7, 7, 7, 7, 4, 3, 2, 1};

} // namespace

TEST_SUITE("audit") {
  TEST_CASE("describe: every statistic of a column with missing values, zeros and repeats") {
    // a = 0, 2, 2, 5, 0, 2 (6 of 7 available); mean 11/6; median (2 + 2) / 2; sd^2 = (2 (11/6)^2
    // + 3 (1/6)^2 + (19/6)^2) / 5 = 606 / 180; skew, kurt: scipy.stats.skew/kurtosis(bias=False)
    const std::vector<double> x{0, 2, 2, nan_v, 5, 0, 2};
    const auto s = audit::describe("x", gm::column_view{x.data(), x.size()});
    CHECK(s.code == "x");
    CHECK(s.min == 0.0);
    CHECK(s.max == 5.0);
    CHECK(s.mean == doctest::Approx(11.0 / 6.0).epsilon(1e-15));
    CHECK(s.median == 2.0);
    CHECK(s.sd == doctest::Approx(std::sqrt(606.0 / 180.0)).epsilon(1e-15));
    CHECK(s.skew == doctest::Approx(0.9443144065450468).epsilon(1e-13));
    CHECK(s.kurt == doctest::Approx(1.3557494363297735).epsilon(1e-13));
    CHECK(s.n_units == 7);
    CHECK(s.n_avail == 6);
    CHECK(s.n_nonzero == 4);
    CHECK(s.n_unique == 3);
    CHECK(s.n_same == 3);
    CHECK(s.frac_avail == doctest::Approx(6.0 / 7.0));
    CHECK(s.frac_nonzero == doctest::Approx(4.0 / 6.0));
    CHECK(s.frac_unique == doctest::Approx(0.5));
    CHECK(s.frac_same == doctest::Approx(0.5));
    // flags against every unit (COINr): 6/7 >= 0.65, 4/7 >= 0.5, 3/7 < 0.5
    CHECK_FALSE(s.low_avail);
    CHECK_FALSE(s.low_nonzero);
    CHECK(s.low_unique);
    CHECK_FALSE(s.skew_kurt_out);
    CHECK(s.flagged());
    audit::stats_thresholds t;
    t.unique = 0.4;
    t.skew = 0.9;
    t.kurtosis = 1.0;
    const auto s2 = audit::describe("x", gm::column_view{x.data(), x.size()}, t);
    CHECK_FALSE(s2.low_unique);
    CHECK(s2.skew_kurt_out);
  }

  TEST_CASE("describe: a constant column and an empty one have NaN moments, never 0") {
    const std::vector<double> c{3, 3, 3, 3};
    const auto s = audit::describe("c", gm::column_view{c.data(), c.size()});
    CHECK(s.sd == 0.0);
    CHECK(std::isnan(s.skew));
    CHECK(std::isnan(s.kurt));
    CHECK(s.n_unique == 1);
    CHECK(s.n_same == 4);
    const std::vector<double> e{nan_v, nan_v};
    const auto z = audit::describe("e", gm::column_view{e.data(), e.size()});
    CHECK(z.n_avail == 0);
    CHECK(std::isnan(z.mean));
    CHECK(z.low_avail);
  }

  TEST_CASE("thresholds are validated with the threshold's name") {
    audit::stats_thresholds t;
    t.availability = 1.5;
    CHECK_THROWS_WITH_AS(t.validate(), doctest::Contains("threshold 'availability' is a share"),
                         gm::spec_error);
    t = {};
    t.skew = nan_v;
    CHECK_THROWS_WITH_AS(t.validate(), "audit: threshold 'skew' must be a finite number",
                         gm::spec_error);
  }

  TEST_CASE("levels count from the indicators up; a ragged tree puts a node above its highest "
            "child") {
    const auto s = make_small(values);
    const auto lv = audit::levels(*s.fw);
    CHECK(lv[s.fw->index_of("i1")] == 1);
    CHECK(lv[s.fw->index_of("A")] == 2);
    CHECK(lv[s.fw->index_of("index")] == 3);
    const gm::framework ragged({gm::make_aggregate("r"), gm::make_aggregate("A", "r"),
                                gm::make_indicator("a1", "A"), gm::make_indicator("x", "r")});
    const auto rl = audit::levels(ragged);
    CHECK(rl[ragged.index_of("x")] == 1);
    CHECK(rl[ragged.index_of("A")] == 2);
    CHECK(rl[ragged.index_of("r")] == 3);
  }

  TEST_CASE("effective weights: products of the sibling-normalised weights along the path") {
    const auto s = make_small(values);
    std::map<std::string, audit::effective_weight> w;
    for (const auto& e : audit::effective_weights(s.result))
      w[e.node] = e;
    CHECK(w["index"].effective_weight == 1.0);
    CHECK(w["A"].weight == doctest::Approx(0.25));
    CHECK(w["B"].effective_weight == doctest::Approx(0.75));
    CHECK(w["i1"].effective_weight == doctest::Approx(0.125));
    CHECK(w["i3"].weight == doctest::Approx(0.5));
    CHECK(w["i4"].effective_weight == doctest::Approx(0.375));
    CHECK(w["i4"].level == 1);
  }

  TEST_CASE("Cronbach's alpha: two children by hand; one child and a constant total undefined") {
    // i1 = 1, 2, 3, 4; i2 = 2, 4, 5, 9: var 5/3 and 26/3, cov 11/3; total 31/3 + 2 (11/3) = 53/3;
    // alpha = 2 (1 - (31/3) / (53/3)) = 44/53
    const auto s = make_small(values);
    std::map<std::string, audit::cronbach_row> c;
    for (const auto& r : audit::cronbach(s.result))
      c[r.node] = r;
    CHECK(c["A"].alpha == doctest::Approx(44.0 / 53.0).epsilon(1e-14));
    CHECK(c["A"].n_children == 2);
    CHECK(c["A"].n_units == 4);
    // B: i3 is constant (7), i4 = 4, 3, 2, 1: total variance 5/3, diag 5/3: alpha = 2 (1 - 1) = 0
    CHECK(c["B"].alpha == doctest::Approx(0.0));
    const gm::framework one({gm::make_aggregate("r"), gm::make_indicator("x", "r")});
    gm::dataset d({"a", "b", "c"}, {"x"}, {1, 2, 3});
    gm::pipeline_spec spec;
    spec.normalize = gm::normalize::none{};
    const auto r1 = gm::run(one, d, spec);
    const auto c1 = audit::cronbach(r1);
    REQUIRE(c1.size() == 1);
    CHECK(std::isnan(c1[0].alpha));
    CHECK(c1[0].why == "one child: alpha needs at least 2");
  }

  TEST_CASE("correlations: same-level pairs then node-parent pairs; a constant node is NaN with "
            "the reason") {
    const auto s = make_small(values);
    const auto rows = audit::correlations(s.result, {audit::correlation_method::pearson});
    // framework order (index, A, B, i1, ...): A-B (level 2), then the 6 pairs of level 1, then the
    // 6 node-parent pairs
    REQUIRE(rows.size() == 1 + 6 + 6);
    CHECK(rows[0].a == "A");
    CHECK(rows[0].b == "B");
    CHECK(rows[1].a == "i1");
    CHECK(rows[1].b == "i2");
    CHECK_FALSE(rows[1].with_parent);
    // i1 ~ i2: cov 11/3 / sqrt(5/3 * 26/3) = 11 / sqrt(130)
    CHECK(rows[1].r == doctest::Approx(11.0 / std::sqrt(130.0)).epsilon(1e-14));
    CHECK(rows[1].n == 4);
    bool constant_seen = false;
    for (const auto& r : rows) {
      if (r.a == "i3" || r.b == "i3") {
        CHECK(std::isnan(r.r));
        CHECK(r.why.find("constant") != std::string::npos);
        constant_seen = true;
      }
    }
    CHECK(constant_seen);
    CHECK(rows.back().with_parent);
    // i1 and i4 are exactly opposed: the sibling flags see B's i3 ~ i4 as undefined (skipped)
    // and nothing negative within A
    for (const auto& f : audit::sibling_flags(s.result))
      CHECK(f.parent != "B");
  }

  TEST_CASE("data sets: raw as given, normalised with the direction, aggregated adds the "
            "aggregates") {
    const auto s = make_small(values);
    const auto raw = audit::raw_columns(*s.fw, s.data);
    REQUIRE(raw.codes.size() == 4);
    CHECK(raw.columns[1][3] == 9.0);
    const auto treated = audit::data_set_columns(s.result, audit::data_set::treated, raw);
    CHECK(treated.columns[1][3] == 9.0); // no treatment, no data stage: the data as given
    const auto agg = audit::data_set_columns(s.result, audit::data_set::aggregated, raw);
    REQUIRE(agg.codes.size() == 7);
    CHECK(agg.codes.back() == "index");
    CHECK(audit::data_set_from_string("normalised") == audit::data_set::normalised);
    CHECK_THROWS_AS(audit::data_set_from_string("scaled"), gm::spec_error);
  }

  TEST_CASE("remove_elements: each node left out in turn, the root's mean absolute rank change") {
    // index -> x, y, z (equal weights, values as given). Units u1..u4:
    //   x 4 3 2 1.5, y 1 3.5 2 4, z 1 2 1.25 9 -> index 2, 17/6, 7/4, 29/6: ranks 3 2 4 1.
    // Without x: (y + z) / 2 = 1, 2.75, 1.625, 6.5: ranks 4 2 3 1: changes 1 0 1 0 -> 0.5.
    // Without y: (x + z) / 2 = 2.5, 2.5, 1.625, 5.25: ranks 2 2 4 1: changes 1 0 0 0 -> 0.25.
    // Without z: (x + y) / 2 = 2.5, 3.25, 2, 2.75: ranks 3 1 4 2: changes 0 1 0 1 -> 0.5.
    // (halves are exact in binary, so the tie without y is exact)
    const auto fw = std::make_shared<const gm::framework>(
        std::vector<gm::node>{gm::make_aggregate("index"), gm::make_indicator("x", "index"),
                              gm::make_indicator("y", "index"), gm::make_indicator("z", "index")});
    const gm::dataset d({"u1", "u2", "u3", "u4"}, {"x", "y", "z"},
                        {4, 3, 2, 1.5, 1, 3.5, 2, 4, 1, 2, 1.25, 9});
    gm::pipeline_spec spec;
    spec.normalize = gm::normalize::none{};
    const gm::model m(fw, spec);
    const auto rows = audit::remove_elements(m, d);
    REQUIRE(rows.size() == 3);
    const double expected[3] = {0.5, 0.25, 0.5};
    for (std::size_t k = 0; k < 3; ++k) {
      CAPTURE(rows[k].element);
      CHECK(rows[k].mean_abs_rank_change == expected[k]);
      CHECK(rows[k].n_units == 4);
      CHECK(rows[k].why.empty());
    }
    CHECK(rows[1].element == "y");
    // a computed scheme at the parent: the node cannot be left out (NaN and the reason)
    spec.weights = gm::weights::entropy_method{};
    const auto computed = audit::remove_elements(gm::model(fw, spec), d);
    CHECK(std::isnan(computed[0].mean_abs_rank_change));
    CHECK(computed[0].why.find("computed from the data") != std::string::npos);
  }

  TEST_CASE("principal components: two columns with correlation r by hand; a constant column and "
            "too few units are reported, not computed") {
    // x = 1, 2, 3, 4 and y = 1, 3, 2, 4: r = (sum of centred products 4) / 5 = 0.8. The
    // correlation matrix [[1, r], [r, 1]] has eigenvalues 1 + r and 1 - r with vectors
    // (1, 1) / sqrt 2 and (1, -1) / sqrt 2 (its entries tie in magnitude: the first is positive).
    const auto fw = std::make_shared<const gm::framework>(
        std::vector<gm::node>{gm::make_aggregate("index"), gm::make_indicator("x", "index"),
                              gm::make_indicator("y", "index"), gm::make_indicator("c", "index")});
    gm::pipeline_spec spec;
    spec.normalize = gm::normalize::none{};
    const gm::model m(fw, spec);
    const gm::dataset d({"u1", "u2", "u3", "u4"}, {"x", "y", "c"},
                        {1, 2, 3, 4, 1, 3, 2, 4, 5, 5, 5, 5});
    const auto with_c = audit::principal_components(m.run(d));
    REQUIRE(with_c.size() == 2); // the index's children, level 1
    CHECK(with_c[0].group == "index");
    CHECK(with_c[0].eigenvalues.empty());
    CHECK(with_c[0].why == "'c' is constant on the complete units");
    CHECK(with_c[1].group == "level:1");

    const auto fw2 = std::make_shared<const gm::framework>(
        std::vector<gm::node>{gm::make_aggregate("index"), gm::make_indicator("x", "index"),
                              gm::make_indicator("y", "index")});
    const gm::model m2(fw2, spec);
    const gm::dataset d2({"u1", "u2", "u3", "u4"}, {"x", "y"}, {1, 2, 3, 4, 1, 3, 2, 4});
    const auto pcs = audit::principal_components(m2.run(d2));
    REQUIRE(pcs.size() == 2); // "index" and "level:1": the same two columns
    const auto& p = pcs[0];
    CHECK(p.n_units == 4);
    CHECK(p.eigenvalues[0] == doctest::Approx(1.8).epsilon(1e-14));
    CHECK(p.eigenvalues[1] == doctest::Approx(0.2).epsilon(1e-14));
    CHECK(p.variance_explained[0] == doctest::Approx(0.9).epsilon(1e-14));
    CHECK(p.cumulative[1] == doctest::Approx(1.0).epsilon(1e-14));
    const double h = 1.0 / std::sqrt(2.0);
    CHECK(p.loading(0, 0) == doctest::Approx(h).epsilon(1e-14));
    CHECK(p.loading(1, 0) == doctest::Approx(h).epsilon(1e-14));
    CHECK(p.loading(0, 1) == doctest::Approx(h).epsilon(1e-14));
    CHECK(p.loading(1, 1) == doctest::Approx(-h).epsilon(1e-14));
    CHECK(pcs[1].eigenvalues == pcs[0].eigenvalues);

    const gm::dataset two({"u1", "u2"}, {"x", "y"}, {1, 2, 3, 1});
    const auto few = audit::principal_components(m2.run(two));
    CHECK(few[0].eigenvalues.empty());
    CHECK(few[0].why == "2 units with every value (3 needed)");
  }
}

} // namespace unit_audit_audit_test