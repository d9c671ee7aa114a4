// govmetrics: ranking with an explicit ties policy (higher score = rank 1; NaN gets no rank).
#pragma once

#include "govmetrics/config.hpp"
#include "govmetrics/core/column_view.hpp"
#include "govmetrics/detail/bits.hpp"
#include "govmetrics/detail/extent.hpp"
#include "govmetrics/error.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace govmetrics::rank {

/// How tied scores are ranked. For scores 9, 7, 7, 5:
/// `min` 1 2 2 4 (competition "1224", EGDI and COINr; the default), `dense` 1 2 2 3,
/// `average` 1 2.5 2.5 4.
enum class ties { min, dense, average };

constexpr const char* to_string(ties t) noexcept {
  switch (t) {
  case ties::min:
    return "min";
  case ties::dense:
    return "dense";
  case ties::average:
    return "average";
  }
  return "min";
}

inline ties ties_from_string(std::string_view s) {
  if (s == "min")
    return ties::min;
  if (s == "dense")
    return ties::dense;
  if (s == "average")
    return ties::average;
  GOVMETRICS_THROW(spec_error("rank: unknown ties policy '" + std::string(s) +
                              "' (expected 'min', 'dense' or 'average')"));
}

/// Reusable scratch memory, so that ranking allocates nothing once warm.
struct workspace {
  std::vector<std::pair<std::uint64_t, std::uint64_t>> keys;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> scratch;
  std::vector<std::size_t> counts;
};

