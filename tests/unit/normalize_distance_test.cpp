// Tests of govmetrics/normalize/distance.hpp: distance_to_target (x' - min)/(target' - min) with
// target' = target * sign, optional cap at 1; distance_to_best 1 - (max - x')/(max - min);
// fraction_of_max x'/max.
#include "govmetrics/normalize/distance.hpp"

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
namespace unit_normalize_distance_test {

namespace {

namespace gm = govmetrics;
using gm::column_view;
using gm::data_error;
using gm::direction;
using gm::spec_error;
using gm::normalize::distance_to_best;
using gm::normalize::distance_to_target;
using gm::normalize::fraction_of_max;
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

TEST_SUITE("normalize::distance_to_target") {
  TEST_CASE("name, defaults and concept") {
    CHECK(std::string(distance_to_target::name()) == "distance_to_target");
    const distance_to_target n;
    CHECK(std::isnan(n.target));
    CHECK_FALSE(n.cap);
    CHECK(gm::is_normalizer_v<distance_to_target>);
  }

  TEST_CASE("(x - min)/(target - min); NaN stays NaN; no cap by default") {
    // target 14: (x - 2)/12 -> 0, 0.25, 0.75, 0.5
    check_column(normalise(distance_to_target{14.0}, column), {0.0, nan_v, 0.25, 0.75, 0.5});
    // target 8 without cap: (x - 2)/6 -> 0, 0.5, 1.5, 1
    check_column(normalise(distance_to_target{8.0}, column), {0.0, nan_v, 0.5, 1.5, 1.0});
  }

  TEST_CASE("cap at 1") {
    check_column(normalise(distance_to_target{8.0, true}, column), {0.0, nan_v, 0.5, 1.0, 1.0});
  }

  TEST_CASE("negative direction: the target is in original units") {
    // x' = -2, -5, -11, -8; min -11; target 1 -> target' = -1; y = (x' + 11)/10
    // 2 -> 0.9, 5 -> 0.6, 11 -> 0, 8 -> 0.3
    const auto ind = gm::make_indicator("c", "idx", 1.0, direction::negative);
    std::vector<double> y(column.size());
    const auto rec = gm::detail::normalize_column(
        distance_to_target{1.0}, ind, column_view{column.data(), column.size()}, y.data());
    check_column(y, {0.9, nan_v, 0.6, 0.0, 0.3});
    CHECK(rec.method == "distance_to_target");
    CHECK(rec.values == param_list{{"min", -11.0}, {"target", -1.0}, {"cap", 0.0}});
  }

  TEST_CASE("a target not better than the worst value is a data_error") {
    CHECK_THROWS_WITH_AS(normalise(distance_to_target{2.0}, column),
                         "normalize::distance_to_target: indicator 'c' has target 2 not better "
                         "than its worst value 2 (direction positive)",
                         data_error);
    CHECK_THROWS_WITH_AS(normalise(distance_to_target{12.0}, column, direction::negative, "cost"),
                         "normalize::distance_to_target: indicator 'cost' has target 12 not "
                         "better than its worst value 11 (direction negative)",
                         data_error);
    const std::vector<double> none_left{nan_v, nan_v};
    CHECK_THROWS_WITH_AS(normalise(distance_to_target{1.0}, none_left),
                         "normalize::distance_to_target: indicator 'c' has 0 non-missing values "
                         "of 2 (needs at least 1)",
                         data_error);
  }

  TEST_CASE("validate: target is required and finite") {
    CHECK_NOTHROW(distance_to_target{95.0}.validate());
    CHECK_THROWS_WITH_AS(
        distance_to_target{}.validate(),
        "normalize::distance_to_target: parameter 'target' is required (give it "
        "per indicator, e.g. {\"method\": \"distance_to_target\", \"target\": 95})",
        spec_error);
    CHECK_THROWS_WITH_AS(distance_to_target{inf_v}.validate(),
                         "normalize::distance_to_target: parameter 'target' must be finite",
                         spec_error);
  }

  TEST_CASE("pipeline: one indicator uses distance_to_target through a per-indicator override") {
    using namespace govmetrics;
    const framework fw(
        {make_aggregate("idx"), make_indicator("a", "idx"), make_indicator("b", "idx")});
    pipeline_spec spec;
    spec.normalize = normalize::min_max{0.0, 1.0};
    spec.normalize_overrides["a"] = normalize::distance_to_target{14.0};
    const result r = run(fw, data, spec);
    check_column(to_vector(r.score("a")), {0.0, nan_v, 0.25, 0.75, 0.5});
    check_column(to_vector(r.score("b")), {0.0, 0.25, 0.5, 0.75, 1.0});
    // idx: mean of the available children (u2 has only b)
    check_column(to_vector(r.score("idx")), {0.0, 0.25, 0.375, 0.75, 0.75});
    CHECK(r.params()[0].method == "distance_to_target");
    CHECK(r.params()[1].method == "min_max");
  }

  TEST_CASE("methodology file: per-indicator target, parse -> write -> parse -> run") {
    const auto r = run_text(methodology(R"(, "normalize": {"method": "min_max", "lo": 0, "hi": 1})",
                                        R"(, "normalize": {"method": "distance_to_target",
                                             "target": 1, "cap": true})",
                                        "negative"));
    check_column(to_vector(r.score("a")), {0.9, nan_v, 0.6, 0.0, 0.3});
    const auto m = gm::io::parse_methodology(
        methodology("", R"(, "normalize": {"method": "distance_to_target", "target": 95})"),
        "t.json");
    CHECK(gm::io::to_json(m).find(R"("method": "distance_to_target",)") != std::string::npos);
    CHECK(std::get<distance_to_target>(m.spec.normalize_overrides.at("a")).target == 95.0);
  }

