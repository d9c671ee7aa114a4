// govmetrics: normalise `distance_to_target{target, cap}`, `distance_to_best` and
// `fraction_of_max` and `distance_to_reference{unit, cap}` (COINr `n_dist2targ`, `n_dist2max`,
// `n_fracmax`, `n_dist2ref`).
#pragma once

#include "govmetrics/normalize/detail.hpp"

#include <cmath>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace govmetrics::normalize {

/// y = (x' - min) / (target' - min), capped at 1 when `cap`, where x' is the direction-adjusted
/// value, min the worst adjusted value and target' = target * sign (`target` is given in the
/// indicator's original units; COINr `n_dist2targ`). The target must be better than the worst
/// value (data_error otherwise). `target` has no default: a spec without it is a spec_error.
struct distance_to_target {
  double target = std::numeric_limits<double>::quiet_NaN();
  bool cap = false;

  static constexpr const char* name() noexcept { return "distance_to_target"; }
  struct params {
    double min;    ///< worst value on the direction-adjusted scale
    double target; ///< target on the direction-adjusted scale
  };

  void validate() const {
    if (std::isnan(target)) {
      GOVMETRICS_THROW(spec_error("normalize::distance_to_target: parameter 'target' is required "
                                  "(give it per indicator, e.g. {\"method\": "
                                  "\"distance_to_target\", \"target\": 95})"));
    }
    detail::require_finite(name(), "target", target);
  }

  params fit(const fit_input& in) const {
    const auto e = detail::find_extent(in.values);
    detail::require_values(name(), in, e.n, 1);
    const double t = target * sign_of(in.polarity);
    if (!(t > e.min)) {
      GOVMETRICS_THROW(data_error(
          "normalize::distance_to_target: indicator '" + std::string(in.code) + "' has target " +
          govmetrics::detail::format_number(target) + " not better than its worst value " +
          govmetrics::detail::format_number(e.min * sign_of(in.polarity)) + " (direction " +
          to_string(in.polarity) + ")"));
    }
    return {e.min, t};
  }

  double apply(const params& p, double x) const noexcept {
    const double y = (x - p.min) / (p.target - p.min);
    return cap && y > 1.0 ? 1.0 : y;
  }

  std::vector<std::pair<std::string, double>> describe(const params& p) const {
    return {{"min", p.min}, {"target", p.target}, {"cap", cap ? 1.0 : 0.0}};
  }
};

/// y = 1 - (max - x') / (max - min) on the direction-adjusted values (COINr `n_dist2max`): the
/// distance to the best unit (the frontier), 0 for the worst and 1 for the best. It equals
/// `min_max{0, 1}`. Zero range is a data_error.
struct distance_to_best {
  static constexpr const char* name() noexcept { return "distance_to_best"; }
  struct params {
    double min;
    double max;
  };

  void validate() const noexcept {}

  params fit(const fit_input& in) const {
    const auto e = detail::find_extent(in.values);
    detail::require_values(name(), in, e.n, 1);
    if (!(e.max > e.min)) {
      GOVMETRICS_THROW(data_error("normalize::distance_to_best: indicator '" +
                                  std::string(in.code) + "' has zero range (" +
                                  govmetrics::detail::count_of(e.n, "unit", "units") + ", all " +
                                  govmetrics::detail::format_number(e.min) + ")"));
    }
    return {e.min, e.max};
  }

  double apply(const params& p, double x) const noexcept {
    return 1.0 - (p.max - x) / (p.max - p.min);
  }

  std::vector<std::pair<std::string, double>> describe(const params& p) const {
    return {{"min", p.min}, {"max", p.max}};
  }
};

/// y = x' / max on the direction-adjusted values (COINr `n_fracmax`). Needs max > 0 (data_error
/// otherwise; for a negative indicator x' = -x, so this needs some negative original value).
struct fraction_of_max {
  static constexpr const char* name() noexcept { return "fraction_of_max"; }
  struct params {
    double max;
  };

  void validate() const noexcept {}

