// Tests of govmetrics/impute/median.hpp: odd and even counts, groups, overflow-safe middle.
#include "govmetrics/impute/median.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_impute_median_test {

namespace {

using namespace govmetrics;

constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();

impute::details run(const impute::median& m, std::vector<double>& x,
                    const std::vector<std::string>* groups = nullptr) {
  return m.apply(impute::column_ref{x.data(), x.size(), "ind", nullptr, groups,
                                    groups != nullptr ? "grp" : ""});
}

} // namespace

TEST_SUITE("impute::median") {
  TEST_CASE("models the imputer concept and is named 'median'") {
    static_assert(impute::is_imputer_v<impute::median>);
    CHECK(std::string(impute::median::name()) == "median");
  }

  TEST_CASE("odd count: the middle value (and an even count next to it)") {
    std::vector<double> x{3.0, nan_v, 1.0, 2.0, 100.0};
    const auto d = run(impute::median{}, x);
    CHECK(x[1] == 2.5); // of 1, 2, 3, 100: an even count of 4 -> (2 + 3) / 2
    CHECK(d.imputed() == 1);
    std::vector<double> y{3.0, nan_v, 1.0, 2.0};
    run(impute::median{}, y);
    CHECK(y[1] == 2.0); // of 1, 2, 3
  }

  TEST_CASE("even count: the mean of the two middle values") {
    std::vector<double> x{4.0, 1.0, nan_v, 3.0, 2.0};
    run(impute::median{}, x);
    CHECK(x[2] == 2.5);
  }

  TEST_CASE("within groups") {
    // group a: 1, 9, NaN -> 5; group b: 2, 4, 10, NaN -> 4
    std::vector<double> x{1.0, 2.0, 9.0, 4.0, nan_v, 10.0, nan_v};
    const std::vector<std::string> g{"a", "b", "a", "b", "a", "b", "b"};
    const auto d = run(impute::median{"grp"}, x, &g);
    CHECK(x[4] == 5.0);
    CHECK(x[6] == 4.0);
    CHECK(d.units == std::vector<std::size_t>{4, 6});
  }

  TEST_CASE("two huge middle values do not overflow") {
    const double big = std::numeric_limits<double>::max();
    std::vector<double> x{big, big, nan_v};
    run(impute::median{}, x);
    CHECK(x[2] == big);
  }

  TEST_CASE("a group without data keeps its missing cells") {
    std::vector<double> x{nan_v, 1.0};
    const std::vector<std::string> g{"a", "b"};
    const auto d = run(impute::median{"grp"}, x, &g);
    CHECK(std::isnan(x[0]));
    CHECK(d.empty_groups == std::vector<std::string>{"a"});
  }
}

} // namespace unit_impute_median_test
