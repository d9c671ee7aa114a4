// The uncertainty engine (issue 10, first part): random streams, closed-form cases (one uncertain
// weight between two indicators; exclusion; Dirichlet means), exact quantiles from histograms,
// failure counting, and determinism: 1, 2 and 7 threads and 3 shards merged give the same bits.
#include <govmetrics/govmetrics.hpp>
#include <govmetrics/uncertainty.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <numeric>
#include <set>
#include <string>
#include <vector>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_uncertainty_engine_test {

namespace {

namespace gm = govmetrics;
namespace ua = govmetrics::uncertainty;

/// root "idx" over indicators "a" and "b" (weights wa, wb); units A (100, 0), B (0, 100), C (40,
/// 40): min_max 0..100 leaves these values as they are.
std::shared_ptr<const gm::framework> two_children(double wa = 1.0, double wb = 1.0) {
  return std::make_shared<const gm::framework>(
      std::vector<gm::node>{gm::make_aggregate("idx"), gm::make_indicator("a", "idx", wa),
                            gm::make_indicator("b", "idx", wb)});
}

std::shared_ptr<const gm::dataset> abc() {
  return std::make_shared<const gm::dataset>(
      std::vector<std::string>{"A", "B", "C"}, std::vector<std::string>{"a", "b"},
      std::vector<double>{100.0, 0.0, 40.0, 0.0, 100.0, 40.0});
}

ua::spec weights_only(std::size_t runs, double spread,
                      ua::weight_distribution d = ua::weight_distribution::uniform) {
  ua::spec s;
  s.runs = runs;
  s.seed = 7;
  ua::weights_input w;
  w.spread = spread;
  w.distribution = d;
  s.inputs.push_back(w);
  return s;
}

/// Probability `p` estimated from `n` runs: within 5 standard errors.
void check_probability(double estimate, double p, std::size_t n) {
  const double se = std::sqrt(p * (1.0 - p) / static_cast<double>(n));
  CHECK(std::fabs(estimate - p) < 5.0 * se);
}

double probability_of_rank(const ua::state& s, std::size_t unit, double rank) {
  for (const auto& [r, p] : ua::acceptability(s, 0, unit)) {
    if (r == rank)
      return p;
  }
  return 0.0;
}

} // namespace

TEST_SUITE("uncertainty: random streams") {
  TEST_CASE("a stream depends on (seed, index) only") {
    ua::stream a(42, 7);
    ua::stream b(42, 7);
    ua::stream c(42, 8);
    ua::stream d(43, 7);
    const std::uint64_t x = a.next();
    CHECK(x == b.next());
    CHECK(x != c.next());
    CHECK(x != d.next());
  }

  TEST_CASE("below(n) covers 0 .. n - 1 evenly") {
    ua::stream g(1, 0);
    std::vector<std::size_t> counts(7, 0);
    const std::size_t n = 70000;
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t k = g.below(7);
      REQUIRE(k < 7);
      ++counts[k];
    }
    for (std::size_t c : counts)
      check_probability(static_cast<double>(c) / n, 1.0 / 7.0, n);
  }

  TEST_CASE("uniform in [0, 1), gamma with the right mean") {
    ua::stream g(3, 0);
    const std::size_t n = 100000;
    double sum_u = 0.0;
    double sum_g = 0.0;
    double sum_small = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      const double u = g.uniform();
      REQUIRE(u >= 0.0);
      REQUIRE(u < 1.0);
      sum_u += u;
      sum_g += g.gamma(3.0);
      sum_small += g.gamma(0.5);
    }
    const double dn = static_cast<double>(n);
    CHECK(std::fabs(sum_u / dn - 0.5) < 5.0 * std::sqrt(1.0 / 12.0 / dn));
    CHECK(std::fabs(sum_g / dn - 3.0) < 5.0 * std::sqrt(3.0 / dn));     // Var = shape
    CHECK(std::fabs(sum_small / dn - 0.5) < 5.0 * std::sqrt(0.5 / dn)); // shape < 1
  }
}

