// Tests of govmetrics/audit/importance.hpp: the correlation ratio (first-order sensitivity index)
// by a local linear smoother, against closed forms.
#include "govmetrics/audit/importance.hpp"

#include "govmetrics/pipeline/model.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_audit_importance_test {

namespace {

namespace gm = govmetrics;
namespace audit = govmetrics::audit;

/// Uniform(0, 1) numbers from a fixed 64-bit LCG (the test's own, reproducible).
struct lcg {
  std::uint64_t s;
  double next() {
    s = s * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(s >> 11) * 0x1.0p-53;
  }
};

} // namespace

TEST_SUITE("audit::importance") {
  TEST_CASE("correlation ratio of a linear index of independent uniforms: w_i^2 / sum w_j^2") {
    // y = 0.5 x1 + 0.3 x2 + 0.2 x3, x_i ~ U(0, 1) independent: Var(E[y | x_i]) / Var(y) =
    // w_i^2 var(x_i) / sum w_j^2 var(x_j) = w_i^2 / 0.38: 0.6579, 0.2368, 0.1053
    const std::size_t n = 1500;
    lcg g{20261204};
    std::vector<double> x[3];
    std::vector<double> y(n);
    const double w[3] = {0.5, 0.3, 0.2};
    for (auto& c : x)
      c.resize(n);
    for (std::size_t u = 0; u < n; ++u) {
      y[u] = 0.0;
      for (std::size_t i = 0; i < 3; ++i) {
        x[i][u] = g.next();
        y[u] += w[i] * x[i][u];
      }
    }
    for (std::size_t i = 0; i < 3; ++i) {
      const auto me =
          audit::correlation_ratio(gm::column_view{x[i].data(), n}, gm::column_view{y.data(), n});
      CAPTURE(i);
      CHECK(me.n == n);
      CHECK(me.n_used == n);
      CHECK(std::fabs(me.correlation_ratio - w[i] * w[i] / 0.38) < 0.03);
      CHECK(me.bandwidth > 0.0);
    }
  }

  TEST_CASE("a non-linear main effect that Pearson misses: y = (x - 1/2)^2 + noise") {
    // x ~ U(0, 1), e ~ U(-a, a): E[y | x] = (x - 1/2)^2 has variance 1/180; Var(e) = a^2 / 3.
    // With a = 0.05: eta^2 = (1/180) / (1/180 + 0.0025/3) = 0.8696; Pearson's r^2 is near 0.
    const std::size_t n = 1200;
    lcg g{7};
    std::vector<double> x(n);
    std::vector<double> y(n);
    for (std::size_t u = 0; u < n; ++u) {
      x[u] = g.next();
      y[u] = (x[u] - 0.5) * (x[u] - 0.5) + 0.05 * (2.0 * g.next() - 1.0);
    }
    const auto me =
        audit::correlation_ratio(gm::column_view{x.data(), n}, gm::column_view{y.data(), n});
    CHECK(std::fabs(me.correlation_ratio - (1.0 / 180) / (1.0 / 180 + 0.0025 / 3)) < 0.03);
    const double r = gm::detail::pearson_complete(x.data(), y.data(), n);
    CHECK(r * r < 0.01);
  }

  TEST_CASE("undefined: too few pairs or a constant variable; the subsample above max_points") {
    const std::vector<double> c{1, 1, 1, 1, 1, 1};
    const std::vector<double> v{1, 2, 3, 4, 5, 6};
    CHECK(std::isnan(
        audit::correlation_ratio(gm::column_view{c.data(), 6}, gm::column_view{v.data(), 6})
            .correlation_ratio));
    CHECK(std::isnan(
        audit::correlation_ratio(gm::column_view{v.data(), 4}, gm::column_view{v.data(), 4})
            .correlation_ratio));
    audit::smoother_options opt;
    opt.max_points = 4;
    const std::vector<double> x{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    const auto me =
        audit::correlation_ratio(gm::column_view{x.data(), 10}, gm::column_view{x.data(), 10}, opt);
    CHECK(me.n == 10);
    CHECK(me.n_used == 4);                   // every 3rd pair (k = ceil(10 / 4)): 1, 4, 7, 10
    CHECK(std::isnan(me.correlation_ratio)); // fewer than 5 pairs used
  }

  TEST_CASE("importance rows: each node on its parent, deeper nodes also on the index; flags") {
    // index -> A (weight 1): a1, a2; B (weight 1): b1. A = (a1 + a2) / 2 with a2 a tiny copy of
    // noise: a1 drives A and the index; a2 barely moves anything, though it has half of A's weight.
    const std::size_t n = 400;
    lcg g{99};
    std::vector<double> values(3 * n);
    for (std::size_t u = 0; u < n; ++u) {
      values[u] = g.next();                  // a1
      values[n + u] = 0.5 + 0.01 * g.next(); // a2: nearly constant
      values[2 * n + u] = g.next();          // b1
    }
    const auto fw = std::make_shared<const gm::framework>(
        std::vector<gm::node>{gm::make_aggregate("index"), gm::make_aggregate("A", "index"),
                              gm::make_aggregate("B", "index"), gm::make_indicator("a1", "A"),
                              gm::make_indicator("a2", "A"), gm::make_indicator("b1", "B")});
    std::vector<std::string> units;
    for (std::size_t u = 0; u < n; ++u)
      units.push_back("u" + std::to_string(u));
    const gm::dataset d(units, {"a1", "a2", "b1"}, values);
    gm::pipeline_spec spec;
    spec.normalize = gm::normalize::none{};
    const auto r = gm::model(fw, spec).run(d);
    const auto rows = audit::importance(r);
    // A, B on index; a1, a2 on A and on index; b1 on B and on index
    REQUIRE(rows.size() == 2 + 2 * 3);
    std::map<std::string, audit::importance_row> by;
    for (const auto& row : rows)
      by[row.node + "@" + row.output] = row;
    CHECK(by["a1@A"].weight == doctest::Approx(0.5));
    CHECK(by["a1@index"].weight == doctest::Approx(0.25));
    CHECK(by["a1@index"].effective_weight == doctest::Approx(0.25));
    CHECK(by["b1@B"].correlation_ratio == doctest::Approx(1.0).epsilon(1e-6)); // B = b1
    CHECK(by["a1@A"].correlation_ratio > 0.99);
    CHECK(by["a2@A"].correlation_ratio < 0.05);
    CHECK(by["a2@A"].flag == "under");
    CHECK(by["a1@A"].flag == "ok"); // share about 0.99 against 0.5: below 2x
    CHECK(by["a2@index"].flag == "under");
    CHECK(by["b1@index"].flag == "ok");
    CHECK_THROWS_AS(audit::importance(r, 0.5), gm::spec_error);
  }
}

} // namespace unit_audit_importance_test
