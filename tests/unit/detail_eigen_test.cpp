// Tests of govmetrics/detail/eigen.hpp: the cyclic Jacobi method for symmetric matrices and the
// Perron eigenpair of positive matrices. Expected values are closed forms: the equicorrelation
// matrix (eigenvalues 1 + (n - 1) rho and 1 - rho), the tridiagonal Toeplitz matrix
// (2 - 2 cos(k pi / (n + 1)), eigenvectors sin(i k pi / (n + 1))), consistent pairwise matrices
// (lambda = n, vector w) and a 2 x 2 matrix solved by the quadratic formula; plus the defining
// properties (A v = lambda v, orthonormal V, trace) on a matrix with no closed form.
#include "govmetrics/detail/eigen.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <vector>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_detail_eigen_test {

namespace {

namespace d = govmetrics::detail;
const double pi = std::acos(-1.0);

// the residual max_i |(A v)_i - lambda v_i| of eigenpair j
double residual(const std::vector<double>& a, const d::symmetric_eigen_result& e, std::size_t j) {
  const std::size_t n = e.n;
  double worst = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    double av = 0.0;
    for (std::size_t k = 0; k < n; ++k)
      av += a[i * n + k] * e.vector(k, j);
    worst = std::max(worst, std::abs(av - e.values[j] * e.vector(i, j)));
  }
  return worst;
}

} // namespace

TEST_CASE("symmetric_eigen: 2 x 2 [[2, 1], [1, 2]] has eigenvalues 3 and 1") {
  const d::symmetric_eigen_result e = d::symmetric_eigen({2, 1, 1, 2}, 2);
  CHECK(e.converged);
  CHECK(e.values[0] == doctest::Approx(3.0).epsilon(1e-15));
  CHECK(e.values[1] == doctest::Approx(1.0).epsilon(1e-15));
  const double r = 1.0 / std::sqrt(2.0);
  CHECK(std::abs(e.vector(0, 0)) == doctest::Approx(r).epsilon(1e-15));
  CHECK(e.vector(0, 0) * e.vector(1, 0) > 0.0); // (1, 1) direction
  CHECK(e.vector(0, 1) * e.vector(1, 1) < 0.0); // (1, -1) direction
}

TEST_CASE("symmetric_eigen: the equicorrelation matrix") {
  const std::size_t n = 7;
  const double rho = 0.35;
  std::vector<double> a(n * n, rho);
  for (std::size_t i = 0; i < n; ++i)
    a[i * n + i] = 1.0;
  const d::symmetric_eigen_result e = d::symmetric_eigen(a, n);
  CHECK(e.converged);
  CHECK(e.values[0] == doctest::Approx(1.0 + double(n - 1) * rho).epsilon(1e-14));
  for (std::size_t j = 1; j < n; ++j)
    CHECK(e.values[j] == doctest::Approx(1.0 - rho).epsilon(1e-14));
  for (std::size_t i = 0; i < n; ++i) // first eigenvector: every entry 1 / sqrt(n), one sign
    CHECK(std::abs(e.vector(i, 0)) == doctest::Approx(1.0 / std::sqrt(double(n))).epsilon(1e-14));
  for (std::size_t j = 0; j < n; ++j)
    CHECK(residual(a, e, j) < 1e-14);
}

TEST_CASE("symmetric_eigen: the tridiagonal Toeplitz matrix (2, -1)") {
  const std::size_t n = 9;
  std::vector<double> a(n * n, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    a[i * n + i] = 2.0;
    if (i + 1 < n)
      a[i * n + i + 1] = a[(i + 1) * n + i] = -1.0;
  }
  const d::symmetric_eigen_result e = d::symmetric_eigen(a, n);
  CHECK(e.converged);
  for (std::size_t j = 0; j < n; ++j) {
    const double k = double(n - j); // descending: the largest is k = n
    CHECK(e.values[j] ==
          doctest::Approx(2.0 - 2.0 * std::cos(k * pi / double(n + 1))).epsilon(1e-13));
    // eigenvector sin(i k pi / (n + 1)), i = 1..n, normalised; compare up to sign
    double norm2 = 0.0;
    for (std::size_t i = 1; i <= n; ++i)
      norm2 += std::pow(std::sin(double(i) * k * pi / double(n + 1)), 2);
    const double sign = e.vector(0, j) > 0.0 ? 1.0 : -1.0;
    for (std::size_t i = 1; i <= n; ++i) {
      const double expected = std::sin(double(i) * k * pi / double(n + 1)) / std::sqrt(norm2);
      CHECK(sign * e.vector(i - 1, j) == doctest::Approx(expected).epsilon(1e-12).scale(1.0));
    }
  }
}

