// The uncertainty state (issue 10): every optional output (pairwise counts, the audit trail,
// kept scores, noise on the data) gives the same bytes for 1, 2 and 7 threads and 3 shards
// merged; the binary state round-trips and refuses damaged bytes with their location; pairwise
// counts agree with the rank histogram; recorded weights (and aggregators) reproduce the recorded
// ranks.
#include <govmetrics/govmetrics.hpp>
#include <govmetrics/io/uncertainty.hpp>
#include <govmetrics/uncertainty.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_uncertainty_state_test {

namespace {

namespace gm = govmetrics;
namespace ua = govmetrics::uncertainty;

/// 12 units x 4 indicators in two dimensions, values from a fixed stream.
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
  for (int u = 0; u < 12; ++u)
    units.push_back("u" + std::to_string(u));
  ua::stream g(7, 0);
  std::vector<double> values(units.size() * inds.size());
  for (double& v : values)
    v = 1.0 + 99.0 * g.uniform();
  return {std::make_shared<const gm::framework>(nodes),
          std::make_shared<const gm::dataset>(units, inds, values)};
}

ua::spec every_input(std::size_t runs) {
  ua::spec s;
  s.runs = runs;
  s.seed = 123;
  ua::weights_input w;
  w.spread = 0.3;
  s.inputs.push_back(w);
  ua::alternatives_input agg;
  agg.name = "aggregation";
  agg.alternatives =
      std::vector<gm::aggregate::any>{gm::aggregate::arithmetic{}, gm::aggregate::geometric{}};
  s.inputs.push_back(agg);
  ua::exclude_input e;
  e.nodes = {"i0", "i3"};
  s.inputs.push_back(e);
  ua::data_input d;
  d.relative_sd = 0.05;
  d.indicators = {"i1", "i2"};
  s.inputs.push_back(d);
  return s;
}

/// `runs` replications from `seed`, each weight times U(1 - spread, 1 + spread).
ua::spec uniform_weights(std::size_t runs, std::uint64_t seed, double spread) {
  ua::spec s;
  s.runs = runs;
  s.seed = seed;
  ua::weights_input w;
  w.spread = spread;
  s.inputs.push_back(w);
  return s;
}

ua::options keep_all(std::size_t threads) {
  ua::options o;
  o.threads = threads;
  o.block_size = 32;
  o.nodes = {"idx", "d2"};
  o.pairwise = true;
  o.record = true;
  o.score_quantiles = true;
  o.identity = "test";
  return o;
}

} // namespace

