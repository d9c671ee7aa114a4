// Tests of govmetrics/normalize/goalposts.hpp: y = (x - lo)/(hi - lo), clipped to [0, 1] when
// `clip`, times `scale`; for a negative indicator (x - hi)/(lo - hi) on the original values.
#include "govmetrics/normalize/goalposts.hpp"

#include "govmetrics/pipeline/run.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <utility>
#include <vector>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_normalize_goalposts_test {

namespace {

using govmetrics::column_view;
using govmetrics::direction;
using govmetrics::fit_input;
using govmetrics::spec_error;
using govmetrics::normalize::goalposts;
using param_list = std::vector<std::pair<std::string, double>>;

constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();
constexpr double inf_v = std::numeric_limits<double>::infinity();

/// Normalises raw `x` of an indicator with direction `d` the way the pipeline does (sign first).
std::vector<double> normalise(const goalposts& g, const std::vector<double>& x,
                              direction d = direction::positive) {
  const auto ind = govmetrics::make_indicator("c", "idx", 1.0, d);
  std::vector<double> y(x.size());
  govmetrics::detail::normalize_column(g, ind, column_view{x.data(), x.size()}, y.data());
  return y;
}

void check_column(const std::vector<double>& got, const std::vector<double>& expected) {
  REQUIRE(got.size() == expected.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    CAPTURE(i);
    if (std::isnan(expected[i])) {
      CHECK(std::isnan(got[i]));
    } else {
      CHECK(got[i] == doctest::Approx(expected[i]).epsilon(1e-14));
    }
  }
}

} // namespace

