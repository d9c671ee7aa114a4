// govmetrics internals: the one correlation module, part 1: the coefficients (Pearson, average
// ranks for Spearman, Kendall tau-b), used by CRITIC and PCA weights and by the audit. Part 2,
// detail/correlate.hpp, adds pairwise complete observations and p-values (Boost.Math, a cost only
// the audit pays).
#pragma once

#include "govmetrics/detail/accumulate.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numeric>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace govmetrics::detail {

/// The correlation coefficients the library computes.
enum class correlation_method { pearson, spearman, kendall };

constexpr const char* to_string(correlation_method m) noexcept {
  switch (m) {
  case correlation_method::pearson:
    return "pearson";
  case correlation_method::spearman:
    return "spearman";
  case correlation_method::kendall:
    return "kendall";
  }
  return "pearson";
}

/// A coefficient, its two-sided p-value and the number of complete pairs it used. `r` is NaN when
/// fewer than 2 pairs are complete or either variable is constant over them (then `why` says
/// which); `p` is NaN when `r` is, or when fewer than 3 pairs are complete.
struct correlation {
  double r = std::numeric_limits<double>::quiet_NaN();
  double p = std::numeric_limits<double>::quiet_NaN();
  std::size_t n = 0;
  const char* why = ""; ///< empty, "fewer than 2 complete pairs", "x is constant", ...
};

/// Pearson's r of two complete columns (no NaN): centred by their means (compute_moments: the
/// corrected two-pass mean), compensated sums of cross-products and squares,
///   r = sum (x - mx)(y - my) / sqrt(sum (x - mx)^2 sum (y - my)^2), clamped to [-1, 1].
/// NaN when either column is constant (sum of squares 0) or n < 2.
inline double pearson_complete(const double* x, const double* y, std::size_t n) noexcept {
  if (n < 2)
    return std::numeric_limits<double>::quiet_NaN();
  const moments mx = compute_moments(x, n);
  const moments my = compute_moments(y, n);
  if (!(mx.m2 > 0.0) || !(my.m2 > 0.0))
    return std::numeric_limits<double>::quiet_NaN();
  neumaier_sum cross;
  for (std::size_t i = 0; i < n; ++i)
    cross.add((x[i] - mx.mean) * (y[i] - my.mean));
  // sqrt(m2x m2y), or sqrt(m2x) sqrt(m2y) where the product overflows or underflows
  const double product = mx.m2 * my.m2;
  const double scale = std::isfinite(product) && std::isnormal(product)
                           ? std::sqrt(product)
                           : std::sqrt(mx.m2) * std::sqrt(my.m2);
  const double r = cross.value() / scale;
  return r > 1.0 ? 1.0 : (r < -1.0 ? -1.0 : r);
}

/// Average ranks (ties share the mean of their positions; ascending: the smallest gets 1) of a
/// complete column, as R's rank(ties.method = "average").
inline std::vector<double> average_ranks(const double* x, std::size_t n) {
  std::vector<std::size_t> idx(n);
  std::iota(idx.begin(), idx.end(), std::size_t{0});
  std::sort(idx.begin(), idx.end(),
            [&](std::size_t a, std::size_t b) { return x[a] < x[b] || (x[a] == x[b] && a < b); });
  std::vector<double> r(n);
  std::size_t pos = 0;
  while (pos < n) {
    std::size_t end = pos + 1;
    while (end < n && x[idx[end]] == x[idx[pos]])
      ++end;
    const double avg = (static_cast<double>(pos + 1) + static_cast<double>(end)) / 2.0;
    for (std::size_t k = pos; k < end; ++k)
      r[idx[k]] = avg;
    pos = end;
  }
  return r;
}

/// Sum over groups of equal values (sorted `v`) of f(group size).
template <class F>
double sum_over_ties(const std::vector<double>& sorted, F&& f) {
  double s = 0.0;
  std::size_t pos = 0;
  while (pos < sorted.size()) {
    std::size_t end = pos + 1;
    while (end < sorted.size() && sorted[end] == sorted[pos])
      ++end;
    s += f(static_cast<double>(end - pos));
    pos = end;
  }
  return s;
}

