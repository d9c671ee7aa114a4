// Sensitivity analysis of an index (issue 11). An additive case worked independently: two
// normalisation factors, each changing one dimension only, under an arithmetic root; every
// unit's score is then (2 d1 + d2) / 3 with d1 and d2 depending on one factor each, so
// S_i = ST_i = Var_i / (Var_1 + Var_2), Var_1 = (2/3)^2 (d1(a) - d1(b))^2 / 4 (two equally likely
// methods), d1(a) and d1(b) from plain runs. A dummy factor's indices are exactly 0. The design's
// outputs have the same bits on 1 and 3 threads and in blocks evaluated apart.
#include <govmetrics/govmetrics.hpp>
#include <govmetrics/io/sensitivity.hpp>
#include <govmetrics/sensitivity.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

namespace unit_sensitivity_engine_test {

namespace {

namespace gm = govmetrics;
namespace gs = govmetrics::sensitivity;
namespace ua = govmetrics::uncertainty;

struct small_case {
  std::shared_ptr<const gm::framework> fw;
  std::shared_ptr<const gm::dataset> data;
};

small_case make_case() {
  std::vector<gm::node> nodes{gm::make_aggregate("idx"), gm::make_aggregate("d1", "idx", 2.0),
                              gm::make_aggregate("d2", "idx", 1.0)};
  std::vector<std::string> inds;
  for (int i = 0; i < 4; ++i) {
    inds.push_back("i" + std::to_string(i));
    nodes.push_back(gm::make_indicator(inds.back(), i < 2 ? "d1" : "d2", 1.0 + i % 2));
  }
  std::vector<std::string> units;
  for (int u = 0; u < 10; ++u)
    units.push_back("u" + std::to_string(u));
  ua::stream g(11, 0);
  std::vector<double> values(units.size() * inds.size());
  for (double& v : values)
    v = 1.0 + 99.0 * g.uniform() * g.uniform();
  return {std::make_shared<const gm::framework>(nodes),
          std::make_shared<const gm::dataset>(units, inds, values)};
}

std::vector<gm::normalize::any> two_methods() {
  return {gm::normalize::min_max{1.0, 100.0}, gm::normalize::z_score{10.0, 2.0}};
}

ua::spec additive() {
  ua::spec s;
  ua::alternatives_input f1;
  f1.name = "norm d1";
  f1.nodes = {"i0", "i1"};
  f1.alternatives = two_methods();
  ua::alternatives_input f2;
  f2.name = "norm d2";
  f2.nodes = {"i2", "i3"};
  f2.alternatives = two_methods();
  s.inputs = {f1, f2};
  return s;
}

} // namespace

TEST_SUITE("sensitivity: engine") {
  TEST_CASE("an additive index: S_i = ST_i = Var_i / Var for every unit's score; dummy is 0") {
    const small_case c = make_case();
    gs::options opt;
    opt.n = 256;
    opt.dummy = true;
    opt.estimator.bootstrap = 50;
    const gs::analysis an(c.fw, c.data, {}, additive(), opt);
    REQUIRE(an.factors() == std::vector<std::string>{"norm d1", "norm d2", "dummy"});
    REQUIRE(an.groups() == std::vector<std::size_t>{1, 1, 1});
    const gs::results r = an.run();
    const std::size_t n_units = c.data->n_units();
    REQUIRE(r.outputs.size() == 1 + 2 * n_units);
    CHECK(r.outputs[0] == "mean_abs_rank_shift");
    CHECK(r.outputs[1] == "rank:u0@idx");
    CHECK(r.outputs[1 + n_units] == "score:u0@idx");
    CHECK(r.dropped == 0);
    // d1 and d2 under each method, from plain runs
    std::vector<std::vector<double>> d1(2);
    std::vector<std::vector<double>> d2(2);
    const auto methods = two_methods();
    for (std::size_t m = 0; m < 2; ++m) {
      gm::pipeline_spec p;
      for (const char* code : {"i0", "i1", "i2", "i3"})
        p.normalize_overrides[code] = methods[m];
      const gm::result res = gm::run(*c.fw, *c.data, p);
      const auto a = res.score(c.fw->index_of("d1"));
      const auto b = res.score(c.fw->index_of("d2"));
      d1[m].assign(a.begin(), a.end());
      d2[m].assign(b.begin(), b.end());
    }
    for (std::size_t u = 0; u < n_units; ++u) {
      CAPTURE(u);
      const double v1 =
          (2.0 / 3.0) * (2.0 / 3.0) * (d1[0][u] - d1[1][u]) * (d1[0][u] - d1[1][u]) / 4;
      const double v2 =
          (1.0 / 3.0) * (1.0 / 3.0) * (d2[0][u] - d2[1][u]) * (d2[0][u] - d2[1][u]) / 4;
      const std::size_t o = 1 + n_units + u; // score:u@idx
      const auto& e = r.estimates;
      CHECK(e.variance[o] == doctest::Approx(v1 + v2).epsilon(0.02));
      CHECK(e.at(e.first, 0, o) == doctest::Approx(v1 / (v1 + v2)).epsilon(0.03));
      CHECK(e.at(e.total, 0, o) == doctest::Approx(v1 / (v1 + v2)).epsilon(0.03));
      CHECK(e.at(e.first, 1, o) == doctest::Approx(v2 / (v1 + v2)).epsilon(0.03));
      CHECK(e.at(e.total, 1, o) == doctest::Approx(v2 / (v1 + v2)).epsilon(0.03));
      CHECK(e.at(e.first, 2, o) == 0.0); // the dummy changes nothing: exactly 0
      CHECK(e.at(e.total, 2, o) == 0.0);
      CHECK(e.at(e.total_lo, 0, o) <= e.at(e.total, 0, o));
      CHECK(e.at(e.total_hi, 0, o) >= e.at(e.total, 0, o));
    }
    REQUIRE(r.convergence.size() == 4);
    CHECK(r.convergence.back().n == 256);
    CHECK(r.convergence.front().n == 32);
  }

  TEST_CASE("the design's outputs are the same bits on 1 and 3 threads and in separate blocks") {
    const small_case c = make_case();
    ua::spec s = additive();
    ua::weights_input w;
    w.spread = 0.3;
    s.inputs.push_back(w);
    ua::exclude_input e;
    e.nodes = {"i0", "i3"};
    s.inputs.push_back(e);
    ua::data_input d;
    d.relative_sd = 0.05;
    d.indicators = {"i1"};
    s.inputs.push_back(d);
    gs::options o1;
    o1.n = 64;
    o1.threads = 1;
    o1.nodes = {"idx", "d2"};
    o1.block_size = 8;
    gs::options o3 = o1;
    o3.threads = 3;
    const gs::analysis a1(c.fw, c.data, {}, s, o1);
    const gs::analysis a3(c.fw, c.data, {}, s, o3);
    // one coordinate per weight (2 + 2 + 2 children), per method and exclusion, per noisy cell
    CHECK(a1.groups() == std::vector<std::size_t>{1, 1, 6, 1, 10});
    const gs::results r1 = a1.run();
    const gs::results r3 = a3.run();
    REQUIRE(r1.y.size() == r3.y.size());
    CHECK(std::memcmp(r1.y.data(), r3.y.data(), r1.y.size() * sizeof(double)) == 0);
    std::vector<double> y;
    std::vector<unsigned char> failed;
    (void)a3.evaluate(5, 8, y, failed);
    (void)a3.evaluate(0, 5, y, failed);
    CHECK(std::memcmp(y.data(), r1.y.data(), y.size() * sizeof(double)) == 0);
    for (std::size_t i = 0; i < r1.estimates.first.size(); ++i) {
      const double a = r1.estimates.first[i];
      const double b = r3.estimates.first[i];
      CHECK(((std::isnan(a) && std::isnan(b)) || a == b));
    }
  }

  TEST_CASE("shards: 3 parts merged in any order, through their bytes, give one run's bits") {
    const small_case c = make_case();
    ua::spec s = additive();
    ua::weights_input w;
    s.inputs.push_back(w);
    gs::options opt;
    opt.n = 64;
    opt.block_size = 4;
    opt.identity = "test";
    opt.estimator.bootstrap = 30;
    const gs::analysis an(c.fw, c.data, {}, s, opt);
    const gs::results one = an.run();
    std::vector<gs::part> parts{an.run_shard(2, 3), an.run_shard(0, 3), an.run_shard(1, 3)};
    CHECK(parts[1].first_block == 0);
    CHECK(parts[1].last_block == 5);
    CHECK(parts[0].last_block == 16);
    std::vector<gs::part> read;
    for (const auto& p : parts)
      read.push_back(gm::io::read_part_bytes(gm::io::part_bytes(p), "part"));
    const gs::results merged = gs::merge_parts(read);
    REQUIRE(merged.y.size() == one.y.size());
    CHECK(std::memcmp(merged.y.data(), one.y.data(), one.y.size() * sizeof(double)) == 0);
    for (std::size_t i = 0; i < one.estimates.first.size(); ++i) {
      CHECK(merged.estimates.first[i] == one.estimates.first[i]);
      CHECK(merged.estimates.total_hi[i] == one.estimates.total_hi[i]);
    }
    // a missing shard, a shard twice, shards of another analysis
    CHECK_THROWS_WITH_AS(gs::merge_parts({parts[0], parts[1]}),
                         "sensitivity: blocks 6 to 10 of 16 are in no part (a shard is missing)",
                         gm::spec_error);
    CHECK_THROWS_WITH_AS(gs::merge_parts({parts[0], parts[1], parts[2], parts[2]}),
                         "sensitivity: block 6 is in two parts (a shard merged twice?)",
                         gm::spec_error);
    // more shards than blocks: empty parts, merged in reverse order
    std::vector<gs::part> many;
    for (std::size_t k = 20; k-- > 0;)
      many.push_back(an.run_shard(k, 20));
    CHECK(many.back().first_block == many.back().last_block); // shard 1 of 20 is empty
    const gs::results from_many = gs::merge_parts(many);
    CHECK(std::memcmp(from_many.y.data(), one.y.data(), one.y.size() * sizeof(double)) == 0);
    gs::part other = parts[2];
    other.seed += 1;
    CHECK_THROWS_AS(gs::merge_parts({parts[0], parts[1], other}), gm::spec_error);
    // damaged bytes name the source and the offset
    std::string bytes = gm::io::part_bytes(parts[0]);
    bytes[bytes.size() / 2] ^= 1;
    CHECK_THROWS_WITH_AS(gm::io::read_part_bytes(bytes, "p.state"),
                         doctest::Contains("sensitivity state 'p.state': the checksum does not "
                                           "match"),
                         gm::data_error);
    CHECK_THROWS_WITH_AS(gm::io::read_part_bytes("GMUASTATE\n...", "u.state"),
                         doctest::Contains("not a govmetrics sensitivity state"), gm::data_error);
  }

  TEST_CASE("coordinate draws: equal-width bins, inverse distribution functions") {
    const std::vector<double> row{0.0, 0.4999, 0.5, 0.99999, 0.5, 0.5};
    const std::vector<std::size_t> offsets{0, 4, 6};
    gs::coordinate_draws g(row.data(), offsets);
    g.start(0);
    CHECK(g.below(2) == 0);
    CHECK(g.below(2) == 0);
    CHECK(g.below(2) == 1);
    CHECK(g.below(3) == 2);
    CHECK_THROWS_AS(g.below(2), std::logic_error); // input 0 has 4 coordinates
    g.start(1);
    CHECK(g.normal() == doctest::Approx(0.0).epsilon(1e-12));
    CHECK(g.gamma(1.0) == doctest::Approx(std::log(2.0)).epsilon(1e-12)); // exponential median
  }

  TEST_CASE("bad analyses are refused with what is wrong") {
    const small_case c = make_case();
    gs::options opt;
    opt.n = 100;
    CHECK_THROWS_AS(gs::analysis(c.fw, c.data, {}, additive(), opt), gm::spec_error);
    opt.n = 64;
    CHECK_THROWS_WITH_AS(gs::analysis(c.fw, c.data, {}, ua::spec{}, opt),
                         "sensitivity: the uncertainty section has no inputs: there is no factor "
                         "to analyse",
                         gm::spec_error);
  }
}

} // namespace unit_sensitivity_engine_test
