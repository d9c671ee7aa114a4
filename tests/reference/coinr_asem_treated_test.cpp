// Reference test: COINr 1.1.14's ASEM example with outlier treatment (qTreat), pipelines `base`
// (min-max 0-100, arithmetic), `v_zscore` (z-score 0/1, arithmetic) and `v_gmean` (min-max 1-100,
// geometric), recomputed through
// tests/reference/methodologies/coinr_asem_{base,v_zscore,v_gmean}.json on
// ../shared/data/coinr_asem/ASEM_iData.csv and compared with ../shared/reference/coinr_asem/: the
// treated data set (base_dset_Treated.csv), the treatment details (base_treatment_details.csv,
// base_treated_points.csv), and every normalised indicator, pillar, sub-index and index score and
// rank (<tag>_scores.csv, <tag>_ranks.csv).
//
// Tolerance (reference README): 1e-9 relative, |ours - ref| <= 1e-9 * max(1, |ref|)
// (govmetrics_test::close_rel); ranks exact, except between units whose reference scores are
// within 1e-9 of each other in that same sense (the rule of coinr_asem_test.cpp).
#include "reference_support.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace gm = govmetrics;
namespace io = govmetrics::io;
using govmetrics_test::close_rel;
using govmetrics_test::shared_path;
using govmetrics_test::source_path;

constexpr double rel_tol = 1e-9;

govmetrics_test::method_run run_tag(const std::string& tag) {
  return govmetrics_test::run_methodology(
      source_path("tests/reference/methodologies/coinr_asem_" + tag + ".json"),
      shared_path("data/coinr_asem/ASEM_iData.csv"));
}

gm::dataset read_ref(const std::string& file) {
  io::csv_options o;
  o.unit_column = "uCode";
  return io::read_csv(shared_path("reference/coinr_asem/" + file), o);
}

/// The cells of a small CSV without embedded commas, quotes stripped (for the reference files with
/// TRUE/FALSE and text cells, which read_csv does not take).
std::vector<std::vector<std::string>> read_cells(const std::string& file) {
  std::ifstream in(shared_path("reference/coinr_asem/" + file));
  REQUIRE(in.good());
  std::vector<std::vector<std::string>> rows;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r')
      line.pop_back();
    std::vector<std::string> cells;
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, ','))
      cells.push_back(cell.size() >= 2 && cell.front() == '"' ? cell.substr(1, cell.size() - 2)
                                                              : cell);
    if (!line.empty() && line.back() == ',')
      cells.emplace_back();
    rows.push_back(std::move(cells));
  }
  return rows;
}

double num(const std::string& s) {
  return s.empty() || s == "NA" ? std::nan("") : std::stod(s);
}

double rel_err(double a, double b) {
  if (std::isnan(a) || std::isnan(b))
    return 0.0;
  return std::fabs(a - b) / std::max(1.0, std::fabs(b));
}

/// Level of a node: 1 indicator, 2 pillar, 3 sub-index, 4 index (by depth below the root).
int level_of(const gm::framework& fw, std::size_t node) {
  int depth = 0;
  for (std::size_t p = node; p != fw.root(); p = fw.index_of(fw[p].parent))
    ++depth;
  return 4 - depth;
}

