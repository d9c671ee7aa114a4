// Tests of govmetrics/weights/objective_methods.hpp and combined.hpp: entropy, critic, std, cv and
// combined weights computed at an aggregate node from its children's values during evaluation.
// Expected values are worked out by hand (formulas written out in the test), and the pipeline is
// checked against the functional API (weights/objective.hpp) on the same matrix.
#include "govmetrics/weights/combined.hpp"
#include "govmetrics/weights/objective_methods.hpp"

#include "govmetrics/pipeline/pipeline.hpp"
#include "govmetrics/pipeline/run.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_weights_objective_methods_test {

namespace {

using namespace govmetrics;
constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();

/// idx <- d (a weight 1, b weight 3), e (c): values used raw (normalize::none).
framework tree() {
  return framework({make_aggregate("idx"), make_aggregate("d", "idx"), make_aggregate("e", "idx"),
                    make_indicator("a", "d", 1.0), make_indicator("b", "d", 3.0),
                    make_indicator("c", "e")});
}

dataset data(std::vector<double> a, std::vector<double> b) {
  std::vector<std::string> units;
  for (std::size_t i = 0; i < a.size(); ++i)
    units.push_back("u" + std::to_string(i + 1));
  std::vector<double> v = a;
  v.insert(v.end(), b.begin(), b.end());
  for (std::size_t i = 0; i < a.size(); ++i)
    v.push_back(1.0 + static_cast<double>(i));
  return dataset(units, {"a", "b", "c"}, v);
}

result run_at_d(const weights::any& w, const dataset& ds) {
  pipeline_spec spec;
  spec.normalize = normalize::none{};
  spec.weights_overrides["d"] = w;
  return run(tree(), ds, spec);
}

double w_of(const result& r, const char* code) {
  return r.weights()[r.tree().index_of(code)];
}

std::string error_of(const weights::any& w, const dataset& ds) {
  try {
    (void)run_at_d(w, ds);
  } catch (const error& e) {
    return e.what();
  }
  return "no error";
}

} // namespace

TEST_SUITE("weights::std_method") {
  TEST_CASE("hand computation: sd_a = 1, sd_b = sqrt(13)") {
    // a = 1, 2, 3: sd (n - 1) 1; b = 2, 4, 9: mean 5, squares 9 + 1 + 16 = 26, sd sqrt(13)
    const result r = run_at_d(weights::std_method{}, data({1, 2, 3}, {2, 4, 9}));
    const double sb = std::sqrt(13.0);
    CHECK(w_of(r, "a") == doctest::Approx(1.0 / (1.0 + sb)).epsilon(1e-14));
    CHECK(w_of(r, "b") == doctest::Approx(sb / (1.0 + sb)).epsilon(1e-14));
    // d = w_a a + w_b b for u1
    CHECK(r.score("u1", "d") ==
          doctest::Approx((1.0 * 1.0 + sb * 2.0) / (1.0 + sb)).epsilon(1e-14));
    // the other node keeps its explicit weights and says so
    CHECK(r.weight_details("e").method == "explicit");
    CHECK(r.weight_details("d").method == "std");
    CHECK(r.weight_details("d").units_used == 3);
    // idx's children: explicit 1/2, 1/2
    CHECK(w_of(r, "d") == 0.5);
  }

  TEST_CASE("a constant child gets weight 0") {
    const result r = run_at_d(weights::std_method{}, data({1, 2, 3}, {5, 5, 5}));
    CHECK(w_of(r, "a") == 1.0);
    CHECK(w_of(r, "b") == 0.0);
  }
}

