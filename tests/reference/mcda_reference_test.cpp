// Reference tests: the functional multi-criteria API (weights/objective.hpp, mcda/*.hpp) on every
// case in ../shared/reference/mcda/ (textbook conventions, see its README), and the two published
// literature results it names.
//
// Inputs: ../shared/data/mcda_python_examples/<case>_matrix.csv and <case>_criteria.csv.
// Oracles: ../shared/reference/mcda/<case>_weights.csv and <case>_alternatives.csv. Every case
// found in that folder is run, and every column of both files is compared: a column this test does
// not know fails the test rather than being skipped.
//
// Tolerances: 1e-9 absolute on weights and scores (the README's); ranks exact. Exception: the
// oracle prints `wpm.score` with 10 significant digits and its values reach 1.4e3, so it cannot be
// met to 1e-9 absolute; it is compared to 1e-9 relative (|a - b| <= 1e-9 max(1, |b|)), and
// `wpm.log10_score` (which determines the rank) to 1e-9 absolute. The oracle's WPM takes 0^w = 0
// (score 0, log10_score -inf, ranked last with ties "min"): egdi2022_193x3 has one zero per
// column, so WPM runs with wpm_zeros::zero_score here (the default rejects zeros).
#include "shared_data.hpp"

#include <govmetrics/core/matrix.hpp>
#include <govmetrics/core/polarity.hpp>
#include <govmetrics/dataset/dataset.hpp>
#include <govmetrics/io/csv.hpp>
#include <govmetrics/mcda.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace reference_mcda_reference_test {

namespace {

namespace gm = govmetrics;
namespace io = govmetrics::io;
using govmetrics_test::shared_path;

constexpr double tolerance = 1e-9;

/// One reference case: inputs and oracles.
struct mcda_case {
  std::string name;
  gm::dataset matrix; ///< alternatives x criteria, raw values
  std::vector<double> weights;
  std::vector<gm::direction> directions;
  gm::dataset expected_weights;      ///< criteria x "<method>.weights"
  gm::dataset expected_alternatives; ///< alternatives x "<method>.<field>"
};

gm::dataset read(const std::string& rel, const std::string& unit_column) {
  io::csv_options o;
  o.unit_column = unit_column;
  return io::read_csv(shared_path(rel), o);
}

/// Reads an oracle file (first column: ids) into a dataset. A tiny local reader on top of
/// io::parse_csv_table, because the oracles hold `-inf` (log10 of a zero WPM score), which
/// io::parse_number rightly rejects in input data.
gm::dataset read_oracle(const std::string& rel) {
  const std::string path = shared_path(rel);
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot open ", path);
  std::ostringstream text;
  text << in.rdbuf();
  const io::csv_table t = io::parse_csv_table(text.str(), path);
  REQUIRE(t.header.size() >= 2);
  std::vector<std::string> ids;
  for (const auto& row : t.rows)
    ids.push_back(row[0]);
  const std::vector<std::string> columns(t.header.begin() + 1, t.header.end());
  std::vector<double> values;
  for (std::size_t j = 1; j < t.header.size(); ++j) {
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
      const std::string& f = t.rows[i][j];
      double v = 0.0;
      const auto r = std::from_chars(f.data(), f.data() + f.size(), v);
      REQUIRE_MESSAGE((r.ec == std::errc() && r.ptr == f.data() + f.size()), "'", f,
                      "' is not a number (", path, ", line ", t.row_lines[i], ", column ",
                      t.header[j], ")");
      values.push_back(v);
    }
  }
  return gm::dataset(ids, columns, values);
}

mcda_case load_case(const std::string& name) {
  mcda_case c;
  c.name = name;
  c.matrix = read("data/mcda_python_examples/" + name + "_matrix.csv", "alternative");
  const gm::dataset criteria =
      read("data/mcda_python_examples/" + name + "_criteria.csv", "criterion");
  REQUIRE(criteria.units() == c.matrix.indicators());
  for (std::size_t j = 0; j < criteria.n_units(); ++j) {
    const double type = criteria.at(j, criteria.indicator_index("type"));
    REQUIRE((type == 1.0 || type == -1.0));
    c.directions.push_back(type > 0 ? gm::direction::positive : gm::direction::negative);
    c.weights.push_back(criteria.at(j, criteria.indicator_index("weight")));
  }
  c.expected_weights = read_oracle("reference/mcda/" + name + "_weights.csv");
  c.expected_alternatives = read_oracle("reference/mcda/" + name + "_alternatives.csv");
  REQUIRE(c.expected_weights.units() == c.matrix.indicators());
  REQUIRE(c.expected_alternatives.units() == c.matrix.units());
  return c;
}

