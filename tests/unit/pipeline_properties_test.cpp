// Property tests of the run-time pipeline (govmetrics::run): invariances that must hold for any
// data, each checked over 10,000 generated cases. A case is a small random tree (root -> 1-3
// dimensions
// -> 2-6 indicators, random weights and directions) and a small random dataset (3-12 units); it is
// generated from (seed, property, case index) by splitmix64 alone (no std::random distributions,
// which differ between standard libraries), so a failure is reproducible from the captured case
// index. Every property compares two runs of the library: one on the case, one on its transform.
#include <govmetrics/govmetrics.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_pipeline_properties_test {

namespace {

namespace gm = govmetrics;

constexpr std::uint64_t seed = 0x5EED2024C0FFEE01ULL;
constexpr std::size_t n_cases = 10000;

/// splitmix64 (Steele, Lea and Flood 2014): the same stream on every platform.
class splitmix64 {
public:
  explicit splitmix64(std::uint64_t state) noexcept : state_(state) {}

  std::uint64_t next() noexcept {
    state_ += 0x9E3779B97F4A7C15ULL;
    std::uint64_t z = state_;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  /// Uniform in [0, 1): the top 53 bits.
  double uniform() noexcept {
    return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0);
  }
  /// Uniform in [lo, hi).
  double uniform(double lo, double hi) noexcept { return lo + (hi - lo) * uniform(); }
  /// Uniform in 0 .. n - 1 (the modulo bias is negligible for the small n used here).
  std::size_t below(std::size_t n) noexcept {
    return static_cast<std::size_t>(next() % static_cast<std::uint64_t>(n));
  }
  bool coin() noexcept { return (next() >> 63) != 0U; }

private:
  std::uint64_t state_;
};

/// The generator of case `index` of property `property`: its start state hashes both, so the
/// streams of neighbouring cases do not overlap.
splitmix64 stream(std::uint64_t property, std::size_t index) {
  splitmix64 p(seed ^ (property * 0xD1B54A32D192ED03ULL));
  splitmix64 h(p.next() ^ static_cast<std::uint64_t>(index));
  return splitmix64(h.next());
}

/// One generated case: the framework's nodes and a units x indicators dataset.
struct generated {
  std::vector<gm::node> nodes;         ///< root "idx", dimensions "d0".., indicators "i0"..
  std::vector<std::string> aggregates; ///< codes of the aggregate nodes, root first
  std::vector<std::string> indicators; ///< indicator codes (also their data columns)
  std::vector<gm::direction> polarity; ///< per indicator
  std::vector<std::string> units;      ///< "u0", "u1", ...
  std::vector<double> values;          ///< column-major, n_units x n_indicators