TEST_SUITE("weights::entropy_method") {
  TEST_CASE("hand computation with a zero (0 ln 0 = 0) and a constant child (weight 0)") {
    // a = 0, 1, 3: p = 0, 1/4, 3/4; e = -(1/4 ln 1/4 + 3/4 ln 3/4) / ln 3; b constant: e = 1
    const result r = run_at_d(weights::entropy_method{}, data({0, 1, 3}, {2, 2, 2}));
    CHECK(w_of(r, "a") == doctest::Approx(1.0).epsilon(1e-15));
    CHECK(w_of(r, "b") == 0.0);
    // two non-constant children: weights (1 - e_j) / sum
    const result r2 = run_at_d(weights::entropy_method{}, data({0, 1, 3}, {1, 2, 3}));
    const double ea = -(0.25 * std::log(0.25) + 0.75 * std::log(0.75)) / std::log(3.0);
    const double eb =
        -(1.0 / 6 * std::log(1.0 / 6) + 2.0 / 6 * std::log(2.0 / 6) + 0.5 * std::log(0.5)) /
        std::log(3.0);
    CHECK(w_of(r2, "a") == doctest::Approx((1 - ea) / (2 - ea - eb)).epsilon(1e-12));
    CHECK(w_of(r2, "b") == doctest::Approx((1 - eb) / (2 - ea - eb)).epsilon(1e-12));
  }

  TEST_CASE("negative values: data_error naming the node, the child and the unit") {
    CHECK(error_of(weights::entropy_method{}, data({1, -2, 3}, {1, 2, 3})) ==
          "weights::entropy: node 'd': child 'a' is -2 for unit 'u2' (entropy weights need "
          "values >= 0; normalise with min_max)");
  }

  TEST_CASE("zeros policy and its validation") {
    weights::entropy_method m;
    m.zeros = "column_entropy_zero";
    CHECK_NOTHROW(m.validate());
    // a has a zero: e_a = 0, so 1 - e_a = 1; b constant: 0
    const result r = run_at_d(m, data({0, 1, 3}, {2, 2, 2}));
    CHECK(w_of(r, "a") == 1.0);
    m.zeros = "skip";
    CHECK_THROWS_AS(m.validate(), spec_error);
  }

  TEST_CASE("every child constant: data_error naming the node") {
    CHECK(error_of(weights::entropy_method{}, data({2, 2, 2}, {5, 5, 5})).find("at node 'd'") !=
          std::string::npos);
  }
}

TEST_SUITE("weights::critic_method") {
  TEST_CASE("constant child: data_error naming it") {
    CHECK(error_of(weights::critic_method{}, data({1, 2, 3}, {4, 4, 4})) ==
          "weights::critic: node 'd': child 'b' is constant (all 4 over the 3 units used); its "
          "min-max range is zero and its correlations undefined");
  }

  TEST_CASE("two children: rho = +-1 by hand") {
    // a = 1, 2, 3, b = 3, 1, 2: min-max r_a = 0, .5, 1, r_b = 1, 0, .5; sd of both 0.5;
    // rho(r_a, r_b): centred -0.5, 0, 0.5 and 0.5, -0.5, 0: sum = -0.25, ss 0.5 each -> -0.5;
    // C = 0.5 * (1 + 0.5) for both -> 1/2, 1/2
    const result r = run_at_d(weights::critic_method{}, data({1, 2, 3}, {3, 1, 2}));
    CHECK(w_of(r, "a") == doctest::Approx(0.5).epsilon(1e-14));
    CHECK(w_of(r, "b") == doctest::Approx(0.5).epsilon(1e-14));
  }
}

TEST_SUITE("weights::cv_method") {
  TEST_CASE("hand computation and a non-positive mean") {
    // a = 1, 2, 3: cv 1/2; b = 2, 4, 9: cv sqrt(13)/5
    const result r = run_at_d(weights::cv_method{}, data({1, 2, 3}, {2, 4, 9}));
    const double ca = 0.5;
    const double cb = std::sqrt(13.0) / 5.0;
    CHECK(w_of(r, "a") == doctest::Approx(ca / (ca + cb)).epsilon(1e-14));
    CHECK(error_of(weights::cv_method{}, data({-1, -2, -3}, {2, 4, 9})) ==
          "weights::cv: node 'd': child 'a' has mean -2 over the 3 units used (the coefficient "
          "of variation needs a positive mean)");
  }
}