namespace detail {
/// Maps a double to an unsigned key whose ascending order is the DESCENDING order of the doubles
/// (-0.0 and +0.0 compare equal, as they must for ties).
inline std::uint64_t descending_key(double x) noexcept {
  if (x == 0.0)
    x = 0.0; // fold -0.0 into +0.0
  std::uint64_t u = 0;
  static_assert(sizeof(u) == sizeof(x), "double must be 64 bits");
  std::memcpy(&u, &x, sizeof(u));
  // ascending order key: flip all bits of negatives, the sign bit of positives
  u = (u & 0x8000000000000000ULL) ? ~u : (u | 0x8000000000000000ULL);
  return ~u; // descending
}

/// LSD radix sort of (key, index) pairs by key, 16 bits a pass; stable, so equal keys keep index
/// order. Sorting is O(n), which matters at a million units.
inline void radix_sort(std::vector<std::pair<std::uint64_t, std::uint64_t>>& a,
                       std::vector<std::pair<std::uint64_t, std::uint64_t>>& tmp,
                       std::vector<std::size_t>& count) {
  const std::size_t n = a.size();
  if (n < 4096) {
    // (key, index) pairs are unique, so an unstable sort gives the same order as a stable one;
    // std::sort needs no buffer (std::stable_sort would allocate one).
    std::sort(a.begin(), a.end());
    return;
  }
  tmp.resize(n);
  // All four digit histograms in one pass over the keys.
  count.assign(4 * 65536, 0);
  for (const auto& e : a) {
    ++count[e.first & 0xFFFFU];
    ++count[65536 + ((e.first >> 16) & 0xFFFFU)];
    ++count[2 * 65536 + ((e.first >> 32) & 0xFFFFU)];
    ++count[3 * 65536 + ((e.first >> 48) & 0xFFFFU)];
  }
  for (unsigned pass = 0; pass < 4; ++pass) {
    const unsigned shift = 16 * pass;
    std::size_t* c = count.data() + pass * 65536;
    if (c[(a[0].first >> shift) & 0xFFFFU] == n)
      continue; // every key has this digit
    std::size_t sum = 0;
    for (std::size_t d = 0; d < 65536; ++d) {
      const std::size_t t = c[d];
      c[d] = sum;
      sum += t;
    }
    for (const auto& e : a)
      tmp[c[(e.first >> shift) & 0xFFFFU]++] = e;
    a.swap(tmp);
  }
}

/// Columns up to this size are ranked by counting (count_ranks), larger ones by sorting.
inline constexpr std::size_t counting_limit = 256; // a multiple of count_block

/// The rank of a unit with `above` units above it and `equal` equal to it (itself included).
GOVMETRICS_FORCEINLINE double rank_of_counts(std::size_t above, std::size_t equal,
                                             bool average) noexcept {
  return average ? (static_cast<double>(above + 1) + static_cast<double>(above + equal)) / 2.0
                 : static_cast<double>(above + 1);
}

/// Ranks for the `min` and `average` policies by counting: for each unit, how many scores are
/// above its own (g) and equal to it (e, itself included); `min` gives g + 1 and `average`
/// ((g + 1) + (g + e)) / 2, the same doubles the sorted path computes. O(n^2) compares, without
/// a branch or a sort, many units at a time (GOVMETRICS_MULTIVERSION): faster than sorting for
/// the few hundred units of an index (`min` needs one compare a pair, `average` two). NaN
/// compares false both ways, so it counts for nobody; -0.0 equals +0.0.
GOVMETRICS_MULTIVERSION
inline void count_ranks_exact(const double* __restrict x, std::size_t n, bool average,
                              double* __restrict out) noexcept {
  // (target_clones functions cannot be templates: two loops instead)
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  if (!average) {
    for (std::size_t i = 0; i < n; ++i) {
      const double xi = x[i];
      std::uint64_t above = 0;
      for (std::size_t j = 0; j < n; ++j)
        above += static_cast<std::uint64_t>(x[j] > xi);
      out[i] = std::isnan(xi) ? nan : static_cast<double>(above + 1);
    }
    return;
  }
  for (std::size_t i = 0; i < n; ++i) {
    const double xi = x[i];
    std::uint64_t above = 0;
    std::uint64_t equal = 0;
    for (std::size_t j = 0; j < n; ++j) {
      above += static_cast<std::uint64_t>(x[j] > xi);
      equal += static_cast<std::uint64_t>(x[j] == xi);
    }
    out[i] = std::isnan(xi) ? nan : rank_of_counts(above, equal, true);
  }
}

/// count_above pads a column to a multiple of this many keys (a 512-bit register of 16-bit lanes).
inline constexpr std::size_t count_block = 32;
static_assert(counting_limit % count_block == 0, "count_above pads up to counting_limit");
/// The largest key: keys are 1..key_max (0 for missing), so that a difference of two keys fits
/// in 16 bits with its sign.
inline constexpr int key_max = 32767;

/// key[i] = 0 where x[i] is NaN, else a key in 1..key_max that never decreases as x[i] grows:
/// x[i] rounded to float, placed on a grid of key_max - 1 steps between the column's smallest and
/// largest value (rounded to float). Rounding to float, subtracting the smallest, scaling and
/// truncating are each monotone, so a larger key means a larger double; doubles that share a key
/// are told apart later (count_ranks). Writes n rounded up to a multiple of count_block keys (the
/// padding 0).
GOVMETRICS_FORCEINLINE void quantise_keys(const double* __restrict x, std::size_t n,
                                          std::int16_t* __restrict key) noexcept {
  const std::size_t n_padded = (n + count_block - 1) / count_block * count_block;
  govmetrics::detail::ordered_extent extent;
  for (std::size_t i = 0; i < n; ++i)
    extent.add(x[i]);
  const column_extent e = extent.finish();
  // With no value present, `largest` is not above `smallest`: scale 0. An infinite range (or an
  // infinite value) gives scale 0 or products that are NaN: the clamps below send those to key
  // 1, one group that count_ranks sorts out exactly.
  const auto smallest = static_cast<float>(e.min);
  const auto largest = static_cast<float>(e.max);
  constexpr float top = static_cast<float>(key_max - 1);
  const float scale = largest > smallest ? top / (largest - smallest) : 0.0F;
  for (std::size_t i = 0; i < n; ++i) {
    const auto v = static_cast<float>(x[i]);
    float q = (v - smallest) * scale;
    q = q > 0.0F ? q : 0.0F; // NaN too
    q = q < top ? q : top;
    const int k = static_cast<int>(q) + 1;
    key[i] = static_cast<std::int16_t>(v == v ? k : 0);
  }
  for (std::size_t i = n; i < n_padded; ++i)
    key[i] = 0;
}

/// For each j below n rounded up to count_block: minus the number of keys key[0..n) above key[j]
/// (keys are 0..key_max, so key[j] - key[i] fits in 16 bits and its sign bit says "below"). j
/// inner, so that each count stays in its own lane, and eight units i a pass, so that `below` is
/// loaded and stored once for eight of them. Shifts, not compares: a compare into an AVX-512 mask
/// register issues on fewer ports than a subtraction and a shift.
GOVMETRICS_FORCEINLINE void count_above(const std::int16_t* __restrict key, std::size_t n,
                                        std::int16_t* __restrict below) noexcept {
  const std::size_t n_padded = (n + count_block - 1) / count_block * count_block;
  for (std::size_t j = 0; j < n_padded; ++j)
    below[j] = 0;
  const auto sign = [](int d) {
    return static_cast<std::int16_t>(static_cast<std::int16_t>(d) >> 15);
  };
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    int k[8];
    for (std::size_t u = 0; u < 8; ++u)
      k[u] = key[i + u];
    for (std::size_t j = 0; j < n_padded; ++j) {
      const int kj = key[j];
      below[j] = static_cast<std::int16_t>(
          below[j] + ((sign(kj - k[0]) + sign(kj - k[1])) + (sign(kj - k[2]) + sign(kj - k[3]))) +
          ((sign(kj - k[4]) + sign(kj - k[5])) + (sign(kj - k[6]) + sign(kj - k[7]))));
    }
  }
  for (; i < n; ++i) {
    const int a = key[i];
    for (std::size_t j = 0; j < n_padded; ++j)
      below[j] = static_cast<std::int16_t>(below[j] + sign(key[j] - a));
  }
}

