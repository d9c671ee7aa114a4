// govmetrics internals: compensated summation and two-pass moments.
#pragma once

#include "govmetrics/config.hpp"
#include "govmetrics/detail/bits.hpp"

#include <cmath>
#include <cstddef>

namespace govmetrics::detail {

/// Neumaier's improved Kahan summation. Exact enough for sums whose terms differ by many orders of
/// magnitude; costs four flops a term.
class neumaier_sum {
public:
  void add(double x) noexcept {
    // Knuth's branch-free TwoSum: `err` is the exact rounding error of sum_ + x, the same value
    // Neumaier's branch computes, so the result is bit-identical and the loop does not branch.
    const double t = sum_ + x;
    const double bp = t - sum_;
    const double err = (sum_ - (t - bp)) + (x - bp);
    comp_ += err;
    sum_ = t;
  }
  double value() const noexcept { return sum_ + comp_; }

private:
  double sum_ = 0.0;
  double comp_ = 0.0;
};

/// neumaier_sum::add(y) on the compensated sum (s, e): Knuth's TwoSum, the class's operations.
GOVMETRICS_FORCEINLINE void add_compensated(double& s, double& e, double y) noexcept {
  GOVMETRICS_NO_CONTRACT
  const double t = s + y;
  const double b = t - s;
  e += (s - (t - b)) + (y - b);
  s = t;
}

/// Columns c0 .. c0 + P - 1 of add_weighted_columns in one pass over the units: each unit adds
/// them in order, with one load and one store of its sum a pass. `Zero`: the sums start at 0
/// (written, not read: 0 + y, as on a sum of +0, so -0 gives +0).
template <std::size_t P, bool Zero>
GOVMETRICS_FORCEINLINE void add_weighted_pass(double* __restrict sum, double* __restrict comp,
                                              const double* const* x, const double* w,
                                              std::size_t c0, std::size_t n) noexcept {
  GOVMETRICS_NO_CONTRACT
  const double* __restrict xa = x[c0];
  const double* __restrict xb = x[c0 + (P > 1 ? 1 : 0)];
  const double* __restrict xc = x[c0 + (P > 2 ? 2 : 0)];
  const double* __restrict xd = x[c0 + (P > 3 ? 3 : 0)];
  const double wa = w[c0];
  const double wb = w[c0 + (P > 1 ? 1 : 0)];
  const double wc = w[c0 + (P > 2 ? 2 : 0)];
  const double wd = w[c0 + (P > 3 ? 3 : 0)];
  for (std::size_t i = 0; i < n; ++i) {
    double s = Zero ? 0.0 : sum[i];
    double e = Zero ? 0.0 : comp[i];
    add_compensated(s, e, wa * xa[i]);
    if constexpr (P > 1)
      add_compensated(s, e, wb * xb[i]);
    if constexpr (P > 2)
      add_compensated(s, e, wc * xc[i]);
    if constexpr (P > 3)
      add_compensated(s, e, wd * xd[i]);
    sum[i] = s;
    comp[i] = e;
  }
}

/// For every column c < k in turn and every unit i < n, neumaier_sum::add(w[c] * x[c][i]) on the
/// compensated sum (sum[i], comp[i]): the same operations in the same order as the scalar class,
/// so the same bits, eight or four units at a time where the CPU has AVX-512 or AVX2
/// (GOVMETRICS_MULTIVERSION). The inner loop of the column-wise weighted means. (Columns outer,
/// up to four a pass: the units of a column are independent, so the vector units stay busy; a
/// block of units held in registers through all columns waits on each sum's chain of additions,
/// and measured slower.) With `start`, the sums begin at 0: `sum` and `comp` are written, not
/// read, by the first pass.
GOVMETRICS_MULTIVERSION
inline void add_weighted_columns(double* __restrict sum, double* __restrict comp,
                                 const double* const* x, const double* w, std::size_t k,
                                 std::size_t n, bool start = false) noexcept {
  GOVMETRICS_NO_CONTRACT
  std::size_t c = 0;
  if (start && k > 0) { // the first pass on sums of 0 (the same operations, no loads)
    if (k >= 4) {
      add_weighted_pass<4, true>(sum, comp, x, w, 0, n);
      c = 4;
    } else if (k >= 2) {
      add_weighted_pass<2, true>(sum, comp, x, w, 0, n);
      c = 2;
    } else {
      add_weighted_pass<1, true>(sum, comp, x, w, 0, n);
      c = 1;
    }
  }
  for (; c + 4 <= k; c += 4)
    add_weighted_pass<4, false>(sum, comp, x, w, c, n);
  if (c + 2 <= k) {
    add_weighted_pass<2, false>(sum, comp, x, w, c, n);
    c += 2;
  }
  if (c < k)
    add_weighted_pass<1, false>(sum, comp, x, w, c, n);
}

/// out[i] = (sum[i] + comp[i]) / den for every i < n (neumaier_sum::value() over the weights'
/// sum), several units at a time like add_weighted_columns.
GOVMETRICS_MULTIVERSION
inline void divide_compensated(double* __restrict out, const double* __restrict sum,
                               const double* __restrict comp, double den, std::size_t n) noexcept {
  GOVMETRICS_NO_CONTRACT
  for (std::size_t i = 0; i < n; ++i)
    out[i] = (sum[i] + comp[i]) / den;
}

/// For every i < n whose rank[i] is not NaN, neumaier_sum::add(d) on (s1[i], c1[i]) and
/// add(d * d) on (s2[i], c2[i]), with d = x[i] - origin[i]; the others are left as they are. The
/// scalar class's operations in its order, without a branch, many units at a time
/// (GOVMETRICS_MULTIVERSION): the same bits. An uncertainty block's score moments.
GOVMETRICS_MULTIVERSION
inline void add_moments(double* __restrict s1, double* __restrict c1, double* __restrict s2,
                        double* __restrict c2, const double* __restrict x,
                        const double* __restrict origin, const double* __restrict rank,
                        std::size_t n) noexcept {
  GOVMETRICS_NO_CONTRACT
  for (std::size_t i = 0; i < n; ++i) {
    const bool on = rank[i] == rank[i];
    const double d = x[i] - origin[i];
    const double t1 = s1[i] + d;
    const double b1 = t1 - s1[i];
    const double e1 = c1[i] + ((s1[i] - (t1 - b1)) + (d - b1));
    const double q = d * d;
    const double t2 = s2[i] + q;
    const double b2 = t2 - s2[i];
    const double e2 = c2[i] + ((s2[i] - (t2 - b2)) + (q - b2));
    s1[i] = select_bits(on, t1, s1[i]);
    c1[i] = select_bits(on, e1, c1[i]);
    s2[i] = select_bits(on, t2, s2[i]);
    c2[i] = select_bits(on, e2, c2[i]);
  }
}

/// Scales the weights w[0..n) in place so that they sum to 1: first divided by the largest of them,
/// so that weights anywhere in the double range (siblings of 1e308, or of 1e-320) neither overflow
/// nor underflow, then by their compensated sum. The weights must be non-negative. Returns false,
/// leaving `w` unchanged, when there is nothing to scale (no weight above 0, or one not finite);
/// the caller says why.
inline bool scale_to_unit_sum(double* w, std::size_t n) noexcept {
  double top = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::isfinite(w[i]))
      return false;
    top = w[i] > top ? w[i] : top; // (std::fmax, without its call: no NaN gets here)
  }
  if (!(top > 0.0))
    return false;
  neumaier_sum total;
  for (std::size_t i = 0; i < n; ++i)
    total.add(w[i] / top);
  const double t = total.value();
  if (!(t > 0.0))
    return false;
  for (std::size_t i = 0; i < n; ++i)
    w[i] = (w[i] / top) / t;
  return true;
}

