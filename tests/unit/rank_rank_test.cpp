// Tests of govmetrics/rank/rank.hpp: ranks with an explicit ties policy (higher score = rank 1),
// NaN -> NaN, -0.0 == +0.0, checked by hand and, at size, against a std::sort reference.
#include "govmetrics/rank/rank.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_rank_rank_test {

namespace {

using govmetrics::column_view;
using govmetrics::spec_error;
using govmetrics::rank::rank_into;
using govmetrics::rank::rank_scores;
using govmetrics::rank::ties;
using govmetrics::rank::ties_from_string;

constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();
constexpr double inf_v = std::numeric_limits<double>::infinity();

std::vector<double> ranks_of(const std::vector<double>& x, ties t = ties::min) {
  return rank_scores(column_view{x.data(), x.size()}, t);
}

/// Equal element by element, NaN matching NaN.
bool same(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size())
    return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::isnan(a[i]) != std::isnan(b[i]))
      return false;
    if (!std::isnan(a[i]) && a[i] != b[i])
      return false;
  }
  return true;
}

void check_same(const std::vector<double>& got, const std::vector<double>& expected) {
  REQUIRE(got.size() == expected.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    CAPTURE(i);
    if (std::isnan(expected[i])) {
      CHECK(std::isnan(got[i]));
    } else {
      CHECK(got[i] == expected[i]);
    }
  }
}

/// The reference: sort the non-NaN positions by score, descending, with std::stable_sort and
/// plain `>` (which already treats -0.0 and +0.0 as equal), then walk the groups of equal scores.
std::vector<double> reference_ranks(const std::vector<double>& x, ties t) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (!std::isnan(x[i]))
      order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return x[a] > x[b]; });
  std::vector<double> out(x.size(), nan_v);
  std::size_t pos = 0;
  std::size_t group = 0;
  while (pos < order.size()) {
    std::size_t end = pos;
    while (end < order.size() && x[order[end]] == x[order[pos]])
      ++end;
    ++group;
    // positions pos..end-1 hold places pos+1..end
    double r = 0.0;
    if (t == ties::min)
      r = static_cast<double>(pos + 1);
    else if (t == ties::dense)
      r = static_cast<double>(group);
    else
      r = static_cast<double>((pos + 1) + end) / 2.0;
    for (std::size_t k = pos; k < end; ++k)
      out[order[k]] = r;
    pos = end;
  }
  return out;
}

/// A small deterministic generator (64-bit LCG, Knuth's MMIX constants).
struct lcg {
  std::uint64_t state;
  std::uint64_t next() {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return state >> 11;
  }
};

/// n scores with many ties, some NaN, signed zeros, infinities, huge and subnormal values.
std::vector<double> awkward_scores(std::size_t n, std::uint64_t seed) {
  lcg g{seed};
  std::vector<double> x(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t r = g.next();
    switch (r % 16) {
    case 0:
      x[i] = nan_v;
      break;
    case 1:
      x[i] = (r & 64) ? -0.0 : 0.0;
      break;
    case 2:
      x[i] = (r & 64) ? inf_v : -inf_v;
      break;
    case 3:
      x[i] = ((r & 64) ? 1.0 : -1.0) * 1e300 * static_cast<double>((r >> 8) % 3 + 1);
      break;
    case 4:
      x[i] = ((r & 64) ? 1.0 : -1.0) * std::numeric_limits<double>::denorm_min() *
             static_cast<double>((r >> 8) % 4 + 1);
      break;
    default: // 1000 distinct values in [-50, 75): many ties
      x[i] = static_cast<double>((r >> 8) % 1000) / 8.0 - 50.0;
      break;
    }
  }
  return x;
}

} // namespace

