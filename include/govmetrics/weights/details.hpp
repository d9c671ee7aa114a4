// govmetrics: what a weighting method saw and produced at one aggregate node (the report behind
// result::weight_details() and `govmetrics weights`), and the input a data-driven method gets.
#pragma once

#include "govmetrics/core/matrix.hpp"

#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace govmetrics::weights {

/// The weights of the children of one aggregate node and how they were obtained.
struct details {
  std::string node;                  ///< code of the aggregate node
  std::string method;                ///< the weighting method's name() ("explicit", "pca", ...)
  std::vector<std::string> children; ///< child codes, in framework order
  std::vector<double> weights;       ///< one per child, summing to 1
  /// Units whose every child was available, on which a data-driven method computed (0 for methods
  /// that do not read the data: explicit, equal, ahp).
  std::size_t units_used = 0;
  std::size_t units_total = 0; ///< units in the data
  /// `pca`: share of the total variance of the standardised children explained by the first
  /// principal component (its eigenvalue / number of children); NaN otherwise.
  double variance_explained = std::numeric_limits<double>::quiet_NaN();
  /// `pca`: first principal component loadings (unit eigenvector, sign fixed so that they sum to
  /// a positive number), one per child; empty otherwise.
  std::vector<double> loadings;
  /// `ahp`: principal eigenvalue, consistency index and ratio; NaN otherwise.
  double lambda_max = std::numeric_limits<double>::quiet_NaN();
  double consistency_index = std::numeric_limits<double>::quiet_NaN();
  double consistency_ratio = std::numeric_limits<double>::quiet_NaN();
  /// `combined`: the objective weights before combination; empty otherwise.
  std::vector<double> objective;
};

/// What a data-driven weighting method sees at one aggregate node.
struct node_input {
  std::string node;                   ///< aggregate node code
  std::vector<std::string> children;  ///< child codes (the matrix columns), framework order
  matrix_view values;                 ///< complete units (rows) x children (columns)
  std::vector<std::string> row_units; ///< unit id of every row of `values`
  std::vector<double> prior;          ///< the node's explicit weights, normalised
};

} // namespace govmetrics::weights
