// Helpers shared by the COINr ASEM reference tests: running a coinr_asem_<tag>.json methodology
// on ASEM_iData.csv, reading COINr's reference CSVs, and comparing every score and rank, a stage's
// data set and the treatment details with them.
//
// Tolerance (reference README): 1e-9 relative, |ours - ref| <= 1e-9 * max(1, |ref|)
// (govmetrics_test::close_rel); ranks exact, except between units whose reference scores are
// within 1e-9 of each other in that same sense.
#pragma once

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

namespace coinr_asem {

namespace gm = govmetrics;
namespace io = govmetrics::io;
using govmetrics_test::close_rel;
using govmetrics_test::shared_path;
using govmetrics_test::source_path;

inline constexpr double rel_tol = 1e-9;

inline govmetrics_test::method_run run_tag(const std::string& tag) {
  return govmetrics_test::run_methodology(
      source_path("tests/reference/methodologies/coinr_asem_" + tag + ".json"),
      shared_path("data/coinr_asem/ASEM_iData.csv"));
}

inline gm::dataset read_ref(const std::string& file) {
  io::csv_options o;
  o.unit_column = "uCode";
  return io::read_csv(shared_path("reference/coinr_asem/" + file), o);
}

/// The cells of a small CSV without embedded commas, quotes stripped (for the reference files with
/// TRUE/FALSE and text cells, which read_csv does not take).
inline std::vector<std::vector<std::string>> read_cells(const std::string& file) {
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

inline double num(const std::string& s) {
  return s.empty() || s == "NA" ? std::nan("") : std::stod(s);
}

inline double rel_err(double a, double b) {
  if (std::isnan(a) || std::isnan(b))
    return 0.0;
  return std::fabs(a - b) / std::max(1.0, std::fabs(b));
}

/// Level of a node: 1 indicator, 2 pillar, 3 sub-index, 4 index (by depth below the root).
inline int level_of(const gm::framework& fw, std::size_t node) {
  int depth = 0;
  for (std::size_t p = node; p != fw.root(); p = fw.index_of(fw[p].parent))
    ++depth;
  return 4 - depth;
}

/// Every score and rank of `run` against <tag>_scores.csv and <tag>_ranks.csv.
inline void compare_run(const govmetrics_test::method_run& run, const std::string& tag) {
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

/// Every score and rank of the methodology <tag> against <tag>_scores.csv and <tag>_ranks.csv.
inline void compare_scores(const std::string& tag) {
  compare_run(run_tag(tag), tag);
}

/// One data set of a run (`ours(code)`: a column per indicator, e.g. a stage of the prepared data)
/// against COINr's data set `file` (e.g. example_full_dset_Imputed.csv), every cell to 1e-9
/// relative and NaN where COINr has NA. Returns the number of cells compared.
template <class Ours>
std::size_t compare_dataset(const gm::result& r, const std::string& file, Ours&& ours) {
  const gm::dataset ref = read_ref(file);
  double max_rel = 0.0;
  std::string where = "-";
  std::size_t compared = 0;
  std::size_t missing = 0;
  for (const std::string& code : ref.indicators()) {
    const gm::column_view col = ours(code);
    REQUIRE(col.size() == r.n_units());
    for (std::size_t k = 0; k < ref.n_units(); ++k) {
      const std::string& unit = ref.units()[k];
      const double want = ref.column(code)[k];
      const double got = col[r.unit_index(unit)];
      INFO(file << ": '" << code << "', unit '" << unit << "': ours " << got << ", COINr " << want);
      CHECK(close_rel(got, want, rel_tol));
      ++compared;
      missing += std::isnan(want) ? 1U : 0U;
      if (rel_err(got, want) > max_rel) {
        max_rel = rel_err(got, want);
        where = code + "/" + unit;
      }
    }
  }
  MESSAGE(file << ": " << compared << " values (" << missing
               << " NA on both sides), max relative error " << max_rel << " (" << where << ")");
  return compared;
}

/// The column each indicator's treatment saw: the last data stage that ran, else the data.
inline gm::column_view treatment_input(const govmetrics_test::method_run& run,
                                       const std::string& code) {
  const gm::result& r = run.result;
  const gm::prepared_data& p = r.prepared();
  if (!p.screened.empty())
    return r.screened(code);
  if (!p.imputed.empty())
    return r.imputed(code);
  if (!p.denominated.empty())
    return r.denominated(code);
  return run.data.column(code);
}

/// The treatment details of a run against COINr's `file` (qTreat's details table: pass, skew,
/// kurtosis before; points; pass, skew, kurtosis after winsorising). Returns the number of
/// indicators that failed the first test; `max_rel` gets the largest relative error.
inline std::size_t compare_treatment_details(const govmetrics_test::method_run& run,
                                             const std::string& file, double& max_rel,
                                             std::string& where) {
  const gm::result& r = run.result;
  std::map<std::string, const gm::treat::details*> by_code;
  for (const auto& d : r.treatment())
    by_code[d.indicator] = &d;
  CHECK(by_code.size() == 49);
  const auto rows = read_cells(file);
  REQUIRE(rows.size() == 50);
  REQUIRE(rows[0].size() == 8);
  CHECK(rows[0][1] == "check_SkewKurt0.Pass");
  CHECK(rows[0][4] == "winsorise.nwin");
  CHECK(rows[0][6] == "check_SkewKurt1.Skew");
  std::size_t failed = 0;
  max_rel = 0.0;
  where = "-";
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
    const gm::column_view in = treatment_input(run, code);
    CHECK(d.n == in.size() - static_cast<std::size_t>(std::count_if(
                                 in.begin(), in.end(), [](double v) { return std::isnan(v); })));
    CHECK(d.pass_before == (row[1] == "TRUE"));
    stat(d.skew_before, row[2], code + " skew before");
    stat(d.kurtosis_before, row[3], code + " kurtosis before");
    CHECK_FALSE(d.log_ct); // the file has no log_CT columns: every failing indicator passes
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
  return failed;
}

} // namespace coinr_asem
