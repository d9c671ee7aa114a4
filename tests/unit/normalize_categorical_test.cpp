// Tests of govmetrics/normalize/categorical.hpp (thresholds to scores) and of
// distance_to_reference in govmetrics/normalize/distance.hpp ((x' - min)/(x'_ref - min)), with the
// text and array parameters they bring to the methodology file.
#include "govmetrics/normalize/categorical.hpp"
#include "govmetrics/normalize/distance.hpp"

#include "govmetrics/io/methodology.hpp"
#include "govmetrics/pipeline/run.hpp"

#include <doctest/doctest.h>

#include "normalize_helpers.hpp"

#include <cmath>
#include <limits>
#include <string>
#include <utility>
#include <vector>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_normalize_categorical_test {

namespace {

namespace gm = govmetrics;
using gm::column_view;
using gm::data_error;
using gm::direction;
using gm::spec_error;
using gm::normalize::categorical;
using gm::normalize::distance_to_reference;
using gm::test::check_column;
using gm::test::normalise;
using gm::test::to_vector;
using param_list = std::vector<std::pair<std::string, double>>;

constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();
constexpr double inf_v = std::numeric_limits<double>::infinity();

const std::vector<std::string>& units = gm::test::test_units;
const std::vector<double>& column = gm::test::test_column;
const gm::dataset& data = gm::test::test_data();
using gm::test::methodology;
using gm::test::run_text;

/// Normalises `x` as the pipeline does, passing the unit ids.
std::vector<double> with_units(const distance_to_reference& n, const std::vector<double>& x,
                               direction d = direction::positive) {
  const auto ind = gm::make_indicator("c", "idx", 1.0, d);
  std::vector<double> y(x.size());
  gm::detail::normalize_column(n, ind, column_view{x.data(), x.size()}, y.data(), &units);
  return y;
}

} // namespace

TEST_SUITE("normalize::categorical") {
  TEST_CASE("name, defaults and concept") {
    CHECK(std::string(categorical::name()) == "categorical");
    const categorical n;
    CHECK(n.thresholds.empty());
    CHECK(n.scores.empty());
    CHECK_FALSE(n.right_closed);
    CHECK(gm::is_normalizer_v<categorical>);
  }

  TEST_CASE("bands [t_j, t_j+1): a value on a threshold takes the upper band; NaN stays NaN") {
    // thresholds 5, 8 -> bands x < 5, 5 <= x < 8, x >= 8 with scores 0, 50, 100
    const categorical n{{5.0, 8.0}, {0.0, 50.0, 100.0}};
    check_column(normalise(n, column), {0.0, nan_v, 50.0, 100.0, 100.0});
  }

  TEST_CASE("right_closed: bands (t_j, t_j+1]") {
    const categorical n{{5.0, 8.0}, {0.0, 50.0, 100.0}, true};
    // 2 -> 0; 5 -> 0 (5 <= 5); 11 -> 100; 8 -> 50 (8 <= 8)
    check_column(normalise(n, column), {0.0, nan_v, 0.0, 100.0, 50.0});
  }

  TEST_CASE("negative direction: thresholds in original units, scores taken as given") {
    // a cost indicator: lower is better, so the scores decrease with the value
    const categorical n{{5.0, 8.0}, {100.0, 50.0, 0.0}};
    const auto ind = gm::make_indicator("c", "idx", 1.0, direction::negative);
    std::vector<double> y(column.size());
    const auto rec =
        gm::detail::normalize_column(n, ind, column_view{column.data(), column.size()}, y.data());
    check_column(y, {100.0, nan_v, 50.0, 0.0, 0.0});
    CHECK(rec.method == "categorical");
    CHECK(rec.values == param_list{{"threshold_1", 5.0},
                                   {"threshold_2", 8.0},
                                   {"score_0", 100.0},
                                   {"score_1", 50.0},
                                   {"score_2", 0.0},
                                   {"right_closed", 0.0},
                                   {"sign", -1.0}});
  }

  TEST_CASE("validate: thresholds required, finite, strictly increasing; one more score") {
    CHECK_THROWS_WITH_AS(categorical{}.validate(),
                         doctest::Contains("normalize::categorical: parameter 'thresholds' is "
                                           "required"),
                         spec_error);
    CHECK_THROWS_WITH_AS((categorical{{5.0, 5.0}, {0.0, 1.0, 2.0}}.validate()),
                         "normalize::categorical: 'thresholds' must be strictly increasing "
                         "(thresholds[0] 5, thresholds[1] 5)",
                         spec_error);
    CHECK_THROWS_WITH_AS((categorical{{1.0, inf_v}, {0.0, 1.0, 2.0}}.validate()),
                         "normalize::categorical: 'thresholds[1]' must be finite", spec_error);
    CHECK_THROWS_WITH_AS((categorical{{1.0, 2.0}, {0.0, 1.0}}.validate()),
                         "normalize::categorical: 2 thresholds make 3 bands, so 'scores' needs 3 "
                         "values (got 2)",
                         spec_error);
    CHECK_THROWS_WITH_AS((categorical{{1.0}, {0.0, nan_v}}.validate()),
                         "normalize::categorical: 'scores[1]' must be finite", spec_error);
    CHECK_NOTHROW((categorical{{1.0}, {0.0, 1.0}}.validate()));
  }

  TEST_CASE("methodology file: array parameters, parse -> write -> parse -> run") {
    const auto r = run_text(methodology(
        R"(, "normalize": {"method": "min_max", "lo": 0, "hi": 100})",
        R"(, "normalize": {"method": "categorical", "thresholds": [5, 8], "scores": [0, 50, 100]})"));
    check_column(to_vector(r.score("a")), {0.0, nan_v, 50.0, 100.0, 100.0});
    // idx: mean of a and b = min-max 0..100 of 0..4 -> 0, 25, 50, 75, 100 (u2 has only b)
    check_column(to_vector(r.score("idx")), {0.0, 25.0, 50.0, 87.5, 100.0});
    const auto m = gm::io::parse_methodology(
        methodology("", R"(, "normalize": {"method": "categorical", "thresholds": [1.5],
                                          "scores": [0, 1], "right_closed": true})"),
        "t.json");
    const auto& c = std::get<categorical>(m.spec.normalize_overrides.at("a"));
    CHECK(c.thresholds == std::vector<double>{1.5});
    CHECK(c.scores == std::vector<double>{0.0, 1.0});
    CHECK(c.right_closed);
    CHECK(gm::io::to_json(m).find(R"("thresholds": [)") != std::string::npos);
  }

  TEST_CASE("methodology file: a wrong element type names the element's path") {
    CHECK_THROWS_WITH_AS(
        gm::io::parse_methodology(methodology("", R"(, "normalize": {"method": "categorical",
                                   "thresholds": [1, "2"], "scores": [0, 1, 2]})"),
                                  "t.json"),
        doctest::Contains("$.nodes[1].normalize.thresholds[1]: expected a number, got a string"),
        spec_error);
    CHECK_THROWS_WITH_AS(
        gm::io::parse_methodology(methodology("", R"(, "normalize": {"method": "categorical",
                                   "thresholds": 1, "scores": [0, 1]})"),
                                  "t.json"),
        doctest::Contains("$.nodes[1].normalize.thresholds: expected an array, got a number"),
        spec_error);
    CHECK_THROWS_WITH_AS(
        gm::io::parse_methodology(methodology("", R"(, "normalize": {"method": "categorical",
                                   "thresholds": [3, 1], "scores": [0, 1, 2]})"),
                                  "t.json"),
        doctest::Contains("$.nodes[1].normalize: normalize::categorical: 'thresholds' must be "
                          "strictly increasing"),
        spec_error);
  }
}

