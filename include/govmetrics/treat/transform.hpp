// govmetrics: treatments that transform every value: `log`, `log1p`, `box_cox`.
#pragma once

#include "govmetrics/config.hpp"
#include "govmetrics/detail/format.hpp"
#include "govmetrics/detail/moments.hpp"
#include "govmetrics/error.hpp"
#include "govmetrics/treat/details.hpp"

#include <cmath>
#include <cstddef>
#include <string>

namespace govmetrics::treat {

namespace detail {
/// Applies `f` to every non-missing value after checking `ok` on all of them (so that a bad value
/// leaves the column untouched); records skewness and kurtosis before and after.
template <class Ok, class F>
details transform_column(const char* method, const column_ref& col, const char* need, Ok ok, F f) {
  details d;
  d.method = method;
  d.indicator = std::string(col.code);
  for (std::size_t i = 0; i < col.size; ++i) {
    const double v = col.data[i];
    if (!std::isnan(v) && !ok(v)) {
      GOVMETRICS_THROW(data_error(
          std::string("treat::") + method + ": indicator '" + std::string(col.code) + "' needs " +
          need + ", but " + col.unit_name(i) + " has " + govmetrics::detail::format_number(v)));
    }
  }
  const auto s0 = govmetrics::detail::compute_shape(col.data, col.size);
  d.n = s0.n;
  d.skew_before = s0.skew;
  d.kurtosis_before = s0.kurtosis;
  for (std::size_t i = 0; i < col.size; ++i) {
    if (!std::isnan(col.data[i]))
      col.data[i] = f(col.data[i]);
  }
  const auto s1 = govmetrics::detail::compute_shape(col.data, col.size);
  d.skew_after = s1.skew;
  d.kurtosis_after = s1.kurtosis;
  return d;
}
} // namespace detail

/// y = ln x (natural logarithm). Needs x > 0 (data_error naming the unit otherwise); missing
/// values stay missing.
struct log {
  static constexpr const char* name() noexcept { return "log"; }
  void validate() const noexcept {}
  details apply(const column_ref& col) const {
    return detail::transform_column(
        name(), col, "positive values", [](double v) { return v > 0.0 && std::isfinite(v); },
        [](double v) { return std::log(v); });
  }
};

/// y = ln(1 + x), computed with std::log1p (accurate for small x). Needs x > -1.
struct log1p {
  static constexpr const char* name() noexcept { return "log1p"; }
  void validate() const noexcept {}
  details apply(const column_ref& col) const {
    return detail::transform_column(
        name(), col, "values above -1", [](double v) { return v > -1.0 && std::isfinite(v); },
        [](double v) { return std::log1p(v); });
  }
};

/// Box-Cox with a fixed `lambda`: y = (x^lambda - 1) / lambda, and y = ln x for lambda = 0.
/// Needs x > 0. No lambda is estimated. (COINr's boxcox() first shifts x to x - min(x) + 1 by
/// default; govmetrics does not shift.)
struct box_cox {
  double lambda = 1.0;

  static constexpr const char* name() noexcept { return "box_cox"; }
  void validate() const {
    if (!std::isfinite(lambda)) {
      GOVMETRICS_THROW(spec_error("treat::box_cox: 'lambda' must be a finite number (lambda " +
                                  govmetrics::detail::format_number(lambda) + ")"));
    }
  }
  details apply(const column_ref& col) const {
    const double l = lambda;
    return detail::transform_column(
        name(), col, "positive values", [](double v) { return v > 0.0 && std::isfinite(v); },
        [l](double v) { return l == 0.0 ? std::log(v) : (std::pow(v, l) - 1.0) / l; });
  }
};

static_assert(is_treatment_v<log>, "treat::log must model the treatment concept");
static_assert(is_treatment_v<log1p>, "treat::log1p must model the treatment concept");
static_assert(is_treatment_v<box_cox>, "treat::box_cox must model the treatment concept");

} // namespace govmetrics::treat
