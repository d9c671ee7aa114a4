// govmetrics: normalise `z_score{mean, sd}`.
#pragma once

#include "govmetrics/detail/accumulate.hpp"
#include "govmetrics/normalize/detail.hpp"

#include <cmath>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace govmetrics::normalize {

/// y = (x - mean(x)) / sd(x) * sd + mean, sd(x) the sample standard deviation (n - 1), over the
/// non-missing values (COINr `n_zscore`). Needs 2 values and a non-zero sd (data_error otherwise).
struct z_score {
  double mean = 0.0;
  double sd = 1.0;

  static constexpr const char* name() noexcept { return "z_score"; }
  struct params {
    double mean;
    double sd;
    double n;
  };

  void validate() const {
    detail::require_finite(name(), "mean", mean);
    detail::require_finite(name(), "sd", sd);
    if (!(sd > 0.0)) {
      GOVMETRICS_THROW(spec_error("normalize::z_score: 'sd' must be positive (sd " +
                                  govmetrics::detail::format_number(sd) + ")"));
    }
  }

  params fit(const fit_input& in) const {
    const auto m = govmetrics::detail::compute_moments(in.values.data(), in.values.size());
    detail::require_values(name(), in, m.n, 2);
    detail::require_finite_statistic(name(), in, "mean", m.mean);
    const double s = std::sqrt(m.sample_variance());
    detail::require_finite_statistic(name(), in, "standard deviation", s);
    if (!(s > 0.0)) {
      GOVMETRICS_THROW(data_error("normalize::z_score: indicator '" + std::string(in.code) +
                                  "' has zero standard deviation (" +
                                  govmetrics::detail::count_of(m.n, "unit", "units") + ", all " +
                                  govmetrics::detail::format_number(m.mean) + ")"));
    }
    return {m.mean, s, static_cast<double>(m.n)};
  }

  double apply(const params& p, double x) const noexcept { return (x - p.mean) / p.sd * sd + mean; }

  /// `apply` on every non-missing value of x[0..n), in place (the same bits, vectorised); returns
  /// what it wrote (missing, not above 0, infinite: the checks after normalising need no pass).
  govmetrics::detail::column_summary apply_column(const params& p, double* x,
                                                  std::size_t n) const noexcept {
    return detail::affine_ratio_column(x, n, p.mean, p.sd, sd, mean);
  }

  std::vector<std::pair<std::string, double>> describe(const params& p) const {
    return {{"mean_x", p.mean}, {"sd_x", p.sd}, {"n", p.n}, {"mean", mean}, {"sd", sd}};
  }
};

static_assert(is_normalizer_v<z_score>, "normalize::z_score must model the normaliser concept");

} // namespace govmetrics::normalize
