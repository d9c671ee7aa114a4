// Tests of govmetrics/detail/elementary.hpp: exp and log from IEEE arithmetic only (the geometric
// mean's), within one unit in the last place of the C library's (glibc's are correctly rounded in
// nearly every case: an independent oracle), with their special values, and the same bits from
// the vectorised loops (GOVMETRICS_MULTIVERSION) as from the scalar functions.
#include "govmetrics/detail/elementary.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_detail_elementary_test {

namespace {

using govmetrics::detail::bits_of;
using govmetrics::detail::exp_ieee;
using govmetrics::detail::log_ieee;

constexpr double inf = std::numeric_limits<double>::infinity();
constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();

/// The distance between two finite doubles, or two infinities of the same sign, in units in the
/// last place (doubles ordered as integers).
std::uint64_t ulps(double a, double b) {
  const auto ordered = [](double x) {
    const std::uint64_t u = bits_of(x);
    return (u >> 63) != 0 ? std::uint64_t{0x8000000000000000U} - (u & 0x7fffffffffffffffU)
                          : u + 0x8000000000000000U;
  };
  const std::uint64_t ua = ordered(a);
  const std::uint64_t ub = ordered(b);
  return ua > ub ? ua - ub : ub - ua;
}

/// Same bits, or both NaN.
bool same(double a, double b) {
  return bits_of(a) == bits_of(b) || (std::isnan(a) && std::isnan(b));
}

/// Arguments of exp: uniform over the whole range where e^x is neither 0 nor +inf and a little
/// beyond, then small ones of every magnitude (r near 0, k = 0), then the edges.
std::vector<double> exp_arguments() {
  std::mt19937_64 g(20261204);
  std::vector<double> x;
  std::uniform_real_distribution<double> wide(-750.0, 712.0);
  for (int i = 0; i < 400000; ++i)
    x.push_back(wide(g));
  std::uniform_real_distribution<double> unit(-1.0, 1.0);
  for (int i = 0; i < 200000; ++i)
    x.push_back(unit(g) * std::pow(10.0, -static_cast<double>(g() % 300)));
  for (double s : {0.0,
                   -0.0,
                   1.0,
                   -1.0,
                   0.5 * std::log(2.0),
                   -0.5 * std::log(2.0),
                   709.78,
                   709.782712893384,
                   709.7827128933841,
                   709.79,
                   710.0,
                   -708.39,
                   -708.4,
                   -708.5,
                   -744.44,
                   -745.13,
                   -745.1332191019411,
                   -745.1332191019412,
                   -745.2,
                   -746.0,
                   1e-300,
                   -1e-300,
                   std::numeric_limits<double>::denorm_min()})
    x.push_back(s);
  return x;
}

/// Arguments of log: random significands at every binary exponent (subnormals included), many
/// near 1 (where log is smallest and fdlibm switches form), and the edges.
std::vector<double> log_arguments() {
  std::mt19937_64 g(42);
  std::vector<double> x;
  std::uniform_real_distribution<double> significand(1.0, 2.0);
  std::uniform_int_distribution<int> exponent(-1074, 1023);
  for (int i = 0; i < 400000; ++i)
    x.push_back(std::ldexp(significand(g), exponent(g)));
  std::uniform_real_distribution<double> near(0.5, 2.0);
  for (int i = 0; i < 200000; ++i)
    x.push_back(near(g));
  std::uniform_real_distribution<double> unit(-1.0, 1.0);
  for (int i = 0; i < 50000; ++i)
    x.push_back(1.0 + unit(g) * std::pow(10.0, -static_cast<double>(g() % 16)));
  for (double s : {1.0, 2.0, 0.5, std::sqrt(2.0), std::sqrt(0.5), 1.0 + 0x1p-52, 1.0 - 0x1p-53,
                   std::numeric_limits<double>::denorm_min(), std::numeric_limits<double>::min(),
                   std::numeric_limits<double>::max(), 10.0, 100.0, 1e-300, 1e300})
    x.push_back(s);
  return x;
}

} // namespace