  std::size_t n_units() const noexcept { return units.size(); }
  std::size_t n_indicators() const noexcept { return indicators.size(); }
  double& at(std::size_t unit, std::size_t indicator) noexcept {
    return values[indicator * n_units() + unit];
  }
  double at(std::size_t unit, std::size_t indicator) const noexcept {
    return values[indicator * n_units() + unit];
  }
  gm::framework tree() const { return gm::framework(nodes); }
  gm::dataset data() const { return gm::dataset(units, indicators, values); }
};

/// 3-12 units, 2-6 indicators under 1-3 dimensions (each dimension has at least one), weights in
/// [0.5, 3], random directions, values uniform in [lo, hi).
generated make_case(splitmix64& g, double lo, double hi) {
  generated c;
  const std::size_t n_units = 3 + g.below(10);
  const std::size_t n_indicators = 2 + g.below(5);
  const std::size_t n_dims = 1 + g.below(std::min<std::size_t>(3, n_indicators));
  c.nodes.push_back(gm::make_aggregate("idx"));
  c.aggregates.emplace_back("idx");
  for (std::size_t d = 0; d < n_dims; ++d) {
    const double w = g.uniform(0.5, 3.0);
    c.aggregates.push_back("d" + std::to_string(d));
    c.nodes.push_back(gm::make_aggregate(c.aggregates.back(), "idx", w));
  }
  for (std::size_t j = 0; j < n_indicators; ++j) {
    const std::size_t d = j < n_dims ? j : g.below(n_dims);
    const double w = g.uniform(0.5, 3.0);
    const gm::direction pol = g.coin() ? gm::direction::positive : gm::direction::negative;
    c.indicators.push_back("i" + std::to_string(j));
    c.polarity.push_back(pol);
    c.nodes.push_back(gm::make_indicator(c.indicators.back(), "d" + std::to_string(d), w, pol));
  }
  for (std::size_t u = 0; u < n_units; ++u)
    c.units.push_back("u" + std::to_string(u));
  c.values.resize(n_units * n_indicators);
  for (double& v : c.values)
    v = g.uniform(lo, hi);
  return c;
}

/// One of the three per-unit means, at random.
gm::aggregate::any random_mean(splitmix64& g) {
  switch (g.below(3)) {
  case 0:
    return gm::aggregate::arithmetic{};
  case 1:
    return gm::aggregate::geometric{};
  default:
    return gm::aggregate::harmonic{};
  }
}

/// A random mean at the root, and at each dimension either the same or (half the time) another
/// random mean as a per-node override.
void random_means(splitmix64& g, const generated& c, gm::pipeline_spec& spec) {
  spec.aggregate = random_mean(g);
  for (std::size_t d = 1; d < c.aggregates.size(); ++d) {
    if (g.coin())
      spec.aggregate_overrides[c.aggregates[d]] = random_mean(g);
  }
}

/// |a - b| <= rel * max(abs_floor, |a|, |b|): relative, or absolute below `abs_floor`.
void check_close(double a, double b, double rel, double abs_floor) {
  CAPTURE(a);
  CAPTURE(b);
  const double tol = rel * std::max({abs_floor, std::fabs(a), std::fabs(b)});
  CHECK(std::fabs(a - b) <= tol);
}

/// Identical to the last bit.
bool same_bits(double a, double b) noexcept {
  return std::memcmp(&a, &b, sizeof(double)) == 0;
}

/// Every node's scores and ranks of `x` and `y` (same framework and units in the same order):
/// scores within `rel` (relative, absolute below `abs_floor`), or identical to the last bit when
/// `bitwise`; ranks equal.
void check_same_results(const gm::result& x, const gm::result& y, double rel, double abs_floor,
                        bool bitwise = false) {
  REQUIRE(x.n_nodes() == y.n_nodes());
  REQUIRE(x.units() == y.units());
  const std::size_t n = x.n_units();
  for (std::size_t i = 0; i < x.n_nodes(); ++i) {
    CAPTURE(x.tree()[i].code);
    const gm::column_view sx = x.score(i);
    const gm::column_view sy = y.score(i);
    const gm::column_view rx = x.rank(i);
    const gm::column_view ry = y.rank(i);
    REQUIRE(sx.size() == n);
    REQUIRE(sy.size() == n);
    REQUIRE(rx.size() == n);
    REQUIRE(ry.size() == n);
    for (std::size_t u = 0; u < n; ++u) {
      CAPTURE(x.units()[u]);
      if (bitwise) {
        CAPTURE(sx[u]);
        CAPTURE(sy[u]);
        CHECK(same_bits(sx[u], sy[u]));
      } else {
        check_close(sx[u], sy[u], rel, abs_floor);
      }
      CHECK(rx[u] == ry[u]);
    }
  }
}

} // namespace

