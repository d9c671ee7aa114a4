// govmetrics: aggregate `arithmetic` (weighted arithmetic mean).
#pragma once

#include "govmetrics/core/concepts.hpp"
#include "govmetrics/detail/accumulate.hpp"

#include <cstddef>

namespace govmetrics::aggregate {

/// y = sum(w_i x_i) / sum(w_i) over the available children (compensated sums).
struct arithmetic {
  static constexpr const char* name() noexcept { return "arithmetic"; }
  static constexpr bool requires_positive = false;
  void validate() const noexcept {}
  double operator()(const double* x, const double* w, std::size_t n) const noexcept {
    govmetrics::detail::neumaier_sum num;
    govmetrics::detail::neumaier_sum den;
    for (std::size_t i = 0; i < n; ++i) {
      num.add(w[i] * x[i]);
      den.add(w[i]);
    }
    return num.value() / den.value();
  }
};

static_assert(is_aggregator_v<arithmetic>,
              "aggregate::arithmetic must model the aggregator concept");

} // namespace govmetrics::aggregate
