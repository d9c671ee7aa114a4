// govmetrics: principal components in the audit: for every aggregate node, the principal
// components of its children, and for every level, those of all the nodes on it (COINr's get_PCA
// with by_groups = TRUE and FALSE): eigenvalues, shares of variance, loadings.
#pragma once

#include "govmetrics/audit/levels.hpp"
#include "govmetrics/detail/correlation.hpp"
#include "govmetrics/detail/eigen.hpp"
#include "govmetrics/detail/rows.hpp"
#include "govmetrics/pipeline/result.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace govmetrics::audit {

/// The principal components of one set of columns.
struct principal_components_row {
  /// The set: "<node>" for an aggregate node's children, "level:<n>" for every node on level n.
  std::string group;
  std::vector<std::string> codes; ///< the columns, in framework order
  std::size_t n_units = 0;        ///< units with a value in every column (the PCA uses only them)
  /// Eigenvalues of the correlation matrix, largest first (they sum to the number of columns).
  std::vector<double> eigenvalues;
  std::vector<double> variance_explained; ///< eigenvalue / number of columns
  std::vector<double> cumulative;         ///< running sum of variance_explained
  /// loadings[i * k + j]: column i on component j (unit vectors; each component's sign makes its
  /// loadings sum to a positive number, as weights::pca and prcomp up to sign).
  std::vector<double> loadings;
  std::string why; ///< when empty of numbers: why (fewer than 3 complete units, a constant column)
  double loading(std::size_t column, std::size_t component) const {
    return loadings[column * codes.size() + component];
  }
};

namespace detail {

inline principal_components_row principal_components_of(const result& r, std::string group,
                                                        const std::vector<std::size_t>& nodes) {
  const framework& fw = r.tree();
  principal_components_row out;
  out.group = std::move(group);
  const std::size_t k = nodes.size();
  for (std::size_t i : nodes)
    out.codes.push_back(fw[i].code);
  std::vector<const double*> columns;
  for (std::size_t i : nodes)
    columns.push_back(r.score(i).data());
  std::vector<std::size_t> rows;
  govmetrics::detail::complete_rows(columns.data(), k, r.n_units(), rows);
  std::vector<double> matrix;
  govmetrics::detail::gather_rows(columns.data(), nullptr, k, rows, matrix);
  out.n_units = rows.size();
  const auto column = [&](std::size_t j) { return matrix.data() + j * out.n_units; };
  if (k < 2) {
    out.why = "fewer than 2 columns";
    return out;
  }
  if (out.n_units < 3) {
    out.why = std::to_string(out.n_units) + " units with every value (3 needed)";
    return out;
  }
  std::vector<double> corr(k * k, 1.0);
  for (std::size_t a = 0; a < k; ++a) {
    for (std::size_t b = a + 1; b < k; ++b) {
      const double rho = govmetrics::detail::pearson_complete(column(a), column(b), out.n_units);
      if (std::isnan(rho)) { // one of the two is constant (the data are finite)
        const double* c = column(a);
        const bool a_constant =
            std::all_of(c, c + out.n_units, [&](double x) { return x == c[0]; });
        out.why = "'" + out.codes[a_constant ? a : b] + "' is constant on the complete units";
        return out;
      }
      corr[a * k + b] = rho;
    }
  }
  const govmetrics::detail::symmetric_eigen_result e =
      govmetrics::detail::symmetric_eigen(std::move(corr), k);
  if (!e.converged) {
    out.why = "the eigen decomposition did not converge";
    return out;
  }
  out.eigenvalues = e.values;
  out.loadings = e.vectors;
  double running = 0.0;
  for (std::size_t j = 0; j < k; ++j) {
    out.variance_explained.push_back(e.values[j] / static_cast<double>(k));
    running += out.variance_explained.back();
    out.cumulative.push_back(running);
    govmetrics::detail::orient_component(out.loadings.data() + j, k, k); // column j
  }
  return out;
}

} // namespace detail

/// Principal components of the values as the pipeline holds them (normalised indicators,
/// aggregate scores), on the correlation matrix (prcomp(x, scale. = TRUE)) of the units with a
/// value in every column: first for every aggregate node, its children (framework order of the
/// aggregates); then for every level from 1 up to the root's children, all the nodes on that
/// level together (COINr's get_PCA(by_groups = FALSE); levels as audit::levels). Sets that
/// cannot be analysed (one column, fewer than 3 complete units, a constant column) come with
/// `why` and no numbers.
inline std::vector<principal_components_row> principal_components(const result& r) {
  const framework& fw = r.tree();
  std::vector<principal_components_row> out;
  for (std::size_t i = 0; i < fw.size(); ++i) {
    if (!fw.is_indicator(i))
      out.push_back(detail::principal_components_of(r, fw[i].code, fw.children(i)));
  }
  const std::vector<std::size_t> level = levels(fw);
  const std::size_t top = level[fw.root()];
  for (std::size_t l = 1; l < top; ++l) {
    std::vector<std::size_t> on;
    for (std::size_t i = 0; i < fw.size(); ++i) {
      if (level[i] == l)
        on.push_back(i);
    }
    if (on.size() >= 2)
      out.push_back(detail::principal_components_of(r, "level:" + std::to_string(l), on));
  }
  return out;
}

} // namespace govmetrics::audit