/// The ranks -below[i] + 1 (NaN where x[i] is NaN) into `out`, and how far the m non-missing
/// counts fall short of 0, 1, ..., m - 1: returns m (m - 1) / 2 minus their sum (0 when they are
/// all different: a shared count makes the sum smaller), and sets `square_deficit` to the same for
/// their squares. A group of s units sharing the count g stands where g, g + 1, ..., g + s - 1
/// would be, so it falls s (s - 1) / 2 short: 1 means one pair, whose g is (square_deficit - 1) / 2
/// ((g + 1)^2 - g^2 = 2 g + 1). Counts up to counting_limit (the squares fit in 32 bits).
GOVMETRICS_FORCEINLINE std::int32_t ranks_from_counts(const double* __restrict x, std::size_t n,
                                                      const std::int16_t* __restrict below,
                                                      double* __restrict out,
                                                      std::int32_t& square_deficit) noexcept {
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  std::int32_t sum = 0;
  std::int32_t squares = 0;
  std::int32_t m = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const bool present = x[i] == x[i];
    const std::int32_t above = -static_cast<std::int32_t>(below[i]);
    const std::int32_t counted = above & (std::int32_t{0} - static_cast<std::int32_t>(present));
    sum += counted;
    squares += counted * counted;
    m += static_cast<std::int32_t>(present);
    const double r = static_cast<double>(above) + 1.0;
    out[i] = govmetrics::detail::select_bits(present, r, nan);
  }
  square_deficit = (m - 1) * m * (2 * m - 1) / 6 - squares;
  return m * (m - 1) / 2 - sum;
}

