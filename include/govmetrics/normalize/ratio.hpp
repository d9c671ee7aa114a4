// govmetrics: normalise by a column statistic: `ratio_to_mean{scale}`, `vector` (x / ||x||2) and
// `sum` (x / sum x).
#pragma once

#include "govmetrics/detail/accumulate.hpp"
#include "govmetrics/normalize/detail.hpp"

#include <cmath>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace govmetrics::normalize {

/// y = x' / mean(x') * scale over the non-missing direction-adjusted values (compensated mean).
/// Needs mean > 0 (data_error otherwise).
struct ratio_to_mean {
  double scale = 1.0;

  static constexpr const char* name() noexcept { return "ratio_to_mean"; }
  struct params {
    double mean;
  };

  void validate() const {
    detail::require_finite(name(), "scale", scale);
    if (!(scale > 0.0)) {
      GOVMETRICS_THROW(spec_error("normalize::ratio_to_mean: 'scale' must be positive (scale " +
                                  govmetrics::detail::format_number(scale) + ")"));
    }
  }

  params fit(const fit_input& in) const {
    const auto m = govmetrics::detail::compute_moments(in.values.data(), in.values.size());
    detail::require_values(name(), in, m.n, 1);
    detail::require_finite_statistic(name(), in, "mean", m.mean);
    if (!(m.mean > 0.0)) {
      GOVMETRICS_THROW(data_error("normalize::ratio_to_mean: indicator '" + std::string(in.code) +
                                  "' needs a positive mean, got " +
                                  govmetrics::detail::format_number(m.mean) +
                                  " (direction-adjusted, direction " + to_string(in.polarity) +
                                  ", " + govmetrics::detail::count_of(m.n, "unit", "units") + ")"));
    }
    return {m.mean};
  }

  double apply(const params& p, double x) const noexcept { return x / p.mean * scale; }

  std::vector<std::pair<std::string, double>> describe(const params& p) const {
    return {{"mean", p.mean}, {"scale", scale}};
  }
};

/// y = x' / sqrt(sum x'^2) over the non-missing direction-adjusted values (the vector
/// normalisation of TOPSIS, Hwang & Yoon). An all-zero column is a data_error.
struct vector {
  static constexpr const char* name() noexcept { return "vector"; }
  struct params {
    double norm;
  };

  void validate() const noexcept {}

  params fit(const fit_input& in) const {
    govmetrics::detail::neumaier_sum ss;
    std::size_t n = 0;
    for (double v : in.values) {
      if (std::isnan(v))
        continue;
      ss.add(v * v);
      ++n;
    }
    detail::require_values(name(), in, n, 1);
    double norm = std::sqrt(ss.value());
    if (!std::isfinite(norm)) {
      // the squares overflow: the same norm on values scaled by the largest magnitude
      const auto e = detail::find_extent(in.values);
      const double scale = std::fmax(std::fabs(e.min), std::fabs(e.max));
      govmetrics::detail::neumaier_sum scaled;
      for (double v : in.values) {
        if (!std::isnan(v))
          scaled.add((v / scale) * (v / scale));
      }
      norm = scale * std::sqrt(scaled.value());
    }
    if (!(norm > 0.0)) {
      GOVMETRICS_THROW(data_error("normalize::vector: indicator '" + std::string(in.code) +
                                  "' has zero length (" +
                                  govmetrics::detail::count_of(n, "unit", "units") + ", all 0)"));
    }
    return {norm};
  }

  double apply(const params& p, double x) const noexcept { return x / p.norm; }

  std::vector<std::pair<std::string, double>> describe(const params& p) const {
    return {{"norm", p.norm}};
  }
};

/// y = x' / sum(x') over the non-missing direction-adjusted values (the proportions of the
/// entropy method). A negative value or a zero sum is a data_error.
struct sum {
  static constexpr const char* name() noexcept { return "sum"; }
  struct params {
    double total;
  };

  void validate() const noexcept {}

  params fit(const fit_input& in) const {
    govmetrics::detail::neumaier_sum s;
    std::size_t n = 0;
    for (std::size_t i = 0; i < in.values.size(); ++i) {
      const double v = in.values[i];
      if (std::isnan(v))
        continue;
      if (v < 0.0) {
        GOVMETRICS_THROW(data_error("normalize::sum: indicator '" + std::string(in.code) +
                                    "' needs non-negative values, got " +
                                    govmetrics::detail::format_number(v) + " at row " +
                                    std::to_string(i + 1) + " (direction-adjusted, direction " +
                                    to_string(in.polarity) + ")"));
      }
      s.add(v);
      ++n;
    }
    detail::require_values(name(), in, n, 1);
    const double total = s.value();
    detail::require_finite_statistic(name(), in, "sum", total);
    if (!(total > 0.0)) {
      GOVMETRICS_THROW(data_error("normalize::sum: indicator '" + std::string(in.code) +
                                  "' has a zero sum (" +
                                  govmetrics::detail::count_of(n, "unit", "units") + ", all 0)"));
    }
    return {total};
  }

  double apply(const params& p, double x) const noexcept { return x / p.total; }

  std::vector<std::pair<std::string, double>> describe(const params& p) const {
    return {{"sum", p.total}};
  }
};

static_assert(is_normalizer_v<ratio_to_mean>,
              "normalize::ratio_to_mean must model the normaliser concept");
static_assert(is_normalizer_v<vector>, "normalize::vector must model the normaliser concept");
static_assert(is_normalizer_v<sum>, "normalize::sum must model the normaliser concept");

} // namespace govmetrics::normalize
