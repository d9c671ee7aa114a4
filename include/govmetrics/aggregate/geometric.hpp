// govmetrics: aggregate `geometric` (weighted geometric mean).
#pragma once

#include "govmetrics/core/concepts.hpp"
#include "govmetrics/detail/accumulate.hpp"
#include "govmetrics/detail/elementary.hpp"

#include <cmath>
#include <cstddef>

namespace govmetrics::aggregate {

/// y = prod(x_i ^ (w_i / sum w)) = exp(sum(w_i ln x_i) / sum(w_i)) over the available children.
/// Needs x > 0: the pipeline raises a data_error naming node, unit and child otherwise. exp and
/// log are detail::exp_ieee and detail::log_ieee: the same bits on every platform.
struct geometric {
  static constexpr const char* name() noexcept { return "geometric"; }
  static constexpr bool requires_positive = true;
  void validate() const noexcept {}
  double operator()(const double* x, const double* w, std::size_t n) const noexcept {
    govmetrics::detail::neumaier_sum num;
    govmetrics::detail::neumaier_sum den;
    for (std::size_t i = 0; i < n; ++i) {
      num.add(w[i] * govmetrics::detail::log_ieee(x[i]));
      den.add(w[i]);
    }
    return govmetrics::detail::exp_ieee(num.value() / den.value());
  }
};

static_assert(is_aggregator_v<geometric>, "aggregate::geometric must model the aggregator concept");

} // namespace govmetrics::aggregate
