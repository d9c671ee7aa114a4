// Tests of govmetrics/pipeline/lean_result.hpp and missing_event.hpp: the lean evaluation sink
// gives a result's scores and ranks to the bit (means, a per-unit aggregator, a column-wide one,
// missing data under each policy), ranks only the nodes asked for, and keeps aggregation's
// missing units as data whose text is a result's.
#include "govmetrics/pipeline/lean_result.hpp"
#include "govmetrics/pipeline/missing_event.hpp"
#include "govmetrics/pipeline/model.hpp"

#include "bits_helpers.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <limits>
#include <memory>
#include <string>
#include <vector>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_pipeline_lean_result_test {

namespace {

using namespace govmetrics;

constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();

///   idx
///   +- d1 (w 3): a, b, c
///   +- d2 (w 1): e, f
///   +- d3 (w 2): g, h
std::shared_ptr<const framework> tree() {
  return std::make_shared<const framework>(framework(
      {make_aggregate("idx"), make_aggregate("d1", "idx", 3.0), make_aggregate("d2", "idx", 1.0),
       make_aggregate("d3", "idx", 2.0), make_indicator("a", "d1"),
       make_indicator("b", "d1", 2.0, direction::negative), make_indicator("c", "d1"),
       make_indicator("e", "d2"), make_indicator("f", "d2", 0.5), make_indicator("g", "d3"),
       make_indicator("h", "d3")}));
}

/// Eight units; u3 lacks a, u5 lacks a and c (1 of 3 children of d1), u7 lacks e and f (all
/// of d2), u8 lacks g; ties in b and h.
dataset data() {
  const std::vector<std::string> units{"u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8"};
  const std::vector<std::vector<double>> cols{
      {3.0, 7.5, nan_v, 1.0, nan_v, 9.0, 4.0, 6.0},       // a
      {2.0, 2.0, 5.0, 1.0, 3.0, 2.0, 8.0, 4.0},           // b
      {10.0, 20.0, 15.0, 30.0, nan_v, 12.0, 18.0, 25.0},  // c
      {0.5, 0.7, 0.1, 0.9, 0.3, 0.6, nan_v, 0.2},         // e
      {100.0, 80.0, 90.0, 70.0, 60.0, 50.0, nan_v, 40.0}, // f
      {1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, nan_v},         // g
      {5.0, 5.0, 3.0, 3.0, 1.0, 1.0, 2.0, 2.0}};          // h
  std::vector<double> values;
  for (const auto& c : cols)
    values.insert(values.end(), c.begin(), c.end());
  return dataset(units, {"a", "b", "c", "e", "f", "g", "h"}, values);
}

using govmetrics_test::same_bits;

/// Evaluates `spec` into a result (every node ranked) and into a lean_result ranking `ranked`,
/// and checks that scores, the requested ranks and the diagnostics agree.
void check_against_result(const pipeline_spec& spec, const std::vector<std::string>& ranked) {
  const auto fw = tree();
  const model md(fw, spec);
  const auto prepared = md.prepare(data());
  evaluation_workspace ws;
  result full;
  md.evaluate(prepared, ws, full);
  std::vector<std::size_t> nodes;
  for (const auto& code : ranked)
    nodes.push_back(fw->index_of(code));
  lean_result lean(nodes);
  evaluation_workspace lean_ws;
  // twice: the second evaluation reuses the sink and the workspace
  for (int round = 0; round < 2; ++round) {
    CAPTURE(round);
    md.evaluate(prepared, lean_ws, lean);
    for (std::size_t i = 0; i < fw->size(); ++i) {
      CAPTURE((*fw)[i].code);
      CHECK(same_bits(lean.score(i), full.score(i)));
      const bool asked = std::find(nodes.begin(), nodes.end(), i) != nodes.end() ||
                         (nodes.empty() && i == fw->root());
      if (fw->is_indicator(i)) {
        CHECK(same_bits(lean.rank(i), full.rank(i))); // the prepared data's
      } else if (asked) {
        REQUIRE(lean.rank(i).size() == full.rank(i).size());
        CHECK(same_bits(lean.rank(i), full.rank(i)));
      } else {
        CHECK(lean.rank(i).empty());
      }
    }
    const auto a = lean.diagnostics();
    const auto b = full.diagnostics();
    REQUIRE(a.size() == b.size());
    for (std::size_t k = 0; k < a.size(); ++k) {
      CAPTURE(k);
      CHECK(a[k].severity == b[k].severity);
      CHECK(a[k].component == b[k].component);
      CHECK(a[k].node == b[k].node);
      CHECK(a[k].unit == b[k].unit);
      CHECK(a[k].message == b[k].message);
    }
  }
}

} // namespace

