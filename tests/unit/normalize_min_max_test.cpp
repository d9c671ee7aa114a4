// Tests of govmetrics/normalize/min_max.hpp: y = (x - min)/(max - min) * (hi - lo) + lo over the
// non-missing values; direction applied first by the pipeline; zero range is a data_error.
#include "govmetrics/normalize/min_max.hpp"
#include "govmetrics/normalize/z_score.hpp"

#include "govmetrics/pipeline/run.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <cstring>
#include <limits>
#include <string>
#include <utility>
#include <vector>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_normalize_min_max_test {

namespace {

using govmetrics::column_view;
using govmetrics::data_error;
using govmetrics::direction;
using govmetrics::fit_input;
using govmetrics::spec_error;
using govmetrics::normalize::min_max;
using param_list = std::vector<std::pair<std::string, double>>;

constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();
constexpr double inf_v = std::numeric_limits<double>::infinity();

/// Fits `n` on `x` (taken as already direction-adjusted) and applies it to every non-NaN value.
std::vector<double> normalise(const min_max& n, const std::vector<double>& x,
                              const char* code = "c") {
  const auto p = n.fit(fit_input{column_view{x.data(), x.size()}, direction::positive, code});
  std::vector<double> y(x.size());
  for (std::size_t i = 0; i < x.size(); ++i)
    y[i] = std::isnan(x[i]) ? x[i] : n.apply(p, x[i]);
  return y;
}

/// NaN where expected is NaN; otherwise within a relative 1e-14.
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

// The test column: 2, NaN, 5, 11, 8 -> min 2, max 11, range 9.
const std::vector<double> column{2.0, nan_v, 5.0, 11.0, 8.0};

} // namespace

