// Sensitivity designs (issue 11): the unscrambled Sobol' points are the published sequence;
// scrambled points stay a (t, m, s)-net (checked by counting points in every elementary interval,
// a check that Monte Carlo points fail); the radial layout A, B, AB_i; points from any start
// equal the same points generated from 0; bad sizes are refused with the sizes that would do.
#include <govmetrics/sensitivity/design.hpp>

#include <doctest/doctest.h>

#include <cstddef>
#include <string>
#include <vector>

namespace unit_sensitivity_design_test {

namespace {

namespace gs = govmetrics::sensitivity;

/// Whether points (n x dims, row-major) put exactly n 2^-m points in every elementary interval
/// [k1 / 2^a1, (k1 + 1) / 2^a1) x [k2 / 2^a2, (k2 + 1) / 2^a2) of coordinates c1, c2 with
/// a1 + a2 = m - t (n = 2^m): the (t, m, 2)-net property of that projection.
bool is_net(const std::vector<double>& p, std::size_t dims, std::size_t c1, std::size_t c2,
            unsigned m, unsigned t) {
  const std::size_t n = p.size() / dims;
  for (unsigned a1 = 0; a1 <= m - t; ++a1) {
    const unsigned a2 = m - t - a1;
    std::vector<std::size_t> count(std::size_t{1} << (m - t), 0);
    for (std::size_t j = 0; j < n; ++j) {
      const auto k1 = static_cast<std::size_t>(p[j * dims + c1] * static_cast<double>(1U << a1));
      const auto k2 = static_cast<std::size_t>(p[j * dims + c2] * static_cast<double>(1U << a2));
      ++count[(k1 << a2) | k2];
    }
    for (std::size_t c : count) {
      if (c != (std::size_t{1} << t))
        return false;
    }
  }
  return true;
}

/// Whether every interval [k / n, (k + 1) / n) of coordinate c holds exactly one point.
bool is_stratified(const std::vector<double>& p, std::size_t dims, std::size_t c) {
  const std::size_t n = p.size() / dims;
  std::vector<int> seen(n, 0);
  for (std::size_t j = 0; j < n; ++j)
    ++seen[static_cast<std::size_t>(p[j * dims + c] * static_cast<double>(n))];
  for (int s : seen) {
    if (s != 1)
      return false;
  }
  return true;
}

} // namespace

TEST_CASE("unscrambled Sobol' points are the published sequence, starting at the origin") {
  // Joe and Kuo's new-joe-kuo-6.21201 direction numbers: the first 8 points in 3 dimensions
  // (as tabulated, e.g., by scipy.stats.qmc.Sobol(d=3, scramble=False)).
  const double expected[8][3] = {{0, 0, 0},
                                 {0.5, 0.5, 0.5},
                                 {0.75, 0.25, 0.25},
                                 {0.25, 0.75, 0.75},
                                 {0.375, 0.375, 0.625},
                                 {0.875, 0.875, 0.125},
                                 {0.625, 0.125, 0.875},
                                 {0.125, 0.625, 0.375}};
  gs::design_options opt;
  opt.scramble = false;
  const gs::point_set points(3, opt);
  std::vector<double> p(8 * 3);
  points.fill(0, 8, p.data());
  for (std::size_t j = 0; j < 8; ++j) {
    for (std::size_t c = 0; c < 3; ++c)
      CHECK(p[j * 3 + c] == expected[j][c]);
  }
  // from any start, the same points
  std::vector<double> tail(3 * 3);
  points.fill(5, 3, tail.data());
  for (std::size_t i = 0; i < tail.size(); ++i)
    CHECK(tail[i] == p[15 + i]);
}

TEST_CASE("scrambled Sobol' points stay a net; Monte Carlo points are not one") {
  const unsigned m = 10;
  const std::size_t n = std::size_t{1} << m;
  const std::size_t dims = 12;
  for (std::uint64_t seed : {1ULL, 42ULL, 20261204ULL}) {
    gs::design_options opt;
    opt.seed = seed;
    const gs::point_set points(dims, opt);
    std::vector<double> p(n * dims);
    points.fill(0, n, p.data());
    // the first two coordinates of Sobol' points are a (0, m, 2)-net
    CHECK(is_net(p, dims, 0, 1, m, 0));
    for (std::size_t c = 0; c < dims; ++c)
      CHECK(is_stratified(p, dims, c));
    for (double x : p) {
      CHECK(x >= 0.0);
      CHECK(x < 1.0);
    }
    // scrambling changes the points (the origin moves) and depends on the seed
    CHECK(p[0] != 0.0);
  }
  gs::design_options mc;
  mc.method = gs::sampling::monte_carlo;
  const gs::point_set random(dims, mc);
  std::vector<double> r(n * dims);
  random.fill(0, n, r.data());
  CHECK_FALSE(is_net(r, dims, 0, 1, m, 0));
  CHECK_FALSE(is_stratified(r, dims, 0));
  // scrambled points from any start equal the points from 0
  gs::design_options opt;
  const gs::point_set points(dims, opt);
  std::vector<double> all(40 * dims);
  std::vector<double> part(7 * dims);
  points.fill(0, 40, all.data());
  points.fill(33, 7, part.data());
  for (std::size_t i = 0; i < part.size(); ++i)
    CHECK(part[i] == all[33 * dims + i]);
}

TEST_CASE("coordinates beyond Boost's Sobol' table are padded with seeded uniforms") {
  const std::size_t dims = gs::max_sobol_dimension + 3;
  const gs::point_set points(dims, gs::design_options{});
  std::vector<double> p(4 * dims);
  points.fill(0, 4, p.data());
  std::vector<double> q(2 * dims);
  points.fill(2, 2, q.data());
  for (std::size_t i = 0; i < q.size(); ++i)
    CHECK(q[i] == p[2 * dims + i]);
  for (double x : p) {
    CHECK(x >= 0.0);
    CHECK(x < 1.0);
  }
}

TEST_CASE("the radial design: A, B, then AB_i with factor i's coordinates from B") {
  const std::vector<std::size_t> groups{2, 1, 3};
  const std::size_t dims = 6;
  const std::size_t n = 8;
  const auto x = gs::radial_design(n, groups);
  REQUIRE(x.size() == n * (groups.size() + 2) * dims);
  std::vector<double> base(n * 2 * dims);
  gs::point_set(2 * dims, gs::design_options{}).fill(0, n, base.data());
  const std::size_t offsets[] = {0, 2, 3, 6};
  for (std::size_t j = 0; j < n; ++j) {
    for (std::size_t c = 0; c < dims; ++c) {
      const double a = base[j * 2 * dims + c];
      const double b = base[j * 2 * dims + dims + c];
      CHECK(x[j * dims + c] == a);
      CHECK(x[(n + j) * dims + c] == b);
      for (std::size_t i = 0; i < groups.size(); ++i) {
        const bool from_b = c >= offsets[i] && c < offsets[i + 1];
        CHECK(x[((2 + i) * n + j) * dims + c] == (from_b ? b : a));
      }
    }
  }
  const auto scalar = gs::sobol_design(3, 16);
  CHECK(scalar.size() == 16 * 5 * 3);
}

TEST_CASE("bad design sizes are refused with the sizes that would do") {
  CHECK_THROWS_WITH_AS(gs::sobol_design(2, 100),
                       "sensitivity: N must be a power of two for Sobol' points (got 100; try 64 "
                       "or 128)",
                       govmetrics::spec_error);
  CHECK_THROWS_AS(gs::sobol_design(2, 1), govmetrics::spec_error);
  CHECK_THROWS_AS(gs::sobol_design(0, 8), govmetrics::spec_error);
  CHECK_THROWS_AS(gs::radial_design(8, {1, 0}), govmetrics::spec_error);
  gs::design_options mc;
  mc.method = gs::sampling::monte_carlo;
  CHECK(gs::sobol_design(2, 100, mc).size() == 100 * 4 * 2);
}

} // namespace unit_sensitivity_design_test
