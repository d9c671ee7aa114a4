// govmetrics: normalise `goalposts{lo, hi, clip, scale}` (HDI-style fixed bounds).
#pragma once

#include "govmetrics/normalize/detail.hpp"

#include <string>
#include <utility>
#include <vector>

namespace govmetrics::normalize {

/// y = (x - lo) / (hi - lo), clipped to [0, 1] when `clip`, then times `scale` (COINr
/// `n_goalposts`). `lo` and `hi` are in the indicator's original units; for a negative indicator
/// y = (x - hi) / (lo - hi), so the better goalpost still maps to 1.
struct goalposts {
  double lo = 0.0;
  double hi = 1.0;
  bool clip = true;
  double scale = 1.0;

  static constexpr const char* name() noexcept { return "goalposts"; }
  struct params {
    double lo; ///< lower goalpost on the direction-adjusted scale
    double hi; ///< upper goalpost on the direction-adjusted scale
  };

  void validate() const {
    detail::require_finite(name(), "lo", lo);
    detail::require_finite(name(), "hi", hi);
    detail::require_finite(name(), "scale", scale);
    if (!(scale > 0.0)) {
      GOVMETRICS_THROW(spec_error("normalize::goalposts: 'scale' must be positive (scale " +
                                  govmetrics::detail::format_number(scale) + ")"));
    }
    if (!(lo < hi)) {
      GOVMETRICS_THROW(spec_error("normalize::goalposts: 'lo' must be less than 'hi' (lo " +
                                  govmetrics::detail::format_number(lo) + ", hi " +
                                  govmetrics::detail::format_number(hi) + ")"));
    }
  }

  // Direction-adjusted data are x' = -x for a negative indicator: (x - hi)/(lo - hi) equals
  // (x' - (-hi)) / ((-lo) - (-hi)), i.e. goalposts -hi and -lo on x'.
  params fit(const fit_input& in) const noexcept {
    return in.polarity == direction::positive ? params{lo, hi} : params{0.0 - hi, 0.0 - lo};
  }

  double apply(const params& p, double x) const noexcept {
    double y = (x - p.lo) / (p.hi - p.lo);
    if (clip)
      y = y < 0.0 ? 0.0 : (y > 1.0 ? 1.0 : y);
    return y * scale;
  }

  std::vector<std::pair<std::string, double>> describe(const params& p) const {
    return {{"lo", p.lo}, {"hi", p.hi}, {"clip", clip ? 1.0 : 0.0}, {"scale", scale}};
  }
};

static_assert(is_normalizer_v<goalposts>, "normalize::goalposts must model the normaliser concept");

} // namespace govmetrics::normalize
