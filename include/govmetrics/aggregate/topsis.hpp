// govmetrics: aggregate `topsis{normalization}` (column-wide: closeness to the ideal unit).
#pragma once

#include "govmetrics/aggregate/column.hpp"
#include "govmetrics/config.hpp"
#include "govmetrics/core/matrix.hpp"
#include "govmetrics/core/polarity.hpp"
#include "govmetrics/error.hpp"
#include "govmetrics/mcda/topsis.hpp"

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

namespace govmetrics::aggregate {

/// TOPSIS at a node: the children of the units taking part form the decision matrix (units =
/// alternatives, children = criteria, every child a benefit criterion because children arrive
/// direction-corrected), weighted by the children's weights; the node's score is the closeness
/// d- / (d+ + d-) in [0, 1] (higher = better), computed by mcda::topsis. `normalization`:
/// "vector" (default, Hwang & Yoon) or "min_max". Outputs: columns `d_plus`, `d_minus`,
/// `closeness` (= the score). Units lacking a weighted child get NaN (and a warning); TOPSIS runs
/// on the complete units.
struct topsis {
  std::string normalization = "vector";

  static constexpr const char* name() noexcept { return "topsis"; }

  void validate() const {
    if (normalization != "vector" && normalization != "min_max") {
      GOVMETRICS_THROW(spec_error(
          "aggregate::topsis: parameter 'normalization' must be 'vector' or 'min_max' (got '" +
          normalization + "')"));
    }
  }

  /// Allocates nothing once `extra` has held this node's outputs (its scratch and columns are
  /// reused).
  void aggregate_all(matrix_view x, const double* w, double* out, node_outputs& extra) const {
    validate();
    const std::size_t n = x.rows();
    const std::size_t m = x.cols();
    const auto norm = mcda::topsis_normalization_from_string(normalization);
    double* d_plus = extra.add_column("d_plus", n);
    double* d_minus = extra.add_column("d_minus", n);
    double* closeness = extra.add_column("closeness", n);
    double* scratch = extra.scratch(mcda::detail::topsis_scratch_size(n, m));
    detail::with_node_context("aggregate::topsis", extra, [&] {
      constexpr const char* who = "mcda::topsis";
      govmetrics::detail::mcda::check_matrix(who, x, 2);
      govmetrics::detail::mcda::check_weights(who, w, m, m);
      mcda::detail::topsis_kernel(who, x, w, nullptr, norm, scratch, scratch + x.size(),
                                  scratch + x.size() + m, d_plus, d_minus, closeness);
    });
    std::copy(closeness, closeness + n, out);
  }
};

static_assert(is_column_aggregator_v<topsis>,
              "aggregate::topsis must model the column-wide aggregator concept");

} // namespace govmetrics::aggregate