  TEST_CASE("methodology file: a missing target or a wrong type is a spec_error with the path") {
    CHECK_THROWS_WITH_AS(
        gm::io::parse_methodology(
            methodology(R"(, "normalize": {"method": "distance_to_target"})", ""), "t.json"),
        doctest::Contains("$.normalize: normalize::distance_to_target: parameter 'target' is "
                          "required"),
        spec_error);
    CHECK_THROWS_WITH_AS(
        gm::io::parse_methodology(
            methodology("", R"(, "normalize": {"method": "distance_to_target", "target": "95"})"),
            "t.json"),
        doctest::Contains("$.nodes[1].normalize.target: expected a number, got a string"),
        spec_error);
    CHECK_THROWS_WITH_AS(
        gm::io::parse_methodology(
            methodology(
                "", R"(, "normalize": {"method": "distance_to_target", "target": 9, "cap": 1})"),
            "t.json"),
        doctest::Contains("$.nodes[1].normalize.cap: expected true or false, got a number"),
        spec_error);
  }
}

TEST_SUITE("normalize::distance_to_best") {
  TEST_CASE("name and concept") {
    CHECK(std::string(distance_to_best::name()) == "distance_to_best");
    CHECK(gm::is_normalizer_v<distance_to_best>);
    CHECK_NOTHROW(distance_to_best{}.validate());
  }

  TEST_CASE("1 - (max - x)/(max - min), equal to min_max{0, 1}") {
    const auto y = normalise(distance_to_best{}, column);
    check_column(y, {0.0, nan_v, 1.0 / 3.0, 1.0, 2.0 / 3.0});
    check_column(y, normalise(gm::normalize::min_max{0.0, 1.0}, column));
  }

  TEST_CASE("negative direction") {
    // x' = -x: min -11, max -2: 1 - (-2 - x')/9 -> 2 -> 1, 5 -> 2/3, 11 -> 0, 8 -> 1/3
    check_column(normalise(distance_to_best{}, column, direction::negative),
                 {1.0, nan_v, 2.0 / 3.0, 0.0, 1.0 / 3.0});
  }

  TEST_CASE("zero range and no values are data_errors") {
    const std::vector<double> flat{3.0, nan_v, 3.0};
    CHECK_THROWS_WITH_AS(normalise(distance_to_best{}, flat, direction::positive, "hom"),
                         "normalize::distance_to_best: indicator 'hom' has zero range (2 units, "
                         "all 3)",
                         data_error);
    const std::vector<double> gone{nan_v};
    CHECK_THROWS_WITH_AS(normalise(distance_to_best{}, gone),
                         "normalize::distance_to_best: indicator 'c' has 0 non-missing values of "
                         "1 (needs at least 1)",
                         data_error);
  }

  TEST_CASE("methodology file round trip") {
    const auto r = run_text(methodology(R"(, "normalize": {"method": "distance_to_best"})", ""));
    check_column(to_vector(r.score("a")), {0.0, nan_v, 1.0 / 3.0, 1.0, 2.0 / 3.0});
    check_column(to_vector(r.score("b")), {0.0, 0.25, 0.5, 0.75, 1.0});
  }
}

TEST_SUITE("normalize::fraction_of_max") {
  TEST_CASE("name and concept") {
    CHECK(std::string(fraction_of_max::name()) == "fraction_of_max");
    CHECK(gm::is_normalizer_v<fraction_of_max>);
  }

  TEST_CASE("x / max") {
    check_column(normalise(fraction_of_max{}, column),
                 {2.0 / 11.0, nan_v, 5.0 / 11.0, 1.0, 8.0 / 11.0});
  }

  TEST_CASE("negative direction: x' = -x, so it needs some negative original value") {
    // original -4, -2 (cost, less negative is worse): x' = 4, 2 -> 1, 0.5
    check_column(normalise(fraction_of_max{}, {-4.0, -2.0}, direction::negative), {1.0, 0.5});
    CHECK_THROWS_WITH_AS(normalise(fraction_of_max{}, column, direction::negative),
                         "normalize::fraction_of_max: indicator 'c' needs a positive maximum, got "
                         "-2 (direction-adjusted, direction negative)",
                         data_error);
  }

  TEST_CASE("a zero maximum is a data_error") {
    CHECK_THROWS_WITH_AS(normalise(fraction_of_max{}, {0.0, -1.0, nan_v}),
                         "normalize::fraction_of_max: indicator 'c' needs a positive maximum, got "
                         "0 (direction-adjusted, direction positive)",
                         data_error);
  }

  TEST_CASE("methodology file round trip") {
    const auto r = run_text(methodology(R"(, "normalize": {"method": "fraction_of_max"})", ""));
    check_column(to_vector(r.score("a")), {2.0 / 11.0, nan_v, 5.0 / 11.0, 1.0, 8.0 / 11.0});
    // b's maximum is 4: 0, 0.25, ...
    check_column(to_vector(r.score("b")), {0.0, 0.25, 0.5, 0.75, 1.0});
  }
}

} // namespace unit_normalize_distance_test