TEST_SUITE("uncertainty: closed forms") {
  // Weights u_a, u_b ~ U(0.5, 1.5) independently (spread 0.5), w_a = u_a / (u_a + u_b).
  // Scores: A = 100 w_a, B = 100 (1 - w_a), C = 40. A is first iff w_a > 1/2 (probability 1/2),
  // last iff w_a < 0.4, i.e. u_a < (2/3) u_b: integral over u_b in [0.75, 1.5] of
  // ((2/3) u_b - 0.5) = 0.1875; second otherwise (0.3125).
  TEST_CASE("one uncertain weight between two indicators: the rank probabilities of A") {
    const std::size_t runs = 100000;
    const ua::analysis an(two_children(), abc(), {}, weights_only(runs, 0.5));
    const ua::state s = an.run();
    check_probability(probability_of_rank(s, 0, 1.0), 0.5, runs);
    check_probability(probability_of_rank(s, 0, 2.0), 0.3125, runs);
    check_probability(probability_of_rank(s, 0, 3.0), 0.1875, runs);
    const auto stats = ua::rank_statistics(s);
    REQUIRE(stats.size() == 3);
    CHECK(stats[0].unit == "A");
    CHECK(stats[0].node == "idx");
    CHECK(stats[0].nominal == 1.0); // A and B tie at 50 (ties "min"), C is 3rd
    CHECK(stats[2].nominal == 3.0);
    // mean rank 1 (0.5) + 2 (0.3125) + 3 (0.1875) = 1.6875; variance of the rank
    // 0.5 + 4 (0.3125) + 9 (0.1875) - 1.6875^2 = 3.4375 - 2.84765625 = 0.58984375
    CHECK(std::fabs(stats[0].mean - 1.6875) < 5.0 * std::sqrt(0.58984375 / runs));
    CHECK(stats[0].sd == doctest::Approx(std::sqrt(0.58984375)).epsilon(0.02));
    CHECK(stats[0].ranked == runs);
    // the median (type 7: halfway between order statistics 49,999 and 50,000, 0-based) follows
    // from the count of first places alone
    const std::uint64_t first = s.count(0, 0, 0);
    const double lo = first > 49999 ? 1.0 : 2.0;
    const double hi = first > 50000 ? 1.0 : 2.0;
    CHECK(stats[0].median == lo + 0.5 * (hi - lo));
    CHECK(stats[0].q05 == 1.0);
    CHECK(stats[0].q95 == 3.0);
    CHECK(s.failures.empty());
  }

  TEST_CASE("score mean and standard deviation under uniform weights") {
    // E[w_a] = 1/2 by symmetry; Var(w_a) by a midpoint rule over [0.5, 1.5]^2 (independent of
    // the engine).
    const std::size_t grid = 2000;
    double m1 = 0.0;
    double m2 = 0.0;
    for (std::size_t i = 0; i < grid; ++i) {
      for (std::size_t j = 0; j < grid; ++j) {
        const double ua_ = 0.5 + (static_cast<double>(i) + 0.5) / grid;
        const double ub = 0.5 + (static_cast<double>(j) + 0.5) / grid;
        const double w = ua_ / (ua_ + ub);
        m1 += w;
        m2 += w * w;
      }
    }
    const double cells = static_cast<double>(grid) * grid;
    const double sd_w = std::sqrt(m2 / cells - (m1 / cells) * (m1 / cells));
    const std::size_t runs = 50000;
    const ua::analysis an(two_children(), abc(), {}, weights_only(runs, 0.5));
    const auto stats = ua::rank_statistics(an.run());
    const double sd = 100.0 * sd_w;
    CHECK(std::fabs(stats[0].score_mean - 50.0) < 5.0 * sd / std::sqrt(runs));
    CHECK(std::fabs(stats[0].score_sd - sd) < 5.0 * sd / std::sqrt(2.0 * runs));
    CHECK(stats[2].score_mean == 40.0); // C is 40 whatever the weights
    CHECK(stats[2].score_sd < 1e-9);
    CHECK(stats[2].score_nominal == 40.0);
  }

  TEST_CASE("Dirichlet weights are centred on the nominal weights; simplex on equal ones") {
    const std::size_t runs = 20000;
    const ua::analysis dir(two_children(3.0, 1.0), abc(), {},
                           weights_only(runs, 0.0, ua::weight_distribution::dirichlet));
    const auto d = ua::rank_statistics(dir.run());
    // w_a ~ Beta(75, 25): mean 0.75, sd sqrt(0.75 0.25 / 101)
    CHECK(std::fabs(d[0].score_mean - 75.0) < 5.0 * 100.0 * std::sqrt(0.1875 / 101.0 / runs));
    CHECK(d[0].score_sd == doctest::Approx(100.0 * std::sqrt(0.1875 / 101.0)).epsilon(0.05));
    const ua::analysis sim(two_children(3.0, 1.0), abc(), {},
                           weights_only(runs, 0.0, ua::weight_distribution::simplex));
    const auto u = ua::rank_statistics(sim.run());
    // w_a ~ U(0, 1): mean 1/2, sd sqrt(1/12)
    CHECK(std::fabs(u[0].score_mean - 50.0) < 5.0 * 100.0 * std::sqrt(1.0 / 12.0 / runs));
    CHECK(u[0].score_sd == doctest::Approx(100.0 * std::sqrt(1.0 / 12.0)).epsilon(0.05));
  }

  TEST_CASE("excluding one node: half the replications drop 'a'") {
    // A scores 50 with both indicators and 0 with 'b' alone: mean 25, sd 25 (n / (n - 1) aside)
    ua::spec s;
    s.runs = 20000;
    ua::exclude_input e;
    e.nodes = {"a"};
    s.inputs.push_back(e);
    const ua::analysis an(two_children(), abc(), {}, s);
    const auto stats = ua::rank_statistics(an.run());
    CHECK(std::fabs(stats[0].score_mean - 25.0) < 5.0 * 25.0 / std::sqrt(20000.0));
    CHECK(stats[0].score_sd == doctest::Approx(25.0).epsilon(0.01));
  }

  TEST_CASE("quantiles from a histogram are R's type 7 of the values it counts") {
    // values 1, 1, 1, 2, 2, 2, 2, 2, 3, 3 (bins: 1, 1.5, 2, 2.5, 3)
    const std::vector<std::uint64_t> counts{3, 0, 5, 0, 2};
    const auto count = [&](std::size_t b) { return counts[b]; };
    const auto value = [](std::size_t b) { return 1.0 + 0.5 * static_cast<double>(b); };
    const auto q = [&](double p) {
      return ua::detail::histogram_quantile(count, counts.size(), value, 10, p);
    };
    CHECK(q(0.05) == 1.0);  // h = 0.45: between x0 = 1 and x1 = 1
    CHECK(q(0.25) == 1.25); // h = 2.25: 1 + 0.25 (2 - 1)
    CHECK(q(0.5) == 2.0);
    CHECK(q(0.95) == 3.0);
    CHECK(q(0.0) == 1.0);
    CHECK(q(1.0) == 3.0);
    const std::vector<double> sorted{1, 1, 1, 2, 2, 2, 2, 2, 3, 3};
    for (double p : {0.05, 0.25, 0.33, 0.5, 0.7, 0.95})
      CHECK(q(p) == ua::detail::sorted_quantile(sorted, p));
  }
}

