// govmetrics internals: a double's bits (bits_of, double_of) and a select on them (select_bits),
// for branch-free loops that vectorise.
#pragma once

#include <cstdint>
#include <cstring>

namespace govmetrics::detail {

inline std::uint64_t bits_of(double x) noexcept {
  std::uint64_t u;
  std::memcpy(&u, &x, sizeof u);
  return u;
}

inline double double_of(std::uint64_t u) noexcept {
  double x;
  std::memcpy(&x, &u, sizeof x);
  return x;
}

/// c ? a : b on the bits: both sides are computed whatever c is, so that GCC neither moves their
/// arithmetic under a branch (where, as it could trap, it would keep the loop from vectorising
/// without AVX-512's masks) nor folds a side into a constant.
inline double select_bits(bool c, double a, double b) noexcept {
  const std::uint64_t m = std::uint64_t{0} - static_cast<std::uint64_t>(c);
  return double_of((bits_of(a) & m) | (bits_of(b) & ~m));
}

} // namespace govmetrics::detail
