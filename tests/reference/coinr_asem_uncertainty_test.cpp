// Reference test: uncertainty analysis of COINr's ASEM `base3` coin (qTreat, min-max 1-100,
// arithmetic mean) against COINr 1.1.14's get_sensitivity(SA_type = "UA") with N = 1,000
// (../shared/reference/coinr_asem/UA_base3_N1000_RankStats.csv; its README gives the inputs):
// every weight at levels 1-3 times U(0.75, 1.25); normalisation min-max 1-100 or z-score (10, 2);
// aggregation arithmetic or geometric at every level, each drawn uniformly.
//
// Monte Carlo results are compared as distributions, not digits. The nominal ranks must be equal.
// The mean ranks are compared with a tolerance of 5 standard errors of the difference of the two
// means, the standard error taken from our own rank sd (COINr's 1,000 runs dominate it), plus 0.25
// rank for COINr's discrete draws, which are not exactly uniform (README: cut() over the sample's
// range); the quantiles, which are whole ranks from 1,000 runs, within 2 ranks. The test prints the
// agreement it sees.
#include "coinr_asem_support.hpp"

#include <govmetrics/io/uncertainty.hpp>
#include <govmetrics/uncertainty.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <memory>
#include <set>
#include <string>
#include <vector>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace reference_coinr_asem_uncertainty_test {

namespace {

using namespace coinr_asem;
namespace ua = govmetrics::uncertainty;

} // namespace

TEST_CASE("COINr ASEM base3: rank statistics agree with COINr's 1,000-run uncertainty analysis") {
  GOVMETRICS_REQUIRE_SHARED_DATA();
  const auto method =
      io::read_methodology(source_path("tests/reference/methodologies/coinr_asem_base.json"));
  auto data = std::make_shared<const gm::dataset>(
      io::read_csv(shared_path("data/coinr_asem/ASEM_iData.csv"), method.data_options()));
  gm::pipeline_spec base3 = method.spec;
  base3.normalize = gm::normalize::min_max{1.0, 100.0};

  ua::spec s;
  s.runs = 20000;
  s.seed = 20261203;
  ua::weights_input w;
  w.spread = 0.25;
  s.inputs.push_back(w);
  ua::alternatives_input norm;
  norm.name = "normalisation";
  norm.alternatives = std::vector<gm::normalize::any>{gm::normalize::min_max{1.0, 100.0},
                                                      gm::normalize::z_score{10.0, 2.0}};
  s.inputs.push_back(norm);
  ua::alternatives_input agg;
  agg.name = "aggregation";
  agg.alternatives =
      std::vector<gm::aggregate::any>{gm::aggregate::arithmetic{}, gm::aggregate::geometric{}};
  s.inputs.push_back(agg);

  const ua::analysis an(std::make_shared<const gm::framework>(method.tree()), data, base3, s);
  const ua::state st = an.run();
  std::size_t failed = 0;
  for (const auto& [reason, n] : st.failures) {
    MESSAGE("failed replications: " << n << " x " << reason);
    failed += n;
  }
  CHECK(failed == 0); // z-score (10, 2) stays positive on this data: the geometric mean applies
  const auto stats = ua::rank_statistics(st);
  const gm::dataset ref = read_ref("UA_base3_N1000_RankStats.csv");
  REQUIRE(stats.size() == ref.n_units());

  double worst_mean = 0.0;
  double sum_abs_mean = 0.0;
  double worst_q = 0.0;
  std::size_t quantiles_equal = 0;
  for (const auto& u : stats) {
    CAPTURE(u.unit);
    const std::size_t r = ref.unit_index(u.unit);
    CHECK(u.nominal == ref.at(r, ref.indicator_index("Nominal")));
    const double d_mean = std::fabs(u.mean - ref.at(r, ref.indicator_index("Mean")));
    const double se = u.sd * std::sqrt(1.0 / 1000.0 + 1.0 / static_cast<double>(s.runs));
    CHECK(d_mean <= 5.0 * se + 0.25);
    worst_mean = std::max(worst_mean, d_mean);
    sum_abs_mean += d_mean;
    for (const char* q : {"Median", "Q5", "Q95"}) {
      const double ours = std::string(q) == "Median" ? u.median
                          : std::string(q) == "Q5"   ? u.q05
                                                     : u.q95;
      const double d = std::fabs(ours - ref.at(r, ref.indicator_index(q)));
      CHECK(d <= 2.0);
      worst_q = std::max(worst_q, d);
      quantiles_equal += d == 0.0 ? 1U : 0U;
    }
  }
  MESSAGE("COINr UA base3 (N = 1,000) vs govmetrics (N = "
          << s.runs << "): mean rank |diff| max " << worst_mean << ", average "
          << sum_abs_mean / static_cast<double>(stats.size()) << "; quantiles |diff| max "
          << worst_q << ", " << quantiles_equal << " of " << 3 * stats.size() << " equal");
}