/// Every score and rank of a run against <tag>_scores.csv and <tag>_ranks.csv.
void compare_scores(const std::string& tag) {
  const auto run = run_tag(tag);
  const gm::dataset scores = read_ref(tag + "_scores.csv");
  const gm::dataset ranks = read_ref(tag + "_ranks.csv");
  const gm::result& r = run.result;
  const gm::framework& fw = r.tree();
  std::size_t values[5] = {0, 0, 0, 0, 0};
  std::size_t missing[5] = {0, 0, 0, 0, 0};
  std::size_t exact[5] = {0, 0, 0, 0, 0};
  std::size_t near_tie[5] = {0, 0, 0, 0, 0};
  double max_rel[5] = {0, 0, 0, 0, 0};
  std::string max_where[5];
  for (const std::string& code : scores.indicators()) {
    const std::size_t nd = fw.index_of(code);
    const auto lv = static_cast<std::size_t>(level_of(fw, nd));
    const gm::column_view ours = r.score(nd);
    const gm::column_view our_rank = r.rank(nd);
    REQUIRE(our_rank.size() == r.n_units());
    const gm::column_view ref = scores.column(code);
    const gm::column_view ref_rank = ranks.column(code);
    const std::size_t n = scores.n_units();
    for (std::size_t k = 0; k < n; ++k) {
      const std::string& unit = scores.units()[k];
      const std::size_t u = r.unit_index(unit);
      const std::size_t kr = ranks.unit_index(unit);
      INFO(tag << ": node '" << code << "', unit '" << unit << "': ours " << ours[u] << ", COINr "
               << ref[k] << "; rank ours " << our_rank[u] << ", COINr " << ref_rank[kr]);
      CHECK(close_rel(ours[u], ref[k], rel_tol));
      ++values[lv];
      if (std::isnan(ref[k])) {
        ++missing[lv];
        CHECK(std::isnan(our_rank[u]));
        CHECK(std::isnan(ref_rank[kr]));
        continue;
      }
      const double rel = rel_err(ours[u], ref[k]);
      if (!(rel <= max_rel[lv])) {
        max_rel[lv] = rel;
        max_where[lv] = code + "/" + unit;
      }
      double lo = ref_rank[kr];
      double hi = ref_rank[kr];
      bool near = false;
      for (std::size_t j = 0; j < n; ++j) {
        if (j == k || std::isnan(ref[j]))
          continue;
        if (std::fabs(ref[j] - ref[k]) <=
            rel_tol * std::max({1.0, std::fabs(ref[j]), std::fabs(ref[k])})) {
          near = true;
          const double rj = ranks.column(code)[ranks.unit_index(scores.units()[j])];
          lo = std::min(lo, rj);
          hi = std::max(hi, rj);
        }
      }
      if (near && lo < hi) {
        ++near_tie[lv];
        CHECK(our_rank[u] >= lo);
        CHECK(our_rank[u] <= hi);
      } else {
        ++exact[lv];
        CHECK(our_rank[u] == ref_rank[kr]);
      }
    }
  }
  CHECK(values[1] == 49 * 51);
  CHECK(values[2] == 8 * 51);
  CHECK(values[3] == 2 * 51);
  CHECK(values[4] == 51);
  std::ostringstream s;
  s.precision(3);
  const char* names[5] = {"", "normalised indicators", "pillars", "sub-indexes", "index"};
  s << "COINr ASEM " << tag << ":";
  for (std::size_t lv = 1; lv <= 4; ++lv) {
    s << "\n  " << names[lv] << ": " << values[lv] << " scores (" << missing[lv]
      << " NA on both sides), max relative error " << max_rel[lv] << " ("
      << (max_where[lv].empty() ? "-" : max_where[lv]) << "); ranks: " << exact[lv] << " exact, "
      << near_tie[lv] << " in near-tie groups ranked apart by COINr (within range)";
  }
  MESSAGE(s.str());
}

} // namespace

TEST_CASE("COINr ASEM base: the treated data set to 1e-9 relative") {
  GOVMETRICS_REQUIRE_SHARED_DATA();
  const auto run = run_tag("base");
  const gm::dataset ref = read_ref("base_dset_Treated.csv");
  const gm::result& r = run.result;
  REQUIRE(!r.prepared().treated.empty());
  double max_rel = 0.0;
  std::string where = "-";
  std::size_t compared = 0;
  std::size_t changed = 0;
  const gm::dataset raw = read_ref("base_dset_Raw.csv");
  for (const std::string& code : ref.indicators()) {
    const gm::column_view ours = r.treated(code);
    REQUIRE(ours.size() == r.n_units());
    for (std::size_t k = 0; k < ref.n_units(); ++k) {
      const std::string& unit = ref.units()[k];
      const double want = ref.column(code)[k];
      const double got = ours[r.unit_index(unit)];
      INFO("treated '" << code << "', unit '" << unit << "': ours " << got << ", COINr " << want);
      CHECK(close_rel(got, want, rel_tol));
      ++compared;
      changed += want != raw.column(code)[raw.unit_index(unit)] && !std::isnan(want) ? 1U : 0U;
      if (rel_err(got, want) > max_rel) {
        max_rel = rel_err(got, want);
        where = code + "/" + unit;
      }
    }
  }
  CHECK(compared == 49 * 51);
  MESSAGE("COINr ASEM base treated data: " << compared << " values (" << changed
                                           << " changed by the treatment), max relative error "
                                           << max_rel << " (" << where << ")");
}

