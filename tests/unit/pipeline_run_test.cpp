// Tests of govmetrics/pipeline/run.hpp: the run-time pipeline (pipeline_spec of variants),
// per-indicator and per-node overrides, validation, rank scopes, and prepare/evaluate reuse.
#include "govmetrics/pipeline/run.hpp"

#include "bits_helpers.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <cstring>
#include <limits>
#include <memory>
#include <string>
#include <vector>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_pipeline_run_test {

namespace {

using namespace govmetrics;

constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();

///   idx
///   +- d1 (w 3): a (positive), b (negative)
///   +- d2 (w 1): c (positive, reads column 'c_col')
framework tree() {
  return framework({make_aggregate("idx"), make_aggregate("d1", "idx", 3.0),
                    make_aggregate("d2", "idx", 1.0), make_indicator("a", "d1"),
                    make_indicator("b", "d1", 1.0, direction::negative),
                    make_indicator("c", "d2", 1.0, direction::positive, "c_col")});
}

/// a: 0 5 10 NaN; b: 1 2 3 4; c_col: 10 20 30 40 (units u1..u4).
dataset data() {
  return dataset({"u1", "u2", "u3", "u4"}, {"a", "b", "c_col"},
                 {0.0, 5.0, 10.0, nan_v, 1.0, 2.0, 3.0, 4.0, 10.0, 20.0, 30.0, 40.0});
}

void check_close(column_view got, const std::vector<double>& expected) {
  REQUIRE(got.size() == expected.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    CAPTURE(i);
    if (std::isnan(expected[i])) {
      CHECK(std::isnan(got[i]));
    } else {
      CHECK(got[i] == doctest::Approx(expected[i]).epsilon(1e-13));
    }
  }
}

using govmetrics_test::same_bits;

/// Every score, rank, weight, method, fitted parameter and diagnostic of two results agree.
void check_identical(const result& x, const result& y) {
  REQUIRE(x.n_nodes() == y.n_nodes());
  for (std::size_t i = 0; i < x.n_nodes(); ++i) {
    CAPTURE(x.tree()[i].code);
    CHECK(same_bits(x.score(i), y.score(i)));
    CHECK(same_bits(x.rank(i), y.rank(i)));
  }
  CHECK(x.weights() == y.weights());
  CHECK(x.aggregation_methods() == y.aggregation_methods());
  REQUIRE(x.params().size() == y.params().size());
  for (std::size_t s = 0; s < x.params().size(); ++s) {
    CHECK(x.params()[s].method == y.params()[s].method);
    CHECK(x.params()[s].values == y.params()[s].values);
  }
  const auto dx = x.diagnostics();
  const auto dy = y.diagnostics();
  REQUIRE(dx.size() == dy.size());
  for (std::size_t k = 0; k < dx.size(); ++k)
    CHECK(dx[k].message == dy[k].message);
}

} // namespace

