// Weights, aggregators and data stages at the edge of the double range (issue 9): sibling weights
// of 1e308 or 1e-320 give the weights they are proportional to; harmonic and power means of
// children near the ends of the range are right (each expected value is worked out by hand from the
// mean's definition on a rescaled copy); an infinite value, given or produced by a stage, is a
// data_error naming the stage, the indicator or node and the unit, never a silent number.
#include <govmetrics/govmetrics.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_pipeline_range_edges_test {

namespace {

namespace gm = govmetrics;

/// root "idx" over indicators "a" and "b" with the given weights; units "A", "B", "C".
gm::framework two_children(double wa, double wb) {
  return gm::framework({gm::make_aggregate("idx"), gm::make_indicator("a", "idx", wa),
                        gm::make_indicator("b", "idx", wb)});
}

gm::dataset abc(std::vector<double> a, std::vector<double> b) {
  std::vector<double> values = a;
  values.insert(values.end(), b.begin(), b.end());
  return gm::dataset({"A", "B", "C"}, {"a", "b"}, values);
}

const gm::dataset data = abc({1.0, 5.0, 9.0}, {7.0, 2.0, 4.0});

double weight_of(const gm::result& r, const char* code) {
  return r.weights()[r.tree().index_of(code)];
}

/// Both runs give the same root scores to the last bit.
void check_same_root(const gm::result& x, const gm::result& y) {
  for (std::size_t u = 0; u < 3; ++u)
    CHECK(x.score("idx")[u] == y.score("idx")[u]);
}

} // namespace

