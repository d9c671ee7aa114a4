// govmetrics: outlier treatment `winsorise`, COINr's qTreat (winsorise, then log_ct).
#pragma once

#include "govmetrics/config.hpp"
#include "govmetrics/detail/format.hpp"
#include "govmetrics/detail/moments.hpp"
#include "govmetrics/error.hpp"
#include "govmetrics/treat/details.hpp"

#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

namespace govmetrics::treat {

/// COINr's `qTreat` / `Treat()` with its defaults (COINr 1.1.14), reproduced exactly:
/// 1. test: the column passes if |skew| < `skew` OR kurtosis < `kurtosis` (e1071 type 2, excess
///    kurtosis, detail/moments.hpp); a passing column is left unchanged;
/// 2. else winsorise one point at a time on the side of the skew (skew >= 0: every value equal to
///    the current maximum is set to the largest other value; else the same at the minimum), tied
///    extremes moving together and each counting as a point, re-testing after each step, while
///    failing and fewer than `max_points` points are winsorised (a tie can overshoot the limit);
/// 3. if it still fails and `log_fallback`, the winsorisation is undone and log_ct is applied to
///    the ORIGINAL column: log(x - min + 0.01 (max - min)), kept even if it still fails. Without
///    `log_fallback` the winsorised column is kept.
/// Missing values are ignored by every statistic and stay missing. Needs 4 non-missing values
/// (data_error); a column whose values are all equal cannot be tested and is left unchanged.
/// COINr runs this on the raw data, before the direction sign and normalisation; so do the
/// pipelines.
struct winsorise {
  double skew = 2.0;        ///< threshold on |skewness|
  double kurtosis = 3.5;    ///< threshold on excess kurtosis
  double max_points = 5.0;  ///< a whole number >= 1 (a double like every strategy parameter)
  bool log_fallback = true; ///< COINr's f2 = "log_CT" (true) or no second stage (false)

  static constexpr const char* name() noexcept { return "winsorise"; }

  void validate() const {
    if (!std::isfinite(skew) || !(skew > 0.0)) {
      GOVMETRICS_THROW(spec_error("treat::winsorise: 'skew' must be a positive number (skew " +
                                  govmetrics::detail::format_number(skew) + ")"));
    }
    if (!std::isfinite(kurtosis)) {
      GOVMETRICS_THROW(
          spec_error("treat::winsorise: 'kurtosis' must be a finite number (kurtosis " +
                     govmetrics::detail::format_number(kurtosis) + ")"));
    }
    if (!std::isfinite(max_points) || !(max_points >= 1.0) ||
        max_points != std::floor(max_points) || max_points > 1e9) {
      GOVMETRICS_THROW(
          spec_error("treat::winsorise: 'max_points' must be a whole number >= 1 (max_points " +
                     govmetrics::detail::format_number(max_points) + ")"));
    }
  }

  /// The pass test on the statistics of a column.
  bool passes(double sk, double kt) const noexcept { return std::fabs(sk) < skew || kt < kurtosis; }

  details apply(const column_ref& col) const {
    details d;
    d.method = name();
    d.indicator = std::string(col.code);
    double* x = col.data;
    const std::size_t size = col.size;
    const auto s0 = govmetrics::detail::compute_shape(x, size);
    d.n = s0.n;
    if (s0.n < 4) {
      GOVMETRICS_THROW(
          data_error("treat::winsorise: indicator '" + std::string(col.code) + "' has " +
                     govmetrics::detail::count_of(s0.n, "non-missing value", "non-missing values") +
                     " of " + std::to_string(size) + " (skewness and kurtosis need at least 4)"));
    }
    d.skew_before = s0.skew;
    d.kurtosis_before = s0.kurtosis;
    d.skew_after = s0.skew;
    d.kurtosis_after = s0.kurtosis;
    if (std::isnan(s0.skew) || std::isnan(s0.kurtosis))
      return d; // all values equal: untestable (COINr: Pass NA, column returned untreated)
    d.tested = true;
    d.pass_before = passes(s0.skew, s0.kurtosis);
    d.pass_after = d.pass_before;
    if (d.pass_before)
      return d;

    const std::vector<double> original(x, x + size);
    d.winsorised = true;
    const auto limit = static_cast<std::size_t>(max_points);
    // COINr keeps the positions of the last step on each side; since points moved earlier sit at
    // the new extreme, the last step's set holds every point moved on that side.
    std::vector<std::size_t> hi;
    std::vector<std::size_t> lo;
    auto stats = s0;
    bool pass = false;
    std::size_t points = 0;
    while (!pass && points < limit) {
      const bool high = stats.skew >= 0.0;
      double extreme = std::nan("");
      for (std::size_t i = 0; i < size; ++i) {
        if (!std::isnan(x[i]) && (std::isnan(extreme) || (high ? x[i] > extreme : x[i] < extreme)))
          extreme = x[i];
      }
      std::vector<std::size_t>& at = high ? hi : lo;
      at.clear();
      double next = std::nan("");
      for (std::size_t i = 0; i < size; ++i) {
        if (std::isnan(x[i]))
          continue;
        if (x[i] == extreme) {
          at.push_back(i);
        } else if (std::isnan(next) || (high ? x[i] > next : x[i] < next)) {
          next = x[i];
        }
      }
      if (std::isnan(next))
        break; // every value is at the extreme: nothing left to move towards
      for (std::size_t i : at)
        x[i] = next;
      points = hi.size() + lo.size();
      stats = govmetrics::detail::compute_shape(x, size);
      if (std::isnan(stats.skew) || std::isnan(stats.kurtosis))
        break;
      pass = passes(stats.skew, stats.kurtosis);
    }
    d.points_high = hi.size();
    d.points_low = lo.size();
    d.high_units = hi;
    d.low_units = lo;
    d.skew_winsorised = stats.skew;
    d.kurtosis_winsorised = stats.kurtosis;
    d.pass_winsorised = pass;
    d.skew_after = stats.skew;
    d.kurtosis_after = stats.kurtosis;
    d.pass_after = pass;
    if (pass || !log_fallback)
      return d;

    // log_ct on the original column.
    double mn = std::nan("");
    double mx = std::nan("");
    for (double v : original) {
      if (std::isnan(v))
        continue;
      mn = std::isnan(mn) || v < mn ? v : mn;
      mx = std::isnan(mx) || v > mx ? v : mx;
    }
    const double shift = 0.01 * (mx - mn);
    for (std::size_t i = 0; i < size; ++i)
      x[i] = std::isnan(original[i]) ? original[i] : std::log(original[i] - mn + shift);
    d.log_ct = true;
    const auto s2 = govmetrics::detail::compute_shape(x, size);
    d.skew_after = s2.skew;
    d.kurtosis_after = s2.kurtosis;
    d.pass_after = !std::isnan(s2.skew) && !std::isnan(s2.kurtosis) && passes(s2.skew, s2.kurtosis);
    return d;
  }
};

static_assert(is_treatment_v<winsorise>, "treat::winsorise must model the treatment concept");

} // namespace govmetrics::treat
