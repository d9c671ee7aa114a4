// treat::log, treat::log1p and treat::box_cox: values, missing values, errors, names.
#include <govmetrics/govmetrics.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_treat_transforms_test {

namespace gm = govmetrics;
using gm::treat::column_ref;

namespace {
constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();
const std::vector<std::string> units{"a", "b", "c", "d", "e"};

template <class T>
gm::treat::details treat(const T& t, std::vector<double>& x) {
  return t.apply(column_ref{x.data(), x.size(), "x", &units});
}
} // namespace

TEST_SUITE("treat::log") {
  TEST_CASE("ln x, missing values stay missing") {
    std::vector<double> x{1.0, std::exp(1.0), nan_v, 10.0, 0.5};
    const auto d = treat(gm::treat::log{}, x);
    CHECK(x[0] == 0.0);
    CHECK(x[1] == doctest::Approx(1.0).epsilon(1e-15));
    CHECK(std::isnan(x[2]));
    CHECK(x[3] == std::log(10.0));
    CHECK(x[4] == std::log(0.5));
    CHECK(d.method == "log");
    CHECK(d.n == 4);
    CHECK_FALSE(d.tested);
    CHECK(d.changed());
    CHECK(std::isfinite(d.skew_before));
    CHECK(std::isfinite(d.kurtosis_after));
    CHECK(std::string(gm::treat::log::name()) == "log");
  }
  TEST_CASE("a non-positive value is a data_error naming the unit; the column is untouched") {
    std::vector<double> x{1.0, 2.0, 0.0, 3.0, 4.0};
    CHECK_THROWS_WITH_AS(treat(gm::treat::log{}, x),
                         "treat::log: indicator 'x' needs positive values, but unit 'c' has 0",
                         gm::data_error);
    CHECK(x[0] == 1.0);
    std::vector<double> y{1.0, -2.0};
    CHECK_THROWS_WITH_AS(gm::treat::log{}.apply(column_ref{y.data(), y.size(), "y", nullptr}),
                         "treat::log: indicator 'y' needs positive values, but position 1 has -2",
                         gm::data_error);
  }
}

TEST_SUITE("treat::log1p") {
  TEST_CASE("ln(1 + x), accurate near zero; x > -1 required") {
    std::vector<double> x{0.0, 1e-20, 1.0, nan_v, -0.5};
    treat(gm::treat::log1p{}, x);
    CHECK(x[0] == 0.0);
    CHECK(x[1] == 1e-20);
    CHECK(x[2] == std::log(2.0));
    CHECK(std::isnan(x[3]));
    CHECK(x[4] == std::log(0.5));
    std::vector<double> bad{0.0, -1.0};
    CHECK_THROWS_WITH_AS(treat(gm::treat::log1p{}, bad),
                         "treat::log1p: indicator 'x' needs values above -1, but unit 'b' has -1",
                         gm::data_error);
    CHECK(std::string(gm::treat::log1p::name()) == "log1p");
  }
}

TEST_SUITE("treat::box_cox") {
  TEST_CASE("(x^lambda - 1) / lambda") {
    std::vector<double> x{1.0, 4.0, 9.0, nan_v};
    treat(gm::treat::box_cox{0.5}, x);
    CHECK(x[0] == 0.0);
    CHECK(x[1] == doctest::Approx(2.0).epsilon(1e-15)); // (2 - 1) / 0.5
    CHECK(x[2] == doctest::Approx(4.0).epsilon(1e-15)); // (3 - 1) / 0.5
    CHECK(std::isnan(x[3]));
    std::vector<double> y{2.0, 3.0};
    treat(gm::treat::box_cox{2.0}, y);
    CHECK(y[0] == 1.5);
    CHECK(y[1] == 4.0);
  }
  TEST_CASE("lambda 0 is the natural log, bit for bit") {
    std::vector<double> x{0.3, 1.0, 7.0, 123.456};
    std::vector<double> y = x;
    treat(gm::treat::box_cox{0.0}, x);
    treat(gm::treat::log{}, y);
    CHECK(x == y);
  }
  TEST_CASE("errors") {
    std::vector<double> x{1.0, -1.0};
    CHECK_THROWS_WITH_AS(treat(gm::treat::box_cox{1.0}, x),
                         "treat::box_cox: indicator 'x' needs positive values, but unit 'b' has -1",
                         gm::data_error);
    CHECK_THROWS_WITH_AS(gm::treat::box_cox{nan_v}.validate(),
                         "treat::box_cox: 'lambda' must be a finite number (lambda nan)",
                         gm::spec_error);
    CHECK_NOTHROW(gm::treat::box_cox{-1.0}.validate());
    CHECK(std::string(gm::treat::box_cox::name()) == "box_cox");
  }
  TEST_CASE("treat::any holds every treatment by name") {
    CHECK(gm::treat::name_of(gm::treat::any{}) == "none");
    CHECK(gm::treat::name_of(gm::treat::any{gm::treat::winsorise{}}) == "winsorise");
    CHECK(gm::treat::name_of(gm::treat::any{gm::treat::log{}}) == "log");
    CHECK(gm::treat::name_of(gm::treat::any{gm::treat::log1p{}}) == "log1p");
    CHECK(gm::treat::name_of(gm::treat::any{gm::treat::box_cox{}}) == "box_cox");
  }
  TEST_CASE("in a pipeline: log before min-max") {
    const gm::framework fw({gm::make_aggregate("I"), gm::make_indicator("a", "I")});
    const gm::dataset data({"u1", "u2", "u3"}, {"a"}, {1.0, 10.0, 100.0});
    gm::pipeline_spec spec;
    spec.treat = gm::treat::log{};
    const auto r = gm::run(fw, data, spec);
    CHECK(r.score("u2", "a") == doctest::Approx(50.0).epsilon(1e-14));
    CHECK(r.treated("a")[2] == std::log(100.0));
    REQUIRE(r.treatment().size() == 1);
    CHECK(r.treatment()[0].method == "log");
  }
}

} // namespace unit_treat_transforms_test
