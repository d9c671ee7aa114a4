// govmetrics: designs for variance-based sensitivity analysis. Base points from Sobol' sequence
// (Boost.Random's generator, Joe and Kuo's direction numbers) with an optional seeded linear
// matrix scrambling and digital shift (Matousek 1998), or from plain Monte Carlo streams; and the
// radial (Saltelli) layout of those points: matrices A and B and, per factor i, AB_i (A with the
// coordinates of factor i taken from B).
#pragma once

#include "govmetrics/config.hpp"
#include "govmetrics/error.hpp"
#include "govmetrics/uncertainty/random.hpp"

#include <boost/random/sobol.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace govmetrics::sensitivity {

/// Where the base points come from.
enum class sampling {
  sobol,      ///< Sobol' sequence (scrambled unless asked otherwise); n a power of two
  monte_carlo ///< independent uniforms from counter-based streams keyed by (seed, point)
};

/// How base points are drawn.
struct design_options {
  std::uint64_t seed = 42;
  sampling method = sampling::sobol;
  bool scramble = true; ///< Sobol' only: linear matrix scrambling and a digital shift
};

/// Numbers a whole design (radial_design) may hold: 2^27 (1 GiB of doubles).
inline constexpr std::size_t max_design_values = std::size_t{1} << 27U;

/// Coordinates of the Sobol' sequence available (Boost's table); further coordinates of a point
/// are padded with Monte Carlo uniforms keyed by (seed, point).
inline constexpr std::size_t max_sobol_dimension =
    boost::random::default_sobol_table::max_dimension;

namespace detail {

inline bool is_power_of_two(std::size_t n) noexcept {
  return n != 0 && (n & (n - 1)) == 0;
}

inline unsigned parity(std::uint64_t x) noexcept {
  x ^= x >> 32U;
  x ^= x >> 16U;
  x ^= x >> 8U;
  x ^= x >> 4U;
  x ^= x >> 2U;
  x ^= x >> 1U;
  return static_cast<unsigned>(x & 1U);
}

/// A seeded linear matrix scrambling with digital shift of one coordinate: 53 output bits, the
/// most significant first; output bit b is bit b of the input plus a random combination of the
/// more significant input bits plus a random shift bit (mod 2). Lower-triangular with a unit
/// diagonal, so the scrambled points of a (t, m, s)-net are again a (t, m, s)-net.
class scrambler {
public:
  scrambler() = default;
  scrambler(std::uint64_t seed, std::size_t coordinate) {
    uncertainty::stream g(seed ^ 0x5C4A3B1E0D9F8E7DULL, coordinate);
    shift_ = g.next() >> 11U;
    for (unsigned b = 0; b < 53; ++b) {
      const std::uint64_t bit = std::uint64_t{1} << (63U - b);
      // random bits above `bit` (the more significant positions), `bit` itself set
      const std::uint64_t above = b == 0 ? 0 : ~((std::uint64_t{1} << (64U - b)) - 1);
      masks_[b] = (g.next() & above) | bit;
    }
  }
  /// The scrambled value of a 64-bit Sobol' integer, as a double in [0, 1).
  double operator()(std::uint64_t x) const noexcept {
    std::uint64_t y = 0;
    for (unsigned b = 0; b < 53; ++b)
      y |= static_cast<std::uint64_t>(parity(x & masks_[b])) << (52U - b);
    return static_cast<double>(y ^ shift_) * 0x1.0p-53;
  }

private:
  std::uint64_t masks_[53] = {};
  std::uint64_t shift_ = 0;
};
} // namespace detail

/// Base points in [0, 1)^dims: point j is the j-th point of the Sobol' sequence (point 0 the
/// origin, as published; Boost's generator starts at point 1), scrambled when asked, or, for
/// Monte Carlo, uniforms from stream(seed, j). Points are produced in order from any start, so
/// blocks of a design can be generated independently (threads, shards) with the same values.
class point_set {
public:
  point_set(std::size_t dims, design_options opt) : dims_(dims), opt_(opt) {
    if (dims == 0)
      GOVMETRICS_THROW(spec_error("sensitivity: a design needs at least one coordinate"));
    sobol_dims_ = opt.method == sampling::sobol ? std::min(dims, max_sobol_dimension) : 0;
    if (opt.scramble) {
      for (std::size_t c = 0; c < sobol_dims_; ++c)
        scramblers_.emplace_back(opt.seed, c);
    }
  }

  std::size_t dims() const noexcept { return dims_; }