TEST_SUITE("normalize::min_max") {
  TEST_CASE("name and defaults") {
    CHECK(std::string(min_max::name()) == "min_max");
    const min_max n;
    CHECK(n.lo == 0.0);
    CHECK(n.hi == 100.0);
    CHECK(govmetrics::is_normalizer_v<min_max>);
  }

  TEST_CASE("default range 0..100; NaN stays NaN") {
    // (x - 2)/9 * 100: 2 -> 0, 5 -> 300/9 = 33.33.., 11 -> 100, 8 -> 600/9 = 66.66..
    const auto y = normalise(min_max{}, column);
    check_column(y, {0.0, nan_v, 100.0 / 3.0, 100.0, 200.0 / 3.0});
    CHECK(y[0] == 0.0); // the extremes are hit exactly
    CHECK(y[3] == 100.0);
  }

  TEST_CASE("any range lo..hi") {
    // (x - 2)/9 * 99 + 1: 2 -> 1, 5 -> 34, 11 -> 100, 8 -> 67
    check_column(normalise(min_max{1.0, 100.0}, column), {1.0, nan_v, 34.0, 100.0, 67.0});
    // (x - 2)/9 * 2 - 1: 2 -> -1, 5 -> -1/3, 11 -> 1, 8 -> 1/3
    check_column(normalise(min_max{-1.0, 1.0}, column), {-1.0, nan_v, -1.0 / 3.0, 1.0, 1.0 / 3.0});
    // 0..1
    check_column(normalise(min_max{0.0, 1.0}, column), {0.0, nan_v, 1.0 / 3.0, 1.0, 2.0 / 3.0});
  }

  TEST_CASE("fit records min and max; apply scores new values against frozen params") {
    const min_max n{};
    const auto p =
        n.fit(fit_input{column_view{column.data(), column.size()}, direction::positive, "c"});
    CHECK(p.min == 2.0);
    CHECK(p.max == 11.0);
    CHECK(n.describe(p) == param_list{{"min", 2.0}, {"max", 11.0}, {"lo", 0.0}, {"hi", 100.0}});
    // outside the fitted range: no clipping; (20 - 2)/9*100 = 200, (-7 - 2)/9*100 = -100
    CHECK(n.apply(p, 20.0) == doctest::Approx(200.0).epsilon(1e-14));
    CHECK(n.apply(p, -7.0) == doctest::Approx(-100.0).epsilon(1e-14));
  }

  TEST_CASE("negative direction: the pipeline multiplies by -1 first, higher = better") {
    // adjusted column -2, NaN, -5, -11, -8: min -11, max -2, so y = (x' + 11)/9 * 100, which is
    // the reverse min-max (11 - x)/9 * 100: 2 -> 100, 5 -> 66.67, 11 -> 0, 8 -> 33.33
    const auto ind = govmetrics::make_indicator("c", "idx", 1.0, direction::negative);
    std::vector<double> y(column.size());
    const auto rec = govmetrics::detail::normalize_column(
        min_max{}, ind, column_view{column.data(), column.size()}, y.data());
    check_column(y, {100.0, nan_v, 200.0 / 3.0, 0.0, 100.0 / 3.0});
    CHECK(rec.indicator == "c");
    CHECK(rec.method == "min_max");
    CHECK(rec.values == param_list{{"min", -11.0}, {"max", -2.0}, {"lo", 0.0}, {"hi", 100.0}});
  }

  TEST_CASE("negative direction through govmetrics::run, with the fitted params in the result") {
    using namespace govmetrics;
    const framework fw({make_aggregate("idx"), make_indicator("c", "idx", 1.0, direction::negative),
                        make_indicator("d", "idx")});
    // units u1..u5; c = the test column; d = 0, 1, 2, 3, 4 (positive)
    const dataset data({"u1", "u2", "u3", "u4", "u5"}, {"c", "d"},
                       {2.0, nan_v, 5.0, 11.0, 8.0, 0.0, 1.0, 2.0, 3.0, 4.0});
    pipeline_spec spec;
    spec.normalize = normalize::min_max{0.0, 100.0};
    const result r = run(fw, data, spec);
    const auto c = r.score("c");
    check_column(std::vector<double>(c.begin(), c.end()),
                 {100.0, nan_v, 200.0 / 3.0, 0.0, 100.0 / 3.0});
    const auto d = r.score("d");
    check_column(std::vector<double>(d.begin(), d.end()), {0.0, 25.0, 50.0, 75.0, 100.0});
    REQUIRE(r.params().size() == 2);
    CHECK(r.params()[0].indicator == "c");
    CHECK(r.params()[0].method == "min_max");
    CHECK(r.params()[0].values ==
          param_list{{"min", -11.0}, {"max", -2.0}, {"lo", 0.0}, {"hi", 100.0}});
    CHECK(r.params()[1].values ==
          param_list{{"min", 0.0}, {"max", 4.0}, {"lo", 0.0}, {"hi", 100.0}});
  }

  TEST_CASE("zero range is a data_error naming the indicator") {
    const std::vector<double> flat{3.0, nan_v, 3.0};
    CHECK_THROWS_WITH_AS(normalise(min_max{}, flat, "hom"),
                         "normalize::min_max: indicator 'hom' has zero range (2 units, all 3)",
                         data_error);
    // a single value has zero range as well
    const std::vector<double> single{nan_v, 4.0, nan_v};
    CHECK_THROWS_WITH_AS(normalise(min_max{}, single, "one"),
                         "normalize::min_max: indicator 'one' has zero range (1 unit, all 4)",
                         data_error);
  }

  TEST_CASE("no values at all is a data_error with the counts") {
    const std::vector<double> all_missing{nan_v, nan_v, nan_v};
    CHECK_THROWS_WITH_AS(normalise(min_max{}, all_missing, "gone"),
                         "normalize::min_max: indicator 'gone' has 0 non-missing values of 3 "
                         "(needs at least 1)",
                         data_error);
    const std::vector<double> empty;
    CHECK_THROWS_WITH_AS(normalise(min_max{}, empty, "e"),
                         doctest::Contains("indicator 'e' has 0 non-missing values of 0"),
                         data_error);
  }

  TEST_CASE("validate: lo must be less than hi, both finite") {
    CHECK_NOTHROW(min_max{}.validate());
    CHECK_NOTHROW(min_max{-5.0, -4.0}.validate());
    CHECK_THROWS_WITH_AS((min_max{5.0, 5.0}.validate()),
                         "normalize::min_max: 'lo' must be less than 'hi' (lo 5, hi 5)",
                         spec_error);
    CHECK_THROWS_WITH_AS((min_max{100.0, 0.0}.validate()),
                         "normalize::min_max: 'lo' must be less than 'hi' (lo 100, hi 0)",
                         spec_error);
    CHECK_THROWS_WITH_AS((min_max{nan_v, 1.0}.validate()),
                         "normalize::min_max: parameter 'lo' must be finite", spec_error);
    CHECK_THROWS_WITH_AS((min_max{0.0, inf_v}.validate()),
                         "normalize::min_max: parameter 'hi' must be finite", spec_error);
    CHECK_THROWS_WITH_AS((min_max{-inf_v, 0.0}.validate()),
                         "normalize::min_max: parameter 'lo' must be finite", spec_error);
  }
}