TEST_SUITE("run") {
  TEST_CASE("the default spec: min-max 0..100, arithmetic means, skip missing, ranks 'min'") {
    const result r = run(tree(), data());
    // a: min 0, max 10 -> 0, 50, 100, NaN
    check_close(r.score("a"), {0.0, 50.0, 100.0, nan_v});
    // b negative: x' = -1..-4, min -4, max -1 -> (x' + 4)/3 * 100 = 100, 66.67, 33.33, 0
    check_close(r.score("b"), {100.0, 200.0 / 3.0, 100.0 / 3.0, 0.0});
    // c: (x - 10)/30 * 100 = 0, 33.33, 66.67, 100
    check_close(r.score("c"), {0.0, 100.0 / 3.0, 200.0 / 3.0, 100.0});
    // d1 = (a + b)/2; u4 has only b
    check_close(r.score("d1"), {50.0, 175.0 / 3.0, 200.0 / 3.0, 0.0});
    check_close(r.score("d2"), {0.0, 100.0 / 3.0, 200.0 / 3.0, 100.0});
    // idx = 0.75 d1 + 0.25 d2: u1 37.5; u2 175/4 + 25/3 = 625/12; u3 200/3; u4 25
    check_close(r.score("idx"), {37.5, 625.0 / 12.0, 200.0 / 3.0, 25.0});
    check_close(r.rank("idx"), {3.0, 2.0, 1.0, 4.0});
    check_close(r.rank("a"), {3.0, 2.0, 1.0, nan_v});
    CHECK(r.score("u2", "idx") == doctest::Approx(625.0 / 12.0).epsilon(1e-13));
    CHECK(r.ties() == rank::ties::min);
    CHECK(r.units() == std::vector<std::string>{"u1", "u2", "u3", "u4"});
    CHECK(r.n_units() == 4);
    CHECK(r.n_nodes() == 6);
  }

  TEST_CASE("a per-indicator normalisation override") {
    pipeline_spec spec;
    spec.normalize_overrides["c"] = normalize::goalposts{0.0, 50.0, true, 100.0};
    const result r = run(tree(), data(), spec);
    // c: x/50 * 100 = 20, 40, 60, 80; idx = 0.75 d1 + 0.25 c
    check_close(r.score("c"), {20.0, 40.0, 60.0, 80.0});
    check_close(r.score("idx"), {42.5, 175.0 / 4.0 + 10.0, 65.0, 20.0});
    REQUIRE(r.params().size() == 3);
    CHECK(r.params()[0].method == "min_max");
    CHECK(r.params()[1].method == "min_max");
    CHECK(r.params()[2].indicator == "c");
    CHECK(r.params()[2].method == "goalposts");
  }

  TEST_CASE("a per-node aggregation override") {
    pipeline_spec spec;
    spec.normalize = normalize::min_max{1.0, 100.0};
    spec.aggregate_overrides["d1"] = aggregate::geometric{};
    const result r = run(tree(), data(), spec);
    // a: 1 + x * 9.9 = 1, 50.5, 100, NaN; b: (x' + 4)/3 * 99 + 1 = 100, 67, 34, 1
    // d1 = sqrt(a b): 10, sqrt(3383.5), sqrt(3400), 1 (u4: b alone)
    const std::vector<double> d1{10.0, std::sqrt(50.5 * 67.0), std::sqrt(100.0 * 34.0), 1.0};
    check_close(r.score("d1"), d1);
    // c: 1, 34, 67, 100; idx arithmetic = 0.75 d1 + 0.25 c
    check_close(r.score("idx"),
                {0.75 * d1[0] + 0.25, 0.75 * d1[1] + 8.5, 0.75 * d1[2] + 16.75, 0.75 + 25.0});
    const framework fw = tree();
    CHECK(r.aggregation_methods()[fw.index_of("d1")] == "geometric");
    CHECK(r.aggregation_methods()[fw.index_of("d2")] == "arithmetic");
    CHECK(r.aggregation_methods()[fw.index_of("idx")] == "arithmetic");
  }

  TEST_CASE("an override on an unknown code is an unknown_code_error") {
    pipeline_spec spec;
    spec.normalize_overrides["nope"] = normalize::rank{};
    CHECK_THROWS_WITH_AS(run(tree(), data(), spec), "framework: unknown node 'nope'",
                         unknown_code_error);
    pipeline_spec spec2;
    spec2.aggregate_overrides["zzz"] = aggregate::harmonic{};
    CHECK_THROWS_WITH_AS(run(tree(), data(), spec2), "framework: unknown node 'zzz'",
                         unknown_code_error);
    CHECK_THROWS_WITH_AS(validate(tree(), spec2), "framework: unknown node 'zzz'",
                         unknown_code_error);
  }

  TEST_CASE("a normalisation override on an aggregate, or an aggregation override on an "
            "indicator, is a spec_error") {
    pipeline_spec spec;
    spec.normalize_overrides["d1"] = normalize::rank{};
    CHECK_THROWS_WITH_AS(run(tree(), data(), spec),
                         "pipeline: a normalisation override is given for 'd1', which is not an "
                         "indicator",
                         spec_error);
    pipeline_spec spec2;
    spec2.aggregate_overrides["a"] = aggregate::geometric{};
    CHECK_THROWS_WITH_AS(run(tree(), data(), spec2),
                         "pipeline: an aggregation override is given for 'a', which is an "
                         "indicator",
                         spec_error);
  }

  TEST_CASE("invalid strategy parameters are spec_errors, in overrides too") {
    pipeline_spec spec;
    spec.normalize = normalize::min_max{5.0, 5.0};
    CHECK_THROWS_WITH_AS(run(tree(), data(), spec),
                         doctest::Contains("normalize::min_max: 'lo' must be less than 'hi'"),
                         spec_error);
    pipeline_spec spec2;
    spec2.normalize_overrides["b"] = normalize::z_score{0.0, -1.0};
    CHECK_THROWS_WITH_AS(run(tree(), data(), spec2),
                         doctest::Contains("normalize::z_score: 'sd' must be positive"),
                         spec_error);
    pipeline_spec spec3;
    spec3.missing = missing::skip{7.0};
    CHECK_THROWS_WITH_AS(validate(tree(), spec3),
                         doctest::Contains("missing::skip: 'min_share' must be in [0, 1]"),
                         spec_error);
    CHECK_NOTHROW(validate(tree(), pipeline_spec{}));
  }

  TEST_CASE("a column absent from the data is a data_error naming indicator and column") {
    const dataset no_c({"u1", "u2"}, {"a", "b", "c"}, {1.0, 2.0, 3.0, 4.0, 5.0, 6.0});
    CHECK_THROWS_WITH_AS(run(tree(), no_c),
                         "pipeline: the data lack the column of indicator 'c' (column 'c_col')",
                         data_error);
    // every absent column is listed
    const dataset only_a({"u1", "u2"}, {"a"}, {1.0, 2.0});
    CHECK_THROWS_WITH_AS(run(tree(), only_a),
                         "pipeline: the data lack the column of indicator 'b' (column 'b'), 'c' "
                         "(column 'c_col')",
                         data_error);
  }

  TEST_CASE("normalisation data errors reach the caller with the indicator code") {
    const dataset flat_a({"u1", "u2"}, {"a", "b", "c_col"}, {3.0, 3.0, 1.0, 2.0, 1.0, 2.0});
    CHECK_THROWS_WITH_AS(run(tree(), flat_a),
                         doctest::Contains("normalize::min_max: indicator 'a' has zero range"),
                         data_error);
  }

  TEST_CASE("rank_scope all, aggregates, root") {
    pipeline_spec spec;
    spec.ranks = rank_scope::all;
    const result all = run(tree(), data(), spec);
    CHECK(all.rank("a").size() == 4);
    CHECK(all.rank("c").size() == 4);
    CHECK(all.rank("d1").size() == 4);
    CHECK(all.rank("idx").size() == 4);

    spec.ranks = rank_scope::aggregates;
    const result aggs = run(tree(), data(), spec);
    CHECK(aggs.rank("a").empty());
    CHECK(aggs.rank("c").empty());
    CHECK(aggs.rank("d1").size() == 4);
    CHECK(aggs.rank("d2").size() == 4);
    CHECK(aggs.rank("idx").size() == 4);
    check_close(aggs.rank("idx"), {3.0, 2.0, 1.0, 4.0});

    spec.ranks = rank_scope::root;
    const result root = run(tree(), data(), spec);
    CHECK(root.rank("a").empty());
    CHECK(root.rank("d1").empty());
    CHECK(root.rank("d2").empty());
    check_close(root.rank("idx"), {3.0, 2.0, 1.0, 4.0});
    // scores are computed whatever is ranked
    CHECK(same_bits(root.score("d1"), all.score("d1")));
  }

  TEST_CASE("the ties policy reaches the ranks") {
    // c ties: 10 10 30 40 -> normalised 0 0 66.7 100 -> ranks min 3 3 2 1, dense 3 3 2 1,
    // average 3.5 3.5 2 1
    const dataset tied({"u1", "u2", "u3", "u4"}, {"a", "b", "c_col"},
                       {0.0, 5.0, 10.0, 1.0, 1.0, 2.0, 3.0, 4.0, 10.0, 10.0, 30.0, 40.0});
    pipeline_spec spec;
    spec.ties = rank::ties::average;
    const result avg = run(tree(), tied, spec);
    CHECK(avg.ties() == rank::ties::average);
    check_close(avg.rank("c"), {3.5, 3.5, 2.0, 1.0});
    spec.ties = rank::ties::dense;
    check_close(run(tree(), tied, spec).rank("c"), {3.0, 3.0, 2.0, 1.0});
  }

  TEST_CASE("unknown units and nodes in a result are unknown_code_errors") {
    const result r = run(tree(), data());
    CHECK_THROWS_WITH_AS(r.unit_index("zz"), "result: unknown unit 'zz'", unknown_code_error);
    CHECK_THROWS_WITH_AS(r.score("zz", "idx"), "result: unknown unit 'zz'", unknown_code_error);
    CHECK_THROWS_WITH_AS(r.score("nope"), "framework: unknown node 'nope'", unknown_code_error);
    CHECK_THROWS_WITH_AS(r.rank("nope"), "framework: unknown node 'nope'", unknown_code_error);
  }

  TEST_CASE("make_plan resolves weights and one aggregator per aggregate node") {
    const framework fw = tree();
    pipeline_spec spec;
    spec.aggregate_overrides["d2"] = aggregate::harmonic{};
    spec.ties = rank::ties::dense;
    spec.ranks = rank_scope::root;
    const evaluation_plan plan = make_plan(fw, spec);
    CHECK(plan.weights == detail::node_weights(fw, weights::explicit_weights{}));
    REQUIRE(plan.aggregators.size() == fw.aggregation_order().size());
    for (std::size_t slot = 0; slot < plan.aggregators.size(); ++slot) {
      const std::string code = fw[fw.aggregation_order()[slot]].code;
      CAPTURE(code);
      CHECK(aggregate::name_of(plan.aggregators[slot]) ==
            (code == "d2" ? "harmonic" : "arithmetic"));
    }
    CHECK(plan.ties == rank::ties::dense);
    CHECK(plan.ranks == rank_scope::root);
  }

  TEST_CASE("evaluate reuse: a second evaluation in the same workspace and result matches a "
            "fresh run exactly") {
    const framework fw = tree();
    const auto shared = std::make_shared<const framework>(fw);
    pipeline_spec spec1;
    const auto prepared = prepare(shared, data(), spec1);

    evaluation_workspace ws;
    result out;
    evaluate(prepared, make_plan(fw, spec1), ws, out);
    check_identical(out, run(fw, data(), spec1));
    const double idx_u1_first = out.score("u1", "idx");

    // different weights (equal instead of explicit): same prepared data, same ws and out
    pipeline_spec spec2;
    spec2.weights = weights::equal{};
    evaluate(prepared, make_plan(fw, spec2), ws, out);
    const result fresh2 = run(fw, data(), spec2);
    check_identical(out, fresh2);
    // equal weights: idx u1 = (d1 + d2)/2 = (50 + 0)/2 = 25, not 37.5 any more
    CHECK(idx_u1_first == 37.5);
    CHECK(out.score("u1", "idx") == 25.0);

    // hand-edited plan weights and a changed aggregator and missing policy
    evaluation_plan plan3 = make_plan(fw, spec1);
    plan3.weights[fw.index_of("d1")] = 0.5;
    plan3.weights[fw.index_of("d2")] = 0.5;
    plan3.missing = missing::propagate{};
    evaluate(prepared, plan3, ws, out);
    pipeline_spec spec3 = spec2; // equal weights give the same 0.5 / 0.5 / 0.5 here
    spec3.missing = missing::propagate{};
    check_identical(out, run(fw, data(), spec3));
    // propagate: u4 lacks a, so d1 and idx are NaN, with one diagnostic each
    CHECK(std::isnan(out.score("u4", "idx")));

    // back to the first plan: diagnostics of the previous evaluation do not linger
    evaluate(prepared, make_plan(fw, spec1), ws, out);
    check_identical(out, run(fw, data(), spec1));
  }

  TEST_CASE("prepare records what evaluation checks of each column; evaluation agrees without") {
    const framework fw = tree();
    const auto shared = std::make_shared<const framework>(fw);
    pipeline_spec spec;
    spec.normalize = normalize::min_max{1.0, 100.0}; // every value above 0, but a is missing once
    const auto prepared = prepare(shared, data(), spec);
    namespace d = govmetrics::detail;
    REQUIRE(prepared->column_flags.size() == 3);
    CHECK(prepared->column_flags[0] == d::flag_known); // a: a NaN, which is not above 0 either
    CHECK(prepared->column_flags[1] == (d::flag_known | d::flag_no_nan | d::flag_positive));
    CHECK(prepared->column_flags[2] == (d::flag_known | d::flag_no_nan | d::flag_positive));
    spec.normalize = normalize::min_max{0.0, 100.0}; // 0 is not above 0
    const auto zero = prepare(shared, data(), spec);
    CHECK(zero->column_flags[1] == (d::flag_known | d::flag_no_nan));
    // the same data without the record (as after a change of `values`): evaluation counts, and
    // the scores are the same bits, under the geometric mean (which reads `positive`) too
    pipeline_spec geo = spec;
    geo.normalize = normalize::min_max{1.0, 100.0};
    geo.aggregate = aggregate::geometric{};
    for (const auto& p : {prepared, zero}) {
      auto bare = std::make_shared<prepared_data>(*p);
      bare->column_flags.clear();
      // (the geometric mean only where every value is above 0)
      for (const pipeline_spec& sp : {spec, p == prepared ? geo : spec}) {
        evaluation_workspace ws1;
        evaluation_workspace ws2;
        result with;
        result without;
        evaluate(p, make_plan(fw, sp), ws1, with);
        evaluate(bare, make_plan(fw, sp), ws2, without);
        for (std::size_t nd = 0; nd < fw.size(); ++nd) {
          CAPTURE(nd);
          CHECK(same_bits(with.score(nd), without.score(nd)));
        }
        CHECK(with.diagnostics().size() == without.diagnostics().size());
      }
    }
  }

  TEST_CASE("model::run keeps its scratch per thread: runs of different models and data in turn, "
            "and an error between them, give a fresh run's bits") {
    const auto shared = std::make_shared<const framework>(tree());
    pipeline_spec arith;
    pipeline_spec geo;
    geo.normalize = normalize::min_max{1.0, 100.0};
    geo.aggregate = aggregate::geometric{};
    const model m1(shared, arith);
    const model m2(shared, geo);
    dataset other = data();
    other.column("b")[2] = 30.0;
    const auto fresh = [&](const model& m, const dataset& d) {
      result out;
      evaluation_workspace ws;
      m.evaluate(m.prepare(d), ws, out);
      return out;
    };
    for (int round = 0; round < 2; ++round) {
      check_identical(m1.run(data()), fresh(m1, data()));
      check_identical(m2.run(other), fresh(m2, other));
      check_identical(m2.run(data()), fresh(m2, data()));
      // a failing run (zero range) leaves nothing behind for the next one
      dataset flat = data();
      for (std::size_t u = 0; u < 4; ++u)
        flat.column("b")[u] = 2.0;
      CHECK_THROWS_AS(m1.run(flat), data_error);
      check_identical(m1.run(other), fresh(m1, other));
    }
  }

  TEST_CASE("evaluating with another ties policy than the indicators were ranked with is a "
            "spec_error") {
    const framework fw = tree();
    pipeline_spec spec; // ties min, indicators ranked (rank_scope::all)
    const auto prepared = prepare(std::make_shared<const framework>(fw), data(), spec);
    evaluation_plan plan = make_plan(fw, spec);
    plan.ties = rank::ties::dense;
    evaluation_workspace ws;
    result out;
    CHECK_THROWS_WITH_AS(evaluate(prepared, plan, ws, out),
                         "pipeline: the indicators were ranked with ties 'min' but evaluation asks "
                         "for 'dense' (prepare with the same ties policy)",
                         spec_error);
    // without indicator ranks there is nothing to disagree with
    spec.ranks = rank_scope::aggregates;
    const auto unranked = prepare(std::make_shared<const framework>(fw), data(), spec);
    plan.ranks = rank_scope::aggregates;
    CHECK_NOTHROW(evaluate(unranked, plan, ws, out));
    CHECK(out.ties() == rank::ties::dense);
  }

  TEST_CASE("a result reused for other data forgets the old units") {
    const framework fw = tree();
    const auto shared = std::make_shared<const framework>(fw);
    const auto plan = make_plan(fw, pipeline_spec{});
    evaluation_workspace ws;
    result out;
    evaluate(prepare(shared, data(), pipeline_spec{}), plan, ws, out);
    CHECK(out.unit_index("u3") == 2);
    const dataset other({"x1", "x2"}, {"a", "b", "c_col"}, {1.0, 2.0, 3.0, 4.0, 5.0, 6.0});
    evaluate(prepare(shared, other, pipeline_spec{}), plan, ws, out);
    CHECK(out.n_units() == 2);
    CHECK(out.unit_index("x2") == 1);
    CHECK_THROWS_WITH_AS(out.unit_index("u3"), "result: unknown unit 'u3'", unknown_code_error);
    check_identical(out, run(fw, other));
  }
}

} // namespace unit_pipeline_run_test
