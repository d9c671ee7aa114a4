// govmetrics: descriptive statistics and data-quality flags of indicators and aggregates (the
// audit's first table; COINr's get_stats).
#pragma once

#include "govmetrics/audit/data_sets.hpp"
#include "govmetrics/core/column_view.hpp"
#include "govmetrics/detail/accumulate.hpp"
#include "govmetrics/detail/moments.hpp"
#include "govmetrics/error.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace govmetrics::audit {

/// Thresholds of the data-quality flags (COINr get_stats's defaults).
struct stats_thresholds {
  double skew = 2.0;          ///< |skew| above this ...
  double kurtosis = 3.5;      ///< ... and excess kurtosis above this: flag_skew_kurt
  double availability = 0.65; ///< share of units with a value below this: flag_avail
  double nonzero = 0.5;       ///< share of units with a non-zero value below this: flag_nonzero
  double unique = 0.5;        ///< share of units with distinct values below this: flag_unique

  /// spec_error naming the threshold that is not a finite number, or a share outside [0, 1].
  void validate() const {
    const auto finite = [](const char* what, double v) {
      if (!std::isfinite(v)) {
        GOVMETRICS_THROW(
            spec_error(std::string("audit: threshold '") + what + "' must be a finite number"));
      }
    };
    const auto share = [&](const char* what, double v) {
      finite(what, v);
      if (v < 0.0 || v > 1.0) {
        GOVMETRICS_THROW(spec_error(std::string("audit: threshold '") + what +
                                    "' is a share and must lie in [0, 1] (got " +
                                    std::to_string(v) + ")"));
      }
    };
    finite("skew", skew);
    finite("kurtosis", kurtosis);
    share("availability", availability);
    share("nonzero", nonzero);
    share("unique", unique);
  }
};

/// The statistics of one column (NaN = missing), with COINr get_stats's definitions:
/// - min, max, mean, median (mean of the two middle values for an even count), sd (sample, n - 1),
///   skew and kurt (e1071 type 2, kurt is excess kurtosis; the estimators of the treatment), all
///   over the available values; NaN when too few (sd: 2, skew: 3, kurt: 4) or all equal;
/// - n_avail (values present), n_nonzero, n_unique (distinct values, exact equality), n_same (how
///   often the most frequent value occurs); frac_avail = n_avail / n_units and the other
///   fractions relative to n_avail;
/// - flags: `low_avail` when frac_avail < availability, `low_nonzero` when n_nonzero / n_units <
///   nonzero, `low_unique` when n_unique / n_units < unique (these two relative to every unit, as
///   COINr), `skew_kurt_out` when |skew| > skew and kurt > kurtosis (both strict).
struct statistics {
  std::string code;
  double min = std::numeric_limits<double>::quiet_NaN();
  double max = std::numeric_limits<double>::quiet_NaN();
  double mean = std::numeric_limits<double>::quiet_NaN();
  double median = std::numeric_limits<double>::quiet_NaN();
  double sd = std::numeric_limits<double>::quiet_NaN();
  double skew = std::numeric_limits<double>::quiet_NaN();
  double kurt = std::numeric_limits<double>::quiet_NaN();
  std::size_t n_units = 0;
  std::size_t n_avail = 0;
  std::size_t n_nonzero = 0;
  std::size_t n_unique = 0;
  std::size_t n_same = 0;
  double frac_avail = std::numeric_limits<double>::quiet_NaN();
  double frac_nonzero = std::numeric_limits<double>::quiet_NaN();
  double frac_unique = std::numeric_limits<double>::quiet_NaN();
  double frac_same = std::numeric_limits<double>::quiet_NaN();
  bool low_avail = false;
  bool low_nonzero = false;
  bool low_unique = false;
  bool skew_kurt_out = false;

  /// Any flag raised.
  bool flagged() const noexcept { return low_avail || low_nonzero || low_unique || skew_kurt_out; }
};

/// The statistics of column `x` named `code`.
inline statistics describe(std::string code, column_view x, const stats_thresholds& t = {}) {
  statistics s;
  s.code = std::move(code);
  s.n_units = x.size();
  std::vector<double> a;
  a.reserve(x.size());
  for (double v : x) {
    if (!std::isnan(v))
      a.push_back(v);
  }
  s.n_avail = a.size();
  const auto units = static_cast<double>(s.n_units);
  s.frac_avail = s.n_units == 0 ? std::numeric_limits<double>::quiet_NaN()
                                : static_cast<double>(s.n_avail) / units;
  s.low_avail = !(s.frac_avail >= t.availability);
  if (a.empty())
    return s;
  const auto avail = static_cast<double>(s.n_avail);
  for (double v : a)
    s.n_nonzero += v != 0.0 ? 1U : 0U;
  const govmetrics::detail::moments m = govmetrics::detail::compute_moments(a.data(), a.size());
  s.mean = m.mean;
  s.sd = std::sqrt(m.sample_variance());
  const govmetrics::detail::shape sh = govmetrics::detail::compute_shape(a.data(), a.size());
  s.skew = sh.skew;
  s.kurt = sh.kurtosis;
  std::sort(a.begin(), a.end());
  s.min = a.front();
  s.max = a.back();
  const std::size_t mid = a.size() / 2;
  if (a.size() % 2 == 1) {
    s.median = a[mid];
  } else {
    // (a + b) / 2 as R's median; halves first only when the sum overflows
    const double sum = a[mid - 1] + a[mid];
    s.median = std::isfinite(sum) ? sum / 2.0 : a[mid - 1] / 2.0 + a[mid] / 2.0;
  }
  std::size_t pos = 0;
  while (pos < a.size()) {
    std::size_t end = pos + 1;
    while (end < a.size() && a[end] == a[pos])
      ++end;
    ++s.n_unique;
    s.n_same = std::max(s.n_same, end - pos);
    pos = end;
  }
  s.frac_nonzero = static_cast<double>(s.n_nonzero) / avail;
  s.frac_unique = static_cast<double>(s.n_unique) / avail;
  s.frac_same = static_cast<double>(s.n_same) / avail;
  s.low_nonzero = static_cast<double>(s.n_nonzero) / units < t.nonzero;
  s.low_unique = static_cast<double>(s.n_unique) / units < t.unique;
  s.skew_kurt_out = std::fabs(s.skew) > t.skew && s.kurt > t.kurtosis;
  return s;
}

/// The statistics of every column of `data` (data_set_columns()), in its order.
inline std::vector<statistics> describe(const named_columns& data, const stats_thresholds& t = {}) {
  t.validate();
  std::vector<statistics> out;
  out.reserve(data.codes.size());
  for (std::size_t i = 0; i < data.codes.size(); ++i)
    out.push_back(describe(data.codes[i], data.columns[i], t));
  return out;
}

} // namespace govmetrics::audit