TEST_SUITE("normalize::apply_column") {
  // The column-wide apply (vectorised) gives the bits of the per-value apply, NaN kept as it is.
  template <class N>
  void check_apply_column(const N& norm, const std::vector<double>& x) {
    const auto p = norm.fit(fit_input{column_view{x.data(), x.size()}, direction::positive, "c"});
    for (std::size_t n = 0; n <= x.size(); ++n) { // every length: vector bodies and remainders
      CAPTURE(n);
      std::vector<double> y(x.begin(), x.begin() + static_cast<std::ptrdiff_t>(n));
      norm.apply_column(p, y.data(), n);
      for (std::size_t i = 0; i < n; ++i) {
        CAPTURE(i);
        const double expected = std::isnan(x[i]) ? x[i] : norm.apply(p, x[i]); // NaN as it was
        CHECK(std::memcmp(&y[i], &expected, sizeof expected) == 0);
      }
    }
  }

  // the pipeline finds them (otherwise it applies value by value, and this suite tests nothing
  // the pipeline runs)
  static_assert(govmetrics::detail::has_apply_column_v<min_max>, "min_max has apply_column");
  static_assert(govmetrics::detail::has_apply_column_v<govmetrics::normalize::z_score>,
                "z_score has apply_column");

  TEST_CASE("min_max and z_score: the same bits as apply at every length, NaN kept") {
    std::vector<double> x;
    double v = 0.1;
    for (std::size_t i = 0; i < 41; ++i) {
      v = std::fmod(v * 7.31 + 0.37, 13.0);
      x.push_back(i % 6 == 4 ? nan_v : v - 4.0);
    }
    check_apply_column(min_max{}, x);
    check_apply_column(min_max{-1.0, 3.5}, x);
    check_apply_column(govmetrics::normalize::z_score{}, x);
    check_apply_column(govmetrics::normalize::z_score{10.0, 2.0}, x);
    // max - min overflows a double: the halved formula, value by value
    check_apply_column(min_max{}, std::vector<double>{-1e308, nan_v, 1e308, 0.0, 5e307});
  }
}