TEST_SUITE("weights at the edge of the double range") {
  TEST_CASE("siblings weighted 1e308 and 1e308 are equal weights, not 0 and an empty root") {
    const gm::result big = gm::run(two_children(1e308, 1e308), data);
    const gm::result one = gm::run(two_children(1.0, 1.0), data);
    check_same_root(big, one);
    CHECK(weight_of(big, "a") == 0.5);
    CHECK(weight_of(big, "b") == 0.5);
    // min_max 0..100: a = 0, 50, 100; b = 100, 0, 40 -> means 50, 25, 70
    CHECK(big.score("idx")[0] == doctest::Approx(50.0));
    CHECK(big.score("idx")[2] == doctest::Approx(70.0));
  }

  TEST_CASE("siblings weighted 1.5e308 and 5e307 are 3:1") {
    const gm::result big = gm::run(two_children(1.5e308, 5e307), data);
    CHECK(weight_of(big, "a") == doctest::Approx(0.75).epsilon(1e-15));
    CHECK(weight_of(big, "b") == doctest::Approx(0.25).epsilon(1e-15));
    // unit C: 0.75 * 100 + 0.25 * 40
    CHECK(big.score("idx")[2] == doctest::Approx(85.0).epsilon(1e-14));
  }

  TEST_CASE("subnormal sibling weights (1e-320 and 3e-320) are 1:3, not 0/0") {
    const gm::result tiny = gm::run(two_children(1e-320, 3e-320), data);
    CHECK(weight_of(tiny, "a") == doctest::Approx(0.25).epsilon(1e-3)); // 1e-320 holds ~11 bits
    CHECK(std::isfinite(tiny.score("idx")[0]));
  }

  TEST_CASE("weights given to evaluate are normalised among siblings, whatever their scale") {
    auto fw = std::make_shared<const gm::framework>(two_children(1.0, 1.0));
    const auto p = gm::make_pipeline(gm::missing::skip{}, gm::treat::none{},
                                     gm::normalize::min_max{}, gm::aggregate::arithmetic{});
    const auto prepared = p.prepare(fw, data);
    gm::evaluation_workspace ws;
    gm::result huge;
    gm::result unit;
    p.evaluate(prepared, {1.0, 1e308, 1e308}, {}, ws, huge);
    p.evaluate(prepared, {1.0, 0.5, 0.5}, {}, ws, unit);
    check_same_root(huge, unit);
  }

  TEST_CASE("scale_to_unit_sum: the largest first, then the compensated sum") {
    std::vector<double> w{1e308, 1e308, 1e308, 1e308};
    REQUIRE(gm::detail::scale_to_unit_sum(w.data(), w.size()));
    for (double x : w)
      CHECK(x == 0.25);
    std::vector<double> zero{0.0, 0.0};
    CHECK_FALSE(gm::detail::scale_to_unit_sum(zero.data(), zero.size()));
    CHECK(zero[0] == 0.0);
    std::vector<double> inf{1.0, std::numeric_limits<double>::infinity()};
    CHECK_FALSE(gm::detail::scale_to_unit_sum(inf.data(), inf.size()));
    CHECK(inf[0] == 1.0);
  }

  TEST_CASE("scale_to_unit_sum: (w / largest) / compensated sum, bit for bit, at every size") {
    // the reference written out: Neumaier's sum with its branch, each quotient computed again
    const auto reference = [](std::vector<double> w) {
      double top = 0.0;
      for (double x : w)
        top = x > top ? x : top;
      double sum = 0.0;
      double comp = 0.0;
      for (double x : w) {
        const double y = x / top;
        const double t = sum + y;
        comp += std::fabs(sum) >= std::fabs(y) ? (sum - t) + y : (y - t) + sum;
        sum = t;
      }
      const double total = sum + comp;
      for (double& x : w)
        x = (x / top) / total;
      return w;
    };
    std::uint64_t state = 0x9E3779B97F4A7C15ULL;
    const auto next = [&] { // xorshift64*: weights over many orders of magnitude, some 0
      state ^= state >> 12;
      state ^= state << 25;
      state ^= state >> 27;
      const std::uint64_t r = state * 0x2545F4914F6CDD1DULL;
      const double u = static_cast<double>(r >> 11) * 0x1p-53;
      return (r & 7U) == 0 ? 0.0 : std::ldexp(0.5 + u, static_cast<int>(r % 41) - 20);
    };
    for (std::size_t n = 1; n <= 100; ++n) {
      for (int rep = 0; rep < 20; ++rep) {
        std::vector<double> w(n);
        for (double& x : w)
          x = next();
        w[n / 2] = 1.0 + next(); // one above 0
        const std::vector<double> want = reference(w);
        REQUIRE(gm::detail::scale_to_unit_sum(w.data(), n));
        for (std::size_t i = 0; i < n; ++i) {
          CAPTURE(n);
          CAPTURE(i);
          CHECK(w[i] == want[i]);
        }
      }
    }
    // a failure leaves the weights as they were, short and long (negative weights summing to 0 are
    // outside the contract, and still refused)
    for (std::size_t n : {std::size_t{2}, std::size_t{80}}) {
      std::vector<double> w(n, 0.0);
      w[0] = 4.0;
      w[1] = -4.0;
      const std::vector<double> given = w;
      CHECK_FALSE(gm::detail::scale_to_unit_sum(w.data(), n));
      CHECK(w == given);
      w[1] = std::numeric_limits<double>::quiet_NaN();
      CHECK_FALSE(gm::detail::scale_to_unit_sum(w.data(), n));
      CHECK(w[0] == 4.0);
    }
  }
}

