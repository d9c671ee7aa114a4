// Reference test: COINr 1.1.14's ASEM example as build_example_coin() builds it (`example_full`):
// Denominate -> Impute (group mean by EurAsia_group) -> Screen (dat_thresh 0.9, by NA) -> qTreat ->
// Normalise (min-max 0-100) -> Aggregate (arithmetic), recomputed through
// tests/reference/methodologies/coinr_asem_example_full.json on
// ../shared/data/coinr_asem/ASEM_iData.csv and compared with ../shared/reference/coinr_asem/:
// every intermediate data set (example_full_dset_{Denominated,Imputed,Screened,Treated,
// Normalised}.csv), the treatment details, the list of removed units (empty), and every score and
// rank (example_full_scores.csv, example_full_ranks.csv).
//
// Tolerance (reference README): 1e-9 relative, |ours - ref| <= 1e-9 * max(1, |ref|); ranks exact,
// except between units whose reference scores are within 1e-9 of each other.
#include "coinr_asem_support.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <string>
#include <variant>
#include <vector>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace reference_coinr_asem_full_test {

namespace {

using namespace coinr_asem;

const govmetrics_test::method_run& full_run() {
  static const govmetrics_test::method_run run = run_tag("example_full");
  return run;
}

std::size_t count_nan(const gm::dataset& d) {
  return d.count_missing();
}

} // namespace

TEST_CASE("COINr ASEM example_full: the denominated data set to 1e-9 relative") {
  GOVMETRICS_REQUIRE_SHARED_DATA();
  const gm::result& r = full_run().result;
  REQUIRE(!r.prepared().denominated.empty());
  CHECK(compare_dataset(r, "example_full_dset_Denominated.csv",
                        [&](const std::string& code) { return r.denominated(code); }) == 49 * 51);
  // iMeta names a denominator for 17 indicators; the others pass unchanged.
  std::size_t denominated = 0;
  for (std::size_t i : r.tree().indicators())
    denominated += r.tree()[i].denominator.empty() ? 0U : 1U;
  CHECK(denominated == 17);
  CHECK(r.tree()[r.tree().index_of("Flights")].denominator == "Population");
}

TEST_CASE("COINr ASEM example_full: the imputed data set (group means) to 1e-9 relative") {
  GOVMETRICS_REQUIRE_SHARED_DATA();
  const gm::result& r = full_run().result;
  REQUIRE(!r.prepared().imputed.empty());
  CHECK(compare_dataset(r, "example_full_dset_Imputed.csv",
                        [&](const std::string& code) { return r.imputed(code); }) == 49 * 51);
  // The imputed-cell counts: the cells missing in COINr's Denominated set but not in its Imputed
  // set, per indicator and in all.
  const gm::dataset before = read_ref("example_full_dset_Denominated.csv");
  const gm::dataset after = read_ref("example_full_dset_Imputed.csv");
  std::size_t ours = 0;
  std::size_t indicators = 0;
  for (const auto& d : r.imputation()) {
    CHECK(d.method == "mean");
    CHECK(d.group == "EurAsia_group");
    std::size_t want = 0;
    for (std::size_t k = 0; k < before.n_units(); ++k) {
      want += std::isnan(before.column(d.indicator)[k]) && !std::isnan(after.column(d.indicator)[k])
                  ? 1U
                  : 0U;
    }
    INFO("indicator '" << d.indicator << "'");
    CHECK(d.imputed() == want);
    CHECK(d.left_missing == 0);
    CHECK(d.empty_groups.empty());
    ours += d.imputed();
    indicators += d.imputed() > 0 ? 1U : 0U;
  }
  CHECK(r.imputation().size() == 49);
  CHECK(ours == count_nan(before) - count_nan(after));
  CHECK(count_nan(after) == 0);
  MESSAGE("COINr ASEM example_full: " << ours << " cells imputed in " << indicators
                                      << " indicators, as COINr");
}

