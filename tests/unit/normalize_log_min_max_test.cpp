// Tests of govmetrics/normalize/log_min_max.hpp: min-max of t = sign * ln(x) on the original
// positive values; a non-positive original value is a data_error.
#include "govmetrics/normalize/log_min_max.hpp"

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
namespace unit_normalize_log_min_max_test {

namespace {

namespace gm = govmetrics;
using gm::column_view;
using gm::data_error;
using gm::direction;
using gm::spec_error;
using gm::normalize::log_min_max;
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

TEST_SUITE("normalize::log_min_max") {
  TEST_CASE("name, defaults and concept") {
    CHECK(std::string(log_min_max::name()) == "log_min_max");
    CHECK(log_min_max{}.lo == 0.0);
    CHECK(log_min_max{}.hi == 100.0);
    CHECK(gm::is_normalizer_v<log_min_max>);
  }

  TEST_CASE("min-max of ln x; NaN stays NaN") {
    // ln 1, ln 10, ln 100, ln 1000 = 0, L, 2L, 3L -> 0, 1/3, 2/3, 1 of the range
    check_column(normalise(log_min_max{}, {1.0, 10.0, nan_v, 100.0, 1000.0}),
                 {0.0, 100.0 / 3.0, nan_v, 200.0 / 3.0, 100.0});
    check_column(normalise(log_min_max{1.0, 4.0}, {1.0, 10.0, nan_v, 100.0, 1000.0}),
                 {1.0, 2.0, nan_v, 3.0, 4.0});
  }

  TEST_CASE("negative direction, by hand: the log of the original values, then the sign") {
    // t = -ln x: 0, -L, -2L, -3L; min -3L, max 0; y = (t + 3L)/(3L) * 100
    // 1 -> 100, 10 -> 66.67, 100 -> 33.33, 1000 -> 0
    const std::vector<double> x{1.0, 10.0, nan_v, 100.0, 1000.0};
    const auto ind = gm::make_indicator("c", "idx", 1.0, direction::negative);
    std::vector<double> y(x.size());
    const auto rec =
        gm::detail::normalize_column(log_min_max{}, ind, column_view{x.data(), x.size()}, y.data());
    check_column(y, {100.0, 200.0 / 3.0, nan_v, 100.0 / 3.0, 0.0});
    const double l3 = 3.0 * std::log(10.0);
    REQUIRE(rec.values.size() == 5);
    CHECK(rec.values[0].first == "min");
    CHECK(rec.values[0].second == doctest::Approx(-l3).epsilon(1e-14));
    CHECK(rec.values[1] == std::pair<std::string, double>{"max", 0.0});
    CHECK(rec.values[2] == std::pair<std::string, double>{"sign", -1.0});
  }

  TEST_CASE("a non-positive original value is a data_error naming indicator, row and value") {
    CHECK_THROWS_WITH_AS(normalise(log_min_max{}, {1.0, 0.0, 5.0}, direction::positive, "gdp"),
                         "normalize::log_min_max: indicator 'gdp' needs positive values, got 0 at "
                         "row 2",
                         data_error);
    // negative direction: the original value is reported, not the adjusted one
    CHECK_THROWS_WITH_AS(normalise(log_min_max{}, {-1.0, 2.0}, direction::negative, "cost"),
                         "normalize::log_min_max: indicator 'cost' needs positive values, got -1 "
                         "at row 1",
                         data_error);
  }

  TEST_CASE("zero range and no values are data_errors") {
    CHECK_THROWS_WITH_AS(normalise(log_min_max{}, {nan_v, 5.0, 5.0}),
                         "normalize::log_min_max: indicator 'c' has zero range (2 units, all 5)",
                         data_error);
    CHECK_THROWS_WITH_AS(normalise(log_min_max{}, {nan_v}),
                         "normalize::log_min_max: indicator 'c' has 0 non-missing values of 1 "
                         "(needs at least 1)",
                         data_error);
  }

  TEST_CASE("apply on a new non-positive value gives NaN") {
    const log_min_max n{};
    const std::vector<double> x{1.0, 10.0};
    const auto p = n.fit(gm::fit_input{column_view{x.data(), x.size()}, direction::positive, "c"});
    CHECK(std::isnan(n.apply(p, 0.0)));
    CHECK(n.apply(p, 100.0) == doctest::Approx(200.0).epsilon(1e-14));
  }

  TEST_CASE("validate: lo < hi, finite") {
    CHECK_THROWS_WITH_AS((log_min_max{1.0, 1.0}.validate()),
                         "normalize::log_min_max: 'lo' must be less than 'hi' (lo 1, hi 1)",
                         spec_error);
    CHECK_THROWS_WITH_AS((log_min_max{0.0, inf_v}.validate()),
                         "normalize::log_min_max: parameter 'hi' must be finite", spec_error);
  }

  TEST_CASE("methodology file round trip (a positive and a negative indicator)") {
    const gm::dataset d({"u1", "u2", "u3"}, {"a", "b"}, {1.0, 10.0, 100.0, 1.0, 100.0, 10000.0});
    const auto m = gm::io::parse_methodology(
        methodology(R"(, "normalize": {"method": "log_min_max", "lo": 0, "hi": 1})", "",
                    "negative"),
        "t.json");
    CHECK(gm::io::to_json(gm::io::parse_methodology(gm::io::to_json(m), "again.json")) ==
          gm::io::to_json(m));
    const auto r = gm::run(m.tree(), d, m.spec);
    check_column(to_vector(r.score("a")), {1.0, 0.5, 0.0});
    check_column(to_vector(r.score("b")), {0.0, 0.5, 1.0});
    check_column(to_vector(r.score("idx")), {0.5, 0.5, 0.5});
  }
}

} // namespace unit_normalize_log_min_max_test
