// govmetrics: aggregate `harmonic` (weighted harmonic mean).
#pragma once

#include "govmetrics/core/concepts.hpp"
#include "govmetrics/detail/accumulate.hpp"

#include <cstddef>

namespace govmetrics::aggregate {

/// y = sum(w_i) / sum(w_i / x_i) over the available children. Needs x > 0: the pipeline raises a
/// data_error naming node, unit and child otherwise.
struct harmonic {
  static constexpr const char* name() noexcept { return "harmonic"; }
  static constexpr bool requires_positive = true;
  void validate() const noexcept {}
  double operator()(const double* x, const double* w, std::size_t n) const noexcept {
    govmetrics::detail::neumaier_sum num;
    govmetrics::detail::neumaier_sum den;
    for (std::size_t i = 0; i < n; ++i) {
      num.add(w[i]);
      den.add(w[i] / x[i]);
    }
    return num.value() / den.value();
  }
};

static_assert(is_aggregator_v<harmonic>, "aggregate::harmonic must model the aggregator concept");

} // namespace govmetrics::aggregate