TEST_CASE("COINr ASEM base: treatment details (skew, kurtosis, pass, points) match qTreat") {
  GOVMETRICS_REQUIRE_SHARED_DATA();
  const auto run = run_tag("base");
  const gm::result& r = run.result;
  std::map<std::string, const gm::treat::details*> by_code;
  for (const auto& d : r.treatment())
    by_code[d.indicator] = &d;
  CHECK(by_code.size() == 49);
  const auto rows = read_cells("base_treatment_details.csv");
  REQUIRE(rows.size() == 50);
  REQUIRE(rows[0].size() == 8);
  CHECK(rows[0][1] == "check_SkewKurt0.Pass");
  CHECK(rows[0][4] == "winsorise.nwin");
  CHECK(rows[0][6] == "check_SkewKurt1.Skew");
  std::size_t failed = 0;
  double max_rel = 0.0;
  std::string where = "-";
  const auto stat = [&](double got, const std::string& cell, const std::string& what) {
    const double want = num(cell);
    INFO(what << ": ours " << got << ", COINr " << want);
    CHECK(close_rel(got, want, rel_tol));
    if (rel_err(got, want) > max_rel) {
      max_rel = rel_err(got, want);
      where = what;
    }
  };
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto& row = rows[i];
    REQUIRE(row.size() == 8);
    const std::string& code = row[0];
    REQUIRE(by_code.count(code) == 1);
    const gm::treat::details& d = *by_code[code];
    INFO("indicator '" << code << "'");
    CHECK(d.method == "winsorise");
    CHECK(d.tested);
    CHECK(d.n == 51 - static_cast<std::size_t>(
                          std::count_if(run.data.column(code).begin(), run.data.column(code).end(),
                                        [](double v) { return std::isnan(v); })));
    CHECK(d.pass_before == (row[1] == "TRUE"));
    stat(d.skew_before, row[2], code + " skew before");
    stat(d.kurtosis_before, row[3], code + " kurtosis before");
    CHECK_FALSE(d.log_ct); // on base every failing indicator passes after winsorising
    if (row[1] == "TRUE") {
      CHECK_FALSE(d.winsorised);
      CHECK(row[4].empty());
      CHECK(d.points() == 0);
      continue;
    }
    ++failed;
    CHECK(d.winsorised);
    CHECK(static_cast<double>(d.points()) == num(row[4]));
    CHECK(d.pass_winsorised == (row[5] == "TRUE"));
    CHECK(d.pass_after == d.pass_winsorised);
    stat(d.skew_winsorised, row[6], code + " skew after");
    stat(d.kurtosis_winsorised, row[7], code + " kurtosis after");
  }
  CHECK(failed == 18); // the README: 18 of 49 fail the first check
  // Tariff: passes by the OR rule (skew 2.06 >= 2, kurtosis 3.499 < 3.5) after 3 points.
  const auto& tariff = *by_code.at("Tariff");
  CHECK(tariff.skew_winsorised > 2.0);
  CHECK(tariff.kurtosis_winsorised < 3.5);
  CHECK(tariff.pass_winsorised);
  CHECK(tariff.points_high == 3);
  MESSAGE("COINr ASEM base treatment details: 49 indicators, " << failed
                                                               << " winsorised; max relative "
                                                                  "error of skew/kurtosis "
                                                               << max_rel << " (" << where << ")");
}

TEST_CASE("COINr ASEM base: the winsorised points are COINr's (base_treated_points.csv)") {
  GOVMETRICS_REQUIRE_SHARED_DATA();
  const auto run = run_tag("base");
  const gm::result& r = run.result;
  const auto rows = read_cells("base_treated_points.csv");
  REQUIRE(rows.size() == 52);
  const auto& header = rows[0];
  std::map<std::string, std::map<std::string, std::string>> ours; // code -> unit -> mark
  for (const auto& d : r.treatment()) {
    for (std::size_t u : d.high_units)
      ours[d.indicator][r.units()[u]] = "winhi";
    for (std::size_t u : d.low_units)
      ours[d.indicator][r.units()[u]] = "winlo";
  }
  std::size_t marks = 0;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto& row = rows[i];
    REQUIRE(row.size() == header.size());
    for (std::size_t c = 1; c < header.size(); ++c) {
      const std::string& code = header[c];
      const std::string& unit = row[0];
      std::string mine;
      if (const auto it = ours.find(code); it != ours.end()) {
        if (const auto jt = it->second.find(unit); jt != it->second.end())
          mine = jt->second;
      }
      INFO("indicator '" << code << "', unit '" << unit << "'");
      CHECK(mine == row[c]);
      marks += row[c].empty() ? 0U : 1U;
    }
  }
  std::size_t total = 0;
  for (const auto& d : r.treatment())
    total += d.points();
  CHECK(total == marks);
  MESSAGE("COINr ASEM base: " << marks << " winsorised points, each at COINr's unit and side");
}

TEST_CASE("COINr ASEM base: every score to 1e-9 relative, ranks exact") {
  GOVMETRICS_REQUIRE_SHARED_DATA();
  compare_scores("base");
}

TEST_CASE("COINr ASEM v_zscore: every score to 1e-9 relative, ranks exact") {
  GOVMETRICS_REQUIRE_SHARED_DATA();
  compare_scores("v_zscore");
}

TEST_CASE("COINr ASEM v_gmean: every score to 1e-9 relative, ranks exact") {
  GOVMETRICS_REQUIRE_SHARED_DATA();
  compare_scores("v_gmean");
}

TEST_CASE("COINr ASEM base: the methodology file round-trips its treatment") {
  GOVMETRICS_REQUIRE_SHARED_DATA();
  const auto m =
      io::read_methodology(source_path("tests/reference/methodologies/coinr_asem_base.json"));
  const auto& w = std::get<gm::treat::winsorise>(m.spec.treat);
  CHECK(w.skew == 2.0);
  CHECK(w.kurtosis == 3.5);
  CHECK(w.max_points == 5.0);
  CHECK(w.log_fallback);
  const auto again = io::parse_methodology(io::to_json(m), "again.json");
  CHECK(io::to_json(again) == io::to_json(m));
}