/// Count, mean and sum of squared deviations of the non-NaN values, by two passes with compensated
/// sums (survives large offsets such as NIST StRD NumAcc4).
struct moments {
  std::size_t n = 0;
  double mean = 0.0;
  double m2 = 0.0; ///< sum of squared deviations from the mean

  /// Sample variance (n - 1); NaN when n < 2.
  double sample_variance() const noexcept {
    return n < 2 ? std::nan("") : m2 / static_cast<double>(n - 1);
  }
  /// Population variance (n); NaN when n < 1.
  double population_variance() const noexcept {
    return n < 1 ? std::nan("") : m2 / static_cast<double>(n);
  }
};

inline moments compute_moments(const double* x, std::size_t size) noexcept {
  moments m;
  neumaier_sum s;
  for (std::size_t i = 0; i < size; ++i) {
    if (!std::isnan(x[i])) {
      s.add(x[i]);
      ++m.n;
    }
  }
  if (m.n == 0)
    return m;
  m.mean = s.value() / static_cast<double>(m.n);
  neumaier_sum d;
  neumaier_sum d2;
  for (std::size_t i = 0; i < size; ++i) {
    if (!std::isnan(x[i])) {
      const double dev = x[i] - m.mean;
      d.add(dev);
      d2.add(dev * dev);
    }
  }
  // Corrected two-pass algorithm (Chan, Golub & LeVeque): subtract the rounding residue of the
  // mean.
  const double corr = d.value();
  m.m2 = d2.value() - corr * corr / static_cast<double>(m.n);
  // The same residue corrects the mean itself (s.value()/n can be an ulp off), and m2 above is the
  // sum of squares about this corrected mean.
  m.mean += corr / static_cast<double>(m.n);
  if (m.m2 < 0.0)
    m.m2 = 0.0;
  return m;
}

} // namespace govmetrics::detail