/// `count_ranks_exact`'s ranks, bit for bit, counted on 16-bit keys (quantise_keys). A larger key
/// means a larger double, so a unit's count of keys above its own counts every unit above it,
/// except those that share its key. Units share a key exactly when they share a count (a key
/// above another's is counted against it), so each group of units with one count is gone through
/// once, comparing the doubles. One function for the whole (GOVMETRICS_MULTIVERSION_V4), its
/// steps forced inline into each version (GOVMETRICS_FORCEINLINE): one dispatch per column, not
/// three. When the m non-missing counts sum to m (m - 1) / 2 they are 0, 1, ..., m - 1 (a shared
/// count makes the sum smaller): no group has two units and the ranks are written at once. A column
/// with no ties among close values nearly always takes that path; a sum one short is one pair,
/// found by its count in one more pass (ranks_from_counts); larger groups or more of them take the
/// groups' path. Up to counting_limit values in 16-bit lanes, twice as many as floats in a vector
/// register, counted with no compare; larger columns by count_ranks_exact.
GOVMETRICS_MULTIVERSION_V4
inline void count_ranks(const double* __restrict x, std::size_t n, bool average,
                        double* __restrict out) noexcept {
  if (n > counting_limit) {
    count_ranks_exact(x, n, average, out);
    return;
  }
  alignas(64) std::int16_t key[counting_limit];
  alignas(64) std::int16_t below[counting_limit];
  quantise_keys(x, n, key);
  count_above(key, n, below);
  std::int32_t square_deficit = 0;
  const std::int32_t deficit = ranks_from_counts(x, n, below, out, square_deficit);
  if (deficit == 0)
    return; // all different: the ranks of every policy
  if (deficit == 1) {
    // One pair a < b shares the count g (about 9 in 10 columns that share a key): found in one
    // pass that the compiler vectorises, then its two doubles compared.
    const auto g = static_cast<std::int16_t>((square_deficit - 1) / 2);
    std::size_t a = n;
    std::size_t b = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const bool hit = below[i] == -g && x[i] == x[i];
      a = hit && i < a ? i : a;
      b = hit && i > b ? i : b;
    }
    const std::size_t equal = 1 + static_cast<std::size_t>(x[a] == x[b]);
    const auto above = static_cast<std::size_t>(g);
    out[a] = rank_of_counts(above + static_cast<std::size_t>(x[b] > x[a]), equal, average);
    out[b] = rank_of_counts(above + static_cast<std::size_t>(x[a] > x[b]), equal, average);
    return;
  }
  // groups of units with one count, as lists: head[g] and next[i] hold 1 + a unit, or 0
  std::uint16_t head[counting_limit];
  std::uint16_t next[counting_limit];
  for (std::size_t g = 0; g < n; ++g)
    head[g] = 0;
  for (std::size_t i = n; i-- > 0;) {
    if (std::isnan(x[i]))
      continue;
    const auto g = static_cast<std::size_t>(-below[i]);
    next[i] = head[g];
    head[g] = static_cast<std::uint16_t>(i + 1);
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (std::isnan(x[i]))
      continue;
    const auto g = static_cast<std::size_t>(-below[i]);
    const std::size_t first = head[g] - std::size_t{1};
    if (next[first] == 0)
      continue; // alone with its count: written already
    std::size_t above = g;
    std::size_t equal = 0;
    for (std::size_t j = first + 1; j != 0; j = next[j - 1]) {
      above += static_cast<std::size_t>(x[j - 1] > x[i]);
      equal += static_cast<std::size_t>(x[j - 1] == x[i]);
    }
    out[i] = rank_of_counts(above, equal, average);
  }
}

/// Sorts `a` by insertion when it is nearly sorted: returns false, with `a` a permutation of what
/// it was, when that would take more than `budget` moves (the caller then sorts it another way).
inline bool insertion_sort_within(std::vector<std::pair<std::uint64_t, std::uint64_t>>& a,
                                  std::size_t budget) noexcept {
  std::size_t moves = 0;
  for (std::size_t i = 1; i < a.size(); ++i) {
    const auto x = a[i];
    std::size_t j = i;
    while (j > 0 && x < a[j - 1]) {
      a[j] = a[j - 1];
      --j;
      ++moves;
    }
    a[j] = x;
    if (moves > budget)
      return false;
  }
  return true;
}
} // namespace detail

