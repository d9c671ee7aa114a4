// Reference tests: the column-wide aggregators topsis, vikor and grey_relational THROUGH THE
// PIPELINE, on every case in ../shared/reference/mcda/ (textbook conventions, see its README).
//
// Each case becomes a one-level methodology: a root node aggregating one indicator per criterion
// (weight = the criterion's weight, direction negative for a cost criterion), `normalize: none`.
// The pipeline multiplies a cost criterion by -1 and every aggregator treats its children as
// benefit criteria, which must give the textbook values on the raw matrix with directions.
// Oracles: <case>_alternatives.csv columns topsis_vector.{score,d_plus,d_minus,rank},
// vikor.{S,R,Q,rank}, gra.{score,rank}. Tolerance 1e-9 absolute (the README's); ranks exact.
// VIKOR's pipeline score is 1 - Q and the pipeline ranks by score descending, which must equal
// the oracle's rank by Q ascending. The README's one literature number for min-max TOPSIS
// (lit_opricovic2004_3x2: 0.500/0.617/0.500, three decimals) is checked to 5e-4.
#include "shared_data.hpp"

#include <govmetrics/dataset/dataset.hpp>
#include <govmetrics/io/csv.hpp>
#include <govmetrics/pipeline/run.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace reference_mcda_pipeline_test {

namespace {

namespace gm = govmetrics;
namespace io = govmetrics::io;
using govmetrics_test::shared_path;

constexpr double tolerance = 1e-9;

gm::dataset read_input(const std::string& rel, const std::string& unit_column) {
  io::csv_options o;
  o.unit_column = unit_column;
  return io::read_csv(shared_path(rel), o);
}

/// An oracle file (first column: ids) as a dataset (values parsed with from_chars).
gm::dataset read_oracle(const std::string& rel) {
  const std::string path = shared_path(rel);
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot open ", path);
  std::ostringstream text;
  text << in.rdbuf();
  const io::csv_table t = io::parse_csv_table(text.str(), path);
  std::vector<std::string> ids;
  for (const auto& row : t.rows)
    ids.push_back(row[0]);
  const std::vector<std::string> columns(t.header.begin() + 1, t.header.end());
  std::vector<double> values;
  for (std::size_t j = 1; j < t.header.size(); ++j) {
    for (const auto& row : t.rows) {
      const std::string& f = row[j];
      double v = 0.0;
      const auto r = std::from_chars(f.data(), f.data() + f.size(), v);
      REQUIRE_MESSAGE((r.ec == std::errc() && r.ptr == f.data() + f.size()), "'", f,
                      "' is not a number in ", path);
      values.push_back(v);
    }
  }
  return gm::dataset(ids, columns, values);
}

struct pipeline_case {
  std::string name;
  gm::dataset matrix;
  gm::framework tree;
  gm::dataset expected;
};

pipeline_case load(const std::string& name) {
  pipeline_case c;
  c.name = name;
  c.matrix = read_input("data/mcda_python_examples/" + name + "_matrix.csv", "alternative");
  const gm::dataset criteria =
      read_input("data/mcda_python_examples/" + name + "_criteria.csv", "criterion");
  std::vector<gm::node> nodes{gm::make_aggregate("index")};
  for (std::size_t j = 0; j < criteria.n_units(); ++j) {
    const double type = criteria.at(j, criteria.indicator_index("type"));
    const double w = criteria.at(j, criteria.indicator_index("weight"));
    nodes.push_back(
        gm::make_indicator(criteria.units()[j], "index", w,
                           type > 0 ? gm::direction::positive : gm::direction::negative));
  }
  c.tree = gm::framework(nodes);
  c.expected = read_oracle("reference/mcda/" + name + "_alternatives.csv");
  REQUIRE(c.expected.units() == c.matrix.units());
  return c;
}

std::vector<std::string> cases() {
  std::vector<std::string> names;
  const std::string suffix = "_alternatives.csv";
  for (const auto& entry : std::filesystem::directory_iterator(shared_path("reference/mcda"))) {
    const std::string f = entry.path().filename().string();
    if (f.size() > suffix.size() && f.compare(f.size() - suffix.size(), suffix.size(), suffix) == 0)
      names.push_back(f.substr(0, f.size() - suffix.size()));
  }
  std::sort(names.begin(), names.end());
  return names;
}

gm::result run(const pipeline_case& c, const gm::aggregate::any& agg) {
  gm::pipeline_spec spec;
  spec.normalize = gm::normalize::none{};
  spec.aggregate = agg;
  return gm::run(c.tree, c.matrix, spec);
}

/// got[i] against oracle column `column`; `transform` maps the oracle value (e.g. Q -> 1 - Q).
template <class Transform>
void compare(const pipeline_case& c, const std::string& column, gm::column_view got, bool is_rank,
             Transform transform) {
  const std::size_t j = c.expected.indicator_index(column);
  REQUIRE(got.size() == c.expected.n_units());
  for (std::size_t i = 0; i < got.size(); ++i) {
    const double want = transform(c.expected.at(i, j));
    INFO(c.name, " ", column, " at '", c.expected.units()[i], "': got ", got[i], ", expected ",
         want);
    if (is_rank) {
      CHECK(got[i] == want);
    } else {
      CHECK(std::fabs(got[i] - want) <= tolerance);
    }
  }
}

void compare(const pipeline_case& c, const std::string& column, gm::column_view got,
             bool is_rank = false) {
  compare(c, column, got, is_rank, [](double v) { return v; });
}

} // namespace