TEST_SUITE("normalize::detail::find_extent") {
  // The extent is found on ordered integer bits; expected values from a plain scan, for every
  // length 0..13 and every placement of NaN, infinities and the extremes among the lanes.
  TEST_CASE("equals a plain scan whatever the length and wherever NaN and the extremes lie") {
    using govmetrics::normalize::detail::find_extent;
    const std::vector<double> pool{3.5, nan_v,  -2.0,  7.25,  nan_v,
                                   0.0, -inf_v, inf_v, 1e308, -1e-300};
    for (std::size_t n = 0; n <= 13; ++n) {
      for (std::size_t start = 0; start < pool.size(); ++start) {
        for (bool finite_only : {true, false}) {
          std::vector<double> x;
          for (std::size_t i = 0; x.size() < n; ++i) {
            const double v = pool[(start + 3 * i) % pool.size()];
            if (finite_only && std::isinf(v))
              continue;
            x.push_back(v);
          }
          double lo = 0.0;
          double hi = 0.0;
          std::size_t seen = 0;
          for (double v : x) {
            if (std::isnan(v))
              continue;
            lo = seen == 0 || v < lo ? v : lo;
            hi = seen == 0 || v > hi ? v : hi;
            ++seen;
          }
          CAPTURE(n);
          CAPTURE(start);
          const auto e = find_extent(column_view{x.data(), x.size()});
          CHECK(e.n == seen);
          CHECK(e.min == lo);
          CHECK(e.max == hi);
        }
      }
    }
  }

  TEST_CASE("all missing: no values, extent 0..0; one infinity alone is both ends") {
    using govmetrics::normalize::detail::find_extent;
    const std::vector<double> none(7, nan_v);
    const auto e = find_extent(column_view{none.data(), none.size()});
    CHECK(e.n == 0);
    CHECK(e.min == 0.0);
    CHECK(e.max == 0.0);
    std::vector<double> one(6, nan_v);
    one[5] = -inf_v;
    const auto f = find_extent(column_view{one.data(), one.size()});
    CHECK(f.n == 1);
    CHECK(f.min == -inf_v);
    CHECK(f.max == -inf_v);
  }

  TEST_CASE("signed_copy_extent: the signed copy and find_extent's extent, to the bit") {
    using govmetrics::normalize::detail::find_extent;
    using govmetrics::normalize::detail::signed_copy_extent;
    // every length to 13 (around the vector widths), NaN, signed zeros, infinities
    const std::vector<double> pool{3.5, nan_v, -0.0, 0.0,  -2.25,  1e308, -inf_v,
                                   7.0, inf_v, 0.0,  -0.0, 1e-310, nan_v};
    for (double sign : {1.0, -1.0}) {
      for (std::size_t n = 0; n <= pool.size(); ++n) {
        for (std::size_t start = 0; start + n <= pool.size(); ++start) {
          CAPTURE(sign);
          CAPTURE(n);
          CAPTURE(start);
          std::vector<double> out(n, 123.0);
          const auto e = signed_copy_extent(pool.data() + start, sign, out.data(), n);
          std::vector<double> want(n);
          for (std::size_t i = 0; i < n; ++i)
            want[i] = pool[start + i] * sign;
          // (an empty vector's data() may be null, which memcmp must not get)
          CHECK((n == 0 || std::memcmp(out.data(), want.data(), n * sizeof(double)) == 0));
          const auto f = find_extent(column_view{want.data(), n});
          CHECK(e.n == f.n);
          CHECK(std::memcmp(&e.min, &f.min, sizeof(double)) == 0);
          CHECK(std::memcmp(&e.max, &f.max, sizeof(double)) == 0);
        }
      }
    }
  }

  TEST_CASE("min_max fits the same parameters from a given extent as from its own pass") {
    const std::vector<double> x{4.0, nan_v, -3.0, 12.5, 0.0};
    const column_view v{x.data(), x.size()};
    const govmetrics::column_extent known{-3.0, 12.5, 4};
    const auto own = min_max{}.fit(fit_input{v, direction::positive, "x"});
    const auto given = min_max{}.fit(fit_input{v, direction::positive, "x", nullptr, &known});
    CHECK(own.min == given.min);
    CHECK(own.max == given.max);
    // the extent is what the fit uses when given (the pipeline's is the column's own)
    const govmetrics::column_extent other{-1.0, 1.0, 4};
    const auto used = min_max{}.fit(fit_input{v, direction::positive, "x", nullptr, &other});
    CHECK(used.min == -1.0);
    CHECK(used.max == 1.0);
    const govmetrics::column_extent flat{2.0, 2.0, 4};
    CHECK_THROWS_AS(min_max{}.fit(fit_input{v, direction::positive, "x", nullptr, &flat}),
                    data_error);
  }
}

} // namespace unit_normalize_min_max_test
