// Tests of govmetrics/aggregate/column.hpp: the column-wide aggregator concept, node_outputs, and
// how the pipeline runs a column-wide aggregator at a node (units taking part, missing children,
// weights, outputs spread back to every unit, per-node overrides next to per-unit aggregators).
#include "govmetrics/aggregate/column.hpp"

#include "column_helpers.hpp"

#include <govmetrics/aggregate/any.hpp>
#include <govmetrics/io/methodology.hpp>
#include <govmetrics/pipeline/model.hpp>
#include <govmetrics/pipeline/pipeline.hpp>
#include <govmetrics/pipeline/run.hpp>

#include "bits_helpers.hpp"

#include <doctest/doctest.h>

#include <cstddef>
#include <limits>
#include <memory>
#include <string>
#include <variant>
#include <vector>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_aggregate_column_test {

namespace {

namespace gm = govmetrics;
using govmetrics_test::check_values;
using govmetrics_test::nan_v;
using govmetrics_test::one_level;
using govmetrics_test::run_none;

/// A column-wide test aggregator that records what the pipeline handed it: score = row position,
/// output column "w0" = the first weight, fact "rows" = the number of rows.
struct probe {
  static constexpr const char* name() noexcept { return "probe"; }
  void validate() const noexcept {}
  void aggregate_all(gm::matrix_view x, const double* w, double* out,
                     gm::node_outputs& extra) const {
    double* w0 = extra.add_column("w0", x.rows());
    double* first = extra.add_column("first_child", x.rows());
    for (std::size_t i = 0; i < x.rows(); ++i) {
      out[i] = static_cast<double>(i);
      w0[i] = w[0];
      first[i] = x(i, 0);
    }
    extra.add_fact("rows", static_cast<double>(x.rows()));
    extra.add_fact("cols", static_cast<double>(x.cols()));
  }
};

struct not_an_aggregator {
  static constexpr const char* name() noexcept { return "nope"; }
  void validate() const noexcept {}
};

} // namespace

TEST_SUITE("is_column_aggregator_v") {
  TEST_CASE("the built-in column-wide aggregators model the concept, per-unit ones do not") {
    CHECK(gm::aggregate::is_column_aggregator_v<gm::aggregate::topsis>);
    CHECK(gm::aggregate::is_column_aggregator_v<gm::aggregate::vikor>);
    CHECK(gm::aggregate::is_column_aggregator_v<gm::aggregate::grey_relational>);
    CHECK(gm::aggregate::is_column_aggregator_v<gm::aggregate::copeland>);
    CHECK(gm::aggregate::is_column_aggregator_v<gm::aggregate::borda>);
    CHECK(gm::aggregate::is_column_aggregator_v<gm::aggregate::mazziotta_pareto>);
    CHECK(gm::aggregate::is_column_aggregator_v<gm::aggregate::benefit_of_doubt>);
    CHECK(gm::aggregate::is_column_aggregator_v<probe>);
    CHECK_FALSE(gm::aggregate::is_column_aggregator_v<gm::aggregate::arithmetic>);
    CHECK_FALSE(gm::aggregate::is_column_aggregator_v<not_an_aggregator>);
    CHECK_FALSE(gm::is_aggregator_v<gm::aggregate::topsis>);
    CHECK(gm::aggregate::accepts_missing_v<gm::aggregate::copeland>);
    CHECK_FALSE(gm::aggregate::accepts_missing_v<gm::aggregate::topsis>);
  }
}