TEST_SUITE("aggregators at the edge of the double range") {
  const double w[] = {0.5, 0.5};

  TEST_CASE("harmonic of 1e-310 and 3e-310: sum(w/x) overflows, the mean is 1.5e-310") {
    // H = 1 / (0.5 / a + 0.5 / 3a) = 1.5 a
    const double x[] = {1e-310, 3e-310};
    CHECK(gm::aggregate::harmonic{}(x, w, 2) == doctest::Approx(1.5e-310).epsilon(1e-9));
  }

  TEST_CASE("harmonic of 1e308 and 1e308: sum(w/x) is subnormal, the mean is exactly 1e308") {
    const double x[] = {1e308, 1e308};
    CHECK(gm::aggregate::harmonic{}(x, w, 2) == 1e308);
  }

  TEST_CASE("harmonic of ordinary values is the closed form, unchanged") {
    const double x[] = {2.0, 6.0};
    CHECK(gm::aggregate::harmonic{}(x, w, 2) == doctest::Approx(3.0).epsilon(1e-15));
  }

  TEST_CASE("power mean p = 2 of 1e200 and 1e200: x^2 overflows, the mean is 1e200") {
    const double x[] = {1e200, 1e200};
    CHECK(gm::aggregate::power_mean{2.0}(x, w, 2) == doctest::Approx(1e200).epsilon(1e-14));
  }

  TEST_CASE("power mean p = 2 of 3e200 and 4e200 is 1e200 sqrt(12.5)") {
    const double x[] = {3e200, 4e200};
    CHECK(gm::aggregate::power_mean{2.0}(x, w, 2) ==
          doctest::Approx(1e200 * std::sqrt(12.5)).epsilon(1e-14));
  }

  TEST_CASE("power mean p = 3 of 1e-200 and 2e-200: x^3 underflows to 0, the mean does not") {
    // ((1 + 8) / 2)^(1/3) e-200
    const double x[] = {1e-200, 2e-200};
    CHECK(gm::aggregate::power_mean{3.0}(x, w, 2) ==
          doctest::Approx(std::cbrt(4.5) * 1e-200).epsilon(1e-14));
  }

  TEST_CASE("power mean p = -2 of 1e-200 and 1e-200 is 1e-200") {
    const double x[] = {1e-200, 1e-200};
    CHECK(gm::aggregate::power_mean{-2.0}(x, w, 2) == doctest::Approx(1e-200).epsilon(1e-14));
  }

  TEST_CASE("power mean p = 2 of zeros is 0") {
    const double x[] = {0.0, 0.0};
    CHECK(gm::aggregate::power_mean{2.0}(x, w, 2) == 0.0);
  }
}