TEST_SUITE("rank::ties") {
  TEST_CASE("names round-trip") {
    for (ties t : {ties::min, ties::dense, ties::average})
      CHECK(ties_from_string(govmetrics::rank::to_string(t)) == t);
    CHECK(std::string(govmetrics::rank::to_string(ties::min)) == "min");
    CHECK(std::string(govmetrics::rank::to_string(ties::dense)) == "dense");
    CHECK(std::string(govmetrics::rank::to_string(ties::average)) == "average");
  }

  TEST_CASE("an unknown ties policy is a spec_error naming it") {
    CHECK_THROWS_WITH_AS(ties_from_string("first"),
                         "rank: unknown ties policy 'first' (expected 'min', 'dense' or "
                         "'average')",
                         spec_error);
    CHECK_THROWS_WITH_AS(ties_from_string("Min"), doctest::Contains("unknown ties policy 'Min'"),
                         spec_error);
    CHECK_THROWS_WITH_AS(ties_from_string(""), doctest::Contains("unknown ties policy ''"),
                         spec_error);
    CHECK_THROWS_WITH_AS(ties_from_string("max"), doctest::Contains("unknown ties policy 'max'"),
                         spec_error);
  }
}

TEST_SUITE("rank::rank_scores") {
  TEST_CASE("higher score = rank 1; the three ties policies on 9 7 7 5") {
    const std::vector<double> s{9.0, 7.0, 7.0, 5.0};
    check_same(ranks_of(s, ties::min), {1.0, 2.0, 2.0, 4.0});     // "1224"
    check_same(ranks_of(s, ties::dense), {1.0, 2.0, 2.0, 3.0});   // "1223"
    check_same(ranks_of(s, ties::average), {1.0, 2.5, 2.5, 4.0}); // places 2 and 3 share 2.5
    check_same(ranks_of(s), {1.0, 2.0, 2.0, 4.0});                // the default is min
  }

  TEST_CASE("positions do not matter, only scores") {
    // 5 7 9 7 -> 9 first, both 7 second, 5 fourth
    check_same(ranks_of({5.0, 7.0, 9.0, 7.0}), {4.0, 2.0, 1.0, 2.0});
    // three-way tie at the top: min 1 1 1 4, dense 1 1 1 2, average (1+2+3)/3 = 2
    check_same(ranks_of({3.0, 3.0, 1.0, 3.0}, ties::min), {1.0, 1.0, 4.0, 1.0});
    check_same(ranks_of({3.0, 3.0, 1.0, 3.0}, ties::dense), {1.0, 1.0, 2.0, 1.0});
    check_same(ranks_of({3.0, 3.0, 1.0, 3.0}, ties::average), {2.0, 2.0, 4.0, 2.0});
  }

  TEST_CASE("NaN gets a NaN rank and takes no place") {
    check_same(ranks_of({nan_v, 3.0, nan_v, 5.0}), {nan_v, 2.0, nan_v, 1.0});
    check_same(ranks_of({nan_v, nan_v}), {nan_v, nan_v});
  }

  TEST_CASE("-0.0 ties +0.0") {
    // 1 first; both zeros share place 2; -1 fourth
    check_same(ranks_of({-0.0, 0.0, 1.0, -1.0}, ties::min), {2.0, 2.0, 1.0, 4.0});
    check_same(ranks_of({-0.0, 0.0, 1.0, -1.0}, ties::dense), {2.0, 2.0, 1.0, 3.0});
    check_same(ranks_of({0.0, -0.0, 1.0, -1.0}, ties::average), {2.5, 2.5, 1.0, 4.0});
  }

  TEST_CASE("negative numbers, infinities and subnormals are ordered numerically") {
    check_same(ranks_of({-1.0, -2.0, -1.5}), {1.0, 3.0, 2.0});
    check_same(ranks_of({inf_v, -inf_v, 0.0, 1e308, -1e308}), {1.0, 5.0, 3.0, 2.0, 4.0});
    const double tiny = std::numeric_limits<double>::denorm_min();
    check_same(ranks_of({tiny, 0.0, -tiny, 2.0 * tiny}), {2.0, 3.0, 4.0, 1.0});
  }

  TEST_CASE("empty and single-element columns") {
    CHECK(ranks_of({}).empty());
    check_same(ranks_of({42.0}), {1.0});
  }

  TEST_CASE("agrees with a std::sort reference on awkward data, around both thresholds") {
    // sizes below, at and above the switch from counting to sorting (256, detail::counting_limit:
    // min and average only; dense always sorts) and from std::sort to the radix sort (4096)
    static_assert(govmetrics::rank::detail::counting_limit == 256, "the sizes below straddle it");
    for (std::size_t n :
         {std::size_t{1}, std::size_t{2}, std::size_t{3}, std::size_t{8}, std::size_t{9},
          std::size_t{17}, std::size_t{100}, std::size_t{255}, std::size_t{256}, std::size_t{257},
          std::size_t{4095}, std::size_t{4096}, std::size_t{4097}}) {
      const auto x = awkward_scores(n, 12345 + n);
      for (ties t : {ties::min, ties::dense, ties::average}) {
        CAPTURE(n);
        CAPTURE(govmetrics::rank::to_string(t));
        CHECK(same(ranks_of(x, t), reference_ranks(x, t)));
      }
    }
  }

  TEST_CASE("100000 deterministic scores with ties agree with the reference") {
    const std::size_t n = 100000;
    const auto x = awkward_scores(n, 20200818);
    // sanity of the data: ties, NaN and both signed zeros are present
    CHECK(std::count_if(x.begin(), x.end(), [](double v) { return std::isnan(v); }) > 1000);
    CHECK(std::count_if(x.begin(), x.end(), [](double v) { return v == 0.0 && std::signbit(v); }) >
          100);
    for (ties t : {ties::min, ties::dense, ties::average}) {
      CAPTURE(govmetrics::rank::to_string(t));
      const auto got = ranks_of(x, t);
      const auto expected = reference_ranks(x, t);
      CHECK(same(got, expected));
    }
    // an independent invariant: average ranks of m valid scores always sum to m(m + 1)/2
    const auto avg = ranks_of(x, ties::average);
    double m = 0.0;
    double sum = 0.0;
    for (double v : avg) {
      if (!std::isnan(v)) {
        m += 1.0;
        sum += v;
      }
    }
    CHECK(sum == m * (m + 1.0) / 2.0);
  }

  TEST_CASE("scores differing only in their lowest bits (radix passes skipped and not skipped)") {
    // 1 + k ulp for k in a shuffled 0..4999, plus a copy of each (ties): every key shares its top
    // bits, so the high radix digits are constant.
    std::vector<double> x;
    lcg g{7};
    std::vector<std::size_t> k(5000);
    std::iota(k.begin(), k.end(), std::size_t{0});
    for (std::size_t i = k.size(); i > 1; --i)
      std::swap(k[i - 1], k[static_cast<std::size_t>(g.next() % i)]);
    for (std::size_t v : k) {
      double d = 1.0;
      for (std::size_t s = 0; s < v % 64; ++s)
        d = std::nextafter(d, 2.0);
      d += static_cast<double>(v / 64) * std::ldexp(1.0, -30);
      x.push_back(d);
      x.push_back(d);
    }
    for (ties t : {ties::min, ties::dense, ties::average})
      CHECK(same(ranks_of(x, t), reference_ranks(x, t)));
    // all equal, above the radix threshold: everybody is first
    const std::vector<double> flat(1000, 3.25);
    CHECK(same(ranks_of(flat, ties::min), std::vector<double>(1000, 1.0)));
    CHECK(same(ranks_of(flat, ties::dense), std::vector<double>(1000, 1.0)));
    CHECK(same(ranks_of(flat, ties::average), std::vector<double>(1000, 500.5)));
  }
}