namespace {

/// 20 units x 6 indicators in two dimensions, values from a fixed stream.
struct mid_case {
  std::shared_ptr<const gm::framework> fw;
  std::shared_ptr<const gm::dataset> data;
};

mid_case make_mid_case() {
  std::vector<gm::node> nodes{gm::make_aggregate("idx"), gm::make_aggregate("d1", "idx", 2.0),
                              gm::make_aggregate("d2", "idx", 1.0)};
  std::vector<std::string> inds;
  for (int i = 0; i < 6; ++i) {
    inds.push_back("i" + std::to_string(i));
    nodes.push_back(gm::make_indicator(inds.back(), i < 3 ? "d1" : "d2", 1.0 + i % 2));
  }
  std::vector<std::string> units;
  for (int u = 0; u < 20; ++u)
    units.push_back("u" + std::to_string(u));
  ua::stream g(99, 0);
  std::vector<double> values(units.size() * inds.size());
  for (double& v : values)
    v = 1.0 + 99.0 * g.uniform();
  return {std::make_shared<const gm::framework>(nodes),
          std::make_shared<const gm::dataset>(units, inds, values)};
}

ua::spec mixed_spec(std::size_t runs) {
  ua::spec s;
  s.runs = runs;
  s.seed = 20261203;
  ua::weights_input w;
  w.spread = 0.25;
  s.inputs.push_back(w);
  ua::alternatives_input norm;
  norm.name = "normalisation";
  norm.alternatives =
      std::vector<gm::normalize::any>{gm::normalize::min_max{1.0, 100.0}, gm::normalize::rank{}};
  s.inputs.push_back(norm);
  ua::alternatives_input agg;
  agg.name = "aggregation";
  agg.alternatives =
      std::vector<gm::aggregate::any>{gm::aggregate::arithmetic{}, gm::aggregate::geometric{}};
  agg.probabilities = {0.7, 0.3};
  s.inputs.push_back(agg);
  ua::exclude_input e;
  e.nodes = {"i0", "i4"};
  s.inputs.push_back(e);
  return s;
}

void check_same_state(const ua::state& x, const ua::state& y) {
  CHECK(x.rank_counts == y.rank_counts);
  CHECK(x.failures == y.failures);
  REQUIRE(x.blocks.size() == y.blocks.size());
  for (const auto& [index, b] : x.blocks) {
    const auto& c = y.blocks.at(index);
    CHECK(b.failed == c.failed);
    CHECK(b.score_sum == c.score_sum); // exact: the same sums in the same order
    CHECK(b.score_sum2 == c.score_sum2);
    REQUIRE(b.shift.size() == c.shift.size());
    for (std::size_t i = 0; i < b.shift.size(); ++i)
      CHECK((b.shift[i] == c.shift[i] || (std::isnan(b.shift[i]) && std::isnan(c.shift[i]))));
  }
}

} // namespace

