// Sobol' index estimators (issue 11) on functions whose indices have closed forms, worked here
// from their formulas: Ishigami (a = 7, b = 0.1), Sobol' G (a = 0, 1, 4.5, 9, 99, 99, 99, 99)
// and a linear model with independent inputs; at N = 2^14 the estimates lie within stated
// tolerances and the bootstrap intervals cover the true values. Also: several outputs at once
// equal one at a time, prefixes (convergence), outputs without variance get NaN and a note, the
// intervals do not depend on threads, and bad shapes are refused.
#include <govmetrics/sensitivity/design.hpp>
#include <govmetrics/sensitivity/estimators.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

namespace unit_sensitivity_estimators_test {

namespace {

namespace gs = govmetrics::sensitivity;

constexpr double pi = 3.14159265358979323846;

/// Runs f on every row of the radial design of d factors at base size n.
template <class F>
std::vector<double> outputs(std::size_t d, std::size_t n, F f, std::uint64_t seed = 7) {
  gs::design_options opt;
  opt.seed = seed;
  const auto x = gs::sobol_design(d, n, opt);
  std::vector<double> y(n * (d + 2));
  for (std::size_t r = 0; r < y.size(); ++r)
    y[r] = f(x.data() + r * d);
  return y;
}

void check_against(const gs::indices& est, const std::vector<double>& s,
                   const std::vector<double>& st, double tol) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    CAPTURE(i);
    CHECK(std::fabs(est.first[i] - s[i]) < tol);
    CHECK(std::fabs(est.total[i] - st[i]) < tol);
    // the intervals cover the true values
    CHECK(est.first_lo[i] <= s[i]);
    CHECK(est.first_hi[i] >= s[i]);
    CHECK(est.total_lo[i] <= st[i]);
    CHECK(est.total_hi[i] >= st[i]);
    CHECK(est.first_lo[i] <= est.first_hi[i]);
  }
}

} // namespace

TEST_CASE("Ishigami (a = 7, b = 0.1): estimates within 0.01 at N = 2^14, intervals cover") {
  const double a = 7.0;
  const double b = 0.1;
  const auto f = [&](const double* u) {
    const double x1 = -pi + 2.0 * pi * u[0];
    const double x2 = -pi + 2.0 * pi * u[1];
    const double x3 = -pi + 2.0 * pi * u[2];
    return std::sin(x1) + a * std::sin(x2) * std::sin(x2) + b * std::pow(x3, 4) * std::sin(x1);
  };
  // Closed forms (Ishigami and Homma 1990; Sobol' and Levitan 1999)
  const double pi4 = std::pow(pi, 4);
  const double pi8 = std::pow(pi, 8);
  const double v1 = 0.5 * (1.0 + b * pi4 / 5.0) * (1.0 + b * pi4 / 5.0);
  const double v2 = a * a / 8.0;
  const double v13 = b * b * pi8 * 8.0 / 225.0;
  const double v = v1 + v2 + v13;
  const std::vector<double> s{v1 / v, v2 / v, 0.0};
  const std::vector<double> st{(v1 + v13) / v, v2 / v, v13 / v};
  CHECK(s[0] == doctest::Approx(0.3139).epsilon(1e-3));
  CHECK(st[2] == doctest::Approx(0.2437).epsilon(1e-3));
  const std::size_t n = std::size_t{1} << 14;
  const auto y = outputs(3, n, f);
  gs::estimator_options opt;
  opt.bootstrap = 200;
  const auto est = gs::sobol_indices(y.data(), y.size(), 3, 1, opt);
  check_against(est, s, st, 0.01);
  CHECK(est.variance[0] == doctest::Approx(v).epsilon(0.01));
  CHECK(est.notes.empty());
}

