// Tests of govmetrics/detail/accumulate.hpp: Neumaier summation and two-pass moments that survive
// cancellation and large offsets (NIST StRD NumAcc1-4), and the shape statistics of the treatment
// on the same data.
#include "govmetrics/detail/accumulate.hpp"
#include "govmetrics/detail/moments.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <limits>
#include <vector>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_detail_accumulate_test {

namespace {

using govmetrics::detail::compute_moments;
using govmetrics::detail::neumaier_sum;

constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();

double compensated(const std::vector<double>& x) {
  neumaier_sum s;
  for (double v : x)
    s.add(v);
  return s.value();
}

double naive(const std::vector<double>& x) {
  double s = 0.0;
  for (double v : x)
    s += v;
  return s;
}

/// NIST StRD NumAcc4 layout: 1001 values, the first `centre`, then 500 pairs centre -/+ 0.1 as
/// decimal literals (certified: mean = centre, sd = 0.1).
std::vector<double> numacc(double centre_value, double below, double above) {
  std::vector<double> x{centre_value};
  for (int i = 0; i < 500; ++i) {
    x.push_back(below);
    x.push_back(above);
  }
  return x;
}

} // namespace

TEST_SUITE("detail::neumaier_sum") {
  TEST_CASE("an empty sum is 0") {
    CHECK(neumaier_sum{}.value() == 0.0);
  }

  TEST_CASE("small terms next to huge ones are not lost") {
    // 1e16 + 1 rounds to 1e16 (the spacing of doubles at 1e16 is 2), so a naive sum gives 0;
    // the exact sum is 1.
    const std::vector<double> x{1e16, 1.0, -1e16};
    REQUIRE(naive(x) == 0.0); // the test data really defeat naive summation
    CHECK(compensated(x) == 1.0);
    // Neumaier's own example, where Kahan's algorithm also gives 0: exact sum 2
    const std::vector<double> y{1.0, 1e100, 1.0, -1e100};
    REQUIRE(naive(y) == 0.0);
    CHECK(compensated(y) == 2.0);
    // many small terms cancelled at the end: 1e16 + 1000 * 1 - 1e16 = 1000
    std::vector<double> z{1e16};
    z.insert(z.end(), 1000, 1.0);
    z.push_back(-1e16);
    CHECK(compensated(z) == 1000.0);
  }

  TEST_CASE("ten times 0.1 is 1") {
    // fl(0.1) = 0.1000000000000000055511151231257827; ten of them are exactly
    // 1.000000000000000055511151231257827, whose nearest double is 1.0. Naive summation gives
    // 0.9999999999999999.
    const std::vector<double> x(10, 0.1);
    REQUIRE(naive(x) != 1.0);
    CHECK(compensated(x) == 1.0);
  }

  TEST_CASE("order does not matter for exactly cancelling terms") {
    // every permutation of 1e16, -1e16, 3, 4 sums to 7
    std::vector<double> x{1e16, -1e16, 3.0, 4.0};
    std::vector<std::size_t> p{0, 1, 2, 3};
    do {
      neumaier_sum s;
      for (std::size_t i : p)
        s.add(x[i]);
      CAPTURE(p[0]);
      CAPTURE(p[1]);
      CAPTURE(p[2]);
      CHECK(s.value() == 7.0);
    } while (std::next_permutation(p.begin(), p.end()));
  }
}

