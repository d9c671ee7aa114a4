// govmetrics: aggregate `grey_relational{rho}` (column-wide: grey relational grade).
#pragma once

#include "govmetrics/aggregate/column.hpp"
#include "govmetrics/config.hpp"
#include "govmetrics/core/matrix.hpp"
#include "govmetrics/core/polarity.hpp"
#include "govmetrics/detail/format.hpp"
#include "govmetrics/error.hpp"
#include "govmetrics/mcda/grey_relational.hpp"

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

namespace govmetrics::aggregate {

/// Grey relational analysis at a node (mcda::grey_relational on the units taking part x the
/// weighted children, every child a benefit criterion because children arrive direction-corrected):
/// score = grey relational grade sum_j w_j xi_ij / sum_j w_j in (0, 1], higher = better, with the
/// distinguishing coefficient `rho` (default 0.5). No extra outputs. A child that is constant over
/// the units taking part is a data_error (min-max divides by its range). Units lacking a weighted
/// child get NaN (and a warning); GRA runs on the complete units.
struct grey_relational {
  double rho = 0.5;

  static constexpr const char* name() noexcept { return "grey_relational"; }

  void validate() const {
    if (!(rho > 0.0 && rho <= 1.0)) {
      GOVMETRICS_THROW(
          spec_error("aggregate::grey_relational: parameter 'rho' must be in (0, 1] (got " +
                     govmetrics::detail::format_number(rho) + ")"));
    }
  }

  /// Allocates nothing once `extra` has held this node (its scratch is reused).
  void aggregate_all(matrix_view x, const double* w, double* out, node_outputs& extra) const {
    validate();
    double* delta = extra.scratch(x.size());
    detail::with_node_context("aggregate::grey_relational", extra, [&] {
      constexpr const char* who = "mcda::grey_relational";
      govmetrics::detail::mcda::check_matrix(who, x, 2);
      govmetrics::detail::mcda::check_weights(who, w, x.cols(), x.cols());
      mcda::detail::grey_relational_kernel(who, x, w, nullptr, rho, delta, out);
    });
  }
};

static_assert(is_column_aggregator_v<grey_relational>,
              "aggregate::grey_relational must model the column-wide aggregator concept");

} // namespace govmetrics::aggregate
