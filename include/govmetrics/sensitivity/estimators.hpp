// govmetrics: estimators of Sobol' first- and total-order indices on a radial design
// (design.hpp), for any number of outputs at once, with bootstrap percentile intervals and
// convergence from nested prefixes of the design.
//
// For output y, base size N, d factors, y_A, y_B and y_ABi the N outputs of each block:
//   V    = the variance of the 2N values of y_A and y_B pooled, divisor 2N (as numpy.var, which
//          SALib uses; COINr's SA_estimate divides by 2N - 1);
//   S_i  = mean_j( y_B[j] (y_ABi[j] - y_A[j]) ) / V          (Saltelli et al. 2010, table 2 (b));
//   ST_i = mean_j( (y_A[j] - y_ABi[j])^2 ) / (2 V)           (Jansen 1999; table 2 (f)).
// Every mean is a compensated sum. An output whose V is 0 (or not finite) gets NaN indices and a
// diagnostic; never a division by zero.
#pragma once

#include "govmetrics/config.hpp"
#include "govmetrics/detail/accumulate.hpp"
#include "govmetrics/detail/parallel.hpp"
#include "govmetrics/error.hpp"
#include "govmetrics/uncertainty/random.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <limits>
#include <string>
#include <thread>
#include <vector>

namespace govmetrics::sensitivity {

/// Resampled estimates kept per index kind at most (B d k; 1 GiB of doubles).
inline constexpr std::size_t max_resampled_values = std::size_t{1} << 27U;

/// How indices are estimated.
struct estimator_options {
  std::size_t bootstrap = 100; ///< resamples of the design's rows (0: no intervals)
  double confidence = 0.95;    ///< of the percentile intervals
  std::uint64_t seed = 42;     ///< of the resampling
  std::size_t threads = 0;     ///< for the resamples (0: every core); results do not depend on it
};

/// Indices of d factors on k outputs; every table is d x k, factor-major: [i * k + o].
struct indices {
  std::size_t d = 0;
  std::size_t k = 0;
  std::size_t n = 0;              ///< base size used
  std::vector<double> first;      ///< S_i
  std::vector<double> total;      ///< ST_i
  std::vector<double> first_lo;   ///< bootstrap percentile interval of S_i (NaN without one)
  std::vector<double> first_hi;   ///<
  std::vector<double> total_lo;   ///<
  std::vector<double> total_hi;   ///<
  std::vector<double> variance;   ///< V per output
  std::vector<std::string> notes; ///< diagnostics (outputs without variance, failed rows)