gm::matrix_view view(const gm::dataset& d) {
  return {d.data(), d.n_units(), d.n_indicators()};
}

/// The case names present in ../shared/reference/mcda/ (from the `<case>_weights.csv` files).
std::vector<std::string> reference_cases() {
  std::vector<std::string> names;
  const std::string suffix = "_weights.csv";
  for (const auto& entry : std::filesystem::directory_iterator(shared_path("reference/mcda"))) {
    const std::string f = entry.path().filename().string();
    if (f.size() > suffix.size() && f.compare(f.size() - suffix.size(), suffix.size(), suffix) == 0)
      names.push_back(f.substr(0, f.size() - suffix.size()));
  }
  std::sort(names.begin(), names.end());
  return names;
}

/// Largest deviation seen per oracle column, over all cases (printed at the end for the record).
std::map<std::string, double>& max_deviation() {
  static std::map<std::string, double> m;
  return m;
}

void compare(const std::string& where, const std::string& column, const std::vector<double>& got,
             const gm::dataset& expected, bool is_rank, bool relative = false) {
  const std::size_t j = expected.indicator_index(column);
  REQUIRE(got.size() == expected.n_units());
  double worst = 0.0;
  for (std::size_t i = 0; i < got.size(); ++i) {
    const double want = expected.at(i, j);
    const double diff = got[i] == want ? 0.0 : std::fabs(got[i] - want); // also -inf == -inf
    worst = std::max(worst, relative ? diff / std::max(1.0, std::fabs(want)) : diff);
    INFO(where, " ", column, " at '", expected.units()[i], "': got ", got[i], ", expected ", want);
    if (is_rank) {
      CHECK(got[i] == want);
    } else if (relative) {
      CHECK(diff <= tolerance * std::max(1.0, std::fabs(want)));
    } else {
      CHECK(diff <= tolerance);
    }
  }
  double& m = max_deviation()[column];
  m = std::max(m, worst);
}

void check_weights(const mcda_case& c) {
  const gm::matrix_view m = view(c.matrix);
  const auto& ew = c.expected_weights;
  for (const std::string& column : ew.indicators()) {
    std::vector<double> got;
    if (column == "entropy.weights") {
      got = gm::weights::entropy(m);
    } else if (column == "entropy_anyzero_e0.weights") {
      got = gm::weights::entropy(m, gm::weights::entropy_zeros::column_entropy_zero);
    } else if (column == "critic.weights") {
      got = gm::weights::critic(m, c.directions);
    } else if (column == "std.weights") {
      got = gm::weights::std_dev(m);
    } else if (column == "cv.weights") {
      got = gm::weights::cv(m);
    } else {
      FAIL("unknown column '", column, "' in ", c.name, "_weights.csv");
      continue;
    }
    compare(c.name, column, got, ew, false);
  }
}

void check_alternatives(const mcda_case& c) {
  const gm::matrix_view m = view(c.matrix);
  const auto topsis = gm::mcda::topsis(m, c.weights, c.directions);
  const auto vikor = gm::mcda::vikor(m, c.weights, c.directions, 0.5);
  const auto saw = gm::mcda::saw(m, c.weights, c.directions);
  // the oracle's WPM takes 0^w = 0 (egdi2022_193x3 has a zero in each column)
  const auto wpm = gm::mcda::wpm(m, c.weights, c.directions, gm::mcda::wpm_zeros::zero_score);
  const auto gra = gm::mcda::grey_relational(m, c.weights, c.directions, 0.5);
  const std::map<std::string, const std::vector<double>*> results = {
      {"topsis_vector.d_plus", &topsis.d_plus},
      {"topsis_vector.d_minus", &topsis.d_minus},
      {"topsis_vector.score", &topsis.score},
      {"topsis_vector.rank", &topsis.rank},
      {"vikor.S", &vikor.s},
      {"vikor.R", &vikor.r},
      {"vikor.Q", &vikor.q},
      {"vikor.rank", &vikor.rank},
      {"saw_minmax.score", &saw.score},
      {"saw_minmax.rank", &saw.rank},
      {"wpm.score", &wpm.score},
      {"wpm.log10_score", &wpm.log10_score},
      {"wpm.rank", &wpm.rank},
      {"gra.score", &gra.grade},
      {"gra.rank", &gra.rank},
  };
  const auto& ea = c.expected_alternatives;
  for (const std::string& column : ea.indicators()) {
    const auto it = results.find(column);
    if (it == results.end()) {
      FAIL("unknown column '", column, "' in ", c.name, "_alternatives.csv");
      continue;
    }
    const bool is_rank = column.size() > 5 && column.compare(column.size() - 5, 5, ".rank") == 0;
    compare(c.name, column, *it->second, ea, is_rank, column == "wpm.score");
  }
}

} // namespace