/// Kendall's tau-b of two complete columns and its two-sided p-value from the normal
/// approximation with the tie-corrected variance of S = concordant - discordant (Kendall 1970;
/// scipy.stats.kendalltau's "asymptotic" method). O(n log n): pairs sorted by (x, y), discordant
/// pairs counted as the swaps of a merge sort by y (Knight 1966).
inline std::pair<double, double> kendall_tau_b(const double* x, const double* y, std::size_t n) {
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  if (n < 2)
    return {nan, nan};
  std::vector<std::pair<double, double>> p(n);
  for (std::size_t i = 0; i < n; ++i)
    p[i] = {x[i], y[i]};
  std::sort(p.begin(), p.end());
  const auto pairs = [](double t) { return t * (t - 1.0) / 2.0; };
  // ties in x, and joint ties in (x, y)
  double n1 = 0.0;
  double n3 = 0.0;
  std::vector<double> xs(n);
  for (std::size_t i = 0; i < n; ++i)
    xs[i] = p[i].first;
  n1 = sum_over_ties(xs, pairs);
  {
    std::size_t pos = 0;
    while (pos < n) {
      std::size_t end = pos + 1;
      while (end < n && p[end] == p[pos])
        ++end;
      n3 += pairs(static_cast<double>(end - pos));
      pos = end;
    }
  }
  // merge sort by y, counting the swaps (pairs out of order in y: discordant)
  std::vector<double> ys(n);
  std::vector<double> buf(n);
  for (std::size_t i = 0; i < n; ++i)
    ys[i] = p[i].second;
  double swaps = 0.0;
  for (std::size_t width = 1; width < n; width *= 2) {
    for (std::size_t lo = 0; lo < n; lo += 2 * width) {
      const std::size_t mid = std::min(lo + width, n);
      const std::size_t hi = std::min(lo + 2 * width, n);
      std::size_t i = lo;
      std::size_t j = mid;
      std::size_t k = lo;
      while (i < mid && j < hi) {
        if (ys[j] < ys[i]) {
          buf[k++] = ys[j++];
          swaps += static_cast<double>(mid - i);
        } else {
          buf[k++] = ys[i++];
        }
      }
      while (i < mid)
        buf[k++] = ys[i++];
      while (j < hi)
        buf[k++] = ys[j++];
    }
    ys.swap(buf);
  }
  const double n2 = sum_over_ties(ys, pairs);
  const double nn = static_cast<double>(n);
  const double n0 = nn * (nn - 1.0) / 2.0;
  const double s = n0 - n1 - n2 + n3 - 2.0 * swaps; // concordant - discordant
  const double denom = std::sqrt((n0 - n1) * (n0 - n2));
  if (!(denom > 0.0))
    return {nan, nan};
  double tau = s / denom;
  tau = tau > 1.0 ? 1.0 : (tau < -1.0 ? -1.0 : tau);
  // variance of S with ties in both variables
  const auto v_term = [](double t) { return t * (t - 1.0) * (2.0 * t + 5.0); };
  const auto t1 = [](double t) { return t * (t - 1.0); };
  const auto t2 = [](double t) { return t * (t - 1.0) * (t - 2.0); };
  const double vx = sum_over_ties(xs, v_term);
  const double vy = sum_over_ties(ys, v_term);
  double var = (nn * (nn - 1.0) * (2.0 * nn + 5.0) - vx - vy) / 18.0 +
               sum_over_ties(xs, t1) * sum_over_ties(ys, t1) / (2.0 * nn * (nn - 1.0));
  if (n > 2)
    var += sum_over_ties(xs, t2) * sum_over_ties(ys, t2) / (9.0 * nn * (nn - 1.0) * (nn - 2.0));
  const double pv =
      n < 3 || !(var > 0.0) ? nan : std::erfc(std::fabs(s) / std::sqrt(var) / std::sqrt(2.0));
  return {tau, pv};
}

} // namespace govmetrics::detail