TEST_CASE("Sobol' G (a = 0, 1, 4.5, 9, 99, 99, 99, 99): estimates within 0.01, intervals cover") {
  const std::vector<double> a{0, 1, 4.5, 9, 99, 99, 99, 99};
  const std::size_t d = a.size();
  const auto f = [&](const double* u) {
    double p = 1.0;
    for (std::size_t i = 0; i < d; ++i)
      p *= (std::fabs(4.0 * u[i] - 2.0) + a[i]) / (1.0 + a[i]);
    return p;
  };
  std::vector<double> vi(d);
  double prod = 1.0;
  for (std::size_t i = 0; i < d; ++i) {
    vi[i] = (1.0 / 3.0) / ((1.0 + a[i]) * (1.0 + a[i]));
    prod *= 1.0 + vi[i];
  }
  const double v = prod - 1.0;
  std::vector<double> s(d);
  std::vector<double> st(d);
  for (std::size_t i = 0; i < d; ++i) {
    s[i] = vi[i] / v;
    st[i] = vi[i] * (prod / (1.0 + vi[i])) / v;
  }
  const auto y = outputs(d, std::size_t{1} << 14, f);
  const auto est = gs::sobol_indices(y.data(), y.size(), d, 1);
  check_against(est, s, st, 0.01);
}

TEST_CASE("linear model: S_i = ST_i = w_i^2 var(x_i) / sum; several outputs at once") {
  // y1 = 1 x1 + 2 x2 + 3 x3 with x_i ~ U(0, c_i), c = (1, 2, 0.5): var(x_i) = c_i^2 / 12;
  // y2 = x1 - x3 (x2 has no effect); y3 = 5 (no variance).
  const double w[3] = {1, 2, 3};
  const double c[3] = {1, 2, 0.5};
  const std::size_t n = 1024;
  const std::size_t d = 3;
  const auto x = gs::sobol_design(d, n);
  const std::size_t rows = n * (d + 2);
  std::vector<double> y(rows * 3);
  for (std::size_t r = 0; r < rows; ++r) {
    const double* u = x.data() + r * d;
    y[r * 3] = w[0] * c[0] * u[0] + w[1] * c[1] * u[1] + w[2] * c[2] * u[2];
    y[r * 3 + 1] = c[0] * u[0] - c[2] * u[2];
    y[r * 3 + 2] = 5.0;
  }
  double total = 0.0;
  for (std::size_t i = 0; i < d; ++i)
    total += w[i] * w[i] * c[i] * c[i] / 12.0;
  const auto est = gs::sobol_indices(y.data(), rows, d, 3);
  for (std::size_t i = 0; i < d; ++i) {
    const double expected = w[i] * w[i] * c[i] * c[i] / 12.0 / total;
    CHECK(est.at(est.first, i, 0) == doctest::Approx(expected).epsilon(0.02));
    CHECK(est.at(est.total, i, 0) == doctest::Approx(expected).epsilon(0.02));
  }
  CHECK(est.at(est.first, 1, 1) == doctest::Approx(0.0).epsilon(1e-12));
  CHECK(est.at(est.total, 1, 1) == 0.0);                                // y_A == y_AB2 exactly
  CHECK(est.at(est.total, 0, 1) == doctest::Approx(0.8).epsilon(0.02)); // 1/12 / (1/12 + 0.25/12)
  for (std::size_t i = 0; i < d; ++i) {
    CHECK(std::isnan(est.at(est.first, i, 2)));
    CHECK(std::isnan(est.at(est.total, i, 2)));
    CHECK(std::isnan(est.at(est.first_lo, i, 2)));
  }
  REQUIRE(est.notes.size() == 1);
  CHECK(est.notes[0].find("1 of 3 output(s) do not vary") != std::string::npos);
  // one output alone gives the same bits as among several
  std::vector<double> y1(rows);
  for (std::size_t r = 0; r < rows; ++r)
    y1[r] = y[r * 3];
  const auto one = gs::sobol_indices(y1.data(), rows, d, 1);
  for (std::size_t i = 0; i < d; ++i) {
    CHECK(one.first[i] == est.at(est.first, i, 0));
    CHECK(one.total_hi[i] == est.at(est.total_hi, i, 0));
  }
  // the intervals do not depend on threads
  gs::estimator_options t1;
  t1.threads = 1;
  gs::estimator_options t3;
  t3.threads = 3;
  const auto a1 = gs::sobol_indices(y.data(), rows, d, 3, t1);
  const auto a3 = gs::sobol_indices(y.data(), rows, d, 3, t3);
  for (std::size_t i = 0; i < d; ++i) {
    for (std::size_t o = 0; o < 2; ++o) { // the outputs with variance
      CHECK(a1.at(a1.first_lo, i, o) == a3.at(a3.first_lo, i, o));
      CHECK(a1.at(a1.total_hi, i, o) == a3.at(a3.total_hi, i, o));
    }
  }
}

