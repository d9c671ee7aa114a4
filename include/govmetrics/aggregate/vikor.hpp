// govmetrics: aggregate `vikor{v}` (column-wide: VIKOR compromise ranking).
#pragma once

#include "govmetrics/aggregate/column.hpp"
#include "govmetrics/config.hpp"
#include "govmetrics/core/matrix.hpp"
#include "govmetrics/core/polarity.hpp"
#include "govmetrics/detail/format.hpp"
#include "govmetrics/error.hpp"
#include "govmetrics/mcda/vikor.hpp"

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

namespace govmetrics::aggregate {

/// VIKOR at a node (mcda::vikor on the units taking part x the weighted children, every child a
/// benefit criterion because children arrive direction-corrected). VIKOR's Q is lower = better, so
/// the node's score is 1 - Q (in [0, 1], higher = better): ranks by score descending are exactly
/// ranks by Q ascending. Outputs: columns `S`, `R`, `Q`, `compromise` (1 for the units of the
/// compromise set, 0 for the others); facts `dq` (1 / (m - 1)), `acceptable_advantage` (C1) and
/// `acceptable_stability` (C2), 1 = holds, 0 = fails. Units lacking a weighted child get NaN (and a
/// warning); VIKOR runs on the complete units.
struct vikor {
  double v = 0.5;

  static constexpr const char* name() noexcept { return "vikor"; }

  void validate() const {
    if (!(v >= 0.0 && v <= 1.0)) {
      GOVMETRICS_THROW(spec_error("aggregate::vikor: parameter 'v' must be in [0, 1] (got " +
                                  govmetrics::detail::format_number(v) + ")"));
    }
  }

  /// Allocates nothing once `extra` has held this node's outputs (its scratch and columns are
  /// reused).
  void aggregate_all(matrix_view x, const double* w, double* out, node_outputs& extra) const {
    validate();
    const std::size_t n = x.rows();
    const std::size_t m = x.cols();
    double* s = extra.add_column("S", n);
    double* r = extra.add_column("R", n);
    double* q = extra.add_column("Q", n);
    double* in_set = extra.add_column("compromise", n);
    double* comp = extra.scratch(n);
    std::size_t* order = extra.index_scratch(n);
    const mcda::detail::vikor_facts f = detail::with_node_context("aggregate::vikor", extra, [&] {
      constexpr const char* who = "mcda::vikor";
      govmetrics::detail::mcda::check_matrix(who, x, 2);
      govmetrics::detail::mcda::check_weights(who, w, m, m);
      std::fill(in_set, in_set + n, 0.0);
      return mcda::detail::vikor_kernel(x, w, nullptr, v, s, r, q, comp, order,
                                        [&](std::size_t k) { in_set[k] = 1.0; });
    });
    for (std::size_t i = 0; i < n; ++i)
      out[i] = 1.0 - q[i];
    extra.add_fact("dq", f.dq);
    extra.add_fact("acceptable_advantage", f.acceptable_advantage ? 1.0 : 0.0);
    extra.add_fact("acceptable_stability", f.acceptable_stability ? 1.0 : 0.0);
  }
};

static_assert(is_column_aggregator_v<vikor>,
              "aggregate::vikor must model the column-wide aggregator concept");

} // namespace govmetrics::aggregate
