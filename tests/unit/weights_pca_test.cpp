// Tests of govmetrics/weights/pca.hpp: first-principal-component weights (functional and the
// pipeline strategy "pca"), on matrices whose correlation matrix and eigenvectors are known by
// hand. The COINr comparison is in tests/reference/coinr_asem_pca_test.cpp.
#include "govmetrics/weights/pca.hpp"

#include "govmetrics/pipeline/run.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_weights_pca_test {

namespace {

using namespace govmetrics;

/// x = 1, 2, 3, 4; y = 1, 3, 2, 4; z = 1, -1, -1, 1 (column-major). Centred x and y have dot
/// product 4 and squared norms 5: corr(x, y) = 0.8; z is orthogonal to both: corr 0. So
/// R = [[1, .8, 0], [.8, 1, 0], [0, 0, 1]], lambda_1 = 1.8 with v = (1, 1, 0)/sqrt(2), and
/// lambda_2 = 1: the first component explains 1.8 / 3 = 0.6.
const std::vector<double> xyz = {1, 2, 3, 4, 1, 3, 2, 4, 1, -1, -1, 1};

} // namespace

TEST_SUITE("weights::pca") {
  TEST_CASE("hand case: loadings (1, 1, 0)/sqrt 2, squared weights 1/2, 1/2, 0") {
    const auto r = weights::pca(matrix_view(xyz.data(), 4, 3));
    const double h = 1.0 / std::sqrt(2.0);
    CHECK(r.loadings[0] == doctest::Approx(h).epsilon(1e-14));
    CHECK(r.loadings[1] == doctest::Approx(h).epsilon(1e-14));
    CHECK(std::abs(r.loadings[2]) < 1e-14);
    CHECK(r.weights[0] == doctest::Approx(0.5).epsilon(1e-14));
    CHECK(r.weights[1] == doctest::Approx(0.5).epsilon(1e-14));
    CHECK(std::abs(r.weights[2]) < 1e-14);
    CHECK(r.eigenvalue == doctest::Approx(1.8).epsilon(1e-14));
    CHECK(r.variance_explained == doctest::Approx(0.6).epsilon(1e-14));
  }

  TEST_CASE("sign: loadings sum to a positive number whatever the orientation of the data") {
    // negating every column leaves R unchanged
    std::vector<double> neg = xyz;
    for (double& v : neg)
      v = -v;
    const auto r = weights::pca(matrix_view(neg.data(), 4, 3));
    CHECK(r.loadings[0] > 0.0);
    CHECK(r.loadings[0] + r.loadings[1] + r.loadings[2] > 0.0);
  }

  TEST_CASE("negative loadings: squared and absolute weights, 'signed' refuses") {
    // x = 1, 2, 3, 4; y = 2, 1, 4, 3 (corr 0.6); w = 4, 3, 2, 1 (corr -1 with x, -0.6 with y)
    const std::vector<double> m = {1, 2, 3, 4, 2, 1, 4, 3, 4, 3, 2, 1};
    const matrix_view mv(m.data(), 4, 3);
    const auto sq = weights::pca(mv);
    CHECK(sq.loadings[2] < 0.0); // w loads against x and y
    double s = 0.0;
    for (double w : sq.weights)
      s += w;
    CHECK(s == doctest::Approx(1.0).epsilon(1e-15));
    for (std::size_t j = 0; j < 3; ++j)
      CHECK(sq.weights[j] == doctest::Approx(sq.loadings[j] * sq.loadings[j]).epsilon(1e-14));
    const auto ab = weights::pca(mv, weights::pca_mode::absolute);
    const double sa =
        std::abs(sq.loadings[0]) + std::abs(sq.loadings[1]) + std::abs(sq.loadings[2]);
    CHECK(ab.weights[2] == doctest::Approx(std::abs(sq.loadings[2]) / sa).epsilon(1e-14));
    CHECK_THROWS_WITH_AS(weights::pca(mv, weights::pca_mode::signed_loadings),
                         doctest::Contains("criterion 2 has the negative loading"), data_error);
  }

  TEST_CASE("errors: constant criterion, uncorrelated criteria, too few units, one criterion") {
    const std::vector<double> c = {1, 2, 3, 5, 5, 5};
    CHECK_THROWS_WITH_AS(weights::pca(matrix_view(c.data(), 3, 2)),
                         doctest::Contains("criterion 1 is constant"), data_error);
    // x and z of xyz are uncorrelated: R = I, no unique first component
    const std::vector<double> xz = {1, 2, 3, 4, 1, -1, -1, 1};
    CHECK_THROWS_WITH_AS(weights::pca(matrix_view(xz.data(), 4, 2)),
                         doctest::Contains("not unique"), data_error);
    CHECK_THROWS_WITH_AS(weights::pca(matrix_view(xyz.data(), 2, 2)),
                         doctest::Contains("needs at least 3 alternatives"), data_error);
    CHECK_THROWS_WITH_AS(weights::pca(matrix_view(xyz.data(), 4, 1)),
                         doctest::Contains("needs at least 2 criteria"), data_error);
  }

  TEST_CASE("mode strings") {
    CHECK(weights::pca_mode_from_string("squared") == weights::pca_mode::squared);
    CHECK(weights::pca_mode_from_string("absolute") == weights::pca_mode::absolute);
    CHECK(weights::pca_mode_from_string("signed") == weights::pca_mode::signed_loadings);
    CHECK_THROWS_WITH_AS(weights::pca_method{"abs"}.validate(),
                         "weights::pca: unknown mode 'abs' (expected 'squared', 'absolute' or "
                         "'signed')",
                         spec_error);
  }
}

TEST_SUITE("weights::pca_method in the pipeline") {
  framework tree() {
    return framework({make_aggregate("idx"), make_indicator("x", "idx"), make_indicator("y", "idx"),
                      make_indicator("z", "idx")});
  }

  TEST_CASE("weights and variance explained at the node; == functional on normalised values") {
    const dataset ds({"a", "b", "c", "d"}, {"x", "y", "z"}, xyz);
    pipeline_spec spec;
    spec.weights = weights::pca_method{};
    const result r = run(tree(), ds, spec);
    const auto& d = r.weight_details("idx");
    CHECK(d.method == "pca");
    CHECK(d.variance_explained == doctest::Approx(0.6).epsilon(1e-13));
    CHECK(r.weights()[r.tree().index_of("x")] == doctest::Approx(0.5).epsilon(1e-13));
    // min-max is affine, so the correlations (and the PCA) are those of the raw data
    std::vector<double> mat;
    for (const char* c : {"x", "y", "z"}) {
      const column_view col = r.score(c);
      mat.insert(mat.end(), col.begin(), col.end());
    }
    const auto f = weights::pca(matrix_view(mat.data(), 4, 3));
    for (std::size_t j = 0; j < 3; ++j) {
      CHECK(d.weights[j] == f.weights[j]);
      CHECK(d.loadings[j] == f.loadings[j]);
    }
  }

  TEST_CASE("fewer than 3 complete units: data_error naming the node") {
    const double nan = std::nan("");
    const dataset ds({"a", "b", "c"}, {"x", "y", "z"}, {1, 2, nan, 1, 3, 2, 1, -1, -1});
    pipeline_spec spec;
    spec.weights = weights::pca_method{};
    CHECK_THROWS_WITH_AS(run(tree(), ds, spec),
                         "weights::pca: node 'idx' has 2 units with every child available (pca "
                         "needs at least 3; 1 of 3 units lack a child of 'x', 'y', 'z')",
                         data_error);
  }
}

} // namespace unit_weights_pca_test