TEST_SUITE("normalize::goalposts") {
  TEST_CASE("name, defaults and concept") {
    CHECK(std::string(goalposts::name()) == "goalposts");
    const goalposts g;
    CHECK(g.lo == 0.0);
    CHECK(g.hi == 1.0);
    CHECK(g.clip);
    CHECK(g.scale == 1.0);
    CHECK(govmetrics::is_normalizer_v<goalposts>);
  }

  TEST_CASE("positive indicator, clipped (the default)") {
    // lo 0, hi 200: 50 -> 0.25, 250 -> 1.25 -> 1, -10 -> -0.05 -> 0, NaN, 200 -> 1, 0 -> 0
    check_column(
        normalise(goalposts{0.0, 200.0, true, 1.0}, {50.0, 250.0, -10.0, nan_v, 200.0, 0.0}),
        {0.25, 1.0, 0.0, nan_v, 1.0, 0.0});
  }

  TEST_CASE("positive indicator, not clipped") {
    check_column(normalise(goalposts{0.0, 200.0, false, 1.0}, {50.0, 250.0, -10.0, nan_v}),
                 {0.25, 1.25, -0.05, nan_v});
  }

  TEST_CASE("scale multiplies after clipping") {
    // HDI-style 0..100: 50 -> 25, 250 -> clipped 1 -> 100 (not 125), -10 -> 0
    check_column(normalise(goalposts{0.0, 200.0, true, 100.0}, {50.0, 250.0, -10.0}),
                 {25.0, 100.0, 0.0});
    check_column(normalise(goalposts{0.0, 200.0, false, 100.0}, {50.0, 250.0, -10.0}),
                 {25.0, 125.0, -5.0});
  }

  TEST_CASE("goalposts away from zero") {
    // life expectancy style: lo 20, hi 85 -> (x - 20)/65: 72 -> 0.8, 85 -> 1, 20 -> 0
    check_column(normalise(goalposts{20.0, 85.0, true, 1.0}, {72.0, 85.0, 20.0}),
                 {52.0 / 65.0, 1.0, 0.0});
  }

  TEST_CASE("negative indicator: (x - hi)/(lo - hi) on the original values") {
    // lo 10, hi 60 (original units): y = (x - 60)/(10 - 60) = (60 - x)/50
    // 10 -> 1, 60 -> 0, 35 -> 0.5, 0 -> 1.2 (clipped 1), 70 -> -0.2 (clipped 0), NaN
    const std::vector<double> raw{10.0, 60.0, 35.0, 0.0, 70.0, nan_v};
    check_column(normalise(goalposts{10.0, 60.0, true, 1.0}, raw, direction::negative),
                 {1.0, 0.0, 0.5, 1.0, 0.0, nan_v});
    check_column(normalise(goalposts{10.0, 60.0, false, 1.0}, raw, direction::negative),
                 {1.0, 0.0, 0.5, 1.2, -0.2, nan_v});
    check_column(normalise(goalposts{10.0, 60.0, true, 100.0}, raw, direction::negative),
                 {100.0, 0.0, 50.0, 100.0, 0.0, nan_v});
  }

  TEST_CASE("fit: goalposts on the direction-adjusted scale; the record keeps clip and scale") {
    const goalposts g{10.0, 60.0, false, 100.0};
    const std::vector<double> none_needed{nan_v};
    const column_view cv{none_needed.data(), none_needed.size()};
    const auto pos = g.fit(fit_input{cv, direction::positive, "c"});
    CHECK(pos.lo == 10.0);
    CHECK(pos.hi == 60.0);
    const auto neg = g.fit(fit_input{cv, direction::negative, "c"});
    // x' = -x: the better goalpost (10) becomes the upper one, -10; the worse, -60, the lower
    CHECK(neg.lo == -60.0);
    CHECK(neg.hi == -10.0);
    CHECK(g.describe(pos) ==
          param_list{{"lo", 10.0}, {"hi", 60.0}, {"clip", 0.0}, {"scale", 100.0}});
    CHECK(goalposts{}.describe(goalposts::params{0.0, 1.0}) ==
          param_list{{"lo", 0.0}, {"hi", 1.0}, {"clip", 1.0}, {"scale", 1.0}});
  }

  TEST_CASE("fitted params are recorded in the pipeline result") {
    using namespace govmetrics;
    const framework fw({make_aggregate("idx"), make_indicator("good", "idx"),
                        make_indicator("bad", "idx", 1.0, direction::negative)});
    const dataset data({"u1", "u2"}, {"good", "bad"}, {50.0, 150.0, 10.0, 35.0});
    pipeline_spec spec;
    spec.normalize = normalize::goalposts{0.0, 200.0, true, 100.0};
    spec.normalize_overrides["bad"] = normalize::goalposts{10.0, 60.0, true, 100.0};
    const result r = run(fw, data, spec);
    REQUIRE(r.params().size() == 2);
    CHECK(r.params()[0].indicator == "good");
    CHECK(r.params()[0].method == "goalposts");
    CHECK(r.params()[0].values ==
          param_list{{"lo", 0.0}, {"hi", 200.0}, {"clip", 1.0}, {"scale", 100.0}});
    CHECK(r.params()[1].indicator == "bad");
    CHECK(r.params()[1].values ==
          param_list{{"lo", -60.0}, {"hi", -10.0}, {"clip", 1.0}, {"scale", 100.0}});
    // good: 50 -> 25, 150 -> 75; bad: (60 - x)/50 * 100: 10 -> 100, 35 -> 50
    CHECK(r.score("u1", "good") == doctest::Approx(25.0).epsilon(1e-14));
    CHECK(r.score("u2", "good") == doctest::Approx(75.0).epsilon(1e-14));
    CHECK(r.score("u1", "bad") == doctest::Approx(100.0).epsilon(1e-14));
    CHECK(r.score("u2", "bad") == doctest::Approx(50.0).epsilon(1e-14));
  }

  TEST_CASE("no data are needed: an all-missing column stays missing") {
    check_column(normalise(goalposts{}, {nan_v, nan_v}), {nan_v, nan_v});
  }

  TEST_CASE("validate: lo less than hi, lo, hi and scale finite, scale positive") {
    CHECK_NOTHROW(goalposts{}.validate());
    CHECK_NOTHROW((goalposts{-5.0, 5.0, false, 10.0}.validate()));
    CHECK_THROWS_WITH_AS((goalposts{1.0, 1.0, true, 1.0}.validate()),
                         "normalize::goalposts: 'lo' must be less than 'hi' (lo 1, hi 1)",
                         spec_error);
    CHECK_THROWS_WITH_AS((goalposts{60.0, 10.0, true, 1.0}.validate()),
                         "normalize::goalposts: 'lo' must be less than 'hi' (lo 60, hi 10)",
                         spec_error);
    CHECK_THROWS_WITH_AS((goalposts{0.0, 1.0, true, 0.0}.validate()),
                         "normalize::goalposts: 'scale' must be positive (scale 0)", spec_error);
    CHECK_THROWS_WITH_AS((goalposts{0.0, 1.0, true, -100.0}.validate()),
                         "normalize::goalposts: 'scale' must be positive (scale -100)", spec_error);
    CHECK_THROWS_WITH_AS((goalposts{nan_v, 1.0, true, 1.0}.validate()),
                         "normalize::goalposts: parameter 'lo' must be finite", spec_error);
    CHECK_THROWS_WITH_AS((goalposts{0.0, inf_v, true, 1.0}.validate()),
                         "normalize::goalposts: parameter 'hi' must be finite", spec_error);
    CHECK_THROWS_WITH_AS((goalposts{0.0, 1.0, true, nan_v}.validate()),
                         "normalize::goalposts: parameter 'scale' must be finite", spec_error);
  }
}

} // namespace unit_normalize_goalposts_test
