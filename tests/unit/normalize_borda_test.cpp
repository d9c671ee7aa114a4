// Tests of govmetrics/normalize/borda.hpp: y = rank(x') - 1, ascending, ties "min" (COINr n_borda).
#include "govmetrics/normalize/borda.hpp"

#include "govmetrics/io/methodology.hpp"
#include "govmetrics/pipeline/run.hpp"

#include <doctest/doctest.h>

#include "normalize_helpers.hpp"

#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace {

namespace gm = govmetrics;
using gm::column_view;
using gm::data_error;
using gm::direction;
using gm::spec_error;
using gm::normalize::borda;
using gm::test::check_column;
using gm::test::normalise;
using gm::test::to_vector;
using param_list = std::vector<std::pair<std::string, double>>;

constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();
constexpr double inf_v = std::numeric_limits<double>::infinity();

// The test column: 2, NaN, 5, 11, 8 -> min 2, max 11.
const std::vector<double> column{2.0, nan_v, 5.0, 11.0, 8.0};

/// idx over a (the test column, with `a_extra` in its node) and b = 0..4 (positive).
std::string methodology(const std::string& top, const std::string& a_extra,
                        const char* a_direction = "positive") {
  return R"({"govmetrics": 1, "nodes": [{"code": "idx"},
    {"code": "a", "parent": "idx", "column": "a", "direction": ")" +
         std::string(a_direction) + "\"" + a_extra + R"(},
    {"code": "b", "parent": "idx", "column": "b"}])" +
         top + "}";
}

const gm::dataset data({"u1", "u2", "u3", "u4", "u5"}, {"a", "b"},
                       {2.0, nan_v, 5.0, 11.0, 8.0, 0.0, 1.0, 2.0, 3.0, 4.0});

/// Parses, checks the write-read round trip, and runs.
gm::result run_text(const std::string& text) {
  const auto m = gm::io::parse_methodology(text, "t.json");
  const auto again = gm::io::parse_methodology(gm::io::to_json(m), "again.json");
  CHECK(gm::io::to_json(again) == gm::io::to_json(m));
  return gm::run(m.tree(), data, m.spec);
}

} // namespace

TEST_SUITE("normalize::borda") {
  TEST_CASE("name and concept") {
    CHECK(std::string(borda::name()) == "borda");
    CHECK(gm::is_normalizer_v<borda>);
    CHECK_NOTHROW(borda{}.validate());
  }

  TEST_CASE("rank - 1: the number of units strictly below; NaN stays NaN") {
    check_column(normalise(borda{}, column), {0.0, nan_v, 1.0, 3.0, 2.0});
  }

  TEST_CASE("ties share the lower count (ties 'min')") {
    check_column(normalise(borda{}, {3.0, 1.0, 3.0, 2.0}), {2.0, 0.0, 2.0, 1.0});
  }

  TEST_CASE("negative direction: the lowest original value scores highest") {
    check_column(normalise(borda{}, column, direction::negative), {3.0, nan_v, 2.0, 0.0, 1.0});
  }

  TEST_CASE("equals rank - 1 for the same data, and scores new values against frozen params") {
    const borda n{};
    const auto p =
        n.fit(gm::fit_input{column_view{column.data(), column.size()}, direction::positive, "c"});
    CHECK(n.describe(p) == param_list{{"n", 4.0}});
    CHECK(n.apply(p, 6.0) == 2.0);
    CHECK(n.apply(p, 100.0) == 4.0);
    CHECK(n.apply(p, 0.0) == 0.0);
  }

  TEST_CASE("no values is a data_error") {
    CHECK_THROWS_WITH_AS(normalise(borda{}, {nan_v, nan_v}),
                         "normalize::borda: indicator 'c' has 0 non-missing values of 2 (needs at "
                         "least 1)",
                         data_error);
  }

  TEST_CASE("methodology file round trip") {
    const auto r = run_text(methodology(R"(, "normalize": {"method": "borda"})", "", "negative"));
    check_column(to_vector(r.score("a")), {3.0, nan_v, 2.0, 0.0, 1.0});
    check_column(to_vector(r.score("b")), {0.0, 1.0, 2.0, 3.0, 4.0});
  }
}
