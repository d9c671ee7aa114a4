// Tests of govmetrics/impute/mean.hpp (and the shared fill-by-group kernel of impute/details.hpp,
// and impute::none): hand-computed means over all units and within groups, groups without data,
// a single unit, an empty group label, and a large offset.
#include "govmetrics/impute/mean.hpp"
#include "govmetrics/impute/none.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_impute_mean_test {

namespace {

using namespace govmetrics;

constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();

impute::details run(const impute::mean& m, std::vector<double>& x,
                    const std::vector<std::string>* groups = nullptr,
                    const std::vector<std::string>* units = nullptr) {
  return m.apply(
      impute::column_ref{x.data(), x.size(), "ind", units, groups, groups != nullptr ? "grp" : ""});
}

} // namespace

TEST_SUITE("impute::mean") {
  TEST_CASE("models the imputer concept and is named 'mean'") {
    static_assert(impute::is_imputer_v<impute::mean>);
    static_assert(impute::is_imputer_v<impute::none>);
    CHECK(std::string(impute::mean::name()) == "mean");
    CHECK(impute::mean{}.group.empty());
  }

  TEST_CASE("a missing cell gets the mean of the units with data") {
    std::vector<double> x{1.0, nan_v, 3.0, 8.0};
    const auto d = run(impute::mean{}, x);
    CHECK(x[1] == 4.0); // (1 + 3 + 8) / 3
    CHECK(x[0] == 1.0);
    CHECK(x[3] == 8.0);
    CHECK(d.method == "mean");
    CHECK(d.indicator == "ind");
    CHECK(d.missing == 1);
    CHECK(d.imputed() == 1);
    CHECK(d.units == std::vector<std::size_t>{1});
    CHECK(d.left_missing == 0);
    CHECK(d.empty_groups.empty());
  }

  TEST_CASE("within groups: each group's own mean") {
    // group a: 1, NaN -> 1; group b: NaN, 4, 6 -> 5
    std::vector<double> x{1.0, nan_v, nan_v, 4.0, 6.0};
    const std::vector<std::string> g{"a", "a", "b", "b", "b"};
    const auto d = run(impute::mean{"grp"}, x, &g);
    CHECK(x[1] == 1.0);
    CHECK(x[2] == 5.0);
    CHECK(d.group == "grp");
    CHECK(d.units == std::vector<std::size_t>{1, 2});
  }

  TEST_CASE("a group without data keeps its missing cells and is listed") {
    std::vector<double> x{nan_v, nan_v, 3.0, nan_v};
    const std::vector<std::string> g{"a", "a", "b", "b"};
    const auto d = run(impute::mean{"grp"}, x, &g);
    CHECK(std::isnan(x[0]));
    CHECK(std::isnan(x[1]));
    CHECK(x[3] == 3.0);
    CHECK(d.missing == 3);
    CHECK(d.imputed() == 1);
    CHECK(d.left_missing == 2);
    CHECK(d.empty_groups == std::vector<std::string>{"a"});
  }

  TEST_CASE("a single unit: nothing to impute from, nothing to impute") {
    std::vector<double> missing{nan_v};
    const auto d = run(impute::mean{}, missing);
    CHECK(std::isnan(missing[0]));
    CHECK(d.left_missing == 1);
    CHECK(d.empty_groups == std::vector<std::string>{""}); // "" = all units
    std::vector<double> present{5.0};
    const auto e = run(impute::mean{}, present);
    CHECK(present[0] == 5.0);
    CHECK(e.missing == 0);
    CHECK(e.imputed() == 0);
  }

  TEST_CASE("a unit without a group label is a data_error naming it and the column") {
    std::vector<double> x{1.0, nan_v, 3.0};
    const std::vector<std::string> g{"a", "", "a"};
    const std::vector<std::string> units{"u1", "u2", "u3"};
    CHECK_THROWS_WITH_AS(run(impute::mean{"grp"}, x, &g, &units),
                         "impute::mean: unit 'u2' has no group in column 'grp' (empty label; "
                         "indicator 'ind'): give every unit a group or impute without 'group'",
                         data_error);
  }

  TEST_CASE("a group column of the wrong size is a data_error") {
    std::vector<double> x{1.0, nan_v, 3.0};
    const std::vector<std::string> g{"a", "a"};
    CHECK_THROWS_AS(run(impute::mean{"grp"}, x, &g), data_error);
  }

  TEST_CASE("complete data are left untouched (no group labels needed)") {
    std::vector<double> x{1.0, 2.0};
    const std::vector<std::string> g{"", ""};
    const auto d = run(impute::mean{"grp"}, x, &g);
    CHECK(d.imputed() == 0);
    CHECK(x == std::vector<double>{1.0, 2.0});
  }

  TEST_CASE("a large offset: the mean keeps its last digits (compensated two-pass)") {
    // exact mean of the three doubles is 100000000.2 up to their own rounding (ulp 1.49e-8)
    std::vector<double> x{100000000.1, 100000000.2, 100000000.3, nan_v};
    run(impute::mean{}, x);
    CHECK(std::fabs(x[3] - 100000000.2) <= 1.5e-8);
  }
}

TEST_SUITE("impute::none") {
  TEST_CASE("leaves every cell as it is and counts the missing ones") {
    std::vector<double> x{1.0, nan_v, nan_v};
    const auto d =
        impute::none{}.apply(impute::column_ref{x.data(), x.size(), "ind", nullptr, nullptr, ""});
    CHECK(std::isnan(x[1]));
    CHECK(d.method == "none");
    CHECK(d.missing == 2);
    CHECK(d.left_missing == 2);
    CHECK(d.imputed() == 0);
  }
}

} // namespace unit_impute_mean_test