TEST_SUITE("node_outputs") {
  TEST_CASE("columns and facts by name, replacing keeps one entry, unknown names are errors") {
    gm::node_outputs o;
    o.node = "dim";
    CHECK(o.empty());
    double* a = o.add_column("a", 2);
    CHECK(std::isnan(a[0]));
    a[0] = 1.0;
    a[1] = 2.0;
    o.add_fact("f", 0.5);
    o.add_fact("f", 1.0);
    CHECK(o.facts().size() == 1);
    CHECK(o.fact("f") == 1.0);
    CHECK(o.column("a")[1] == 2.0);
    o.add_column("a", 3);
    CHECK(o.columns().size() == 1);
    CHECK(o.column("a").size() == 3);
    CHECK_THROWS_WITH_AS(o.column("b"), "result: node 'dim' has no output column 'b' ('a')",
                         gm::unknown_code_error);
    CHECK_THROWS_WITH_AS(o.fact("g"), "result: node 'dim' has no output fact 'g' ('f')",
                         gm::unknown_code_error);
    o.clear();
    CHECK(o.empty());
    CHECK(o.node.empty());
  }

  TEST_CASE("scatter spreads the rows back to every unit, NaN elsewhere") {
    gm::node_outputs o;
    double* a = o.add_column("a", 2);
    a[0] = 10.0;
    a[1] = 20.0;
    o.scatter({1, 3}, 4);
    check_values(o.column("a"), {nan_v, 10.0, nan_v, 20.0});
  }

  TEST_CASE("scatter in place: first and last units, every column, no rows, all rows") {
    gm::node_outputs o;
    double* a = o.add_column("a", 3);
    double* b = o.add_column("b", 3);
    for (int k = 0; k < 3; ++k) {
      a[k] = 1.0 + k;
      b[k] = -1.0 - k;
    }
    o.scatter({0, 2, 5}, 6);
    check_values(o.column("a"), {1.0, nan_v, 2.0, nan_v, nan_v, 3.0});
    check_values(o.column("b"), {-1.0, nan_v, -2.0, nan_v, nan_v, -3.0});
    double* c = o.add_column("c", 2);
    c[0] = 7.0;
    c[1] = 8.0;
    o.scatter(std::vector<std::size_t>{0, 1}, 2); // every unit takes part: unchanged
    check_values(o.column("c"), {7.0, 8.0});
    o.add_column("d", 0);
    o.scatter(std::vector<std::size_t>{}, 3); // no unit takes part: all NaN
    check_values(o.column("d"), {nan_v, nan_v, nan_v});
  }

  TEST_CASE("cleared outputs keep their memory: the same column comes back in the same storage") {
    gm::node_outputs o;
    double* a = o.add_column("alpha", 50);
    o.add_fact("a_fact_with_a_long_name", 1.0);
    o.clear_outputs();
    CHECK(o.empty());
    CHECK_THROWS_AS((void)o.column("alpha"), gm::unknown_code_error);
    double* again = o.add_column("alpha", 50);
    CHECK(again == a);                                               // the same storage, reused
    check_values(o.column("alpha"), std::vector<double>(50, nan_v)); // NaN-filled again
    o.add_fact("a_fact_with_a_long_name", 2.0);
    CHECK(o.fact("a_fact_with_a_long_name") == 2.0);
    REQUIRE(o.columns().size() == 1);
    REQUIRE(o.facts().size() == 1);
    // a spare of another name is renamed, not mixed up with the one asked for
    o.clear();
    o.add_column("beta", 3);
    CHECK(o.has_column("beta"));
    CHECK_FALSE(o.has_column("alpha"));
    CHECK(o.columns().size() == 1);
  }
}

/// Checks that two results hold the same scores (bits) and the same outputs at every aggregate
/// node: columns (names, bits), facts, context (node, children, units).
void check_same_evaluation(const gm::result& got, const gm::result& want) {
  const gm::framework& fw = want.tree();
  for (std::size_t nd : fw.aggregation_order()) {
    CAPTURE(fw[nd].code);
    CHECK(govmetrics_test::same_bits(got.score(nd), want.score(nd)));
    const gm::node_outputs& a = got.outputs(fw[nd].code);
    const gm::node_outputs& b = want.outputs(fw[nd].code);
    CHECK(a.node == b.node);
    CHECK(a.children == b.children);
    CHECK(a.units == b.units);
    REQUIRE(a.columns().size() == b.columns().size());
    for (std::size_t k = 0; k < a.columns().size(); ++k) {
      CAPTURE(b.columns()[k].name);
      CHECK(a.columns()[k].name == b.columns()[k].name);
      const auto& x = a.columns()[k].values;
      const auto& y = b.columns()[k].values;
      CHECK(govmetrics_test::same_bits(gm::column_view(x.data(), x.size()),
                                       gm::column_view(y.data(), y.size())));
    }
    REQUIRE(a.facts().size() == b.facts().size());
    for (std::size_t k = 0; k < a.facts().size(); ++k) {
      CHECK(a.facts()[k].name == b.facts()[k].name);
      CHECK(a.facts()[k].value == b.facts()[k].value);
    }
  }
}

