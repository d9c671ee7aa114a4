// govmetrics internals: the one correlation module, part 2: the correlation of two columns with
// missing values (pairwise complete observations) by any method, with its two-sided p-value.
#pragma once

#include "govmetrics/detail/correlation.hpp"

#include <boost/math/distributions/students_t.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

namespace govmetrics::detail {

/// Two-sided p-value of a correlation r over n pairs from Student's t with n - 2 degrees of
/// freedom, t = r sqrt((n - 2) / (1 - r^2)) (R's cor.test for Pearson; the usual approximation for
/// Spearman, as Hmisc::rcorr and scipy.stats.spearmanr). 0 when |r| = 1; NaN when n < 3.
inline double t_test_p(double r, std::size_t n) {
  if (n < 3 || std::isnan(r))
    return std::numeric_limits<double>::quiet_NaN();
  if (std::fabs(r) >= 1.0)
    return 0.0;
  const double df = static_cast<double>(n - 2);
  const double t = std::fabs(r) * std::sqrt(df / ((1.0 - r) * (1.0 + r)));
  const boost::math::students_t dist(df);
  return 2.0 * boost::math::cdf(boost::math::complement(dist, t));
}

/// The correlation of `x` and `y` (same length; NaN = missing) by `method`, over the pairs where
/// both are present (pairwise complete observations).
inline correlation correlate(const double* x, const double* y, std::size_t size,
                             correlation_method method) {
  std::vector<double> a;
  std::vector<double> b;
  a.reserve(size);
  b.reserve(size);
  for (std::size_t i = 0; i < size; ++i) {
    if (!std::isnan(x[i]) && !std::isnan(y[i])) {
      a.push_back(x[i]);
      b.push_back(y[i]);
    }
  }
  correlation c;
  c.n = a.size();
  if (c.n < 2) {
    c.why = "fewer than 2 complete pairs";
    return c;
  }
  const auto constant = [](const std::vector<double>& v) {
    return std::all_of(v.begin(), v.end(), [&](double z) { return z == v.front(); });
  };
  if (constant(a) || constant(b)) {
    c.why = constant(a) ? "the first variable is constant" : "the second variable is constant";
    return c;
  }
  switch (method) {
  case correlation_method::pearson:
    c.r = pearson_complete(a.data(), b.data(), c.n);
    c.p = t_test_p(c.r, c.n);
    break;
  case correlation_method::spearman: {
    const auto ra = average_ranks(a.data(), c.n);
    const auto rb = average_ranks(b.data(), c.n);
    c.r = pearson_complete(ra.data(), rb.data(), c.n);
    c.p = t_test_p(c.r, c.n);
    break;
  }
  case correlation_method::kendall: {
    const auto tp = kendall_tau_b(a.data(), b.data(), c.n);
    c.r = tp.first;
    c.p = tp.second;
    break;
  }
  }
  return c;
}

} // namespace govmetrics::detail