TEST_SUITE("normalize::distance_to_reference") {
  TEST_CASE("name, defaults and concept") {
    CHECK(std::string(distance_to_reference::name()) == "distance_to_reference");
    const distance_to_reference n;
    CHECK(n.unit.empty());
    CHECK_FALSE(n.cap);
    CHECK(gm::is_normalizer_v<distance_to_reference>);
  }

  TEST_CASE("1 - (x_ref - x)/(x_ref - min): the reference scores 1, the worst 0") {
    // reference u3 (5), min 2: (x - 2)/3 -> 0, NaN, 1, 3, 2
    check_column(with_units(distance_to_reference{"u3"}, column), {0.0, nan_v, 1.0, 3.0, 2.0});
    check_column(with_units(distance_to_reference{"u3", true}, column),
                 {0.0, nan_v, 1.0, 1.0, 1.0});
  }

  TEST_CASE("negative direction") {
    // x' = -2, -5, -11, -8; min -11; reference u5 (8 -> -8): (x' + 11)/3 -> 3, 2, 0, 1
    check_column(with_units(distance_to_reference{"u5"}, column, direction::negative),
                 {3.0, nan_v, 2.0, 0.0, 1.0});
  }

  TEST_CASE("errors: no unit, unknown unit, missing or worst reference, no unit ids") {
    CHECK_THROWS_WITH_AS(distance_to_reference{}.validate(),
                         doctest::Contains("parameter 'unit' is required"), spec_error);
    CHECK_THROWS_WITH_AS(with_units(distance_to_reference{"XX"}, column),
                         "normalize::distance_to_reference: indicator 'c': the reference unit "
                         "'XX' is not in the data",
                         gm::unknown_code_error);
    CHECK_THROWS_WITH_AS(with_units(distance_to_reference{"u2"}, column),
                         "normalize::distance_to_reference: indicator 'c' is missing for the "
                         "reference unit 'u2'",
                         data_error);
    CHECK_THROWS_WITH_AS(with_units(distance_to_reference{"u1"}, column),
                         "normalize::distance_to_reference: indicator 'c': the reference unit "
                         "'u1' has the worst value (2, direction positive), so the distance is "
                         "undefined",
                         data_error);
    CHECK_THROWS_WITH_AS(normalise(distance_to_reference{"u3"}, column),
                         doctest::Contains("the unit ids are needed to find the reference unit "
                                           "'u3'"),
                         spec_error);
  }

  TEST_CASE("methodology file: a text parameter, parse -> write -> parse -> run") {
    const auto r = run_text(methodology(
        "", R"(, "normalize": {"method": "distance_to_reference", "unit": "u3", "cap": true})"));
    check_column(to_vector(r.score("a")), {0.0, nan_v, 1.0, 1.0, 1.0});
    CHECK_THROWS_WITH_AS(
        gm::io::parse_methodology(
            methodology("", R"(, "normalize": {"method": "distance_to_reference", "unit": 3})"),
            "t.json"),
        doctest::Contains("$.nodes[1].normalize.unit: expected a string, got a number"),
        spec_error);
  }
}

} // namespace unit_normalize_categorical_test