TEST_SUITE("pipeline properties") {
  TEST_CASE("permuting the units changes no unit's score or rank at any node") {
    std::size_t checked = 0;
    for (std::size_t k = 0; k < n_cases; ++k) {
      CAPTURE(k);
      splitmix64 g = stream(1, k);
      const generated c = make_case(g, 1.0, 100.0);
      const std::size_t n = c.n_units();
      // Fisher-Yates: row u of the permuted data is row perm[u] of the original.
      std::vector<std::size_t> perm(n);
      std::iota(perm.begin(), perm.end(), std::size_t{0});
      for (std::size_t i = n - 1; i > 0; --i)
        std::swap(perm[i], perm[g.below(i + 1)]);
      generated p = c;
      for (std::size_t u = 0; u < n; ++u) {
        p.units[u] = c.units[perm[u]];
        for (std::size_t j = 0; j < c.n_indicators(); ++j)
          p.at(u, j) = c.at(perm[u], j);
      }
      const gm::framework fw = c.tree();
      // the default spec: min-max 0..100, arithmetic means, ranks at every node
      const gm::result a = gm::run(fw, c.data());
      const gm::result b = gm::run(fw, p.data());
      REQUIRE(a.n_nodes() == b.n_nodes());
      REQUIRE(b.n_units() == n);
      for (std::size_t i = 0; i < a.n_nodes(); ++i) {
        CAPTURE(a.tree()[i].code);
        const gm::column_view sa = a.score(i);
        const gm::column_view sb = b.score(i);
        const gm::column_view ra = a.rank(i);
        const gm::column_view rb = b.rank(i);
        REQUIRE(sa.size() == n);
        REQUIRE(sb.size() == n);
        REQUIRE(ra.size() == n);
        REQUIRE(rb.size() == n);
        for (std::size_t u = 0; u < n; ++u) {
          const std::string& id = a.units()[u];
          CAPTURE(id);
          const std::size_t v = b.unit_index(id);
          check_close(sa[u], sb[v], 1e-12, 0.0);
          CHECK(ra[u] == rb[v]);
        }
      }
      ++checked;
    }
    CHECK(checked >= std::size_t{10000});
  }

  TEST_CASE("a positive affine change of one indicator changes nothing under min_max, z_score and "
            "rank") {
    const gm::normalize::any methods[] = {gm::normalize::min_max{}, gm::normalize::z_score{},
                                          gm::normalize::rank{}};
    std::size_t checked = 0;
    for (std::size_t k = 0; k < n_cases; ++k) {
      CAPTURE(k);
      splitmix64 g = stream(2, k);
      const generated c = make_case(g, 1.0, 100.0);
      const std::size_t j = g.below(c.n_indicators());
      const double a = g.coin() ? g.uniform(0.01, 1.0) : g.uniform(1.0, 100.0);
      const double b = g.uniform(-1000.0, 1000.0);
      CAPTURE(c.indicators[j]);
      CAPTURE(a);
      CAPTURE(b);
      generated t = c;
      for (std::size_t u = 0; u < c.n_units(); ++u)
        t.at(u, j) = a * c.at(u, j) + b;
      const gm::framework fw = c.tree();
      const gm::dataset original = c.data();
      const gm::dataset transformed = t.data();
      for (const gm::normalize::any& m : methods) {
        CAPTURE(gm::normalize::name_of(m));
        gm::pipeline_spec spec;
        spec.normalize = m;
        const gm::result x = gm::run(fw, original, spec);
        const gm::result y = gm::run(fw, transformed, spec);
        check_same_results(x, y, 1e-9, 1.0);
      }
      ++checked;
    }
    CHECK(checked >= std::size_t{10000});
  }

  TEST_CASE("improving one value of one unit never lowers that unit's scores (arithmetic, "
            "geometric, harmonic)") {
    // Goalposts with fixed bounds covering every value: each unit's normalised value depends on
    // its own raw value alone, increasingly in the indicator's direction, and stays positive.
    const gm::aggregate::any means[] = {gm::aggregate::arithmetic{}, gm::aggregate::geometric{},
                                        gm::aggregate::harmonic{}};
    std::size_t checked = 0;
    for (std::size_t k = 0; k < n_cases; ++k) {
      CAPTURE(k);
      splitmix64 g = stream(3, k);
      const generated c = make_case(g, 1.0, 100.0);
      const std::size_t u = g.below(c.n_units());
      const std::size_t j = g.below(c.n_indicators());
      generated t = c;
      // better: higher for a positive indicator (at most 120), lower for a negative one (> 0)
      if (c.polarity[j] == gm::direction::positive)
        t.at(u, j) = c.at(u, j) + g.uniform(0.5, 20.0);
      else
        t.at(u, j) = c.at(u, j) * g.uniform(0.3, 0.9);
      CAPTURE(c.units[u]);
      CAPTURE(c.indicators[j]);
      CAPTURE(c.at(u, j));
      CAPTURE(t.at(u, j));
      const gm::framework fw = c.tree();
      const gm::dataset original = c.data();
      const gm::dataset improved = t.data();
      for (const gm::aggregate::any& m : means) {
        CAPTURE(gm::aggregate::name_of(m));
        gm::pipeline_spec spec;
        spec.normalize = gm::normalize::goalposts{0.0, 200.0, true, 100.0};
        spec.aggregate = m;
        const gm::result before = gm::run(fw, original, spec);
        const gm::result after = gm::run(fw, improved, spec);
        REQUIRE(before.n_units() == c.n_units());
        REQUIRE(after.n_units() == c.n_units());
        for (const std::string& code : c.aggregates) {
          CAPTURE(code);
          const gm::column_view sb = before.score(code);
          const gm::column_view sa = after.score(code);
          // the improved unit: never lower
          CHECK(sa[u] >= sb[u]);
          // every other unit: untouched (its inputs and normalisation are unchanged)
          for (std::size_t v = 0; v < c.n_units(); ++v) {
            if (v == u)
              continue;
            CAPTURE(c.units[v]);
            CHECK(same_bits(sa[v], sb[v]));
          }
        }
      }
      ++checked;
    }
    CHECK(checked >= std::size_t{10000});
  }

  TEST_CASE("scaling all sibling weights of one node by c > 0 changes nothing") {
    std::size_t checked = 0;
    for (std::size_t k = 0; k < n_cases; ++k) {
      CAPTURE(k);
      splitmix64 g = stream(4, k);
      const generated c = make_case(g, 1.0, 100.0);
      const std::string& parent = c.aggregates[g.below(c.aggregates.size())];
      const double scale = g.coin() ? g.uniform(0.01, 1.0) : g.uniform(1.0, 100.0);
      CAPTURE(parent);
      CAPTURE(scale);
      gm::pipeline_spec spec;
      spec.normalize = gm::normalize::min_max{1.0, 100.0}; // positive: every mean is defined
      random_means(g, c, spec);
      generated s = c;
      for (gm::node& nd : s.nodes) {
        if (nd.parent == parent)
          nd.weight *= scale;
      }
      const gm::result x = gm::run(c.tree(), c.data(), spec);
      const gm::result y = gm::run(s.tree(), s.data(), spec);
      REQUIRE(x.weights().size() == x.n_nodes());
      REQUIRE(y.weights().size() == y.n_nodes());
      for (std::size_t i = 0; i < x.weights().size(); ++i) {
        CAPTURE(x.tree()[i].code);
        check_close(x.weights()[i], y.weights()[i], 1e-12, 0.0);
      }
      check_same_results(x, y, 1e-12, 0.0);
      ++checked;
    }
    CHECK(checked >= std::size_t{10000});
  }

  TEST_CASE("missing 'skip' equals 'propagate' when no value is missing") {
    std::size_t checked = 0;
    for (std::size_t k = 0; k < n_cases; ++k) {
      CAPTURE(k);
      splitmix64 g = stream(5, k);
      const generated c = make_case(g, 1.0, 100.0);
      gm::pipeline_spec spec;
      // positive normalised values, so that every mean is defined
      switch (g.below(4)) {
      case 0:
        spec.normalize = gm::normalize::min_max{1.0, 100.0};
        break;
      case 1:
        spec.normalize = gm::normalize::goalposts{0.0, 200.0, true, 100.0};
        break;
      case 2:
        spec.normalize = gm::normalize::rank{};
        break;
      default:
        spec.normalize = gm::normalize::z_score{50.0, 10.0}; // |z| < 3.2 with at most 12 units
        break;
      }
      random_means(g, c, spec);
      const double min_share = g.uniform();
      CAPTURE(gm::normalize::name_of(spec.normalize));
      CAPTURE(min_share);
      gm::pipeline_spec skip = spec;
      skip.missing = gm::missing::skip{min_share};
      gm::pipeline_spec propagate = spec;
      propagate.missing = gm::missing::propagate{};
      const gm::framework fw = c.tree();
      const gm::dataset data = c.data();
      REQUIRE(data.count_missing() == 0);
      const gm::result x = gm::run(fw, data, skip);
      const gm::result y = gm::run(fw, data, propagate);
      check_same_results(x, y, 0.0, 0.0, /*bitwise=*/true);
      CHECK(x.diagnostics().size() == y.diagnostics().size());
      ++checked;
    }
    CHECK(checked >= std::size_t{10000});
  }
}

} // namespace unit_pipeline_properties_test