TEST_SUITE("detail::add_weighted_columns") {
  TEST_CASE("every unit gets the bits of its own neumaier_sum, whatever the vector width") {
    // Columns of 1 to 41 units (the tails of 8- and 4-wide loops), five weighted children with
    // terms that cancel, differ by 30 orders of magnitude and are subnormal: the compensated sum
    // per unit (sum, comp) and the mean must be bit-identical to neumaier_sum::add(w * x), one
    // unit at a time, then value() / den. On a machine with AVX-512 or AVX2 this compares the
    // vector clone with the scalar class (GOVMETRICS_MULTIVERSION); builds without it compare
    // the baseline.
    const std::vector<double> w{0.3, 1e-17, 0.1, 2.5, 1.0 / 3.0};
    for (std::size_t n = 1; n <= 41; ++n) {
      std::vector<std::vector<double>> cols(w.size(), std::vector<double>(n));
      for (std::size_t c = 0; c < w.size(); ++c) {
        for (std::size_t i = 0; i < n; ++i) {
          const double k = static_cast<double>((i * 7 + c * 13) % 11) - 5.0;
          switch ((i + c) % 4) {
          case 0:
            cols[c][i] = k * 1e16;
            break;
          case 1:
            cols[c][i] = k * 0.1 + 1e-14;
            break;
          case 2:
            cols[c][i] = k * std::numeric_limits<double>::denorm_min() * 3.0;
            break;
          default:
            cols[c][i] = k * 1e-14 + 7.0 / 3.0;
            break;
          }
        }
      }
      // the five columns in two calls (two, then three), as a node whose third child is not
      // clean would make them
      std::vector<const double*> x;
      for (const auto& col : cols)
        x.push_back(col.data());
      std::vector<double> sum(n, 0.0);
      std::vector<double> comp(n, 0.0);
      govmetrics::detail::add_weighted_columns(sum.data(), comp.data(), x.data(), w.data(), 2, n);
      govmetrics::detail::add_weighted_columns(sum.data(), comp.data(), x.data() + 2, w.data() + 2,
                                               3, n);
      std::vector<double> mean(n);
      govmetrics::detail::divide_compensated(mean.data(), sum.data(), comp.data(), 0.7, n);
      // the same five in one call that starts the sums (`start`: sum and comp hold NaN, which
      // must not be read), and one by one from a start
      std::vector<double> sum1(n, nan_v);
      std::vector<double> comp1(n, nan_v);
      govmetrics::detail::add_weighted_columns(sum1.data(), comp1.data(), x.data(), w.data(), 5, n,
                                               true);
      std::vector<double> sum2(n, nan_v);
      std::vector<double> comp2(n, nan_v);
      govmetrics::detail::add_weighted_columns(sum2.data(), comp2.data(), x.data(), w.data(), 1, n,
                                               true);
      for (std::size_t c = 1; c < w.size(); ++c) {
        govmetrics::detail::add_weighted_columns(sum2.data(), comp2.data(), x.data() + c,
                                                 w.data() + c, 1, n);
      }
      for (std::size_t i = 0; i < n; ++i) {
        neumaier_sum s;
        for (std::size_t c = 0; c < w.size(); ++c)
          s.add(w[c] * cols[c][i]);
        CAPTURE(n);
        CAPTURE(i);
        CHECK(sum[i] + comp[i] == s.value());
        CHECK(mean[i] == s.value() / 0.7);
        CHECK(std::memcmp(&sum1[i], &sum[i], sizeof(double)) == 0);
        CHECK(std::memcmp(&comp1[i], &comp[i], sizeof(double)) == 0);
        CHECK(std::memcmp(&sum2[i], &sum[i], sizeof(double)) == 0);
        CHECK(std::memcmp(&comp2[i], &comp[i], sizeof(double)) == 0);
      }
    }
  }

  TEST_CASE("every number of columns in one call (passes of four, two and one) gives the bits of "
            "neumaier_sum") {
    // 1-11 columns cover every mix of the four-, two- and one-column passes, with and without
    // `start`, on 1-19 units (vector tails); terms of 40 binary orders of magnitude that cancel
    for (std::size_t k = 1; k <= 11; ++k) {
      for (std::size_t n = 1; n <= 19; ++n) {
        std::vector<std::vector<double>> cols(k, std::vector<double>(n));
        std::vector<double> w(k);
        std::vector<const double*> x;
        for (std::size_t c = 0; c < k; ++c) {
          w[c] = std::ldexp(1.0 + static_cast<double>(c) / 7.0, static_cast<int>(c % 5) * 9 - 20);
          for (std::size_t i = 0; i < n; ++i) {
            const double sign = (i + c) % 3 == 0 ? -1.0 : 1.0;
            cols[c][i] = sign * std::ldexp(1.0 / 3.0 + static_cast<double>(i),
                                           static_cast<int>((i * 5 + c * 3) % 40) - 20);
          }
          x.push_back(cols[c].data());
        }
        // a sum already started (1.5, with a compensation), and a start from nothing (NaN there)
        std::vector<double> sum(n, 1.5);
        std::vector<double> comp(n, 1e-17);
        govmetrics::detail::add_weighted_columns(sum.data(), comp.data(), x.data(), w.data(), k, n);
        std::vector<double> sum0(n, nan_v);
        std::vector<double> comp0(n, nan_v);
        govmetrics::detail::add_weighted_columns(sum0.data(), comp0.data(), x.data(), w.data(), k,
                                                 n, true);
        for (std::size_t i = 0; i < n; ++i) {
          // neumaier_sum's steps written out, from (1.5, 1e-17) and from (+0, +0)
          double s = 1.5;
          double e = 1e-17;
          double s0 = 0.0;
          double e0 = 0.0;
          const auto step = [](double& sum_, double& comp_, double y) {
            const double t = sum_ + y;
            const double b = t - sum_;
            comp_ += (sum_ - (t - b)) + (y - b);
            sum_ = t;
          };
          neumaier_sum from_zero;
          for (std::size_t c = 0; c < k; ++c) {
            const double y = w[c] * cols[c][i];
            step(s, e, y);
            step(s0, e0, y);
            from_zero.add(y);
          }
          CAPTURE(k);
          CAPTURE(n);
          CAPTURE(i);
          CHECK(std::memcmp(&sum[i], &s, sizeof(double)) == 0);
          CHECK(std::memcmp(&comp[i], &e, sizeof(double)) == 0);
          CHECK(std::memcmp(&sum0[i], &s0, sizeof(double)) == 0);
          CHECK(std::memcmp(&comp0[i], &e0, sizeof(double)) == 0);
          CHECK(sum0[i] + comp0[i] == from_zero.value());
        }
      }
    }
  }

  TEST_CASE("a start on -0 terms gives +0, as a sum from +0 does") {
    // neumaier_sum starts at +0, and +0 + -0 = +0: a start that copied the first term would
    // leave -0. Every first pass (one, two or four columns) and what follows it.
    const std::vector<double> col(9, -0.0);
    const std::vector<const double*> x(6, col.data());
    const std::vector<double> w(6, 0.5);
    for (std::size_t k = 1; k <= 6; ++k) {
      std::vector<double> sum(9, nan_v);
      std::vector<double> comp(9, nan_v);
      govmetrics::detail::add_weighted_columns(sum.data(), comp.data(), x.data(), w.data(), k, 9,
                                               true);
      for (std::size_t i = 0; i < 9; ++i) {
        CAPTURE(k);
        CHECK_FALSE(std::signbit(sum[i]));
        CHECK_FALSE(std::signbit(comp[i]));
        CHECK(sum[i] == 0.0);
      }
    }
  }
}