TEST_SUITE("mcda_reference") {
  TEST_CASE("every case in reference/mcda: objective weights and all alternatives columns") {
    GOVMETRICS_REQUIRE_SHARED_DATA();
    const std::vector<std::string> names = reference_cases();
    // the five cases of the README; a new one is picked up automatically
    const std::set<std::string> known = {"egdi2022_193x3", "lit_elsayed2017_12x5",
                                         "lit_opricovic2004_3x2", "lit_tus2019_5x6",
                                         "skc_stock6x3"};
    for (const std::string& k : known) {
      CHECK_MESSAGE(std::find(names.begin(), names.end(), k) != names.end(), "reference case '", k,
                    "' not found");
    }
    for (const std::string& name : names) {
      INFO("case ", name);
      const mcda_case c = load_case(name);
      check_weights(c);
      check_alternatives(c);
    }
    std::ostringstream os;
    os << "max deviation from reference/mcda by column:";
    for (const auto& [column, dev] : max_deviation())
      os << "\n  " << column << " " << dev;
    MESSAGE(os.str());
  }

  TEST_CASE("Elsayed et al. (2017): entropy weights to the published 6 decimals") {
    GOVMETRICS_REQUIRE_SHARED_DATA();
    const mcda_case c = load_case("lit_elsayed2017_12x5");
    const std::vector<double> published = {0.104991, 0.069124, 0.071373, 0.449937, 0.304575};
    const auto w = gm::weights::entropy(view(c.matrix));
    REQUIRE(w.size() == published.size());
    for (std::size_t j = 0; j < w.size(); ++j) {
      INFO("criterion ", j, ": ", w[j], " vs published ", published[j]);
      CHECK(std::fabs(w[j] - published[j]) <= 0.5e-6 + 1e-12);
    }
  }

  TEST_CASE("Tus & Adali (2019): CRITIC weights to the published 3 decimals") {
    GOVMETRICS_REQUIRE_SHARED_DATA();
    const mcda_case c = load_case("lit_tus2019_5x6");
    const std::vector<double> published = {0.157, 0.249, 0.168, 0.121, 0.154, 0.151};
    const auto w = gm::weights::critic(view(c.matrix), c.directions);
    REQUIRE(w.size() == published.size());
    for (std::size_t j = 0; j < w.size(); ++j) {
      INFO("criterion ", j, ": ", w[j], " vs published ", published[j]);
      CHECK(std::fabs(w[j] - published[j]) <= 0.5e-3 + 1e-12);
    }
  }

  TEST_CASE("Opricovic & Tzeng (2004): min-max TOPSIS 0.500/0.617/0.500, VIKOR compromise A2") {
    GOVMETRICS_REQUIRE_SHARED_DATA();
    const mcda_case c = load_case("lit_opricovic2004_3x2");
    const gm::matrix_view m = view(c.matrix);
    // the README's note (pymcdm's TOPSIS example, whose default normalisation is min-max)
    const auto t =
        gm::mcda::topsis(m, c.weights, c.directions, gm::mcda::topsis_normalization::min_max);
    const std::vector<double> published = {0.500, 0.617, 0.500};
    for (std::size_t i = 0; i < published.size(); ++i) {
      INFO("alternative ", i, ": ", t.score[i]);
      CHECK(std::fabs(t.score[i] - published[i]) <= 0.5e-3 + 1e-12);
    }
    CHECK(t.rank == std::vector<double>{2, 1, 2});
    // vector TOPSIS (the default) gives a different winner, as the README says
    const auto tv = gm::mcda::topsis(m, c.weights, c.directions);
    CHECK(tv.rank == std::vector<double>{1, 2, 3});
    // VIKOR: A2 (index 1) is the compromise solution, both conditions hold
    const auto v = gm::mcda::vikor(m, c.weights, c.directions);
    CHECK(v.acceptable_advantage);
    CHECK(v.acceptable_stability);
    CHECK(v.compromise_set == std::vector<std::size_t>{1});
  }
}

} // namespace reference_mcda_reference_test
