// govmetrics: weights from the first principal component of the criteria (OECD/JRC Handbook on
// Constructing Composite Indicators 2008, section 6.1; COINr get_PCA): the functional
// `weights::pca(matrix)` and the pipeline strategy `weights::pca_method` ("pca").
// Formulas, sign convention and the treatment of negative loadings: docs/methods/weights-pca.md.
#pragma once

#include "govmetrics/config.hpp"
#include "govmetrics/core/matrix.hpp"
#include "govmetrics/detail/accumulate.hpp"
#include "govmetrics/detail/correlation.hpp"
#include "govmetrics/detail/eigen.hpp"
#include "govmetrics/detail/mcda.hpp"
#include "govmetrics/error.hpp"
#include "govmetrics/weights/details.hpp"

#include <cmath>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace govmetrics::weights {

/// How first-component loadings v (a unit vector) become weights.
enum class pca_mode {
  /// w_j = v_j^2 (they already sum to 1): the Handbook's squared loadings scaled to unity sum.
  squared,
  /// w_j = |v_j| / sum |v|.
  absolute,
  /// w_j = v_j / sum v, refused (data_error) when a loading is negative.
  signed_loadings
};

constexpr const char* to_string(pca_mode m) noexcept {
  return m == pca_mode::squared ? "squared" : m == pca_mode::absolute ? "absolute" : "signed";
}

/// Parses "squared" / "absolute" / "signed"; spec_error otherwise.
inline pca_mode pca_mode_from_string(std::string_view s) {
  if (s == "squared")
    return pca_mode::squared;
  if (s == "absolute")
    return pca_mode::absolute;
  if (s == "signed")
    return pca_mode::signed_loadings;
  GOVMETRICS_THROW(spec_error("weights::pca: unknown mode '" + std::string(s) +
                              "' (expected 'squared', 'absolute' or 'signed')"));
}

/// The first principal component of the standardised criteria and the weights derived from it.
struct pca_result {
  std::vector<double> loadings;    ///< unit eigenvector of the largest eigenvalue, sum(v) > 0
  std::vector<double> weights;     ///< from the loadings by the mode; >= 0, sum 1
  double eigenvalue = 0.0;         ///< largest eigenvalue of the correlation matrix
  double variance_explained = 0.0; ///< eigenvalue / number of criteria
};

/// PCA weights of a plain matrix (rows = alternatives, columns = criteria; no NaN).
/// R = Pearson correlation matrix of the columns (as prcomp(x, scale. = TRUE)); v = unit
/// eigenvector of its largest eigenvalue lambda_1; the sign of v is chosen so that sum(v) > 0
/// (when sum(v) is 0 up to 1e-12, so that its largest-magnitude entry is positive).
/// Errors (data_error): fewer than 3 alternatives or 2 criteria, NaN or infinite values, a
/// constant criterion (its correlations are undefined), a first component that is not unique
/// (lambda_1 - lambda_2 <= 1e-10 lambda_1, e.g. uncorrelated criteria), a negative loading with
/// `pca_mode::signed_loadings`.
inline pca_result pca(matrix_view m, pca_mode mode = pca_mode::squared) {
  namespace dm = govmetrics::detail::mcda;
  constexpr const char* who = "weights::pca";
  dm::check_matrix(who, m, 3);
  const std::size_t rows = m.rows();
  const std::size_t k = m.cols();
  if (k < 2) {
    GOVMETRICS_THROW(data_error(std::string(who) + ": needs at least 2 criteria (got " +
                                std::to_string(k) + ")"));
  }
  for (std::size_t j = 0; j < k; ++j) {
    if (dm::is_constant(m.column(j)) ||
        !(govmetrics::detail::compute_moments(m.column(j).data(), rows).m2 > 0.0)) {
      dm::throw_constant(who, j, rows, m(0, j),
                         "its correlations are undefined (remove the criterion)");
    }
  }
  std::vector<double> r(k * k, 1.0);
  for (std::size_t a = 0; a < k; ++a) {
    for (std::size_t b = a + 1; b < k; ++b)
      r[a * k + b] =
          govmetrics::detail::pearson_complete(m.column(a).data(), m.column(b).data(), rows);
  }
  const govmetrics::detail::symmetric_eigen_result eig =
      govmetrics::detail::symmetric_eigen(std::move(r), k);
  if (!eig.converged) {
    GOVMETRICS_THROW(data_error(std::string(who) + ": the eigen decomposition of the " +
                                std::to_string(k) + " x " + std::to_string(k) +
                                " correlation matrix did not converge"));
  }
  // eigenvalues descending: the largest is the first
  const double l1 = eig.values[0];
  const double l2 = eig.values[1];
  if (!(l1 - l2 > 1e-10 * l1)) {
    GOVMETRICS_THROW(data_error(std::string(who) +
                                ": the first principal component is not unique (the two largest "
                                "eigenvalues of the correlation matrix are " +
                                dm::format_number(l1) + " and " + dm::format_number(l2) +
                                "; e.g. uncorrelated criteria); PCA weights are undefined"));
  }
  pca_result out;
  out.eigenvalue = l1;
  out.variance_explained = l1 / static_cast<double>(k);
  out.loadings.resize(k);
  for (std::size_t j = 0; j < k; ++j)
    out.loadings[j] = eig.vector(j, 0);
  govmetrics::detail::orient_component(out.loadings.data(), k);
  std::vector<double> w(k);
  for (std::size_t j = 0; j < k; ++j) {
    const double v = out.loadings[j];
    if (mode == pca_mode::signed_loadings && v < 0.0) {
      GOVMETRICS_THROW(data_error(
          std::string(who) + ": criterion " + std::to_string(j) + " has the negative loading " +
          dm::format_number(v) +
          " on the first principal component (mode 'signed' refuses negative weights; use "
          "'squared' or 'absolute')"));
    }
    w[j] = mode == pca_mode::squared ? v * v : (mode == pca_mode::absolute ? std::abs(v) : v);
  }
  out.weights = dm::normalise_to_one(who, std::move(w), "the loadings sum to zero");
  return out;
}

/// Pipeline strategy "pca": the weights of a node's children from their first principal
/// component, computed on the units that have every child (see pca()).
struct pca_method {
  /// "squared" (default, the OECD Handbook), "absolute" or "signed" (see pca_mode).
  std::string mode = "squared";

  static constexpr const char* name() noexcept { return "pca"; }
  static constexpr std::size_t min_units() noexcept { return 3; }
  void validate() const { (void)pca_mode_from_string(mode); }
  details compute(const node_input& in) const {
    details d;
    std::vector<double> scratch;
    compute_into(in, d, scratch);
    return d;
  }
  /// The weights, loadings and variance explained into `out` (the eigen solver allocates).
  void compute_into(const node_input& in, details& out, std::vector<double>& scratch) const {
    (void)scratch;
    const pca_result r = pca(in.values, pca_mode_from_string(mode));
    out.weights.assign(r.weights.begin(), r.weights.end());
    out.loadings.assign(r.loadings.begin(), r.loadings.end());
    out.variance_explained = r.variance_explained;
  }
};

} // namespace govmetrics::weights
