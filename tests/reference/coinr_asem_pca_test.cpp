// Reference test: PCA weights against COINr 1.1.14 get_PCA on the ASEM example, pipeline `base`:
// ../shared/reference/coinr_asem/base_PCA_weights_level2_all.csv holds the first principal
// component loadings across the 8 pillars (level 2) of `base` (README: "first principal component
// loadings across the 8 pillars"), i.e. prcomp(pillars, scale. = TRUE)$rotation[, 1].
//
// Two routes, both to 1e-9 (|ours - ref| <= 1e-9 * max(1, |ref|), the README's tolerance):
// 1. functional: weights::pca() on COINr's own pillar scores (base_scores.csv);
// 2. pipeline: coinr_asem_base.json recomputed from the raw data, with the 8 pillars re-attached
//    directly under the index and "pca" weights at that node; the loadings reported in
//    result::weight_details() and the weights (squared loadings, the default mode).
// Sign convention: prcomp's sign is arbitrary; govmetrics makes the loadings sum to a positive
// number, which is also the sign of COINr's output here (6 of 8 loadings positive).
#include "reference_support.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace reference_coinr_asem_pca_test {

namespace {

namespace gm = govmetrics;
namespace io = govmetrics::io;
using govmetrics_test::close_rel;
using govmetrics_test::shared_path;
using govmetrics_test::source_path;

constexpr double rel_tol = 1e-9;

const std::vector<std::string> pillars = {"Physical", "ConEcFin", "Political", "Instit",
                                          "P2P",      "Environ",  "Social",    "SusEcFin"};

/// COINr's level-2 loadings, by pillar code, in `pillars` order.
std::vector<double> reference_loadings() {
  io::csv_options o;
  o.unit_column = "iCode";
  const gm::dataset ref =
      io::read_csv(shared_path("reference/coinr_asem/base_PCA_weights_level2_all.csv"), o);
  std::vector<double> out;
  for (const auto& p : pillars) {
    const std::size_t u = [&] {
      for (std::size_t i = 0; i < ref.n_units(); ++i) {
        if (ref.units()[i] == p)
          return i;
      }
      FAIL("pillar '" << p << "' not in the reference");
      return std::size_t{0};
    }();
    REQUIRE(ref.at(u, ref.indicator_index("Level")) == 2.0);
    out.push_back(ref.at(u, ref.indicator_index("Weight")));
  }
  return out;
}

} // namespace

TEST_SUITE("reference.coinr_asem.pca") {
  TEST_CASE("weights::pca on COINr's pillar scores == COINr get_PCA loadings (1e-9)") {
    GOVMETRICS_REQUIRE_SHARED_DATA();
    const auto ref = reference_loadings();
    io::csv_options o;
    o.unit_column = "uCode";
    o.columns = pillars;
    const gm::dataset scores = io::read_csv(shared_path("reference/coinr_asem/base_scores.csv"), o);
    REQUIRE(scores.n_units() == 51);
    REQUIRE(scores.count_missing() == 0);
    const gm::matrix_view m(scores.data(), scores.n_units(), scores.n_indicators());
    // the dataset's columns follow o.columns
    for (std::size_t j = 0; j < pillars.size(); ++j)
      REQUIRE(scores.indicators()[j] == pillars[j]);
    const auto r = gm::weights::pca(m);
    for (std::size_t j = 0; j < pillars.size(); ++j) {
      INFO(pillars[j] << ": ours " << r.loadings[j] << ", COINr " << ref[j]);
      CHECK(close_rel(r.loadings[j], ref[j], rel_tol));
      CHECK(close_rel(r.weights[j], ref[j] * ref[j], rel_tol));
    }
    // Environ and SusEcFin load negatively: "signed" refuses them, "absolute" uses |v| / sum |v|
    CHECK_THROWS_WITH_AS(gm::weights::pca(m, gm::weights::pca_mode::signed_loadings),
                         doctest::Contains("criterion 5 has the negative loading"), gm::data_error);
    const auto a = gm::weights::pca(m, gm::weights::pca_mode::absolute);
    double sum_abs = 0.0;
    for (double v : ref)
      sum_abs += std::abs(v);
    for (std::size_t j = 0; j < pillars.size(); ++j)
      CHECK(close_rel(a.weights[j], std::abs(ref[j]) / sum_abs, rel_tol));
  }

  TEST_CASE("pipeline: 'pca' at a node whose children are the 8 pillars == COINr (1e-9)") {
    GOVMETRICS_REQUIRE_SHARED_DATA();
    const auto ref = reference_loadings();
    io::methodology m =
        io::read_methodology(source_path("tests/reference/methodologies/coinr_asem_base.json"));
    // re-attach the pillars under the index, drop Conn and Sust
    std::vector<gm::node> nodes;
    std::string root;
    for (const auto& n : m.nodes) {
      if (n.code == "Conn" || n.code == "Sust")
        continue;
      nodes.push_back(n);
    }
    for (auto& n : nodes) {
      if (n.parent == "Conn" || n.parent == "Sust")
        n.parent = "Index";
    }
    m.nodes = nodes;
    m.spec.weights_overrides["Index"] = gm::weights::pca_method{};
    const gm::dataset data =
        io::read_csv(shared_path("data/coinr_asem/ASEM_iData.csv"), m.data_options());
    const gm::result r = gm::run(m.tree(), data, m.spec);
    const auto& d = r.weight_details("Index");
    CHECK(d.method == "pca");
    REQUIRE(d.children.size() == 8);
    CHECK(d.units_used == 51);
    for (std::size_t c = 0; c < 8; ++c) {
      std::size_t j = 0;
      while (pillars[j] != d.children[c])
        ++j;
      INFO(d.children[c] << ": ours " << d.loadings[c] << ", COINr " << ref[j]);
      CHECK(close_rel(d.loadings[c], ref[j], rel_tol));
      CHECK(close_rel(d.weights[c], ref[j] * ref[j], rel_tol));
      CHECK(r.weights()[r.tree().index_of(d.children[c])] == d.weights[c]);
    }
    // lambda_1 / 8 from numpy.linalg.eigh(numpy.corrcoef(pillars.T)) on COINr's base_scores.csv
    CHECK(close_rel(d.variance_explained, 0.4842747094909047, rel_tol));
    // the pipeline's 'Conn' sub-tree is gone; the pillar scores themselves are COINr's (tested in
    // coinr_asem_treated_test.cpp), so the loadings can only match if the PCA does
  }
}

} // namespace reference_coinr_asem_pca_test