TEST_SUITE("column-wide aggregation in the pipeline") {
  TEST_CASE("a reused workspace and result give a fresh evaluation's scores and outputs, "
            "whatever the aggregators and units before") {
    // One workspace and one result through topsis -> vikor -> arithmetic -> topsis at the root,
    // on data where all units, then fewer, then all again take part: each evaluation must equal
    // one into a fresh workspace and result (no stale column, fact, unit or scratch).
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const auto fw = std::make_shared<const gm::framework>(
        gm::framework({gm::make_aggregate("idx"), gm::make_aggregate("d1", "idx", 2.0),
                       gm::make_aggregate("d2", "idx"), gm::make_indicator("a", "d1"),
                       gm::make_indicator("b", "d1", 3.0), gm::make_indicator("c", "d2"),
                       gm::make_indicator("e", "d2", 1.0, gm::direction::negative)}));
    const std::vector<std::string> units{
        "first unit of the test", "u2", "a third, long unit id", "u4", "u5", "u6"};
    const gm::dataset all(units, {"a", "b", "c", "e"}, {3.0, 1.0, 4.0, 1.0, 5.0, 9.0,   // a
                                                        2.0, 6.0, 5.0, 3.0, 5.0, 8.0,   // b
                                                        9.0, 7.0, 9.0, 3.0, 2.0, 3.0,   // c
                                                        8.0, 4.0, 6.0, 2.0, 6.0, 4.0}); // e
    const gm::dataset gaps(units, {"a", "b", "c", "e"},
                           {3.0, nan, 4.0, 1.0, 5.0, 9.0,   // a: u2 lacks it
                            2.0, 6.0, 5.0, 3.0, 5.0, 8.0,   // b
                            9.0, 7.0, 9.0, 3.0, nan, 3.0,   // c: u5 lacks it
                            8.0, 4.0, 6.0, 2.0, 6.0, 4.0}); // e
    gm::pipeline_spec topsis;
    topsis.normalize = gm::normalize::min_max{1.0, 100.0};
    topsis.aggregate_overrides["idx"] = gm::aggregate::topsis{};
    topsis.aggregate_overrides["d1"] = gm::aggregate::grey_relational{};
    gm::pipeline_spec vikor = topsis;
    vikor.aggregate_overrides["idx"] = gm::aggregate::vikor{};
    vikor.aggregate_overrides["d1"] = gm::aggregate::borda{};
    gm::pipeline_spec mean = topsis;
    mean.aggregate_overrides.clear();
    mean.weights = gm::weights::entropy_method{};
    const gm::model models[] = {gm::model(fw, topsis), gm::model(fw, vikor), gm::model(fw, mean),
                                gm::model(fw, topsis)};
    gm::evaluation_workspace ws;
    gm::result reused;
    int step = 0;
    for (const gm::dataset* d : {&all, &gaps, &all, &gaps, &gaps, &all}) {
      for (const auto& md : models) {
        CAPTURE(step);
        ++step;
        const auto prepared = md.prepare(*d);
        md.evaluate(prepared, ws, reused);
        gm::evaluation_workspace fresh_ws;
        gm::result fresh;
        md.evaluate(prepared, fresh_ws, fresh);
        check_same_evaluation(reused, fresh);
      }
    }
  }

  TEST_CASE("complete units only: a unit lacking a weighted child gets NaN and a warning") {
    // children a (w 3), b (w 1), z (w 0: takes no part, so its NaN does not matter)
    const auto fw = one_level({"a", "b", "z"}, {3.0, 1.0, 0.0});
    const gm::dataset data({"u1", "u2", "u3", "u4"}, {"a", "b", "z"},
                           {1.0, 2.0, nan_v, 4.0, 5.0, 6.0, 7.0, 8.0, nan_v, 0.0, 0.0, 0.0});
    // the four-unit borda count on u1, u2, u4: a: 0 1 2, b: 0 1 2 -> 0, 1, 2
    const auto r = run_none(fw, data, gm::aggregate::borda{});
    check_values(r.score("index"), {0.0, 1.0, nan_v, 2.0});
    check_values(r.rank("index"), {3.0, 2.0, nan_v, 1.0});
    const auto diags = r.diagnostics();
    bool found = false;
    for (const auto& d : diags) {
      if (d.component == "aggregate" && d.unit == "u3") {
        found = true;
        CHECK(d.severity == gm::diagnostic::level::warning);
        CHECK(d.message == "aggregate: node 'index' is missing for unit 'u3' (1 of 2 children "
                           "available; 'borda' needs every weighted child; it runs on the "
                           "complete units)");
      }
    }
    CHECK(found);
  }

  TEST_CASE("the aggregator sees the units taking part x the weighted children, weights summing "
            "to 1, its outputs come back per unit") {
    const auto fw = one_level({"a", "b", "z"}, {3.0, 1.0, 0.0});
    const gm::dataset data({"u1", "u2", "u3"}, {"a", "b", "z"},
                           {1.0, nan_v, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0});
    const auto pipe =
        gm::make_pipeline(gm::missing::skip{}, gm::treat::none{}, gm::normalize::none{}, probe{});
    const auto r = pipe.run(fw, data);
    check_values(r.score("index"), {0.0, nan_v, 1.0});
    const auto& out = r.outputs("index");
    CHECK(out.node == "index");
    CHECK(out.children == std::vector<std::string>{"a", "b"});
    CHECK(out.units == std::vector<std::string>{"u1", "u3"});
    check_values(out.column("w0"), {0.75, nan_v, 0.75});
    check_values(out.column("first_child"), {1.0, nan_v, 3.0});
    CHECK(out.fact("rows") == 2.0);
    CHECK(out.fact("cols") == 2.0);
    CHECK(r.aggregation_methods()[r.tree().root()] == "probe");
    // indicators and per-unit aggregators have no outputs
    CHECK(r.outputs("a").empty());
  }

  TEST_CASE("a column-wide aggregator on one node next to per-unit ones on the others") {
    // idx (arithmetic) <- d1 (copeland) <- a, b ; d2 (arithmetic) <- c
    const gm::framework fw({gm::make_aggregate("idx"), gm::make_aggregate("d1", "idx"),
                            gm::make_aggregate("d2", "idx"), gm::make_indicator("a", "d1"),
                            gm::make_indicator("b", "d1"), gm::make_indicator("c", "d2")});
    const gm::dataset data({"u1", "u2", "u3"}, {"a", "b", "c"},
                           {1.0, 2.0, 3.0, 1.0, 2.0, 3.0, 10.0, 20.0, 30.0});
    gm::pipeline_spec spec;
    spec.normalize = gm::normalize::none{};
    spec.aggregate_overrides["d1"] = gm::aggregate::copeland{};
    const auto r = gm::run(fw, data, spec);
    // d1: u3 beats both, u1 loses both -> -2, 0, 2
    check_values(r.score("d1"), {-2.0, 0.0, 2.0});
    check_values(r.score("idx"), {4.0, 10.0, 16.0});
    CHECK(r.aggregation_methods()[fw.index_of("d1")] == "copeland");
    CHECK(r.outputs("d1").has_column("wins"));
    CHECK(r.outputs("idx").empty());
  }

  TEST_CASE("re-evaluating with a per-unit aggregator clears the outputs of the node") {
    const auto fw = one_level({"a", "b"});
    const gm::dataset data({"u1", "u2"}, {"a", "b"}, {1.0, 2.0, 2.0, 1.0});
    auto tree = std::make_shared<const gm::framework>(fw);
    gm::pipeline_spec spec;
    spec.normalize = gm::normalize::none{};
    spec.aggregate = gm::aggregate::copeland{};
    const auto prepared = gm::prepare(tree, data, spec);
    gm::evaluation_workspace ws;
    gm::result r;
    gm::evaluate(prepared, gm::make_plan(*tree, spec), ws, r);
    CHECK_FALSE(r.outputs("index").empty());
    spec.aggregate = gm::aggregate::arithmetic{};
    gm::evaluate(prepared, gm::make_plan(*tree, spec), ws, r);
    CHECK(r.outputs("index").empty());
    check_values(r.score("index"), {1.5, 1.5});
  }

  TEST_CASE("a node whose units all lack data is NaN everywhere, with a warning per unit") {
    const auto fw = one_level({"a", "b"});
    const gm::dataset data({"u1", "u2"}, {"a", "b"}, {1.0, nan_v, nan_v, 2.0});
    const auto r = run_none(fw, data, gm::aggregate::topsis{});
    check_values(r.score("index"), {nan_v, nan_v});
    std::size_t warnings = 0;
    for (const auto& d : r.diagnostics())
      warnings += d.component == "aggregate" ? 1U : 0U;
    CHECK(warnings == 2);
  }
}