TEST_SUITE("uncertainty: determinism and failures") {
  TEST_CASE("1, 2 and 7 threads and 3 shards merged give the same bits") {
    const mid_case c = make_mid_case();
    ua::options one;
    one.threads = 1;
    one.block_size = 64;
    one.nodes = {"idx", "d1"};
    ua::options two = one;
    two.threads = 2;
    ua::options seven = one;
    seven.threads = 7;
    const ua::analysis a1(c.fw, c.data, {}, mixed_spec(3000), one);
    const ua::analysis a2(c.fw, c.data, {}, mixed_spec(3000), two);
    const ua::analysis a7(c.fw, c.data, {}, mixed_spec(3000), seven);
    const ua::state s1 = a1.run();
    check_same_state(s1, a2.run());
    check_same_state(s1, a7.run());
    ua::state merged = a2.run_shard(2, 3);
    merged.merge(a7.run_shard(0, 3));
    merged.merge(a1.run_shard(1, 3));
    check_same_state(s1, merged);
    const auto x = ua::rank_statistics(s1);
    const auto y = ua::rank_statistics(merged);
    REQUIRE(x.size() == 40);
    for (std::size_t i = 0; i < x.size(); ++i) {
      CHECK(x[i].mean == y[i].mean);
      CHECK(x[i].q95 == y[i].q95);
      CHECK(x[i].score_mean == y[i].score_mean);
      CHECK(x[i].score_sd == y[i].score_sd);
    }
    CHECK(ua::rank_shifts(s1).size() == 3000);
    // a different seed gives a different run
    ua::spec other = mixed_spec(3000);
    other.seed = 1;
    const ua::analysis b(c.fw, c.data, {}, other, one);
    CHECK(b.run().rank_counts != s1.rank_counts);
  }

  TEST_CASE("failed replications are counted per reason, never averaged in") {
    // min_max 0..100 gives zeros, which the geometric mean refuses: every replication that draws
    // it fails.
    const mid_case c = make_mid_case();
    ua::spec s;
    s.runs = 2000;
    ua::alternatives_input agg;
    agg.name = "aggregation";
    agg.alternatives =
        std::vector<gm::aggregate::any>{gm::aggregate::arithmetic{}, gm::aggregate::geometric{}};
    s.inputs.push_back(agg);
    const ua::analysis an(c.fw, c.data, {}, s);
    const ua::state st = an.run();
    std::size_t failed = 0;
    for (const auto& [reason, n] : st.failures) {
      CHECK(reason.find("aggregate::geometric") != std::string::npos);
      failed += n;
    }
    check_probability(static_cast<double>(failed) / 2000.0, 0.5, 2000);
    const auto stats = ua::rank_statistics(st);
    for (const auto& u : stats)
      CHECK(u.ranked == 2000 - failed);
    std::size_t nan_shifts = 0;
    for (double x : ua::rank_shifts(st))
      nan_shifts += std::isnan(x) ? 1U : 0U;
    CHECK(nan_shifts == failed);
  }
}