  double at(const std::vector<double>& table, std::size_t factor, std::size_t output) const {
    return table[factor * k + output];
  }
};

namespace detail {

/// Whether an output varies: V finite and above rounding noise (a constant output whose mean is not
/// exact in binary gets a V of about ulp^2, which must not become an index).
inline bool has_variance(double v, double mean) noexcept {
  return std::isfinite(v) && v > 0.0 && v > 1e-26 * mean * mean;
}

/// Compensated sums of k outputs at once, as separate arrays of sums and compensations (the
/// TwoSum of neumaier_sum::add per output), so that adding a row vectorises.
class row_sums {
public:
  explicit row_sums(std::size_t k) : sum_(k, 0.0), comp_(k, 0.0) {}
  void reset() {
    std::fill(sum_.begin(), sum_.end(), 0.0);
    std::fill(comp_.begin(), comp_.end(), 0.0);
  }
  /// Adds term(o) to output o's sum, for every o.
  template <class Term>
  void add(Term term) {
    double* s = sum_.data();
    double* c = comp_.data();
    const std::size_t k = sum_.size();
    for (std::size_t o = 0; o < k; ++o) {
      const double x = term(o);
      const double t = s[o] + x;
      const double bp = t - s[o];
      c[o] += (s[o] - (t - bp)) + (x - bp);
      s[o] = t;
    }
  }
  double value(std::size_t o) const noexcept { return sum_[o] + comp_[o]; }

private:
  std::vector<double> sum_;
  std::vector<double> comp_;
};

/// Point estimates on the first `used` base points of the design outputs y (n (d + 2) rows x k
/// outputs, row-major), base point j counted `counts[j]` times (once each when `counts` is null:
/// a bootstrap resample is the multiplicities of its draws, and the rows are then read in order).
/// Writes V per output and S, ST (d x k).
inline void estimate(const double* y, std::size_t n, std::size_t d, std::size_t k,
                     const std::vector<std::uint32_t>* counts, std::size_t used, double* var,
                     double* first, double* total, double* mean_out = nullptr) {
  const auto row = [&](std::size_t block, std::size_t j) { return y + (block * n + j) * k; };
  const auto weight = [&](std::size_t j) {
    return counts == nullptr ? 1.0 : static_cast<double>((*counts)[j]);
  };
  const double m = static_cast<double>(used);
  // rows outer, outputs inner: the outputs of a row are contiguous
  row_sums acc(k);
  for (std::size_t j = 0; j < used; ++j) {
    const double w = weight(j);
    if (w == 0.0)
      continue;
    const double* a = row(0, j);
    const double* b = row(1, j);
    acc.add([&](std::size_t o) { return w * a[o]; });
    acc.add([&](std::size_t o) { return w * b[o]; });
  }
  std::vector<double> mean(k);
  for (std::size_t o = 0; o < k; ++o)
    mean[o] = acc.value(o) / (2.0 * m);
  acc.reset();
  const double* mu = mean.data();
  for (std::size_t j = 0; j < used; ++j) {
    const double w = weight(j);
    if (w == 0.0)
      continue;
    const double* a = row(0, j);
    const double* b = row(1, j);
    acc.add([&](std::size_t o) { return w * ((a[o] - mu[o]) * (a[o] - mu[o])); });
    acc.add([&](std::size_t o) { return w * ((b[o] - mu[o]) * (b[o] - mu[o])); });
  }
  for (std::size_t o = 0; o < k; ++o)
    var[o] = acc.value(o) / (2.0 * m);
  if (mean_out != nullptr)
    std::copy(mean.begin(), mean.end(), mean_out);
  row_sums f(k);
  row_sums t(k);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (std::size_t i = 0; i < d; ++i) {
    f.reset();
    t.reset();
    for (std::size_t j = 0; j < used; ++j) {
      const double w = weight(j);
      if (w == 0.0)
        continue;
      const double* a = row(0, j);
      const double* b = row(1, j);
      const double* ab = row(2 + i, j);
      f.add([&](std::size_t o) { return w * (b[o] * (ab[o] - a[o])); });
      t.add([&](std::size_t o) { return w * ((a[o] - ab[o]) * (a[o] - ab[o])); });
    }
    for (std::size_t o = 0; o < k; ++o) {
      const double v = var[o];
      const bool ok = has_variance(v, mu[o]);
      first[i * k + o] = ok ? f.value(o) / m / v : nan;
      total[i * k + o] = ok ? t.value(o) / m / (2.0 * v) : nan;
    }
  }
}

/// R's type 7 quantile of sorted x (NaN when empty).
inline double quantile7(const std::vector<double>& sorted, double p) {
  if (sorted.empty())
    return std::numeric_limits<double>::quiet_NaN();
  const double h = (static_cast<double>(sorted.size()) - 1.0) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

} // namespace detail

/// Sobol' indices from the outputs `y` of a radial design (n (d + 2) rows x k outputs,
/// row-major: numpy's C order of an array of shape (n (d + 2), k)), using the first `used` base
/// points (all when 0: a prefix of a Sobol' design of a power-of-two length is itself balanced).
/// Outputs that are NaN in some row of the used prefix get NaN indices and a note.
inline indices sobol_indices(const double* y, std::size_t rows, std::size_t d, std::size_t k,
                             const estimator_options& opt = {}, std::size_t used = 0) {
  if (d == 0)
    GOVMETRICS_THROW(spec_error("sensitivity: at least one factor is needed"));
  if (k == 0)
    GOVMETRICS_THROW(spec_error("sensitivity: at least one output is needed"));
  if (rows % (d + 2) != 0 || rows / (d + 2) < 2) {
    GOVMETRICS_THROW(spec_error("sensitivity: the outputs have " + std::to_string(rows) +
                                " rows, which is not N (d + 2) "
                                "for d = " +
                                std::to_string(d) +
                                " factors and a base size N of at least 2 (the design's "
                                "rows are A, B, AB_1, ..., AB_d, N each)"));
  }
  if (!(opt.confidence > 0.0 && opt.confidence < 1.0)) {
    GOVMETRICS_THROW(spec_error("sensitivity: the confidence must lie in (0, 1)"));
  }
  const std::size_t n = rows / (d + 2);
  if (used == 0)
    used = n;
  if (used < 2 || used > n) {
    GOVMETRICS_THROW(spec_error("sensitivity: cannot use " + std::to_string(used) +
                                " base points of " + std::to_string(n)));
  }
  indices out;
  out.d = d;
  out.k = k;
  out.n = used;
  out.first.assign(d * k, 0.0);
  out.total.assign(d * k, 0.0);
  out.variance.assign(k, 0.0);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  out.first_lo.assign(d * k, nan);
  out.first_hi.assign(d * k, nan);
  out.total_lo.assign(d * k, nan);
  out.total_hi.assign(d * k, nan);
  std::vector<double> means(k);
  detail::estimate(y, n, d, k, nullptr, used, out.variance.data(), out.first.data(),
                   out.total.data(), means.data());
  std::size_t flat = 0;
  std::size_t missing = 0;
  for (std::size_t o = 0; o < k; ++o) {
    bool nan_index = false;
    for (std::size_t i = 0; i < d; ++i)
      nan_index = nan_index || std::isnan(out.first[i * k + o]) || std::isnan(out.total[i * k + o]);
    if (std::isnan(out.variance[o]))
      ++missing; // a NaN in a row of A or B
    else if (!detail::has_variance(out.variance[o], means[o]))
      ++flat;
    else if (nan_index)
      ++missing; // a NaN in a row of some AB_i
  }
  if (missing > 0) {
    out.notes.push_back(std::to_string(missing) + " of " + std::to_string(k) +
                        " output(s) are missing (NaN) in some row: their indices are NaN");
  }
  if (flat > 0) {
    out.notes.push_back(std::to_string(flat) + " of " + std::to_string(k) +
                        " output(s) do not vary over the design (variance 0): their indices are "
                        "NaN");
  }
  const std::size_t b_count = opt.bootstrap;
  if (b_count == 0)
    return out;
  // the resampled estimates kept for the percentiles: 2 B d k numbers
  if (static_cast<double>(b_count) * static_cast<double>(d) * static_cast<double>(k) >
      static_cast<double>(max_resampled_values)) {
    GOVMETRICS_THROW(spec_error(
        "sensitivity: " + std::to_string(b_count) + " bootstrap resamples of " + std::to_string(d) +
        " factors x " + std::to_string(k) + " outputs would keep more than " +
        std::to_string(max_resampled_values) + " numbers per index; ask for fewer resamples"));
  }
  // Resample b draws `used` base indices from stream(seed, b), with replacement; the estimate
  // weighs each base point by how often it was drawn (the rows read in order). Resamples are
  // split over threads by index, so the intervals do not depend on the threads.
  std::vector<double> first_b(b_count * d * k);
  std::vector<double> total_b(b_count * d * k);
  std::size_t threads = opt.threads != 0 ? opt.threads : std::thread::hardware_concurrency();
  threads = std::max<std::size_t>(1, std::min(threads, b_count));
  const auto work = [&](std::size_t t) {
    std::vector<std::uint32_t> counts(used);
    std::vector<double> var(k);
    for (std::size_t b = t; b < b_count; b += threads) {
      uncertainty::stream g(opt.seed ^ 0xB5297A4D3F84D5B5ULL, b);
      std::fill(counts.begin(), counts.end(), 0U);
      for (std::size_t draw = 0; draw < used; ++draw)
        ++counts[g.below(used)];
      detail::estimate(y, n, d, k, &counts, used, var.data(), first_b.data() + b * d * k,
                       total_b.data() + b * d * k);
    }
  };
  govmetrics::detail::run_workers(threads, work);
  const double lo_p = (1.0 - opt.confidence) / 2.0;
  const double hi_p = 1.0 - lo_p;
  std::vector<double> f;
  std::vector<double> s;
  for (std::size_t c = 0; c < d * k; ++c) {
    f.clear();
    s.clear();
    for (std::size_t b = 0; b < b_count; ++b) {
      const double fv = first_b[b * d * k + c];
      const double tv = total_b[b * d * k + c];
      if (!std::isnan(fv))
        f.push_back(fv);
      if (!std::isnan(tv))
        s.push_back(tv);
    }
    if (std::isnan(out.first[c]))
      continue; // no interval around an index that does not exist
    std::sort(f.begin(), f.end());
    std::sort(s.begin(), s.end());
    out.first_lo[c] = detail::quantile7(f, lo_p);
    out.first_hi[c] = detail::quantile7(f, hi_p);
    out.total_lo[c] = detail::quantile7(s, lo_p);
    out.total_hi[c] = detail::quantile7(s, hi_p);
  }
  return out;
}

/// The indices at nested prefixes of the design: N/8, N/4, N/2 and N base points (the sizes of
/// at least 2), without intervals unless `opt.bootstrap` asks for them.
inline std::vector<indices> convergence(const double* y, std::size_t rows, std::size_t d,
                                        std::size_t k, const estimator_options& opt = {}) {
  if (d == 0 || rows % (d + 2) != 0) // sobol_indices says what is wrong
    return {sobol_indices(y, rows, d, k, opt)};
  const std::size_t n = rows / (d + 2);
  std::vector<indices> out;
  for (std::size_t div : {8U, 4U, 2U, 1U}) {
    const std::size_t used = n / div;
    if (used >= 2)
      out.push_back(sobol_indices(y, rows, d, k, opt, used));
  }
  return out;
}

} // namespace govmetrics::sensitivity
