// Tests of govmetrics/core/column_view.hpp: non-owning views of one contiguous column of doubles.
#include "govmetrics/core/column_view.hpp"

#include <doctest/doctest.h>

#include <cstddef>
#include <numeric>
#include <vector>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_core_column_view_test {

namespace {
using govmetrics::column_view;
using govmetrics::mutable_column_view;

constexpr double fixed[3] = {1.5, -2.0, 4.0};
constexpr column_view fixed_view{fixed, 3};
static_assert(fixed_view.size() == 3, "column_view is usable in constant expressions");
static_assert(fixed_view[2] == 4.0, "column_view indexes its data");
static_assert(column_view{}.empty(), "a default column_view is empty");
} // namespace

TEST_SUITE("column_view") {
  TEST_CASE("a default view is empty") {
    const column_view v;
    CHECK(v.empty());
    CHECK(v.size() == 0);
    CHECK(v.data() == nullptr);
    CHECK(v.begin() == v.end());
  }

  TEST_CASE("views the given memory without copying") {
    const std::vector<double> x{3.0, 1.0, 2.0};
    const column_view v{x.data(), x.size()};
    CHECK_FALSE(v.empty());
    CHECK(v.size() == 3);
    CHECK(v.data() == x.data());
    CHECK(&v[1] == &x[1]);
    CHECK(v.end() - v.begin() == 3);
    // range-for walks the column: 3 + 1 + 2 = 6
    CHECK(std::accumulate(v.begin(), v.end(), 0.0) == 6.0);
  }
}

TEST_SUITE("mutable_column_view") {
  TEST_CASE("writes reach the viewed memory") {
    std::vector<double> x(4, 0.0);
    const mutable_column_view v{x.data(), x.size()};
    v[2] = 7.0;
    for (double& d : v)
      d += 1.0;
    CHECK(x == std::vector<double>{1.0, 1.0, 8.0, 1.0});
  }

  TEST_CASE("converts to a read-only view of the same memory") {
    std::vector<double> x{5.0, 6.0};
    const mutable_column_view m{x.data(), x.size()};
    const column_view c = m;
    CHECK(c.data() == x.data());
    CHECK(c.size() == 2);
    CHECK(c[1] == 6.0);
    CHECK(mutable_column_view{}.size() == 0);
  }
}

} // namespace unit_core_column_view_test