TEST_SUITE("uncertainty: errors") {
  TEST_CASE("bad inputs are spec_errors naming the input") {
    ua::spec s = weights_only(10, 1.5);
    CHECK_THROWS_WITH_AS(
        ua::validate(s),
        "uncertainty: input 1 ('weights'): 'spread' must be in [0, 1) (spread 1.5)",
        gm::spec_error);
    ua::spec p;
    ua::alternatives_input a;
    a.name = "agg";
    a.alternatives =
        std::vector<gm::aggregate::any>{gm::aggregate::arithmetic{}, gm::aggregate::geometric{}};
    a.probabilities = {0.5, 0.6};
    p.inputs.push_back(a);
    CHECK_THROWS_WITH_AS(ua::validate(p),
                         "uncertainty: input 1 ('agg'): the probabilities sum to 1.1, not 1",
                         gm::spec_error);
    ua::spec r;
    ua::exclude_input e;
    e.nodes = {"idx"};
    r.inputs.push_back(e);
    CHECK_THROWS_WITH_AS(ua::analysis(two_children(), abc(), {}, r),
                         "uncertainty: input 1 ('exclude'): the root 'idx' cannot be excluded",
                         gm::spec_error);
    ua::options o;
    o.nodes = {"a"};
    CHECK_THROWS_WITH_AS(ua::analysis(two_children(), abc(), {}, weights_only(10, 0.1), o),
                         "uncertainty: tracked node: 'a' is an indicator, not an aggregate node",
                         gm::spec_error);
  }

  TEST_CASE("exclusion under a parent whose weights are computed from the data is refused") {
    const mid_case c = make_mid_case();
    ua::spec s;
    ua::exclude_input e;
    e.name = "drop";
    e.nodes = {"i0"};
    s.inputs.push_back(e);
    gm::pipeline_spec entropy;
    entropy.weights_overrides["d1"] = gm::weights::entropy_method{};
    CHECK_THROWS_WITH_AS(ua::analysis(c.fw, c.data, entropy, s),
                         doctest::Contains("input 1 ('drop'): 'i0' cannot be excluded: the weights "
                                           "of its parent 'd1' are computed from the data"),
                         gm::spec_error);
    // also when a weighting alternative may compute them
    ua::alternatives_input w;
    w.name = "weighting";
    w.alternatives =
        std::vector<gm::weights::any>{gm::weights::equal{}, gm::weights::entropy_method{}};
    s.inputs.insert(s.inputs.begin(), w);
    CHECK_THROWS_WITH_AS(ua::analysis::check(*c.fw, s),
                         doctest::Contains("'i0' cannot be excluded"), gm::spec_error);
  }

  TEST_CASE("a tracked node is ranked in the nominal run whatever the base rank scope") {
    const mid_case c = make_mid_case();
    gm::pipeline_spec root_only;
    root_only.ranks = gm::rank_scope::root;
    ua::options o;
    o.nodes = {"d1"};
    const ua::analysis an(c.fw, c.data, root_only, mixed_spec(64), o);
    const auto stats = ua::rank_statistics(an.run());
    REQUIRE(stats.size() == 20);
    for (const auto& u : stats) {
      CHECK(u.node == "d1");
      CHECK(u.nominal >= 1.0);
      CHECK(u.nominal <= 20.0);
    }
  }

  TEST_CASE("states of different analyses, or a block twice, do not merge") {
    ua::options ten; // 10 blocks of 10, so that each shard holds blocks
    ten.block_size = 10;
    const ua::analysis x(two_children(), abc(), {}, weights_only(100, 0.1), ten);
    ua::state s = x.run_shard(0, 2);
    CHECK(s.blocks.size() == 5);
    CHECK_THROWS_WITH_AS(
        ua::rank_statistics(s),
        doctest::Contains("the state holds 5 of 10 blocks; merge the states of the "
                          "other shards first"),
        gm::spec_error);
    CHECK_THROWS_WITH_AS(ua::acceptability(s, 0, 0), doctest::Contains("5 of 10 blocks"),
                         gm::spec_error);
    const ua::state again = x.run_shard(0, 2);
    CHECK_THROWS_WITH_AS(s.merge(again), doctest::Contains("is in both states"), gm::spec_error);
    ua::spec other = weights_only(100, 0.1);
    other.seed = 8;
    const ua::analysis y(two_children(), abc(), {}, other, ten);
    CHECK_THROWS_WITH_AS(s.merge(y.run_shard(1, 2)),
                         doctest::Contains("cannot merge the states of two different analyses"),
                         gm::spec_error);
  }
}

} // namespace unit_uncertainty_engine_test