TEST_SUITE("detail::add_moments") {
  TEST_CASE("the units with a rank get neumaier_sum's bits, the others are left alone") {
    // lengths 1-37 (vector tails), scores far from and close to their origins, NaN ranks (a
    // unit not ranked: skipped, its NaN score never read into the sums)
    for (std::size_t n = 1; n <= 37; ++n) {
      std::vector<neumaier_sum> m1(n);
      std::vector<neumaier_sum> m2(n);
      std::vector<double> s1(n, 0.0);
      std::vector<double> c1(n, 0.0);
      std::vector<double> s2(n, 0.0);
      std::vector<double> c2(n, 0.0);
      std::vector<double> origin(n);
      for (std::size_t i = 0; i < n; ++i)
        origin[i] = static_cast<double>(i % 5) * 1e8 + 0.1;
      for (std::size_t r = 0; r < 12; ++r) {
        std::vector<double> x(n);
        std::vector<double> rank(n);
        for (std::size_t i = 0; i < n; ++i) {
          const bool ranked = (i + r) % 4 != 0;
          rank[i] = ranked ? static_cast<double>(1 + (i * 3 + r) % n) : nan_v;
          const double k = static_cast<double>((i * 7 + r * 11) % 13) - 6.0;
          x[i] = ranked ? origin[i] + k * ((r % 2) != 0 ? 1e-9 : 3e7) : nan_v;
          if (ranked) {
            const double d = x[i] - origin[i];
            m1[i].add(d);
            m2[i].add(d * d);
          }
        }
        govmetrics::detail::add_moments(s1.data(), c1.data(), s2.data(), c2.data(), x.data(),
                                        origin.data(), rank.data(), n);
      }
      for (std::size_t i = 0; i < n; ++i) {
        CAPTURE(n);
        CAPTURE(i);
        CHECK(s1[i] + c1[i] == m1[i].value());
        CHECK(s2[i] + c2[i] == m2[i].value());
        CHECK_FALSE(std::isnan(s1[i]));
      }
    }
  }
}