TEST_SUITE("uncertainty: state") {
  TEST_CASE("every output gives the same bytes for 1, 2 and 7 threads and 3 shards merged") {
    const small_case c = make_case();
    const ua::analysis a1(c.fw, c.data, {}, every_input(500), keep_all(1));
    const ua::analysis a2(c.fw, c.data, {}, every_input(500), keep_all(2));
    const ua::analysis a7(c.fw, c.data, {}, every_input(500), keep_all(7));
    const std::string bytes = gm::io::state_bytes(a1.run());
    CHECK(gm::io::state_bytes(a2.run()) == bytes);
    CHECK(gm::io::state_bytes(a7.run()) == bytes);
    ua::state merged = a7.run_shard(1, 3);
    merged.merge(a1.run_shard(2, 3));
    merged.merge(a2.run_shard(0, 3));
    CHECK(gm::io::state_bytes(merged) == bytes);
    // the audit trail and the score quantiles are there
    const ua::state s = gm::io::read_state_bytes(bytes, "x");
    CHECK(s.draw_columns.size() == 4 + 2 + 1 + 1); // 4 + 2 weights, aggregation, exclusion
    CHECK(s.draw_labels[6] == std::vector<std::string>{"1:arithmetic", "2:geometric"});
    CHECK(s.draw_labels[7] == std::vector<std::string>{"none", "i0", "i3"});
    const auto stats = ua::rank_statistics(s);
    CHECK(stats[0].score_q05 <= stats[0].score_median);
    CHECK(stats[0].score_median <= stats[0].score_q95);
    // another identity is another analysis
    ua::options other = keep_all(1);
    other.identity = "other";
    const ua::analysis b(c.fw, c.data, {}, every_input(500), other);
    ua::state x = a1.run_shard(0, 2);
    CHECK_THROWS_WITH_AS(x.merge(b.run_shard(1, 2)),
                         doctest::Contains("cannot merge the states of two different analyses"),
                         gm::spec_error);
  }

  TEST_CASE("the binary state round-trips and refuses damaged bytes") {
    const small_case c = make_case();
    const ua::analysis an(c.fw, c.data, {}, every_input(70), keep_all(1));
    const std::string bytes = gm::io::state_bytes(an.run());
    CHECK(gm::io::state_bytes(gm::io::read_state_bytes(bytes, "s")) == bytes);
    // every cut is refused (the checksum, or the length before it)
    for (std::size_t n = 0; n < bytes.size(); n += 97) {
      CHECK_THROWS_AS(gm::io::read_state_bytes(bytes.substr(0, n), "cut.state"), gm::data_error);
    }
    std::string flipped = bytes;
    flipped[bytes.size() / 2] = static_cast<char>(flipped[bytes.size() / 2] ^ 0x10);
    CHECK_THROWS_WITH_AS(gm::io::read_state_bytes(flipped, "flip.state"),
                         doctest::Contains("'flip.state': the checksum does not match"),
                         gm::data_error);
    CHECK_THROWS_WITH_AS(gm::io::read_state_bytes("unit,node\n", "stats.csv"),
                         doctest::Contains("'stats.csv': not a govmetrics uncertainty state"),
                         gm::data_error);
  }

  TEST_CASE("pairwise counts agree with the rank histogram of two units") {
    // two units: A above B exactly when B ranks second
    const auto fw = std::make_shared<const gm::framework>(std::vector<gm::node>{
        gm::make_aggregate("idx"), gm::make_indicator("a", "idx"), gm::make_indicator("b", "idx")});
    const auto data = std::make_shared<const gm::dataset>(
        std::vector<std::string>{"A", "B"}, std::vector<std::string>{"a", "b"},
        std::vector<double>{90.0, 10.0, 20.0, 80.0});
    ua::spec s;
    s.runs = 4000;
    ua::weights_input w;
    w.spread = 0.6;
    s.inputs.push_back(w);
    ua::options o;
    o.pairwise = true;
    const ua::state st = ua::analysis(fw, data, {}, s, o).run();
    const std::size_t rank2 = 2; // bin of rank 2
    CHECK(st.above[0 * 2 + 1] == st.count(0, 1, rank2));
    CHECK(st.above[1 * 2 + 0] == st.count(0, 0, rank2));
    CHECK(st.above[0] == 0); // never above itself
    CHECK(st.above[1] + st.above[2] <= 4000);
    std::ostringstream text;
    gm::io::write_pairwise(text, st);
    CHECK(text.str().rfind("node,unit,other,probability\nidx,A,B,", 0) == 0);
  }

  TEST_CASE("the recorded weights reproduce the recorded ranks") {
    const small_case c = make_case();
    const ua::spec s = uniform_weights(200, 5, 0.5);
    ua::options o;
    o.record = true;
    const ua::state st = ua::analysis(c.fw, c.data, {}, s, o).run();
    REQUIRE(st.draw_columns.size() == 6); // the children of idx, d1 and d2
    std::size_t checked = 0;
    for (const auto& [index, b] : st.blocks) {
      for (std::size_t r = 0; r < b.shift.size(); ++r) {
        // the columns follow the aggregation order's children: rebuild the tree with them
        std::vector<gm::node> nodes = c.fw->nodes();
        std::size_t col = 0;
        for (std::size_t nd : c.fw->aggregation_order()) {
          for (std::size_t ch : c.fw->children(nd)) {
            REQUIRE(st.draw_columns[col] == "weights:" + nodes[ch].code);
            nodes[ch].weight = b.draws[r * 6 + col++];
          }
        }
        const gm::result res = gm::run(gm::framework(nodes), *c.data, gm::pipeline_spec{});
        for (std::size_t u = 0; u < st.n_units(); ++u) {
          CHECK(res.rank(c.fw->root())[u] == b.ranks[r * st.n_units() + u]);
          ++checked;
        }
      }
    }
    CHECK(checked == 200 * 12);
  }

  TEST_CASE("the recorded weights and aggregators, one for every node and one for d1, reproduce "
            "the recorded ranks") {
    // Every replication draws both aggregator inputs: the one for every node, then d1's, which
    // wins at d1. A worker does not reset the aggregators between replications (every
    // replication applies every input: worker::evaluate_draws): each must see only its own.
    const small_case c = make_case();
    ua::spec s = uniform_weights(160, 11, 0.5);
    const std::vector<gm::aggregate::any> methods{gm::aggregate::arithmetic{},
                                                  gm::aggregate::geometric{}};
    ua::alternatives_input every;
    every.name = "aggregation";
    every.alternatives = methods;
    s.inputs.push_back(every);
    ua::alternatives_input d1;
    d1.name = "d1 aggregation";
    d1.nodes = {"d1"};
    d1.alternatives =
        std::vector<gm::aggregate::any>{gm::aggregate::geometric{}, gm::aggregate::arithmetic{}};
    s.inputs.push_back(d1);
    ua::options o;
    o.record = true;
    o.block_size = 16; // 10 blocks, so that a worker goes through several
    o.threads = 2;
    gm::pipeline_spec base; // positive values, for the geometric mean
    base.normalize = gm::normalize::min_max{1.0, 100.0};
    const ua::state st = ua::analysis(c.fw, c.data, base, s, o).run();
    REQUIRE(st.failures.empty());
    REQUIRE(st.draw_columns.size() == 8); // the six weights, then the two choices
    std::size_t checked = 0;
    std::size_t d1_differs = 0; // replications whose d1 is not aggregated like the others
    for (const auto& [index, b] : st.blocks) {
      for (std::size_t r = 0; r < b.shift.size(); ++r) {
        const double* row = b.draws.data() + r * 8;
        std::vector<gm::node> nodes = c.fw->nodes();
        std::size_t col = 0;
        for (std::size_t nd : c.fw->aggregation_order()) {
          for (std::size_t ch : c.fw->children(nd))
            nodes[ch].weight = row[col++];
        }
        const auto global = static_cast<std::size_t>(row[6]);
        const std::size_t at_d1 = row[7] == 0.0 ? 1 : 0; // d1's alternatives in the other order
        REQUIRE(global < 2);
        gm::pipeline_spec spec = base;
        spec.aggregate = methods[global];
        spec.aggregate_overrides["d1"] = methods[at_d1];
        d1_differs += global != at_d1 ? 1U : 0U;
        const gm::result res = gm::run(gm::framework(nodes), *c.data, spec);
        for (std::size_t u = 0; u < st.n_units(); ++u) {
          CHECK(res.rank(c.fw->root())[u] == b.ranks[r * st.n_units() + u]);
          ++checked;
        }
      }
    }
    CHECK(checked == 160 * 12);
    CHECK(d1_differs > 40); // both kinds of replication were seen, many times
    CHECK(d1_differs < 120);
  }

  TEST_CASE("a shard's state reads back whatever its size; a block of the wrong length does not") {
    const small_case c = make_case();
    ua::spec s = every_input(100000);
    s.inputs.pop_back(); // no noise: fast
    ua::options o;
    o.block_size = 256;
    const ua::analysis an(c.fw, c.data, {}, s, o);
    // one block of 391, in a file far smaller than the 100,000 replications it counts
    const std::string one = gm::io::state_bytes(an.run(0, 1));
    REQUIRE(one.size() < 100000);
    CHECK(gm::io::state_bytes(gm::io::read_state_bytes(one, "one")) == one);
    // an empty shard (more shards than blocks) reads back too
    const std::string none = gm::io::state_bytes(an.run(5, 5));
    CHECK(gm::io::state_bytes(gm::io::read_state_bytes(none, "none")) == none);
    // a block one replication short is refused
    ua::state cut = an.run(0, 1);
    cut.blocks.begin()->second.shift.pop_back();
    CHECK_THROWS_WITH_AS(gm::io::read_state_bytes(gm::io::state_bytes(cut), "cut"),
                         doctest::Contains("block 1 does not fit the state's shape"),
                         gm::data_error);
  }

  TEST_CASE("noise on a column two indicators read is drawn once") {
    // 'a' and 'b' both read column 'x': the index (a + b) / 2 = x + sd z, whose sd is sd
    const auto fw = std::make_shared<const gm::framework>(
        std::vector<gm::node>{gm::make_aggregate("idx"),
                              gm::make_indicator("a", "idx", 1.0, gm::direction::positive, "x"),
                              gm::make_indicator("b", "idx", 1.0, gm::direction::positive, "x")});
    const auto data = std::make_shared<const gm::dataset>(std::vector<std::string>{"A", "B"},
                                                          std::vector<std::string>{"x"},
                                                          std::vector<double>{50.0, 20.0});
    ua::spec s;
    s.runs = 8000;
    ua::data_input d;
    d.sd = 4.0;
    s.inputs.push_back(d);
    gm::pipeline_spec base;
    base.normalize = gm::normalize::none{};
    const auto st = ua::rank_statistics(ua::analysis(fw, data, base, s).run());
    CHECK(std::fabs(st[0].score_sd - 4.0) < 5.0 * 4.0 / std::sqrt(2.0 * 8000.0));
    CHECK(std::fabs(st[0].score_mean - 50.0) < 5.0 * 4.0 / std::sqrt(8000.0));
  }

  TEST_CASE("the audit trail's column names are unique") {
    const small_case c = make_case();
    ua::spec s;
    s.runs = 10;
    ua::alternatives_input agg;
    agg.name = "failed"; // the trail's own column
    agg.alternatives =
        std::vector<gm::aggregate::any>{gm::aggregate::arithmetic{}, gm::aggregate::geometric{}};
    s.inputs.push_back(agg);
    agg.name = "agg";
    s.inputs.push_back(agg);
    s.inputs.push_back(agg);
    ua::options o;
    o.record = true;
    const ua::state st = ua::analysis(c.fw, c.data, {}, s, o).run();
    CHECK(st.draw_columns ==
          std::vector<std::string>{"failed (input 1)", "agg (input 2)", "agg (input 3)"});
  }
}

} // namespace unit_uncertainty_state_test
