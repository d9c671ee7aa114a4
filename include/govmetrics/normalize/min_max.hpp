// govmetrics: normalise `min_max{lo, hi}`.
#pragma once

#include "govmetrics/normalize/detail.hpp"

#include <cmath>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace govmetrics::normalize {

/// y = (x - min) / (max - min) * (hi - lo) + lo, over the non-missing values (COINr `n_minmax`).
/// Zero range is a data_error (COINr warns and returns NaN). Correct over the whole double range:
/// when max - min overflows, the ratio is taken on halved values.
struct min_max {
  double lo = 0.0;
  double hi = 100.0;

  static constexpr const char* name() noexcept { return "min_max"; }
  struct params {
    double min;
    double max;
  };

  void validate() const {
    detail::require_finite(name(), "lo", lo);
    detail::require_finite(name(), "hi", hi);
    if (!(lo < hi)) {
      GOVMETRICS_THROW(spec_error("normalize::min_max: 'lo' must be less than 'hi' (lo " +
                                  govmetrics::detail::format_number(lo) + ", hi " +
                                  govmetrics::detail::format_number(hi) + ")"));
    }
    if (!std::isfinite(hi - lo)) {
      GOVMETRICS_THROW(spec_error("normalize::min_max: 'hi' - 'lo' overflows a double (lo " +
                                  govmetrics::detail::format_number(lo) + ", hi " +
                                  govmetrics::detail::format_number(hi) + ")"));
    }
  }

  params fit(const fit_input& in) const {
    const detail::extent e = in.extent != nullptr ? *in.extent : detail::find_extent(in.values);
    detail::require_values(name(), in, e.n, 1);
    if (!(e.max > e.min)) {
      GOVMETRICS_THROW(data_error("normalize::min_max: indicator '" + std::string(in.code) +
                                  "' has zero range (" +
                                  govmetrics::detail::count_of(e.n, "unit", "units") + ", all " +
                                  govmetrics::detail::format_number(e.min) + ")"));
    }
    return {e.min, e.max};
  }

  double apply(const params& p, double x) const noexcept {
    const double range = p.max - p.min;
    if (std::isfinite(range))
      return (x - p.min) / range * (hi - lo) + lo;
    // max - min overflows (e.g. -1e308 and 1e308): the same ratio on halved values, which are
    // exact (no finite value this large is subnormal when halved) and whose range fits
    return (x * 0.5 - p.min * 0.5) / (p.max * 0.5 - p.min * 0.5) * (hi - lo) + lo;
  }

  /// `apply` on every non-missing value of x[0..n), in place (the same bits, vectorised); returns
  /// what it wrote (missing, not above 0, infinite: the checks after normalising need no pass).
  govmetrics::detail::column_summary apply_column(const params& p, double* x,
                                                  std::size_t n) const noexcept {
    if (!std::isfinite(p.max - p.min)) {
      for (std::size_t i = 0; i < n; ++i)
        x[i] = std::isnan(x[i]) ? x[i] : apply(p, x[i]);
      return govmetrics::detail::summarise_column(x, n);
    }
    return detail::affine_ratio_column(x, n, p.min, p.max - p.min, hi - lo, lo);
  }

  std::vector<std::pair<std::string, double>> describe(const params& p) const {
    std::vector<std::pair<std::string, double>> out; // (in place: no copies of the names)
    out.reserve(4);
    out.emplace_back("min", p.min);
    out.emplace_back("max", p.max);
    out.emplace_back("lo", lo);
    out.emplace_back("hi", hi);
    return out;
  }
};

static_assert(is_normalizer_v<min_max>, "normalize::min_max must model the normaliser concept");

} // namespace govmetrics::normalize