TEST_CASE("NaN only in an AB_i row, and a constant that is not exact in binary, are noted") {
  const std::size_t n = 16;
  const std::size_t d = 2;
  const auto x = gs::sobol_design(d, n);
  std::vector<double> y(n * (d + 2) * 2);
  for (std::size_t r = 0; r < n * (d + 2); ++r) {
    y[r * 2] = x[r * d] + 2.0 * x[r * d + 1];
    y[r * 2 + 1] = 0.1; // its mean over 32 values need not be 0.1 exactly
  }
  y[(2 * n + 3) * 2] = std::numeric_limits<double>::quiet_NaN(); // a row of AB_1, output 0
  const auto est = gs::sobol_indices(y.data(), y.size() / 2, d, 2);
  CHECK(std::isnan(est.at(est.first, 0, 0)));
  CHECK_FALSE(std::isnan(est.at(est.first, 1, 0))); // AB_2 has no NaN
  CHECK(std::isnan(est.at(est.first, 0, 1)));
  CHECK(std::isnan(est.at(est.total, 1, 1)));
  REQUIRE(est.notes.size() == 2);
  CHECK(est.notes[0] == "1 of 2 output(s) are missing (NaN) in some row: their indices are NaN");
  CHECK(est.notes[1].find("1 of 2 output(s) do not vary") == 0);
}

TEST_CASE("convergence: nested prefixes N/8 .. N, the last equal to the full estimate") {
  const auto f = [](const double* u) { return u[0] + 2.0 * u[1] * u[1] + u[0] * u[2]; };
  const std::size_t n = 256;
  const auto y = outputs(3, n, f);
  gs::estimator_options opt;
  opt.bootstrap = 0;
  const auto steps = gs::convergence(y.data(), y.size(), 3, 1, opt);
  REQUIRE(steps.size() == 4);
  CHECK(steps[0].n == 32);
  CHECK(steps[1].n == 64);
  CHECK(steps[2].n == 128);
  CHECK(steps[3].n == 256);
  const auto full = gs::sobol_indices(y.data(), y.size(), 3, 1, opt);
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(steps[3].first[i] == full.first[i]);
    CHECK(std::isnan(full.first_lo[i])); // no bootstrap asked
  }
  // the prefix of 32 is the estimate of the first 32 base points only: worked by hand
  const std::size_t m = 32;
  double mean = 0.0;
  for (std::size_t j = 0; j < m; ++j)
    mean += y[j] + y[n + j];
  mean /= 2.0 * m;
  double var = 0.0;
  for (std::size_t j = 0; j < m; ++j)
    var += (y[j] - mean) * (y[j] - mean) + (y[n + j] - mean) * (y[n + j] - mean);
  var /= 2.0 * m;
  double s0 = 0.0;
  double t0 = 0.0;
  for (std::size_t j = 0; j < m; ++j) {
    s0 += y[n + j] * (y[2 * n + j] - y[j]);
    t0 += (y[j] - y[2 * n + j]) * (y[j] - y[2 * n + j]);
  }
  CHECK(steps[0].first[0] == doctest::Approx(s0 / m / var).epsilon(1e-12));
  CHECK(steps[0].total[0] == doctest::Approx(t0 / m / (2.0 * var)).epsilon(1e-12));
}

TEST_CASE("bad shapes are refused") {
  const std::vector<double> y(50, 1.0);
  CHECK_THROWS_WITH_AS(gs::sobol_indices(y.data(), 50, 4, 1),
                       "sensitivity: the outputs have 50 rows, which is not N (d + 2) for d = 4 "
                       "factors and a base size N of at least 2 (the design's rows are A, B, "
                       "AB_1, ..., AB_d, N each)",
                       govmetrics::spec_error);
  CHECK_THROWS_AS(gs::sobol_indices(y.data(), 50, 0, 1), govmetrics::spec_error);
  CHECK_THROWS_AS(gs::sobol_indices(y.data(), 50, 3, 0), govmetrics::spec_error);
  gs::estimator_options bad;
  bad.confidence = 1.0;
  CHECK_THROWS_AS(gs::sobol_indices(y.data(), 50, 8, 1, bad), govmetrics::spec_error);
}

} // namespace unit_sensitivity_estimators_test