TEST_SUITE("detail::exp_ieee and detail::log_ieee") {
  TEST_CASE("exp is within one ulp of the C library's") {
    std::uint64_t worst = 0;
    double at = 0.0;
    for (double x : exp_arguments()) {
      const std::uint64_t d = ulps(exp_ieee(x), std::exp(x));
      if (d > worst) {
        worst = d;
        at = x;
      }
    }
    CAPTURE(at);
    CHECK(worst <= 1);
  }

  TEST_CASE("log is within one ulp of the C library's") {
    std::uint64_t worst = 0;
    double at = 0.0;
    for (double x : log_arguments()) {
      const std::uint64_t d = ulps(log_ieee(x), std::log(x));
      if (d > worst) {
        worst = d;
        at = x;
      }
    }
    CAPTURE(at);
    CHECK(worst <= 1);
  }

  TEST_CASE("special values") {
    CHECK(same(exp_ieee(0.0), 1.0));
    CHECK(same(exp_ieee(-0.0), 1.0));
    CHECK(same(exp_ieee(inf), inf));
    CHECK(same(exp_ieee(-inf), 0.0));
    CHECK(std::isnan(exp_ieee(nan_v)));
    CHECK(same(exp_ieee(710.0), inf));                // overflows
    CHECK(std::isfinite(exp_ieee(709.782712893384))); // just below the largest double's log
    CHECK(same(exp_ieee(-746.0), 0.0));               // below half the smallest subnormal
    CHECK(same(exp_ieee(-745.13), std::numeric_limits<double>::denorm_min()));
    CHECK(same(log_ieee(1.0), 0.0));
    CHECK(same(log_ieee(0.0), -inf));
    CHECK(same(log_ieee(-0.0), -inf));
    CHECK(same(log_ieee(inf), inf));
    CHECK(std::isnan(log_ieee(-1.0)));
    CHECK(std::isnan(log_ieee(-inf)));
    CHECK(std::isnan(log_ieee(nan_v)));
    // the smallest subnormal: -1074 ln 2
    CHECK(ulps(log_ieee(std::numeric_limits<double>::denorm_min()), -744.4400719213812) <= 1);
  }

  TEST_CASE("the vectorised loops give the scalar functions' bits, at every length") {
    // lengths 0-40 cover the tails of 8-, 4- and 2-wide loops; on a machine with AVX-512 or AVX2
    // this compares that clone with the scalar function
    const std::vector<double> xs = exp_arguments();
    const std::vector<double> ls = log_arguments();
    std::size_t checked = 0;
    for (std::size_t n = 0; n <= 40; ++n) {
      for (std::size_t start = 0; start + n <= 4000; start += 997) {
        std::vector<double> e(xs.end() - 4000 + static_cast<std::ptrdiff_t>(start),
                              xs.end() - 4000 + static_cast<std::ptrdiff_t>(start + n));
        const std::vector<double> e0 = e;
        govmetrics::detail::exp_in_place(e.data(), n);
        std::vector<double> l(n);
        const double* lx = ls.data() + start;
        govmetrics::detail::log_positive(lx, l.data(), n);
        for (std::size_t i = 0; i < n; ++i) {
          CAPTURE(n);
          CAPTURE(i);
          CHECK(same(e[i], exp_ieee(e0[i])));
          CHECK(same(l[i], log_ieee(lx[i])));
          ++checked;
        }
      }
    }
    CHECK(checked > 0);
    // the whole sets, and the edges (the tail of exp_arguments, the start of log_arguments)
    std::vector<double> e = xs;
    govmetrics::detail::exp_in_place(e.data(), e.size());
    std::size_t differ = 0;
    for (std::size_t i = 0; i < xs.size(); ++i)
      differ += same(e[i], exp_ieee(xs[i])) ? 0U : 1U;
    CHECK(differ == 0);
    std::vector<double> with_edges = ls;
    for (double s : {0.0, -0.0, -1.0, -inf, inf, nan_v})
      with_edges.push_back(s);
    std::vector<double> l(with_edges.size());
    govmetrics::detail::log_positive(with_edges.data(), l.data(), with_edges.size());
    differ = 0;
    for (std::size_t i = 0; i < with_edges.size(); ++i) {
      const double x = with_edges[i];
      differ += same(l[i], x > 0.0 ? log_ieee(x) : nan_v) ? 0U : 1U;
    }
    CHECK(differ == 0);
  }
}

} // namespace unit_detail_elementary_test