TEST_SUITE("detail::moments") {
  TEST_CASE("no values: n 0, both variances NaN") {
    const auto m = compute_moments(nullptr, 0);
    CHECK(m.n == 0);
    CHECK(std::isnan(m.sample_variance()));
    CHECK(std::isnan(m.population_variance()));
    const std::vector<double> all_nan{nan_v, nan_v};
    const auto m2 = compute_moments(all_nan.data(), all_nan.size());
    CHECK(m2.n == 0);
    CHECK(std::isnan(m2.sample_variance()));
  }

  TEST_CASE("one value: sample variance NaN, population variance 0") {
    const std::vector<double> x{nan_v, 3.5};
    const auto m = compute_moments(x.data(), x.size());
    CHECK(m.n == 1);
    CHECK(m.mean == 3.5);
    CHECK(m.m2 == 0.0);
    CHECK(std::isnan(m.sample_variance()));
    CHECK(m.population_variance() == 0.0);
  }

  TEST_CASE("textbook data, NaN ignored") {
    // 2 4 4 4 5 5 7 9: mean 5, squared deviations 9 1 1 1 0 0 4 16 -> m2 32,
    // sample variance 32/7, population variance 32/8 = 4
    const std::vector<double> x{2.0, 4.0, nan_v, 4.0, 4.0, 5.0, 5.0, nan_v, 7.0, 9.0};
    const auto m = compute_moments(x.data(), x.size());
    CHECK(m.n == 8);
    CHECK(m.mean == 5.0);
    CHECK(m.m2 == 32.0);
    CHECK(m.sample_variance() == doctest::Approx(32.0 / 7.0).epsilon(1e-15));
    CHECK(m.population_variance() == 4.0);
  }

  TEST_CASE("a constant column has m2 exactly 0, even when the constant is not binary-exact") {
    for (double c : {0.1, 0.7, 1.0 / 3.0, 123.456, 1e7 + 0.1}) {
      for (std::size_t n : {std::size_t{2}, std::size_t{3}, std::size_t{10}, std::size_t{1001}}) {
        CAPTURE(c);
        CAPTURE(n);
        const std::vector<double> x(n, c);
        const auto m = compute_moments(x.data(), n);
        CHECK(m.m2 == 0.0);
        CHECK(m.mean == c);
      }
    }
  }

  TEST_CASE("NIST StRD NumAcc4: mean 10000000.2, sd 0.1") {
    const auto x = numacc(10000000.2, 10000000.1, 10000000.3);
    const auto m = compute_moments(x.data(), x.size());
    REQUIRE(m.n == 1001);
    const double sd = std::sqrt(m.sample_variance());
    // certified values (of the decimal data): 1e-9 is about half the spacing of doubles at 1e7
    CHECK(std::fabs(m.mean - 10000000.2) <= 1e-9);
    CHECK(std::fabs(sd - 0.1) <= 1e-9);

    // Independent reference for the stored doubles: x - 1e7 is exact (Sterbenz), and the shifted
    // values (about 0.1..0.3) are well conditioned for a plain two-pass computation.
    std::vector<double> r;
    for (double v : x)
      r.push_back(v - 1e7);
    double mean_r = 0.0;
    for (double v : r)
      mean_r += v;
    mean_r /= static_cast<double>(r.size());
    double ss = 0.0;
    for (double v : r)
      ss += (v - mean_r) * (v - mean_r);
    const double sd_ref = std::sqrt(ss / static_cast<double>(r.size() - 1));
    CHECK(sd == doctest::Approx(sd_ref).epsilon(1e-13));
    CHECK(std::fabs(m.mean - (1e7 + mean_r)) <= 1e-9);
  }

  TEST_CASE("NIST StRD NumAcc3: mean 1000000.2, sd 0.1") {
    const auto x = numacc(1000000.2, 1000000.1, 1000000.3);
    const auto m = compute_moments(x.data(), x.size());
    CHECK(std::fabs(m.mean - 1000000.2) <= 1e-10);
    CHECK(std::fabs(std::sqrt(m.sample_variance()) - 0.1) <= 1e-9);
  }

  TEST_CASE("NIST StRD NumAcc1: mean 10000002, sd 1") {
    const std::vector<double> x{10000001.0, 10000003.0, 10000002.0};
    const auto m = compute_moments(x.data(), x.size());
    CHECK(m.mean == 10000002.0); // exact: every value and the mean are integers
    CHECK(std::sqrt(m.sample_variance()) == 1.0);
  }

  TEST_CASE("NIST StRD NumAcc2: mean 1.2, sd 0.1") {
    const auto x = numacc(1.2, 1.1, 1.3);
    const auto m = compute_moments(x.data(), x.size());
    REQUIRE(m.n == 1001);
    CHECK(std::fabs(m.mean - 1.2) <= 1e-15);
    CHECK(std::fabs(std::sqrt(m.sample_variance()) - 0.1) <= 1e-15);
  }

  TEST_CASE("NumAcc2-4 shape: skewness 0 and excess kurtosis by the closed form") {
    // The decimal data are symmetric about the centre: skewness 0. Deviations 0 (once) and +/-0.1
    // (1000 times): sum d^2 = 10, sum d^4 = 0.1, so r = n sum d^4 / (sum d^2)^2 = 1.001 and
    // G2 = ((n + 1)(r - 3) + 6)(n - 1) / ((n - 2)(n - 3)), worked here independently of the code.
    const double n = 1001.0;
    const double r = n * 0.1 / 100.0;
    const double g2 = ((n + 1.0) * (r - 3.0) + 6.0) * (n - 1.0) / ((n - 2.0) * (n - 3.0));
    CHECK(g2 == doctest::Approx(-1996998.0 / 997002.0).epsilon(1e-15)); // -2.003003003...
    struct data_set {
      const char* name;
      std::vector<double> x;
      double tolerance; // the decimal data are not exact in binary: ulp(centre) / 0.1 relative
    };
    const std::vector<data_set> sets{{"NumAcc2", numacc(1.2, 1.1, 1.3), 1e-12},
                                     {"NumAcc3", numacc(1000000.2, 1000000.1, 1000000.3), 1e-7},
                                     {"NumAcc4", numacc(10000000.2, 10000000.1, 10000000.3), 1e-6}};
    for (const auto& s : sets) {
      CAPTURE(s.name);
      const auto sh = govmetrics::detail::compute_shape(s.x.data(), s.x.size());
      CHECK(std::fabs(sh.skew) <= s.tolerance);
      CHECK(std::fabs(sh.kurtosis - g2) <= s.tolerance);
    }
  }

  TEST_CASE("a naive one-pass formula fails on the same data (the test data are hard)") {
    const auto x = numacc(10000000.2, 10000000.1, 10000000.3);
    double s = 0.0;
    double s2 = 0.0;
    for (double v : x) {
      s += v;
      s2 += v * v;
    }
    const double n = static_cast<double>(x.size());
    const double naive_var = (s2 - s * s / n) / (n - 1.0);
    // sum of squares ~1e17 has a spacing of 16: the 0.01 variance drowns in rounding
    CHECK(std::fabs(naive_var - 0.01) > 1e-3);
  }
}

} // namespace unit_detail_accumulate_test
