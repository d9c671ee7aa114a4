// govmetrics internals: the extent of a run of doubles (smallest, largest, how many are not NaN),
// found on their bits as ordered integers, a form that vectorises. Used by the normalisers'
// find_extent and by ranking's keys.
#pragma once

#include "govmetrics/core/concepts.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>

namespace govmetrics::detail {

/// The running extent (smallest, largest and count of the non-NaN values) of doubles added one
/// at a time, on their bits as signed
/// integers that order as the doubles do (-0.0 just below +0.0; NaN is recognised by its bits and
/// left out). Integer minima and maxima vectorise, where `v < lo ? v : lo` on doubles, with its
/// NaN rules, stays one value at a time. -0.0 is the minimum of {-0.0, +0.0} and +0.0 the maximum,
/// whatever their order in the column.
struct ordered_extent {
  static constexpr std::int64_t top = std::numeric_limits<std::int64_t>::max();
  static constexpr std::int64_t bottom = std::numeric_limits<std::int64_t>::min();
  std::int64_t lo = top;
  std::int64_t hi = bottom;
  std::size_t count = 0;

  /// The bits of v as an integer in the doubles' order, and back (the map is its own inverse).
  static std::int64_t ordered(std::int64_t bits) noexcept { return bits ^ ((bits >> 63) & top); }

  void add(double v) noexcept {
    std::int64_t bits = 0;
    std::memcpy(&bits, &v, sizeof bits);
    // all ones where v is NaN: its magnitude's bits above infinity's
    const std::int64_t nan = -static_cast<std::int64_t>((bits & top) > 0x7ff0000000000000);
    const std::int64_t o = ordered(bits);
    lo = std::min(lo, (o & ~nan) | (top & nan));
    hi = std::max(hi, (o & ~nan) | (bottom & nan));
    count += static_cast<std::size_t>(nan + 1);
  }

  column_extent finish() const noexcept {
    column_extent e;
    e.n = count;
    if (e.n == 0)
      return e;
    const std::int64_t lo_bits = ordered(lo);
    const std::int64_t hi_bits = ordered(hi);
    std::memcpy(&e.min, &lo_bits, sizeof e.min);
    std::memcpy(&e.max, &hi_bits, sizeof e.max);
    return e;
  }
};

} // namespace govmetrics::detail
