// govmetrics: coverage screening of units and indicators (before treatment and normalisation).
#pragma once

#include "govmetrics/config.hpp"
#include "govmetrics/detail/format.hpp"
#include "govmetrics/error.hpp"

#include <string>

namespace govmetrics::missing {

/// Data-availability screening, after imputation (COINr `Screen(dat_thresh, unit_screen =
/// "byNA")`). A unit whose share of available indicators is below `min_share` is screened out: it
/// stays in the results with NaN everywhere and a warning diagnostic, and takes no part in the
/// treatment and normalisation fits. Then an indicator whose share of available values among the
/// remaining units is below `indicator_min_share` becomes all-NaN (its parent renormalises over
/// its other children) with a warning diagnostic. 0 turns either test off (the defaults).
struct screen {
  double min_share = 0.0;
  double indicator_min_share = 0.0;
  static constexpr const char* name() noexcept { return "screen"; }
  bool active() const noexcept { return min_share > 0.0 || indicator_min_share > 0.0; }
  void validate() const {
    check("min_share", min_share);
    check("indicator_min_share", indicator_min_share);
  }

private:
  static void check(const char* key, double v) {
    if (!(v >= 0.0 && v <= 1.0)) {
      GOVMETRICS_THROW(spec_error(std::string("missing::screen: '") + key +
                                  "' must be in [0, 1] (got " +
                                  govmetrics::detail::format_number(v) + ")"));
    }
  }
};

} // namespace govmetrics::missing