TEST_SUITE("column-wide aggregators in methodology files") {
  TEST_CASE("every column-wide aggregator and its parameters survive a write-read round trip") {
    const std::string text = R"({"govmetrics": 1, "nodes": [
      {"code": "idx", "aggregate": {"method": "topsis", "normalization": "min_max"}},
      {"code": "d1", "parent": "idx", "aggregate": {"method": "vikor", "v": 0.25}},
      {"code": "d2", "parent": "idx", "aggregate": {"method": "grey_relational", "rho": 0.75}},
      {"code": "d3", "parent": "idx", "aggregate": {"method": "copeland"}},
      {"code": "d4", "parent": "idx", "aggregate": {"method": "borda"}},
      {"code": "d5", "parent": "idx", "aggregate": {"method": "mazziotta_pareto",
         "variant": "ampi", "penalty": "positive", "goalposts": "fixed", "lo": 0, "hi": 10}},
      {"code": "d6", "parent": "idx", "aggregate": {"method": "benefit_of_doubt",
         "lower": 0.1, "upper": 0.9}},
      {"code": "a", "parent": "d1", "column": "a"}, {"code": "b", "parent": "d2", "column": "a"},
      {"code": "c", "parent": "d3", "column": "a"}, {"code": "d", "parent": "d4", "column": "a"},
      {"code": "e", "parent": "d5", "column": "a"}, {"code": "f", "parent": "d6", "column": "a"}],
      "aggregate": {"method": "mazziotta_pareto"}})";
    const auto m = gm::io::parse_methodology(text, "t.json");
    const auto again = gm::io::parse_methodology(gm::io::to_json(m), "again.json");
    CHECK(gm::io::to_json(again) == gm::io::to_json(m));
    const auto& o = again.spec.aggregate_overrides;
    CHECK(std::get<gm::aggregate::topsis>(o.at("idx")).normalization == "min_max");
    CHECK(std::get<gm::aggregate::vikor>(o.at("d1")).v == 0.25);
    CHECK(std::get<gm::aggregate::grey_relational>(o.at("d2")).rho == 0.75);
    CHECK(std::holds_alternative<gm::aggregate::copeland>(o.at("d3")));
    CHECK(std::holds_alternative<gm::aggregate::borda>(o.at("d4")));
    const auto& mp = std::get<gm::aggregate::mazziotta_pareto>(o.at("d5"));
    CHECK(mp.variant == "ampi");
    CHECK(mp.penalty == "positive");
    CHECK(mp.goalposts == "fixed");
    CHECK(mp.hi == 10.0);
    const auto& bod = std::get<gm::aggregate::benefit_of_doubt>(o.at("d6"));
    CHECK(bod.lower == 0.1);
    CHECK(bod.upper == 0.9);
    const auto& top = std::get<gm::aggregate::mazziotta_pareto>(again.spec.aggregate);
    CHECK(top.variant == "mpi");
    CHECK(top.penalty == "negative");
  }

  TEST_CASE("a bad text parameter is reported with its JSON path") {
    const std::string text = R"({"govmetrics": 1, "nodes": [{"code": "idx"},
      {"code": "a", "parent": "idx", "column": "a"}],
      "aggregate": {"method": "mazziotta_pareto", "variant": "mpi+"}})";
    CHECK_THROWS_WITH_AS(gm::io::parse_methodology(text, "t.json"),
                         "methodology: 1 problem in t.json: $.aggregate: "
                         "aggregate::mazziotta_pareto: parameter 'variant' must be 'mpi' or "
                         "'ampi' (got 'mpi+')",
                         gm::spec_error);
    const std::string wrong_type = R"({"govmetrics": 1, "nodes": [{"code": "idx"},
      {"code": "a", "parent": "idx", "column": "a"}],
      "aggregate": {"method": "topsis", "normalization": 1}})";
    CHECK_THROWS_AS(gm::io::parse_methodology(wrong_type, "t.json"), gm::spec_error);
  }
}

} // namespace unit_aggregate_column_test