  /// Writes points first .. first + count - 1 (row-major, `dims` per point) to `out`.
  void fill(std::size_t first, std::size_t count, double* out) const {
    if (count == 0)
      return;
    std::size_t j = first;
    std::size_t row = 0;
    if (sobol_dims_ > 0) {
      boost::random::sobol gen(sobol_dims_);
      if (j == 0) { // the origin, which Boost's generator skips
        write_sobol_row(nullptr, out);
        ++j;
        ++row;
      } else {
        gen.discard(static_cast<std::uintmax_t>(j - 1) * sobol_dims_);
      }
      std::vector<std::uint64_t> x(sobol_dims_);
      for (; row < count; ++row, ++j) {
        for (auto& v : x)
          v = gen();
        write_sobol_row(x.data(), out + row * dims_);
      }
    }
    // Monte Carlo coordinates: all of them, or those beyond the Sobol' table
    if (sobol_dims_ < dims_) {
      for (std::size_t r = 0; r < count; ++r) {
        uncertainty::stream g(opt_.seed ^ 0x3C6EF372FE94F82BULL, first + r);
        for (std::size_t c = sobol_dims_; c < dims_; ++c)
          out[r * dims_ + c] = g.uniform();
      }
    }
  }

private:
  void write_sobol_row(const std::uint64_t* x, double* out) const {
    for (std::size_t c = 0; c < sobol_dims_; ++c) {
      const std::uint64_t v = x == nullptr ? 0 : x[c];
      out[c] = opt_.scramble ? scramblers_[c](v) : static_cast<double>(v >> 11U) * 0x1.0p-53;
    }
  }

  std::size_t dims_;
  design_options opt_;
  std::size_t sobol_dims_ = 0;
  std::vector<detail::scrambler> scramblers_;
};

/// Checks a base sample size: at least 2, and a power of two for Sobol' points (their balance
/// holds for powers of two only).
inline void check_base_size(std::size_t n, const design_options& opt) {
  if (n < 2) {
    GOVMETRICS_THROW(spec_error("sensitivity: the base sample size N must be at least 2 (got " +
                                std::to_string(n) + ")"));
  }
  if (n > (std::size_t{1} << 48U)) {
    GOVMETRICS_THROW(spec_error("sensitivity: N = " + std::to_string(n) +
                                " is more base points than a design can hold (at most 2^48)"));
  }
  if (opt.method == sampling::sobol && !detail::is_power_of_two(n)) {
    std::size_t below = 1;
    while (below * 2 < n)
      below *= 2;
    GOVMETRICS_THROW(spec_error("sensitivity: N must be a power of two for Sobol' points (got " +
                                std::to_string(n) + "; try " + std::to_string(below) + " or " +
                                std::to_string(below * 2) + ")"));
  }
}

/// The radial design of `groups.size()` factors, factor i spanning groups[i] coordinates (one
/// for a scalar factor): N (d + 2) rows of D = sum(groups) coordinates, row-major, in the order
/// A (N rows), B (N rows), AB_1 (N rows), ..., AB_d (N rows). Row j of A is base point j's first
/// D coordinates, row j of B its last D; AB_i is A with factor i's coordinates from B.
inline std::vector<double> radial_design(std::size_t n, const std::vector<std::size_t>& groups,
                                         const design_options& opt = {}) {
  check_base_size(n, opt);
  std::size_t dims = 0;
  for (std::size_t g : groups) {
    if (g == 0)
      GOVMETRICS_THROW(spec_error("sensitivity: a factor spans at least one coordinate"));
    dims += g;
  }
  if (groups.empty())
    GOVMETRICS_THROW(spec_error("sensitivity: a design needs at least one factor"));
  const std::size_t d = groups.size();
  if (static_cast<double>(n) * static_cast<double>(d + 2) * static_cast<double>(dims) >
      static_cast<double>(max_design_values)) {
    GOVMETRICS_THROW(spec_error("sensitivity: a design of N = " + std::to_string(n) + " with " +
                                std::to_string(d) + " factors and " + std::to_string(dims) +
                                " coordinates would hold more than " +
                                std::to_string(max_design_values) +
                                " numbers; generate its base points by blocks (point_set)"));
  }
  const point_set points(2 * dims, opt);
  std::vector<double> base(n * 2 * dims);
  points.fill(0, n, base.data());
  std::vector<double> out(n * (d + 2) * dims);
  for (std::size_t j = 0; j < n; ++j) {
    const double* a = base.data() + j * 2 * dims;
    const double* b = a + dims;
    std::copy(a, a + dims, out.begin() + static_cast<std::ptrdiff_t>(j * dims));
    std::copy(b, b + dims, out.begin() + static_cast<std::ptrdiff_t>((n + j) * dims));
    std::size_t offset = 0;
    for (std::size_t i = 0; i < d; ++i) {
      double* row = out.data() + ((2 + i) * n + j) * dims;
      std::copy(a, a + dims, row);
      std::copy(b + offset, b + offset + groups[i], row + offset);
      offset += groups[i];
    }
  }
  return out;
}

/// The radial design of d scalar factors: N (d + 2) rows of d coordinates.
inline std::vector<double> sobol_design(std::size_t d, std::size_t n,
                                        const design_options& opt = {}) {
  return radial_design(n, std::vector<std::size_t>(d, 1), opt);
}

} // namespace govmetrics::sensitivity