TEST_SUITE("infinite values are errors naming stage, indicator or node, and unit") {
  TEST_CASE("an infinite value in the data") {
    const gm::dataset bad = abc({1.0, std::numeric_limits<double>::infinity(), 9.0}, {7, 2, 4});
    CHECK_THROWS_WITH_AS(gm::run(two_children(1, 1), bad),
                         "data: indicator 'a' is inf for unit 'B'; values must be finite numbers "
                         "(NaN for missing)",
                         gm::data_error);
  }

  TEST_CASE("-inf in a negative indicator, and an infinity beside missing values") {
    std::vector<gm::node> nodes{gm::make_aggregate("idx"), gm::make_indicator("a", "idx"),
                                gm::make_indicator("b", "idx", 1.0, gm::direction::negative)};
    constexpr double inf = std::numeric_limits<double>::infinity();
    const gm::dataset neg({"A", "B", "C"}, {"a", "b"}, {1.0, 5.0, 9.0, 7.0, 2.0, -inf});
    CHECK_THROWS_WITH_AS(gm::run(gm::framework(nodes), neg),
                         "data: indicator 'b' is -inf for unit 'C'; values must be finite "
                         "numbers (NaN for missing)",
                         gm::data_error);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const gm::dataset gaps({"A", "B", "C", "D"}, {"a", "b"},
                           {nan, inf, nan, -inf, 1.0, 2.0, 3.0, 4.0});
    CHECK_THROWS_WITH_AS(gm::run(gm::framework(nodes), gaps),
                         "data: indicator 'a' is inf for unit 'B' (and 1 more); values must be "
                         "finite numbers (NaN for missing)",
                         gm::data_error);
  }

  TEST_CASE("a denominator of 1e-320 makes a value infinite") {
    std::vector<gm::node> nodes{gm::make_aggregate("idx"), gm::make_indicator("a", "idx"),
                                gm::make_indicator("b", "idx")};
    nodes[1].denominator = "pop";
    const gm::dataset d({"A", "B", "C"}, {"a", "b", "pop"},
                        {1.0, 5e300, 9.0, 7.0, 2.0, 4.0, 2.0, 1e-320, 3.0});
    CHECK_THROWS_WITH_AS(gm::run(gm::framework(nodes), d),
                         "denominate: indicator 'a' divided by its denominator 'pop' overflows a "
                         "double for unit 'B' (5e+300 / 1e-320); rescale the indicator or the "
                         "denominator",
                         gm::data_error);
  }

  TEST_CASE("an infinite value in data that a treatment would see first, and beside missing "
            "values: the data's error, before any treatment") {
    // (not the one-pass path: the column has a treatment, so its check is a pass of its own)
    gm::pipeline_spec spec;
    spec.treat = gm::treat::log{};
    const double nan = std::numeric_limits<double>::quiet_NaN();
    constexpr double inf = std::numeric_limits<double>::infinity();
    const gm::dataset bad = abc({nan, -inf, inf}, {7.0, 2.0, 4.0});
    CHECK_THROWS_WITH_AS(gm::run(two_children(1, 1), bad, spec),
                         "data: indicator 'a' is -inf for unit 'B' (and 1 more); values must be "
                         "finite numbers (NaN for missing)",
                         gm::data_error);
    const gm::dataset fine = abc({nan, 2.0, 3.0}, {7.0, 2.0, 4.0});
    CHECK_NOTHROW(gm::run(two_children(1, 1), fine, spec));
  }

  TEST_CASE("a treatment that overflows") {
    gm::pipeline_spec spec;
    spec.treat = gm::treat::box_cox{5.0};
    const gm::dataset d = abc({1.0, 1e100, 9.0}, {7.0, 2.0, 4.0});
    CHECK_THROWS_WITH_AS(gm::run(two_children(1, 1), d, spec),
                         "treat: indicator 'a' treated by box_cox is inf for unit 'B'; the "
                         "treatment overflows a double",
                         gm::data_error);
  }

  TEST_CASE("a normalisation that overflows (goalposts 1e-320 apart, not clipped)") {
    gm::pipeline_spec spec;
    spec.normalize = gm::normalize::goalposts{0.0, 1e-320, false, 1.0};
    const gm::dataset d = abc({1.0, 1e300, 0.0}, {7.0, 2.0, 4.0});
    CHECK_THROWS_WITH_AS(gm::run(two_children(1, 1), d, spec),
                         "normalize: indicator 'a' normalised by goalposts is inf for unit 'A' "
                         "(and 1 more); the normalisation overflows a double",
                         gm::data_error);
  }
}

namespace {

/// An aggregator that overflows for every unit: the sum of its children times 1e308.
struct overflowing {
  static constexpr const char* name() noexcept { return "overflowing"; }
  static constexpr bool requires_positive = false;
  void validate() const noexcept {}
  double operator()(const double* x, const double*, std::size_t n) const noexcept {
    double s = 0.0;
    for (std::size_t i = 0; i < n; ++i)
      s += x[i] * 1e308;
    return s;
  }
};

} // namespace

TEST_CASE("an aggregate that overflows is an error naming node, aggregator and unit") {
  const auto p = gm::make_pipeline(gm::missing::skip{}, gm::treat::none{}, gm::normalize::min_max{},
                                   overflowing{});
  // min_max: a = 0, 50, 100 and b = 100, 0, 40: every unit has a positive child
  CHECK_THROWS_WITH_AS(p.run(two_children(1, 1), data),
                       "aggregate: node 'idx' aggregated by overflowing is inf for unit 'A' (and 2 "
                       "more); the aggregate overflows a double",
                       gm::data_error);
}

} // namespace unit_pipeline_range_edges_test
