// Tests of govmetrics/detail/correlation.hpp: Pearson, Spearman and Kendall tau-b over pairwise
// complete observations, with p-values. Expected values from scipy 1.10 (scipy.stats.pearsonr,
// spearmanr, kendalltau(method="asymptotic")) on the same numbers, and closed forms.
#include "govmetrics/detail/correlate.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <vector>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_detail_correlation_test {

namespace {

namespace d = govmetrics::detail;
constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();

d::correlation corr(const std::vector<double>& x, const std::vector<double>& y,
                    d::correlation_method m) {
  REQUIRE(x.size() == y.size());
  return d::correlate(x.data(), y.data(), x.size(), m);
}

// ties in both variables
const std::vector<double> x{1, 2, 2, 4, 5, 7, 7, 7, 9, 10};
const std::vector<double> y{3, 1, 4, 4, 5, 9, 2, 6, 8, 8};

} // namespace

TEST_SUITE("detail::correlation") {
  TEST_CASE("Pearson, Spearman (average ranks) and Kendall tau-b with ties == scipy") {
    const auto p = corr(x, y, d::correlation_method::pearson);
    CHECK(p.n == 10);
    CHECK(p.r == doctest::Approx(0.7283394778959384).epsilon(1e-14));
    CHECK(p.p == doctest::Approx(0.016905239111919178).epsilon(1e-10));
    const auto s = corr(x, y, d::correlation_method::spearman);
    CHECK(s.r == doctest::Approx(0.7028166928018866).epsilon(1e-14));
    CHECK(s.p == doctest::Approx(0.023398455881677407).epsilon(1e-10));
    const auto k = corr(x, y, d::correlation_method::kendall);
    CHECK(k.r == doctest::Approx(0.5954068852869262).epsilon(1e-14));
    CHECK(k.p == doctest::Approx(0.02164911397531998).epsilon(1e-10));
  }

  TEST_CASE("pairwise complete observations: pairs with a NaN on either side are left out") {
    const std::vector<double> a{3.1, nan_v, 2.2, 5.0, 4.4, 1.0, 6.5};
    const std::vector<double> b{2.0, 1.0, nan_v, 7.5, 3.3, 0.5, 9.1};
    const auto p = corr(a, b, d::correlation_method::pearson);
    CHECK(p.n == 5);
    CHECK(p.r == doctest::Approx(0.9283771574013447).epsilon(1e-14));
    CHECK(p.p == doctest::Approx(0.022760905836286333).epsilon(1e-10));
    // the same order in both: Spearman 1 (p 0: |r| = 1), Kendall 1 with p = erfc(z / sqrt 2),
    // z = S / sqrt(n (n - 1)(2n + 5) / 18) = 10 / sqrt(50 / 3)
    const auto s = corr(a, b, d::correlation_method::spearman);
    CHECK(s.r == doctest::Approx(1.0).epsilon(1e-15));
    CHECK(s.p < 1e-20);
    const auto k = corr(a, b, d::correlation_method::kendall);
    CHECK(k.r == 1.0);
    CHECK(k.p ==
          doctest::Approx(std::erfc(10.0 / std::sqrt(50.0 / 3.0) / std::sqrt(2.0))).epsilon(1e-14));
  }

  TEST_CASE("Kendall's O(n log n) count equals the pair-by-pair definition of tau-b") {
    // a pseudo-random sequence with many ties (values 0..6)
    std::vector<double> a(200);
    std::vector<double> b(200);
    unsigned s = 12345U;
    for (std::size_t i = 0; i < a.size(); ++i) {
      s = s * 1103515245U + 12345U;
      a[i] = static_cast<double>((s >> 16) % 7U);
      s = s * 1103515245U + 12345U;
      b[i] = static_cast<double>((s >> 16) % 5U) + 0.5 * a[i];
    }
    double conc = 0;
    double disc = 0;
    double tie_a = 0;
    double tie_b = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
      for (std::size_t j = i + 1; j < a.size(); ++j) {
        const double da = a[i] - a[j];
        const double db = b[i] - b[j];
        if (da == 0 && db == 0)
          continue;
        if (da == 0) {
          ++tie_a;
        } else if (db == 0) {
          ++tie_b;
        } else if ((da > 0) == (db > 0)) {
          ++conc;
        } else {
          ++disc;
        }
      }
    }
    const double tau = (conc - disc) / std::sqrt((conc + disc + tie_a) * (conc + disc + tie_b));
    const auto k = corr(a, b, d::correlation_method::kendall);
    CHECK(k.r == doctest::Approx(tau).epsilon(1e-13));
  }

  TEST_CASE("undefined cases: NaN with the reason, never 0") {
    const std::vector<double> constant{2, 2, 2, 2};
    const std::vector<double> v{1, 2, 3, 4};
    for (auto m : {d::correlation_method::pearson, d::correlation_method::spearman,
                   d::correlation_method::kendall}) {
      CAPTURE(d::to_string(m));
      const auto c = corr(constant, v, m);
      CHECK(std::isnan(c.r));
      CHECK(std::isnan(c.p));
      CHECK(c.n == 4);
      CHECK(std::string(c.why) == "the first variable is constant");
      const auto one = corr({1, nan_v}, {2, 3}, m);
      CHECK(std::isnan(one.r));
      CHECK(one.n == 1);
      CHECK(std::string(one.why) == "fewer than 2 complete pairs");
      // two units: r is +-1, the p-value undefined (n - 2 = 0 degrees of freedom)
      const auto two = corr({1, 2}, {5, 3}, m);
      CHECK(two.r == -1.0);
      CHECK(std::isnan(two.p));
    }
  }
}

} // namespace unit_detail_correlation_test
