// govmetrics: normalise `log_min_max{lo, hi}` (min-max of the natural logarithm).
#pragma once

#include "govmetrics/normalize/detail.hpp"

#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace govmetrics::normalize {

/// y = (t - min t) / (max t - min t) * (hi - lo) + lo with t = sign * ln(x), the logarithm of the
/// ORIGINAL value x > 0, then the direction sign applied (so higher = better holds for negative
/// indicators too). On the direction-adjusted value x' = sign * x this is t = sign * ln(sign * x').
/// A non-positive original value is a data_error naming indicator, row and value; zero range of t
/// is a data_error.
struct log_min_max {
  double lo = 0.0;
  double hi = 100.0;

  static constexpr const char* name() noexcept { return "log_min_max"; }
  struct params {
    double min;  ///< min of t = sign * ln(x)
    double max;  ///< max of t
    double sign; ///< the direction sign (+1 or -1)
  };

  void validate() const {
    detail::require_finite(name(), "lo", lo);
    detail::require_finite(name(), "hi", hi);
    if (!(lo < hi)) {
      GOVMETRICS_THROW(spec_error("normalize::log_min_max: 'lo' must be less than 'hi' (lo " +
                                  govmetrics::detail::format_number(lo) + ", hi " +
                                  govmetrics::detail::format_number(hi) + ")"));
    }
  }

  params fit(const fit_input& in) const {
    const double sign = sign_of(in.polarity);
    params p{0.0, 0.0, sign};
    std::size_t n = 0;
    for (std::size_t i = 0; i < in.values.size(); ++i) {
      const double v = in.values[i];
      if (std::isnan(v))
        continue;
      const double original = sign * v;
      if (!(original > 0.0)) {
        GOVMETRICS_THROW(data_error("normalize::log_min_max: indicator '" + std::string(in.code) +
                                    "' needs positive values, got " +
                                    govmetrics::detail::format_number(original) + " at row " +
                                    std::to_string(i + 1)));
      }
      const double t = sign * std::log(original);
      if (n == 0) {
        p.min = t;
        p.max = t;
      } else {
        p.min = t < p.min ? t : p.min;
        p.max = t > p.max ? t : p.max;
      }
      ++n;
    }
    detail::require_values(name(), in, n, 1);
    if (!(p.max > p.min)) {
      GOVMETRICS_THROW(data_error(
          "normalize::log_min_max: indicator '" + std::string(in.code) + "' has zero range (" +
          govmetrics::detail::count_of(n, "unit", "units") + ", all " +
          govmetrics::detail::format_number(sign * in.values[first(in)]) + ")"));
    }
    return p;
  }

  /// New values that are not positive in original units give NaN (fit rejects them).
  double apply(const params& p, double x) const noexcept {
    const double original = p.sign * x;
    if (!(original > 0.0))
      return std::numeric_limits<double>::quiet_NaN();
    const double t = p.sign * std::log(original);
    return (t - p.min) / (p.max - p.min) * (hi - lo) + lo;
  }

  std::vector<std::pair<std::string, double>> describe(const params& p) const {
    return {{"min", p.min}, {"max", p.max}, {"sign", p.sign}, {"lo", lo}, {"hi", hi}};
  }

private:
  static std::size_t first(const fit_input& in) noexcept {
    std::size_t i = 0;
    while (i < in.values.size() && std::isnan(in.values[i]))
      ++i;
    return i;
  }
};

static_assert(is_normalizer_v<log_min_max>,
              "normalize::log_min_max must model the normaliser concept");

} // namespace govmetrics::normalize
