// govmetrics: exp and log from IEEE additions, multiplications and divisions only (fdlibm's
// algorithms, without a branch or a table), so that a loop of them vectorises and every lane, every
// vector width and every platform gives the same bits: the geometric mean's arithmetic.
#pragma once

#include "govmetrics/config.hpp"
#include "govmetrics/detail/bits.hpp"

#include <cstddef>
#include <cstdint>
#include <limits>

namespace govmetrics::detail {

/// ln 2 in two parts (fdlibm's): ln2_hi has 32 significant bits, so k ln2_hi is exact for the
/// exponents k of a double.
inline constexpr double ln2_hi = 6.93147180369123816490e-01;
inline constexpr double ln2_lo = 1.90821492927058770002e-10;

/// 2^k for a whole double k in [-1022, 1023], from `s` = k + 0x1.8p52 (the exponent field built
/// from the low bits of s, integer operations only).
inline double pow2_of_shifted(double s) noexcept {
  constexpr std::uint64_t low = (std::uint64_t{1} << 52) - 1;
  constexpr std::uint64_t half = std::uint64_t{1} << 51; // s's low bits hold k + 2^51
  return double_of(((bits_of(s) & low) - half + 1023) << 52);
}

/// e^x within one unit in the last place (fdlibm's e_exp.c: x = k ln 2 + r, |r| <= ln 2 / 2, and
/// a rational approximation of e^r), computed without a branch: overflow gives +inf, underflow
/// 0 or a subnormal (rounded once), NaN gives NaN, -inf gives 0.
inline double exp_ieee(double x) noexcept {
  GOVMETRICS_NO_CONTRACT
  constexpr double shifter = 0x1.8p52; // adding it rounds to a whole number
  constexpr double log2e = 1.44269504088896338700e+00;
  constexpr double p1 = 1.66666666666666019037e-01;
  constexpr double p2 = -2.77777777770155933842e-03;
  constexpr double p3 = 6.61375632143793436117e-05;
  constexpr double p4 = -1.65339022054652515390e-06;
  constexpr double p5 = 4.13813679705723846039e-08;
  // beyond these e^x is +inf or rounds to 0: chosen at the end (NaN compares false and stays
  // NaN). Not clamped first: GCC would fold the clamped paths into constants.
  const bool big = x > 709.79;
  const bool small = x < -745.2;
  const double kd = (x * log2e + shifter) - shifter; // k = round(x / ln 2), |k| <= 1076 in range
  const double hi = x - kd * ln2_hi;
  const double lo = kd * ln2_lo;
  const double r = hi - lo;
  const double t = r * r;
  const double c = r - t * (p1 + t * (p2 + t * (p3 + t * (p4 + t * p5))));
  const double y = 1.0 - ((lo - (r * c) / (2.0 - c)) - hi); // e^r
  // 2^k as two normal factors: y 2^k1 is exact, the second product rounds once (subnormals too)
  const double k1 = (kd * 0.5 + shifter) - shifter;
  const double k2 = kd - k1;
  const double e = (y * pow2_of_shifted(k1 + shifter)) * pow2_of_shifted(k2 + shifter);
  return select_bits(big, std::numeric_limits<double>::infinity(), select_bits(small, 0.0, e));
}

/// The natural logarithm within one unit in the last place (fdlibm's e_log.c: x = 2^k (1 + f)
/// with sqrt(2)/2 <= 1 + f < sqrt(2), s = f / (2 + f), and a polynomial in s^2), without a branch:
/// log(0) = -inf, log(+inf) = +inf, NaN for x < 0 and for NaN. Subnormals are scaled first.
inline double log_ieee(double x) noexcept {
  GOVMETRICS_NO_CONTRACT
  constexpr double lg1 = 6.666666666666735130e-01;
  constexpr double lg2 = 3.999999999940941908e-01;
  constexpr double lg3 = 2.857142874366239149e-01;
  constexpr double lg4 = 2.222219843214978396e-01;
  constexpr double lg5 = 1.818357216161805012e-01;
  constexpr double lg6 = 1.531383769920937332e-01;
  constexpr double lg7 = 1.479819860511658591e-01;
  constexpr double two52 = 0x1p52;
  const bool tiny = x < std::numeric_limits<double>::min(); // subnormal (or 0, or negative)
  const double xs = select_bits(tiny, x * 0x1p54, x);
  const std::uint64_t u = bits_of(xs);
  const std::uint64_t hx = (u >> 32) & 0xfffffU;       // the top 20 bits of the fraction
  const std::uint64_t i = (hx + 0x95f64U) & 0x100000U; // set when 1 + f would reach sqrt(2)
  // 1 + f: x's fraction under the exponent of 1 (or of 1/2, when i is set)
  const double m = double_of((((hx | (i ^ 0x3ff00000U)) << 32)) | (u & 0xffffffffU));
  const double f = m - 1.0;
  // k = the biased exponent + (i set) - 1023 (- 54 when scaled), as a double without a conversion
  const std::uint64_t e = ((u >> 52) & 0x7ffU) + (i >> 20);
  const double kd =
      ((double_of(0x4330000000000000U | e) - two52) - 1023.0) - select_bits(tiny, 54.0, 0.0);
  const double s = f / (2.0 + f);
  const double z = s * s;
  const double w = z * z;
  const double t1 = w * (lg2 + w * (lg4 + w * lg6));
  const double t2 = z * (lg1 + w * (lg3 + w * (lg5 + w * lg7)));
  const double rr = t2 + t1;
  const double hfsq = 0.5 * f * f;
  // fdlibm's two forms (the first where 1 + f is far from 1); with k = 0 they are its k = 0 forms
  // (x's top 20 fraction bits in [0x6147a, 0x6b851], compared as doubles: AVX2 has no unsigned
  // 64-bit compare)
  const double top = double_of((hx | 0x3ff00000U) << 32);
  const bool far = (top >= 1.0 + 0x6147a * 0x1p-20) & (top <= 1.0 + 0x6b851 * 0x1p-20);
  const double r = select_bits(far, kd * ln2_hi - ((hfsq - (s * (hfsq + rr) + kd * ln2_lo)) - f),
                               kd * ln2_hi - ((s * (f - rr) - kd * ln2_lo) - f));
  constexpr double inf = std::numeric_limits<double>::infinity();
  const bool positive = x > 0.0;
  const bool finite = x < inf;
  const bool zero = x == 0.0;
  const bool infinite = x == inf;
  const double special =
      select_bits(zero, -inf, select_bits(infinite, inf, std::numeric_limits<double>::quiet_NaN()));
  return select_bits(positive & finite, r, special);
}

/// The loops below run their last n % 4 values through a buffer of four, padded with 1: one pass
/// of four lanes instead of the compiler's scalar remainder, which cost more than a whole vector
/// (51 logs took 95 ns, 56 took 79); the compiler's own vector loop (with AVX-512, vectors of
/// eight and then one of four) takes the rest. `k` values of `x` into `buf`.
inline constexpr std::size_t tail_width = 4;
GOVMETRICS_FORCEINLINE void pad_tail(const double* x, std::size_t k, double* buf) noexcept {
  for (std::size_t j = 0; j < tail_width; ++j)
    buf[j] = j < k ? x[j] : 1.0;
}

/// The first k values of the buffer back (a loop of four with a test, which the compiler neither
/// turns into a call of memcpy nor gives a remainder of its own).
GOVMETRICS_FORCEINLINE void unpad_tail(const double* buf, std::size_t k, double* x) noexcept {
  for (std::size_t j = 0; j < tail_width; ++j) {
    if (j < k)
      x[j] = buf[j];
  }
}

/// x[i] = exp_ieee(x[i]) for i < n, many at a time (GOVMETRICS_MULTIVERSION): the same bits.
GOVMETRICS_MULTIVERSION
inline void exp_in_place(double* x, std::size_t n) noexcept {
  GOVMETRICS_NO_CONTRACT
  const std::size_t body = n - n % tail_width;
  for (std::size_t i = 0; i < body; ++i)
    x[i] = exp_ieee(x[i]);
  if (body < n) {
    double t[tail_width];
    pad_tail(x + body, n - body, t);
    for (std::size_t j = 0; j < tail_width; ++j)
      t[j] = exp_ieee(t[j]);
    unpad_tail(t, n - body, x + body);
  }
}

/// out[i] = log_ieee(x[i]) for x[i] > 0, NaN otherwise (0, negative or NaN), for i < n, many at a
/// time (GOVMETRICS_MULTIVERSION): the same bits.
GOVMETRICS_MULTIVERSION
inline void log_positive(const double* __restrict x, double* __restrict out,
                         std::size_t n) noexcept {
  GOVMETRICS_NO_CONTRACT
  const std::size_t body = n - n % tail_width;
  for (std::size_t i = 0; i < body; ++i) {
    const double v = x[i];
    const double l = log_ieee(v);
    out[i] = select_bits(v > 0.0, l, std::numeric_limits<double>::quiet_NaN());
  }
  if (body < n) {
    double t[tail_width];
    pad_tail(x + body, n - body, t);
    for (std::size_t j = 0; j < tail_width; ++j)
      t[j] = select_bits(t[j] > 0.0, log_ieee(t[j]), std::numeric_limits<double>::quiet_NaN());
    unpad_tail(t, n - body, out + body);
  }
}

} // namespace govmetrics::detail