/// Ranks `scores` (higher = better = rank 1) into `out` (same length); NaN scores get NaN ranks.
/// Ties follow `policy`; equal scores are ordered by position, so the result is deterministic.
/// Allocation-free once `ws` has seen a column of this size. Up to detail::counting_limit scores
/// under `min` or `average` are ranked by counting (detail::count_ranks), others by sorting.
///
/// `order`, when given (and the column is sorted), is the order of the units by the last column
/// ranked with it (kept in it for the next call): the keys are laid out in that order and sorted by
/// insertion, which is fast when the order changed little (an uncertainty analysis ranks the same
/// node many times), with a fall-back to the full sort after about n log n moves. The (key,
/// position) pairs are unique, so the ranks do not depend on `order`. When the column is ranked by
/// counting, `order` is emptied (no order was made).
inline void rank_into(column_view scores, ties policy, double* out, workspace& ws,
                      std::vector<std::size_t>* order = nullptr) {
  const std::size_t n = scores.size();
  if (n <= detail::counting_limit && policy != ties::dense) {
    detail::count_ranks(scores.data(), n, policy == ties::average, out);
    if (order != nullptr)
      order->clear(); // no order was made: the next call starts cold
    return;
  }
  auto& keys = ws.keys;
  keys.resize(n);
  std::size_t m = 0; // keys filled
  const bool warm = order != nullptr && order->size() == n && n < 4096;
  const auto add = [&](std::size_t i) {
    const double s = scores[i];
    if (std::isnan(s)) {
      out[i] = std::numeric_limits<double>::quiet_NaN();
    } else {
      keys[m++] = {detail::descending_key(s), i};
    }
  };
  if (warm) {
    for (std::size_t i : *order)
      add(i);
    keys.resize(m);
    std::size_t log2n = 1;
    while ((std::size_t{1} << log2n) < n)
      ++log2n;
    if (!detail::insertion_sort_within(keys, 2 * n * log2n))
      detail::radix_sort(keys, ws.scratch, ws.counts);
  } else {
    for (std::size_t i = 0; i < n; ++i)
      add(i);
    keys.resize(m);
    detail::radix_sort(keys, ws.scratch, ws.counts);
  }
  if (order != nullptr) { // the new order: ranked units, then the NaN ones
    order->resize(n);
    std::size_t k = 0;
    for (const auto& e : keys)
      (*order)[k++] = static_cast<std::size_t>(e.second);
    for (std::size_t i = 0; i < n && k < n; ++i) {
      if (std::isnan(scores[i]))
        (*order)[k++] = i;
    }
  }
  std::size_t pos = 0;
  double dense = 0.0;
  while (pos < keys.size()) {
    std::size_t end = pos + 1;
    while (end < keys.size() && keys[end].first == keys[pos].first)
      ++end;
    dense += 1.0;
    double r = 0.0;
    switch (policy) {
    case ties::min:
      r = static_cast<double>(pos + 1);
      break;
    case ties::dense:
      r = dense;
      break;
    case ties::average:
      r = (static_cast<double>(pos + 1) + static_cast<double>(end)) / 2.0;
      break;
    }
    for (std::size_t k = pos; k < end; ++k)
      out[keys[k].second] = r;
    pos = end;
  }
}

/// Convenience: ranks of `scores` as a new vector.
inline std::vector<double> rank_scores(column_view scores, ties policy = ties::min) {
  std::vector<double> out(scores.size());
  workspace ws;
  rank_into(scores, policy, out.data(), ws);
  return out;
}

} // namespace govmetrics::rank