TEST_CASE("symmetric_eigen: a matrix without a closed form satisfies A v = lambda v, V'V = I") {
  const std::size_t n = 6;
  std::vector<double> a(n * n);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j <= i; ++j)
      a[i * n + j] = a[j * n + i] = std::sin(double(3 * i + 7 * j + 1)) * (i == j ? 4.0 : 1.0);
  }
  const d::symmetric_eigen_result e = d::symmetric_eigen(a, n);
  CHECK(e.converged);
  double trace = 0.0;
  double sum = 0.0;
  for (std::size_t j = 0; j < n; ++j) {
    trace += a[j * n + j];
    sum += e.values[j];
    CHECK(residual(a, e, j) < 1e-13);
    if (j > 0)
      CHECK(e.values[j - 1] >= e.values[j]);
    for (std::size_t l = 0; l < n; ++l) {
      double dot = 0.0;
      for (std::size_t i = 0; i < n; ++i)
        dot += e.vector(i, j) * e.vector(i, l);
      CHECK(dot == doctest::Approx(j == l ? 1.0 : 0.0).scale(1.0).epsilon(1e-14));
    }
  }
  CHECK(sum == doctest::Approx(trace).epsilon(1e-14));
}

TEST_CASE("symmetric_eigen: a diagonal matrix and a 1 x 1 matrix need no rotation") {
  const d::symmetric_eigen_result e = d::symmetric_eigen({1, 0, 0, 0, 5, 0, 0, 0, 3}, 3);
  CHECK(e.converged);
  CHECK(e.values == std::vector<double>{5, 3, 1});
  CHECK(e.vector(1, 0) == 1.0);
  CHECK(e.vector(2, 1) == 1.0);
  CHECK(e.vector(0, 2) == 1.0);
  const d::symmetric_eigen_result one = d::symmetric_eigen({-2.5}, 1);
  CHECK(one.values == std::vector<double>{-2.5});
  CHECK(one.vector(0, 0) == 1.0);
}

TEST_CASE("perron: a consistent pairwise matrix a_ij = w_i / w_j has lambda = n and vector w") {
  const std::vector<double> w{0.4, 0.25, 0.2, 0.1, 0.05};
  const std::size_t n = w.size();
  std::vector<double> a(n * n);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j)
      a[i * n + j] = w[i] / w[j];
  }
  const d::perron_result p = d::perron(a, n);
  CHECK(p.converged);
  CHECK(p.value == doctest::Approx(double(n)).epsilon(1e-14));
  for (std::size_t i = 0; i < n; ++i)
    CHECK(p.vector[i] == doctest::Approx(w[i]).epsilon(1e-14));
}

TEST_CASE("perron: [[1, 2], [3, 4]] by the quadratic formula") {
  // lambda = (5 + sqrt(33)) / 2; (A - lambda I) v = 0 gives v_2 = (lambda - 1) / 2 v_1
  const double lambda = (5.0 + std::sqrt(33.0)) / 2.0;
  const double v1 = 1.0 / (1.0 + (lambda - 1.0) / 2.0);
  const d::perron_result p = d::perron({1, 2, 3, 4}, 2);
  CHECK(p.converged);
  CHECK(p.value == doctest::Approx(lambda).epsilon(1e-14));
  CHECK(p.vector[0] == doctest::Approx(v1).epsilon(1e-14));
  CHECK(p.vector[1] == doctest::Approx(1.0 - v1).epsilon(1e-14));
}

TEST_CASE("perron: an inconsistent 3 x 3 cyclic matrix, lambda = 1 + a + 1/a") {
  // a_12 = a_23 = a, a_31 = a (cyclic): eigenvalue 1 + a + 1/a, eigenvector (1, 1, 1) / 3
  const double x = 3.0;
  const d::perron_result p = d::perron({1, x, 1 / x, 1 / x, 1, x, x, 1 / x, 1}, 3);
  CHECK(p.converged);
  CHECK(p.value == doctest::Approx(1.0 + x + 1.0 / x).epsilon(1e-14));
  for (double v : p.vector)
    CHECK(v == doctest::Approx(1.0 / 3.0).epsilon(1e-14));
}

TEST_CASE("perron: entries that overflow when squared are reported, not returned as NaN") {
  const d::perron_result p = d::perron({1, 1e200, 1e200, 1e-200, 1, 1e200, 1e-200, 1e-200, 1}, 3);
  CHECK_FALSE(p.converged);
}

} // namespace unit_detail_eigen_test