TEST_SUITE("rank::detail::count_ranks (16-bit keys, checked)") {
  // Columns of up to counting_limit scores are counted on 16-bit keys (the column's range on a
  // grid of 32,766 steps); units that share a key are told apart by their doubles. Each case
  // below is checked against the std::sort reference (min and average), and the counting against
  // the double-precision count, bit for bit.
  void check_counting(const std::vector<double>& x) {
    for (ties t : {ties::min, ties::average}) {
      CAPTURE(govmetrics::rank::to_string(t));
      CHECK(same(ranks_of(x, t), reference_ranks(x, t)));
      std::vector<double> fast(x.size(), -1.0);
      std::vector<double> exact(x.size(), -2.0);
      govmetrics::rank::detail::count_ranks(x.data(), x.size(), t == ties::average, fast.data());
      govmetrics::rank::detail::count_ranks_exact(x.data(), x.size(), t == ties::average,
                                                  exact.data());
      CHECK(same(fast, exact));
    }
  }

  TEST_CASE("no ties, exact ties, doubles one float apart and one float together, at every size") {
    for (std::size_t n : {std::size_t{1}, std::size_t{2}, std::size_t{3}, std::size_t{15},
                          std::size_t{16}, std::size_t{17}, std::size_t{31}, std::size_t{32},
                          std::size_t{33}, std::size_t{47}, std::size_t{48}, std::size_t{49},
                          std::size_t{100}, std::size_t{200}, std::size_t{255}, std::size_t{256}}) {
      CAPTURE(n);
      lcg g{n * 7919};
      std::vector<double> x(n);
      // distinct doubles, distinct floats (the counting's fast case)
      for (std::size_t i = 0; i < n; ++i)
        x[i] = static_cast<double>(g.next() % 1000000) / 1000.0 - 500.0 +
               1e-7 * static_cast<double>(i);
      check_counting(x);
      // the same with a few missing
      for (std::size_t i = 0; i < n; i += 7)
        x[i] = nan_v;
      check_counting(x);
      // exact ties only (integers)
      for (std::size_t i = 0; i < n; ++i)
        x[i] = static_cast<double>(g.next() % 10);
      check_counting(x);
      // 1 + k / 64, and where k is odd one ulp above it: pairs of doubles that share a float
      for (std::size_t i = 0; i < n; ++i) {
        const double b = 1.0 + static_cast<double>(i / 2) / 64.0;
        x[i] = i % 2 == 1 ? std::nextafter(b, 2.0) : b;
        CHECK(static_cast<float>(x[i]) == static_cast<float>(b));
      }
      check_counting(x);
      // beyond a float's range (all round to +-inf) and below it (all round to +-0)
      for (std::size_t i = 0; i < n; ++i)
        x[i] = (i % 2 == 0 ? 1.0 : -1.0) * 1e39 * static_cast<double>(i + 1);
      check_counting(x);
      for (std::size_t i = 0; i < n; ++i)
        x[i] = (i % 3 == 0 ? -1.0 : 1.0) * 1e-60 * static_cast<double>(i % 5);
      check_counting(x);
      // a single collision among distinct floats, last in the column
      for (std::size_t i = 0; i < n; ++i)
        x[i] = static_cast<double>(i) * 0.5;
      if (n >= 2)
        x[n - 1] = std::nextafter(x[0], 1.0);
      check_counting(x);
      // a range of float subnormals (the grid's scale is infinite) and a finite range wider than
      // a float's (its width overflows): every value gets key 1 or the top key, one group
      for (std::size_t i = 0; i < n; ++i)
        x[i] = 1e-45 * static_cast<double>(g.next() % 4);
      check_counting(x);
      for (std::size_t i = 0; i < n; ++i)
        x[i] = i % 2 == 0 ? -3e38 + static_cast<double>(i) * 1e30 : 3e38 - static_cast<double>(i);
      check_counting(x);
      // two far values and the rest close together, in groups that share a 16-bit key, with
      // equal and different doubles in the groups, and missing values among them
      for (std::size_t i = 0; i < n; ++i)
        x[i] = static_cast<double>(g.next() % 7) * 1e-4 +
               (i % 3 == 0 ? 0.0 : 1e-12 * static_cast<double>(i % 4));
      x[0] = -1e6;
      if (n >= 2)
        x[1] = 1e6;
      if (n >= 6)
        x[5] = nan_v;
      check_counting(x);
      // all missing
      std::fill(x.begin(), x.end(), nan_v);
      check_counting(x);
    }
  }

  TEST_CASE("the ranks are written at once only when no key is shared; one pair is found by its "
            "count") {
    namespace d = govmetrics::rank::detail;
    // (how far the counts fall short of 0..m-1, and their squares)
    const auto deficits = [](const std::vector<double>& x) {
      alignas(64) std::int16_t key[d::counting_limit];
      alignas(64) std::int16_t below[d::counting_limit];
      std::vector<double> out(x.size());
      d::quantise_keys(x.data(), x.size(), key);
      d::count_above(key, x.size(), below);
      std::int32_t squares = -1;
      const std::int32_t sum = d::ranks_from_counts(x.data(), x.size(), below, out.data(), squares);
      return std::make_pair(sum, squares);
    };
    using p = std::pair<std::int32_t, std::int32_t>;
    CHECK(deficits({3.0, 1.0, 2.0}) == p{0, 0});
    CHECK(deficits({3.0, nan_v, 2.0, -0.0}) == p{0, 0});
    CHECK(deficits({nan_v, nan_v}) == p{0, 0});
    // one pair: the sum is one short and the squares 2 g + 1, g the pair's count
    CHECK(deficits({3.0, 1.0, 3.0}) == p{1, 1});                       // a true tie on top
    CHECK(deficits({1.0, std::nextafter(1.0, 2.0), 0.5}) == p{1, 1});  // two doubles, one float
    CHECK(deficits({0.0, -0.0}) == p{1, 1});                           // -0 ties +0
    CHECK(deficits({-1000.0, 1.0, 1.0 + 1e-9, 1000.0}) == p{1, 3});    // one 16-bit key, g = 1
    CHECK(deficits({9.0, 8.0, nan_v, 7.0, 2.0, 7.0, 1.0}) == p{1, 5}); // g = 2, a NaN between
    // larger groups, or more of them: the lists
    CHECK(deficits({5.0, 5.0, 5.0, 1.0}).first == 3); // a triple: 3 (3 - 1) / 2
    CHECK(deficits({5.0, 5.0, 1.0, 1.0}).first == 2); // two pairs
  }

  TEST_CASE("one pair sharing a key, anywhere, equal or not, among missing values") {
    for (std::size_t n :
         {std::size_t{2}, std::size_t{3}, std::size_t{40}, std::size_t{100}, std::size_t{256}}) {
      for (std::size_t a = 0; a < n; a += (n > 3 ? n / 3 : 1)) {
        for (std::size_t b = a + 1; b < n; b += (n > 3 ? n / 4 : 1)) {
          CAPTURE(n);
          CAPTURE(a);
          CAPTURE(b);
          std::vector<double> x(n);
          for (std::size_t i = 0; i < n; ++i)
            x[i] = static_cast<double>((i * 37) % n) * 10.0 + (i % 5 == 4 ? nan_v : 0.0);
          // a and b present, at the same value (a true tie), then one double apart
          const double v = static_cast<double>((a * 37) % n) * 10.0 + 3.0;
          x[a] = v;
          x[b] = v;
          check_counting(x);
          x[b] = std::nextafter(v, 0.0);
          check_counting(x);
          x[a] = std::nextafter(v, 0.0);
          x[b] = v;
          check_counting(x);
        }
      }
    }
  }

  TEST_CASE("signed zeros, infinities and a float's largest value") {
    const double fmax = static_cast<double>(std::numeric_limits<float>::max());
    check_counting(
        {0.0, -0.0, inf_v, -inf_v, fmax, -fmax, std::nextafter(fmax, inf_v), 1.0, nan_v});
    check_counting({inf_v, inf_v, -0.0, 0.0, 0.0, -inf_v});
  }
}

TEST_SUITE("rank::rank_into") {
  TEST_CASE("a reused workspace gives the same ranks as a fresh one, whatever came before") {
    govmetrics::rank::workspace ws;
    const auto big = awkward_scores(5000, 1);
    const auto small = awkward_scores(300, 2);
    const auto tiny = std::vector<double>{2.0, nan_v, 1.0};
    std::vector<double> out;
    for (const auto* x : {&big, &small, &tiny, &big}) {
      out.assign(x->size(), -1.0);
      rank_into(column_view{x->data(), x->size()}, ties::average, out.data(), ws);
      CHECK(same(out, reference_ranks(*x, ties::average)));
    }
  }

  TEST_CASE("every output cell is written (NaN for NaN scores)") {
    govmetrics::rank::workspace ws;
    const std::vector<double> x{nan_v, 1.0, nan_v};
    std::vector<double> out(3, 99.0);
    rank_into(column_view{x.data(), x.size()}, ties::min, out.data(), ws);
    CHECK(std::isnan(out[0]));
    CHECK(out[1] == 1.0);
    CHECK(std::isnan(out[2]));
  }
}

} // namespace unit_rank_rank_test
