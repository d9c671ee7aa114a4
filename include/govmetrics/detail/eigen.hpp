// govmetrics internals: the two small eigenproblems of the weights, solved without a linear
// algebra library (the core used Eigen for them; instantiating its solvers cost every translation
// unit that includes the weights about four seconds of compilation):
// - symmetric_eigen: every eigenpair of a real symmetric matrix, by the cyclic Jacobi method
//   (Golub and Van Loan, Matrix Computations, 4th ed., section 8.5), for PCA weights;
// - perron: the dominant eigenpair of a matrix with positive entries, by repeated squaring and
//   power iteration (Perron-Frobenius), for AHP weights.
// Both are for the small matrices of a node's children (tens of rows), O(n^3) per sweep or step.
#pragma once

#include "govmetrics/detail/accumulate.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <numeric>
#include <vector>

namespace govmetrics::detail {

/// Eigenvalues in descending order and the matching unit eigenvectors of a symmetric matrix.
struct symmetric_eigen_result {
  std::size_t n = 0;
  std::vector<double> values;  ///< n eigenvalues, largest first
  std::vector<double> vectors; ///< n x n, row-major: vectors[i * n + j] = entry i of vector j
  bool converged = false;      ///< false when 64 sweeps left off-diagonal mass (never seen)
  double vector(std::size_t i, std::size_t j) const { return vectors[i * n + j]; }
};

/// Cyclic Jacobi: rotations zero each off-diagonal entry in turn (the rotation of Golub and Van
/// Loan's sym.schur2, with the smaller angle), sweeping until every off-diagonal entry is
/// negligible against its diagonal pair (|a_pq| <= 1e-18 (|a_pp| + |a_qq|), or exactly 0).
/// Converges quadratically and gives eigenvalues of small relative error. `a` is n x n row-major
/// and symmetric (only its upper triangle is read).
inline symmetric_eigen_result symmetric_eigen(std::vector<double> a, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < i; ++j)
      a[i * n + j] = a[j * n + i];
  }
  std::vector<double> v(n * n, 0.0);
  for (std::size_t i = 0; i < n; ++i)
    v[i * n + i] = 1.0;
  symmetric_eigen_result out;
  out.n = n;
  for (int sweep = 0; sweep < 64 && !out.converged; ++sweep) {
    bool rotated = false;
    for (std::size_t p = 0; p + 1 < n; ++p) {
      for (std::size_t q = p + 1; q < n; ++q) {
        const double apq = a[p * n + q];
        const double app = a[p * n + p];
        const double aqq = a[q * n + q];
        if (apq == 0.0 || std::abs(apq) <= 1e-18 * (std::abs(app) + std::abs(aqq)))
          continue;
        rotated = true;
        const double tau = (aqq - app) / (2.0 * apq);
        const double t = tau >= 0.0 ? 1.0 / (tau + std::sqrt(1.0 + tau * tau))
                                    : -1.0 / (-tau + std::sqrt(1.0 + tau * tau));
        const double c = 1.0 / std::sqrt(1.0 + t * t);
        const double s = t * c;
        for (std::size_t k = 0; k < n; ++k) { // A J (columns p and q)
          const double akp = a[k * n + p];
          const double akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (std::size_t k = 0; k < n; ++k) { // J^T (A J) (rows p and q)
          const double apk = a[p * n + k];
          const double aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        a[p * n + q] = 0.0;
        a[q * n + p] = 0.0;
        for (std::size_t k = 0; k < n; ++k) { // V J
          const double vkp = v[k * n + p];
          const double vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
    out.converged = !rotated;
  }
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t x, std::size_t y) { return a[x * n + x] > a[y * n + y]; });
  out.values.resize(n);
  out.vectors.resize(n * n);
  for (std::size_t j = 0; j < n; ++j) {
    out.values[j] = a[order[j] * n + order[j]];
    for (std::size_t i = 0; i < n; ++i)
      out.vectors[i * n + j] = v[i * n + order[j]];
  }
  return out;
}

/// The sign convention of principal components (docs/methods/weights-pca.md), shared by PCA
/// weights and the audit's principal components: flips the k entries of `v` (`stride` apart) so
/// that they sum to a positive number (compensated sum), or, when the sum is within 1e-12 of zero,
/// so that the entry largest in absolute value (the first such) is positive.
inline void orient_component(double* v, std::size_t k, std::size_t stride = 1) noexcept {
  neumaier_sum sum;
  std::size_t largest = 0;
  for (std::size_t i = 0; i < k; ++i) {
    sum.add(v[i * stride]);
    if (std::abs(v[i * stride]) > std::abs(v[largest * stride]))
      largest = i;
  }
  const double s = sum.value();
  const bool flip = std::abs(s) > 1e-12 ? s < 0.0 : (k > 0 && v[largest * stride] < 0.0);
  if (flip) {
    for (std::size_t i = 0; i < k; ++i)
      v[i * stride] = -v[i * stride];
  }
}

/// The dominant eigenvalue of a matrix with positive entries and its positive eigenvector.
struct perron_result {
  double value = 0.0;         ///< the Perron root: real, simple, larger than |any other eigenvalue|
  std::vector<double> vector; ///< positive, summing to 1
  bool converged = false;     ///< false when 64 squarings (A^(2^64)) did not settle
};

/// Perron-Frobenius: for a positive matrix A, A^m / ||A^m|| tends to v u^T, so the row sums of a
/// high power are proportional to the eigenvector v. The power is taken by repeated squaring
/// (after k squarings the error falls like (|lambda_2| / lambda_1)^(2^k)), with the matrix
/// rescaled each time; sums of positive terms have no cancellation, so this is accurate to
/// rounding. Squaring stops one step after the normalised row sums change by less than 1e-12
/// (relative), which leaves an error below 1e-24; two power steps with A itself then polish the
/// vector, and lambda = sum_i (A v)_i with sum(v) = 1. `a` is n x n, row-major, every entry
/// positive and finite (the caller checks).
inline perron_result perron(const std::vector<double>& a, std::size_t n) {
  perron_result out;
  std::vector<double> b = a;
  std::vector<double> sq(n * n);
  std::vector<double> x(n, 0.0);
  std::vector<double> prev(n, 0.0);
  const auto normalised_row_sums = [&](std::vector<double>& dst) {
    double total = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      dst[i] = std::accumulate(b.begin() + static_cast<std::ptrdiff_t>(i * n),
                               b.begin() + static_cast<std::ptrdiff_t>((i + 1) * n), 0.0);
      total += dst[i];
    }
    for (double& d : dst)
      d /= total;
  };
  normalised_row_sums(prev);
  bool settled = false;
  for (int k = 0; k < 64 && !out.converged; ++k) {
    double largest = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = 0; j < n; ++j) {
        double s = 0.0;
        for (std::size_t l = 0; l < n; ++l)
          s += b[i * n + l] * b[l * n + j];
        sq[i * n + j] = s;
        largest = std::max(largest, s);
      }
    }
    if (!std::isfinite(largest) || !(largest > 0.0))
      return out; // overflow or underflow (entries beyond about 1e150): not converged
    for (std::size_t i = 0; i < n * n; ++i)
      b[i] = sq[i] / largest;
    normalised_row_sums(x);
    double change = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      const double d = std::abs(x[i] - prev[i]) / x[i];
      if (!(d <= change))
        change = d; // NaN propagates, so it never counts as settled
    }
    // one more squaring after the change falls below 1e-12 squares the remaining error
    out.converged = settled;
    settled = change <= 1e-12;
    prev.swap(x);
  }
  std::vector<double> ax(n);
  for (int step = 0; step < 3; ++step) {
    double total = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      double s = 0.0;
      for (std::size_t j = 0; j < n; ++j)
        s += a[i * n + j] * prev[j];
      ax[i] = s;
      total += s;
    }
    out.value = total; // sum(A v) with sum(v) = 1
    if (step < 2) {
      for (std::size_t i = 0; i < n; ++i)
        prev[i] = ax[i] / total;
    }
  }
  for (double v : prev)
    out.converged = out.converged && std::isfinite(v) && v > 0.0;
  out.converged = out.converged && std::isfinite(out.value);
  out.vector = std::move(prev);
  return out;
}

} // namespace govmetrics::detail
