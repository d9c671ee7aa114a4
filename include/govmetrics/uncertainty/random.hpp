// govmetrics: counter-based random streams for Monte Carlo work. Replication r of a run with seed s
// draws from stream(s, r) alone, so its numbers do not depend on threads, blocks or shards.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>

namespace govmetrics::uncertainty {

/// A splitmix64 sequence (Steele, Lea and Flood 2014) whose start is a hash of (seed, index): the
/// same numbers on every platform and standard library (no std distributions are used).
class stream {
public:
  stream(std::uint64_t seed, std::uint64_t index) noexcept {
    // Two rounds of the splitmix64 finaliser over the seed, then the index mixed in: streams of
    // neighbouring indices start far apart.
    state_ = mix(mix(seed ^ 0x6A09E667F3BCC909ULL) ^ (index * 0xD1B54A32D192ED03ULL));
  }

  std::uint64_t next() noexcept {
    state_ += 0x9E3779B97F4A7C15ULL;
    return mix(state_);
  }

  /// Uniform in [0, 1): the top 53 bits of next().
  double uniform() noexcept { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

  /// Uniform in (0, 1): never 0, for logarithms.
  double uniform_open() noexcept { return (static_cast<double>(next() >> 11) + 0.5) * 0x1.0p-53; }

  /// Exactly uniform in 0 .. n - 1 (n > 0): draws above the largest multiple of n are rejected,
  /// so there is no modulo bias.
  std::size_t below(std::size_t n) noexcept {
    const auto range = static_cast<std::uint64_t>(n);
    constexpr std::uint64_t top = std::numeric_limits<std::uint64_t>::max();
    const std::uint64_t excess = (top % range + 1) % range; // 2^64 mod n
    for (;;) {
      const std::uint64_t x = next();
      if (x <= top - excess)
        return static_cast<std::size_t>(x % range);
    }
  }

  /// Standard normal, by the polar form of Box and Muller (both values of a pair are not kept:
  /// the sequence then depends only on the number of calls).
  double normal() noexcept {
    for (;;) {
      const double u = 2.0 * uniform() - 1.0;
      const double v = 2.0 * uniform() - 1.0;
      const double s = u * u + v * v;
      if (s > 0.0 && s < 1.0)
        return u * std::sqrt(-2.0 * std::log(s) / s);
    }
  }

  /// Gamma(shape, 1), shape > 0, by Marsaglia and Tsang (2000); shape < 1 by the boost
  /// Gamma(shape + 1) U^(1/shape).
  double gamma(double shape) noexcept {
    if (shape < 1.0) {
      const double g = gamma(shape + 1.0);
      return g * std::pow(uniform_open(), 1.0 / shape);
    }
    const double d = shape - 1.0 / 3.0;
    const double c = 1.0 / std::sqrt(9.0 * d);
    for (;;) {
      double x = 0.0;
      double v = 0.0;
      do {
        x = normal();
        v = 1.0 + c * x;
      } while (v <= 0.0);
      v = v * v * v;
      const double u = uniform_open();
      if (u < 1.0 - 0.0331 * (x * x) * (x * x))
        return d * v;
      if (std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v)))
        return d * v;
    }
  }

private:
  static std::uint64_t mix(std::uint64_t z) noexcept {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }

  std::uint64_t state_;
};

} // namespace govmetrics::uncertainty