  params fit(const fit_input& in) const {
    const auto e = detail::find_extent(in.values);
    detail::require_values(name(), in, e.n, 1);
    if (!(e.max > 0.0)) {
      GOVMETRICS_THROW(
          data_error("normalize::fraction_of_max: indicator '" + std::string(in.code) +
                     "' needs a positive maximum, got " + govmetrics::detail::format_number(e.max) +
                     " (direction-adjusted, direction " + to_string(in.polarity) + ")"));
    }
    return {e.max};
  }

  double apply(const params& p, double x) const noexcept { return x / p.max; }

  std::vector<std::pair<std::string, double>> describe(const params& p) const {
    return {{"max", p.max}};
  }
};

/// y = 1 - (x'_ref - x') / (x'_ref - min) = (x' - min) / (x'_ref - min) on the direction-adjusted
/// values, where x'_ref is the value of the reference unit `unit` (COINr `n_dist2ref`): the
/// reference unit scores 1, the worst unit 0, units better than the reference above 1 (capped at
/// 1 when `cap`). Errors: no `unit` (spec_error); a unit id not in the data
/// (unknown_code_error); the reference unit missing on the indicator, or no unit worse than it
/// (data_error naming indicator and unit); called without unit ids (spec_error).
struct distance_to_reference {
  std::string unit;
  bool cap = false;

  static constexpr const char* name() noexcept { return "distance_to_reference"; }
  struct params {
    double min;       ///< worst value on the direction-adjusted scale
    double reference; ///< the reference unit's value on the direction-adjusted scale
  };

  void validate() const {
    if (unit.empty()) {
      GOVMETRICS_THROW(spec_error("normalize::distance_to_reference: parameter 'unit' is required "
                                  "(the id of the reference unit, e.g. {\"method\": "
                                  "\"distance_to_reference\", \"unit\": \"DNK\"})"));
    }
  }

  params fit(const fit_input& in) const {
    if (in.units == nullptr || in.units->size() != in.values.size()) {
      GOVMETRICS_THROW(spec_error("normalize::distance_to_reference: indicator '" +
                                  std::string(in.code) +
                                  "': the unit ids are needed to find the reference unit '" + unit +
                                  "' (pass them with the column)"));
    }
    std::size_t ref = in.units->size();
    for (std::size_t i = 0; i < in.units->size(); ++i) {
      if ((*in.units)[i] == unit) {
        ref = i;
        break;
      }
    }
    if (ref == in.units->size()) {
      GOVMETRICS_THROW(unknown_code_error("normalize::distance_to_reference: indicator '" +
                                          std::string(in.code) + "': the reference unit '" + unit +
                                          "' is not in the data"));
    }
    const double r = in.values[ref];
    if (std::isnan(r)) {
      GOVMETRICS_THROW(data_error("normalize::distance_to_reference: indicator '" +
                                  std::string(in.code) + "' is missing for the reference unit '" +
                                  unit + "'"));
    }
    const auto e = detail::find_extent(in.values);
    if (!(r > e.min)) {
      GOVMETRICS_THROW(
          data_error("normalize::distance_to_reference: indicator '" + std::string(in.code) +
                     "': the reference unit '" + unit + "' has the worst value (" +
                     govmetrics::detail::format_number(r * sign_of(in.polarity)) + ", direction " +
                     to_string(in.polarity) + "), so the distance is undefined"));
    }
    return {e.min, r};
  }

  double apply(const params& p, double x) const noexcept {
    const double y = 1.0 - (p.reference - x) / (p.reference - p.min);
    return cap && y > 1.0 ? 1.0 : y;
  }

  std::vector<std::pair<std::string, double>> describe(const params& p) const {
    return {{"min", p.min}, {"reference", p.reference}, {"cap", cap ? 1.0 : 0.0}};
  }
};

static_assert(is_normalizer_v<distance_to_target>,
              "normalize::distance_to_target must model the normaliser concept");
static_assert(is_normalizer_v<distance_to_best>,
              "normalize::distance_to_best must model the normaliser concept");
static_assert(is_normalizer_v<fraction_of_max>,
              "normalize::fraction_of_max must model the normaliser concept");
static_assert(is_normalizer_v<distance_to_reference>,
              "normalize::distance_to_reference must model the normaliser concept");

} // namespace govmetrics::normalize