TEST_SUITE("computed weights: missing values, few units, pipeline == functional") {
  TEST_CASE("complete cases only, with a diagnostic giving the count") {
    // u2 lacks a: std weights from u1, u3, u4 (a = 1, 3, 5: sd 2; b = 2, 6, 10: sd 4)
    const result r = run_at_d(weights::std_method{}, data({1, nan_v, 3, 5}, {2, 100, 6, 10}));
    CHECK(w_of(r, "a") == doctest::Approx(1.0 / 3.0).epsilon(1e-14));
    CHECK(w_of(r, "b") == doctest::Approx(2.0 / 3.0).epsilon(1e-14));
    CHECK(r.weight_details("d").units_used == 3);
    CHECK(r.weight_details("d").units_total == 4);
    bool found = false;
    for (const auto& dg : r.diagnostics()) {
      if (dg.component == "weights" && dg.node == "d") {
        found = true;
        CHECK(dg.message == "weights: node 'd': children weighted by 'std' on 3 of 4 units "
                            "(those with every child available) ('a' 0.3333, 'b' 0.6667)");
      }
    }
    CHECK(found);
    // u2 is still scored from b alone (missing policy skip), not dropped
    CHECK(r.score("u2", "d") == doctest::Approx(100.0).epsilon(1e-14));
  }

  TEST_CASE("fewer than 2 complete units, a single unit: data_error naming the node") {
    CHECK(error_of(weights::std_method{}, data({1, nan_v}, {2, 3})) ==
          "weights::std: node 'd' has 1 unit with every child available (std needs at least 2; "
          "1 of 2 units lack a child of 'a', 'b')");
    CHECK(error_of(weights::entropy_method{}, data({1}, {2})).find("node 'd' has 1 unit") !=
          std::string::npos);
  }

  TEST_CASE("pipeline == functional API on the children's normalised values") {
    // min-max 0..100 normalisation first; then each method on the [a b] matrix of the result
    const dataset ds = data({3, 1, 4, 1.5, 5, 9}, {2, 6, 5, 3, 5, 8});
    const std::vector<weights::any> methods = {weights::entropy_method{}, weights::critic_method{},
                                               weights::std_method{}, weights::cv_method{}};
    for (const auto& m : methods) {
      pipeline_spec spec;
      spec.weights_overrides["d"] = m;
      const result r = run(tree(), ds, spec);
      std::vector<double> mat;
      for (const char* c : {"a", "b"}) {
        const column_view col = r.score(c);
        mat.insert(mat.end(), col.begin(), col.end());
      }
      const matrix_view mv(mat.data(), 6, 2);
      const std::string name = weights::name_of(m);
      const std::vector<double> expected =
          name == "entropy"  ? weights::entropy(mv)
          : name == "critic" ? weights::critic(mv, {direction::positive, direction::positive})
          : name == "std"    ? weights::std_dev(mv)
                             : weights::cv(mv);
      INFO(name);
      CHECK(w_of(r, "a") == expected[0]);
      CHECK(w_of(r, "b") == expected[1]);
    }
  }

  TEST_CASE("a node with a single child gets weight 1 without computing") {
    pipeline_spec spec;
    spec.normalize = normalize::none{};
    spec.weights = weights::critic_method{}; // every node, including e (one child)
    const result r = run(tree(), data({1, 2, 3}, {3, 1, 2}), spec);
    CHECK(w_of(r, "c") == 1.0);
    CHECK(r.weight_details("e").method == "critic");
    CHECK(r.weight_details("idx").method == "critic");
  }

  TEST_CASE("compile-time pipeline: run_options.weights gives the same bits as the spec") {
    const dataset ds = data({3, 1, 4, 1.5, 5, 9}, {2, 6, 5, 3, 5, 8});
    run_options opt;
    opt.weights = weights::std_method{};
    const auto p = make_pipeline(missing::skip{}, treat::none{}, normalize::min_max{},
                                 aggregate::arithmetic{});
    const result a = p.run(tree(), ds, opt);
    pipeline_spec spec;
    spec.weights = weights::std_method{};
    const result b = run(tree(), ds, spec);
    CHECK(a.weights() == b.weights());
    for (std::size_t u = 0; u < 6; ++u)
      CHECK(a.score("idx")[u] == b.score("idx")[u]);
  }
}

