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

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_normalize_borda_test {

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

const std::vector<double>& column = gm::test::test_column;
const gm::dataset& data = gm::test::test_data();
using gm::test::methodology;
using gm::test::run_text;

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

} // namespace unit_normalize_borda_test