TEST_CASE("COINr ASEM example_full: screening removes no unit, the screened set to 1e-9") {
  GOVMETRICS_REQUIRE_SHARED_DATA();
  const gm::result& r = full_run().result;
  REQUIRE(!r.prepared().screened.empty());
  const auto removed = read_cells("example_full_screened_removed_units.csv");
  REQUIRE(!removed.empty());
  CHECK(removed[0][0] == "RemovedUnits");
  std::vector<std::string> theirs;
  for (std::size_t i = 1; i < removed.size(); ++i) {
    if (!removed[i].empty() && !removed[i][0].empty())
      theirs.push_back(removed[i][0]);
  }
  CHECK(theirs.empty());
  CHECK(r.screened_units() == theirs);
  CHECK(r.screened_indicators().empty());
  REQUIRE(r.prepared().unit_shares.size() == 51);
  for (double share : r.prepared().unit_shares)
    CHECK(share >= 0.9);
  CHECK(compare_dataset(r, "example_full_dset_Screened.csv",
                        [&](const std::string& code) { return r.screened(code); }) == 49 * 51);
}

TEST_CASE("COINr ASEM example_full: the treated data set and the treatment details") {
  GOVMETRICS_REQUIRE_SHARED_DATA();
  const auto& run = full_run();
  const gm::result& r = run.result;
  REQUIRE(!r.prepared().treated.empty());
  CHECK(compare_dataset(r, "example_full_dset_Treated.csv",
                        [&](const std::string& code) { return r.treated(code); }) == 49 * 51);
  double max_rel = 0.0;
  std::string where;
  const std::size_t failed =
      compare_treatment_details(run, "example_full_treatment_details.csv", max_rel, where);
  std::size_t want_failed = 0;
  const auto rows = read_cells("example_full_treatment_details.csv");
  for (std::size_t i = 1; i < rows.size(); ++i)
    want_failed += rows[i][1] == "FALSE" ? 1U : 0U;
  CHECK(failed == want_failed);
  MESSAGE("COINr ASEM example_full treatment details: 49 indicators, "
          << failed << " winsorised; max relative error of skew/kurtosis " << max_rel << " ("
          << where << ")");
}

TEST_CASE("COINr ASEM example_full: the normalised data set to 1e-9 relative") {
  GOVMETRICS_REQUIRE_SHARED_DATA();
  const gm::result& r = full_run().result;
  CHECK(compare_dataset(r, "example_full_dset_Normalised.csv",
                        [&](const std::string& code) { return r.score(code); }) == 49 * 51);
}

TEST_CASE("COINr ASEM example_full: every score to 1e-9 relative, ranks exact") {
  GOVMETRICS_REQUIRE_SHARED_DATA();
  compare_scores("example_full");
}

TEST_CASE("COINr ASEM example_full: the methodology file round-trips its data stages") {
  GOVMETRICS_REQUIRE_SHARED_DATA();
  const auto m = io::read_methodology(
      source_path("tests/reference/methodologies/coinr_asem_example_full.json"));
  const auto& imp = std::get<gm::impute::mean>(m.spec.impute);
  CHECK(imp.group == "EurAsia_group");
  CHECK(m.spec.screen.min_share == 0.9);
  CHECK(m.spec.screen.indicator_min_share == 0.0);
  const auto o = m.data_options();
  CHECK(o.label_columns == std::vector<std::string>{"EurAsia_group"});
  // 49 indicator columns, then the four denominators in order of first use
  REQUIRE(o.columns.size() == 53);
  CHECK(std::vector<std::string>(o.columns.begin() + 49, o.columns.end()) ==
        std::vector<std::string>{"Population", "Area", "Energy", "GDP"});
  const auto again = io::parse_methodology(io::to_json(m), "again.json");
  CHECK(io::to_json(again) == io::to_json(m));
  REQUIRE(again.nodes.size() == m.nodes.size());
  for (std::size_t i = 0; i < m.nodes.size(); ++i)
    CHECK(again.nodes[i].denominator == m.nodes[i].denominator);
}

} // namespace reference_coinr_asem_full_test