TEST_SUITE("weights::combined_method") {
  TEST_CASE("linear and multiplicative by hand with the explicit weights 1/4, 3/4") {
    // objective std: a = 1, 2, 3 (sd 1), b = 2, 4, 6 (sd 2): o = 1/3, 2/3; s = 1/4, 3/4
    const dataset ds = data({1, 2, 3}, {2, 4, 6});
    weights::combined_method m;
    m.objective = "std";
    m.alpha = 0.4;
    const result r = run_at_d(m, ds);
    CHECK(w_of(r, "a") == doctest::Approx(0.4 * 0.25 + 0.6 / 3.0).epsilon(1e-14));
    CHECK(w_of(r, "b") == doctest::Approx(0.4 * 0.75 + 0.6 * 2.0 / 3.0).epsilon(1e-14));
    const auto& d = r.weight_details("d");
    REQUIRE(d.objective.size() == 2);
    CHECK(d.objective[0] == doctest::Approx(1.0 / 3.0).epsilon(1e-14));
    m.mode = "multiplicative";
    const result r2 = run_at_d(m, ds);
    // s o = 1/12, 6/12 -> 1/7, 6/7
    CHECK(w_of(r2, "a") == doctest::Approx(1.0 / 7.0).epsilon(1e-14));
    CHECK(w_of(r2, "b") == doctest::Approx(6.0 / 7.0).epsilon(1e-14));
  }

  TEST_CASE("alpha 1 gives the explicit weights, alpha 0 the objective ones") {
    const dataset ds = data({1, 2, 3}, {2, 4, 6});
    weights::combined_method m;
    m.objective = "std";
    m.alpha = 1.0;
    CHECK(w_of(run_at_d(m, ds), "a") == doctest::Approx(0.25).epsilon(1e-15));
    m.alpha = 0.0;
    CHECK(w_of(run_at_d(m, ds), "a") == doctest::Approx(1.0 / 3.0).epsilon(1e-15));
  }

  TEST_CASE("validation: objective, mode, alpha") {
    weights::combined_method m;
    CHECK_NOTHROW(m.validate());
    m.objective = "ahp";
    CHECK_THROWS_WITH_AS(m.validate(), doctest::Contains("unknown objective method 'ahp'"),
                         spec_error);
    m.objective = "pca";
    m.mode = "geometric";
    CHECK_THROWS_WITH_AS(m.validate(), doctest::Contains("unknown mode 'geometric'"), spec_error);
    m.mode = "linear";
    m.alpha = 1.5;
    CHECK_THROWS_WITH_AS(m.validate(),
                         "weights::combined: alpha is 1.5 (expected a number from 0 to 1)",
                         spec_error);
  }

  TEST_CASE("multiplicative with disjoint support: data_error naming the node") {
    // explicit a 1, b 3; objective std: a constant -> o_a = 0; make s_b = 0 through weight 0
    const framework fw({make_aggregate("idx"), make_aggregate("d", "idx"),
                        make_indicator("a", "d", 1.0), make_indicator("b", "d", 0.0)});
    const dataset ds({"u1", "u2"}, {"a", "b"}, {5.0, 5.0, 1.0, 2.0});
    pipeline_spec spec;
    spec.normalize = normalize::none{};
    weights::combined_method m;
    m.objective = "std";
    m.mode = "multiplicative";
    spec.weights_overrides["d"] = m;
    CHECK_THROWS_WITH_AS(run(fw, ds, spec), doctest::Contains("node 'd': the subjective"),
                         data_error);
  }
}

} // namespace unit_weights_objective_methods_test