TEST_SUITE("lean_result") {
  TEST_CASE("arithmetic means, skipping missing children: a result's bits") {
    pipeline_spec spec;
    check_against_result(spec, {"idx", "d1", "d3"});
  }

  TEST_CASE("geometric, a per-unit and a column-wide aggregator, min_share: a result's bits") {
    pipeline_spec spec;
    spec.normalize = normalize::min_max{1.0, 100.0};
    spec.aggregate = aggregate::geometric{};
    spec.aggregate_overrides["d2"] = aggregate::median{};
    spec.aggregate_overrides["idx"] = aggregate::topsis{};
    spec.missing = missing::skip{0.6};
    check_against_result(spec, {"idx", "d2"});
  }

  TEST_CASE("missing children propagate: a result's bits, ranks of the root by default") {
    pipeline_spec spec;
    spec.missing = missing::propagate{};
    check_against_result(spec, {});
  }

  TEST_CASE("missing units are kept as data, with the text a result reports") {
    pipeline_spec spec;
    spec.missing = missing::skip{0.5};
    const auto fw = tree();
    const model md(fw, spec);
    lean_result lean;
    evaluation_workspace ws;
    md.evaluate(md.prepare(data()), ws, lean);
    // d1: u5 has 1 of 3 children (share 1/3 < 0.5); d2: u7 has none; d3: u8 has 1 of 2 (0.5,
    // kept); idx: u7 has 2 of 3 (kept)
    const auto& events = lean.missing();
    REQUIRE(events.size() == 2);
    CHECK(events[0].node == fw->index_of("d1"));
    CHECK(events[0].unit == 4);
    CHECK(events[0].available == 1);
    CHECK(events[0].weighted == 3);
    CHECK(events[0].why == missing_event::reason::below_share);
    CHECK(events[0].min_share == 0.5);
    CHECK(events[1].node == fw->index_of("d2"));
    CHECK(events[1].unit == 6);
    CHECK(events[1].available == 0);
    CHECK(events[1].why == missing_event::reason::no_child);
    const diagnostic d = describe(events[0], *fw, lean.units());
    CHECK(d.severity == diagnostic::level::warning);
    CHECK(d.component == "aggregate");
    CHECK(d.node == "d1");
    CHECK(d.unit == "u5");
    CHECK(d.message == "aggregate: node 'd1' is missing for unit 'u5' (1 of 3 children available; "
                       "share 0.3333333333333333 < min_share 0.5)");
    CHECK(describe(events[1], *fw, lean.units()).message ==
          "aggregate: node 'd2' is missing for unit 'u7' (0 of 2 children available; no child has "
          "data)");
    CHECK(std::isnan(lean.score(fw->index_of("d1"))[4]));
    CHECK(std::isnan(lean.score(fw->index_of("d2"))[6]));
    CHECK_FALSE(std::isnan(lean.score(fw->index_of("idx"))[6]));
  }

  TEST_CASE("a column-wide aggregator's complete-units rule is a reason of its own") {
    pipeline_spec spec;
    spec.aggregate_overrides["d1"] = aggregate::topsis{};
    const auto fw = tree();
    const model md(fw, spec);
    lean_result lean;
    evaluation_workspace ws;
    md.evaluate(md.prepare(data()), ws, lean);
    REQUIRE(lean.missing().size() >= 2); // u3 and u5 lack a child of d1
    const auto& e = lean.missing()[0];
    CHECK(e.node == fw->index_of("d1"));
    CHECK(e.unit == 2);
    CHECK(e.why == missing_event::reason::needs_complete);
    CHECK(describe(e, *fw, lean.units()).message ==
          "aggregate: node 'd1' is missing for unit 'u3' (2 of 3 children available; 'topsis' "
          "needs every weighted child; it runs on the complete units)");
  }

  TEST_CASE("a node position beyond the framework is an unknown_code_error") {
    const auto fw = tree();
    const model md(fw, pipeline_spec{});
    lean_result lean({fw->size()});
    evaluation_workspace ws;
    CHECK_THROWS_AS(md.evaluate(md.prepare(data()), ws, lean), unknown_code_error);
  }
}

} // namespace unit_pipeline_lean_result_test