TEST_CASE("mcda through the pipeline: topsis (vector) matches topsis_vector on every case") {
  GOVMETRICS_REQUIRE_SHARED_DATA();
  const auto names = cases();
  REQUIRE(names.size() >= 5);
  for (const auto& name : names) {
    CAPTURE(name);
    const auto c = load(name);
    const auto r = run(c, gm::aggregate::topsis{});
    CHECK(r.aggregation_methods()[r.tree().root()] == "topsis");
    compare(c, "topsis_vector.score", r.score("index"));
    compare(c, "topsis_vector.rank", r.rank("index"), true);
    const auto& out = r.outputs("index");
    compare(c, "topsis_vector.d_plus", out.column("d_plus"));
    compare(c, "topsis_vector.d_minus", out.column("d_minus"));
    compare(c, "topsis_vector.score", out.column("closeness"));
  }
}

TEST_CASE("mcda through the pipeline: vikor (v = 0.5) matches S, R, Q and the rank by Q") {
  GOVMETRICS_REQUIRE_SHARED_DATA();
  for (const auto& name : cases()) {
    CAPTURE(name);
    const auto c = load(name);
    const auto r = run(c, gm::aggregate::vikor{0.5});
    const auto& out = r.outputs("index");
    compare(c, "vikor.S", out.column("S"));
    compare(c, "vikor.R", out.column("R"));
    compare(c, "vikor.Q", out.column("Q"));
    compare(c, "vikor.Q", r.score("index"), false, [](double q) { return 1.0 - q; });
    compare(c, "vikor.rank", r.rank("index"), true);
    CHECK(out.has_fact("acceptable_advantage"));
    CHECK(out.has_fact("acceptable_stability"));
    CHECK(out.fact("dq") == doctest::Approx(1.0 / static_cast<double>(c.matrix.n_units() - 1)));
  }
}

TEST_CASE("mcda through the pipeline: grey_relational (rho = 0.5) matches gra on every case") {
  GOVMETRICS_REQUIRE_SHARED_DATA();
  for (const auto& name : cases()) {
    CAPTURE(name);
    const auto c = load(name);
    const auto r = run(c, gm::aggregate::grey_relational{0.5});
    compare(c, "gra.score", r.score("index"));
    compare(c, "gra.rank", r.rank("index"), true);
  }
}

TEST_CASE("mcda through the pipeline: min-max TOPSIS on lit_opricovic2004_3x2 gives the README's "
          "0.500 / 0.617 / 0.500") {
  GOVMETRICS_REQUIRE_SHARED_DATA();
  const auto c = load("lit_opricovic2004_3x2");
  const auto r = run(c, gm::aggregate::topsis{"min_max"});
  const auto s = r.score("index");
  REQUIRE(s.size() == 3);
  CHECK(std::fabs(s[0] - 0.500) <= 5e-4);
  CHECK(std::fabs(s[1] - 0.617) <= 5e-4);
  CHECK(std::fabs(s[2] - 0.500) <= 5e-4);
}

} // namespace reference_mcda_pipeline_test