TEST_CASE("COINr ASEM example_full carries the inputs of COINr's sensitivity vignette") {
  GOVMETRICS_REQUIRE_SHARED_DATA();
  // winsorisation up to 1-5 points, min-max 1-100 or z-score (10, 2), the weights of the children
  // of the sub-indexes and of the index +-25 %, arithmetic or geometric mean: 10 prepared data
  // sets, cached; every replication's draws recorded
  const auto method = io::read_methodology(
      source_path("tests/reference/methodologies/coinr_asem_example_full.json"));
  auto data = std::make_shared<const gm::dataset>(
      io::read_csv(shared_path("data/coinr_asem/ASEM_iData.csv"), method.data_options()));
  ua::spec s;
  s.runs = 3000;
  s.seed = 7;
  ua::alternatives_input treat;
  treat.name = "winsorisation";
  std::vector<gm::treat::any> points;
  for (double k = 1.0; k <= 5.0; k += 1.0) {
    auto t = std::get<gm::treat::winsorise>(method.spec.treat);
    t.max_points = k;
    points.emplace_back(t);
  }
  treat.alternatives = points;
  s.inputs.push_back(treat);
  ua::alternatives_input norm;
  norm.name = "normalisation";
  norm.alternatives = std::vector<gm::normalize::any>{gm::normalize::min_max{1.0, 100.0},
                                                      gm::normalize::z_score{10.0, 2.0}};
  s.inputs.push_back(norm);
  ua::weights_input w;
  w.nodes = {"Conn", "Sust", "Index"};
  s.inputs.push_back(w);
  ua::alternatives_input agg;
  agg.name = "aggregation";
  agg.alternatives =
      std::vector<gm::aggregate::any>{gm::aggregate::arithmetic{}, gm::aggregate::geometric{}};
  s.inputs.push_back(agg);
  const auto fw = std::make_shared<const gm::framework>(method.tree());
  ua::options one;
  one.threads = 1;
  one.record = true;
  ua::options two = one;
  two.threads = 2;
  const ua::analysis a1(fw, data, method.spec, s, one);
  const ua::state st = a1.run();
  CHECK(gm::io::state_bytes(ua::analysis(fw, data, method.spec, s, two).run()) ==
        gm::io::state_bytes(st));
  // the nominal ranks are COINr's example_full ranks
  const gm::dataset ref = read_ref("example_full_ranks.csv");
  const auto stats = ua::rank_statistics(st);
  REQUIRE(stats.size() == ref.n_units());
  for (const auto& u : stats) {
    CAPTURE(u.unit);
    CHECK(u.nominal == ref.at(ref.unit_index(u.unit), ref.indicator_index("Index")));
  }
  // every alternative was drawn; the weights drawn are those of the 2 + 5 + 5 children named
  std::set<double> seen[3];
  const std::size_t d = st.draw_columns.size();
  REQUIRE(d == fw->children(fw->index_of("Conn")).size() +
                   fw->children(fw->index_of("Sust")).size() +
                   fw->children(fw->index_of("Index")).size() + 3);
  for (const auto& [index, b] : st.blocks) {
    for (std::size_t r = 0; r < b.shift.size(); ++r) {
      seen[0].insert(b.draws[r * d]);
      seen[1].insert(b.draws[r * d + 1]);
      seen[2].insert(b.draws[r * d + d - 1]);
    }
  }
  CHECK(seen[0].size() == 5);
  CHECK(seen[1].size() == 2);
  CHECK(seen[2].size() == 2);
  std::size_t failed = 0;
  for (const auto& [reason, n] : st.failures) {
    MESSAGE("failed replications: " << n << " x " << reason);
    failed += n;
  }
  CHECK(failed < s.runs);
  MESSAGE("COINr example_full with the vignette's inputs: " << s.runs << " replications, " << failed
                                                            << " failed");
}

} // namespace reference_coinr_asem_uncertainty_test
