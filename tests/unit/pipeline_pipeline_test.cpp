// Tests of govmetrics/pipeline/pipeline.hpp: the compile-time pipeline (strategy types as template
// parameters). It must agree with the run-time path (govmetrics::run) to the last bit.
#include "govmetrics/pipeline/pipeline.hpp"

#include "govmetrics/pipeline/run.hpp"

#include "bits_helpers.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <string>
#include <vector>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_pipeline_pipeline_test {

namespace {

using namespace govmetrics;

constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();

///   idx
///   +- infra (w 2):   i1, i2 (negative), i3 (w 0.5)
///   +- admin (w 1):   s1 (w 1): i4 (negative), i5;  s2 (w 3): i6
///   +- life (w 1.5):  i7 (negative), i8
framework tree() {
  return framework(
      {make_aggregate("idx"), make_aggregate("infra", "idx", 2.0),
       make_aggregate("admin", "idx", 1.0), make_aggregate("life", "idx", 1.5),
       make_indicator("i1", "infra"), make_indicator("i2", "infra", 1.0, direction::negative),
       make_indicator("i3", "infra", 0.5), make_aggregate("s1", "admin", 1.0),
       make_aggregate("s2", "admin", 3.0), make_indicator("i4", "s1", 1.0, direction::negative),
       make_indicator("i5", "s1"), make_indicator("i6", "s2"),
       make_indicator("i7", "life", 1.0, direction::negative), make_indicator("i8", "life")});
}

/// 13 units x 8 indicators, deterministic, with ties (9 distinct values per column), NaNs (about
/// 1 in 7) and negative values.
dataset data() {
  const std::size_t n_units = 13;
  const std::vector<std::string> inds{"i1", "i2", "i3", "i4", "i5", "i6", "i7", "i8"};
  std::vector<std::string> units;
  for (std::size_t u = 0; u < n_units; ++u)
    units.push_back("u" + std::to_string(u + 1));
  std::vector<double> v;
  for (std::size_t j = 0; j < inds.size(); ++j) {
    for (std::size_t u = 0; u < n_units; ++u) {
      if ((u + 2 * j) % 7 == 3) {
        v.push_back(nan_v);
      } else {
        v.push_back(static_cast<double>((u * 37 + j * 11) % 9) * 0.75 - 4.0 +
                    0.1 * static_cast<double>(j));
      }
    }
  }
  return dataset(units, inds, v);
}

using govmetrics_test::same_bits;

std::size_t count_nan(column_view a) {
  std::size_t k = 0;
  for (double v : a)
    k += std::isnan(v) ? 1U : 0U;
  return k;
}

/// Every score, rank, weight, method, fitted parameter and diagnostic of two results agree.
void check_identical(const result& x, const result& y) {
  REQUIRE(x.n_nodes() == y.n_nodes());
  REQUIRE(x.n_units() == y.n_units());
  for (std::size_t i = 0; i < x.n_nodes(); ++i) {
    CAPTURE(x.tree()[i].code);
    CHECK(same_bits(x.score(i), y.score(i)));
    CHECK(same_bits(x.rank(i), y.rank(i)));
  }
  CHECK(x.weights() == y.weights());
  CHECK(x.aggregation_methods() == y.aggregation_methods());
  REQUIRE(x.params().size() == y.params().size());
  for (std::size_t s = 0; s < x.params().size(); ++s) {
    CHECK(x.params()[s].indicator == y.params()[s].indicator);
    CHECK(x.params()[s].method == y.params()[s].method);
    REQUIRE(x.params()[s].values.size() == y.params()[s].values.size());
    for (std::size_t k = 0; k < x.params()[s].values.size(); ++k) {
      CHECK(x.params()[s].values[k].first == y.params()[s].values[k].first);
      CHECK(std::memcmp(&x.params()[s].values[k].second, &y.params()[s].values[k].second,
                        sizeof(double)) == 0);
    }
  }
  const auto dx = x.diagnostics();
  const auto dy = y.diagnostics();
  REQUIRE(dx.size() == dy.size());
  for (std::size_t k = 0; k < dx.size(); ++k)
    CHECK(dx[k].message == dy[k].message);
  CHECK(x.ties() == y.ties());
}

/// Runs the compile-time pipeline for (m, n, a) and the run-time one for the same choices, and
/// checks that they agree to the last bit. Returns the compile-time result for further checks.
template <class Missing, class Normalize, class Aggregate>
result check_paths_agree(Missing m, Normalize n, Aggregate a, const run_options& opt = {}) {
  const framework fw = tree();
  const dataset d = data();
  const auto p = make_pipeline(m, treat::none{}, n, a);
  const result compile_time = p.run(fw, d, opt);

  pipeline_spec spec;
  spec.missing = m;
  spec.normalize = n;
  spec.aggregate = a;
  spec.weights = opt.weights;
  spec.ties = opt.ties;
  spec.ranks = opt.ranks;
  const result run_time = run(fw, d, spec);
  check_identical(compile_time, run_time);
  return compile_time;
}

} // namespace

TEST_SUITE("pipeline") {
  TEST_CASE("the test data have what the agreement tests need") {
    const dataset d = data();
    CHECK(d.count_missing() > 8);
    bool negative_value = false;
    for (double v : d.values())
      negative_value = negative_value || v < 0.0;
    CHECK(negative_value);
    // ties within an indicator, so that the ties policies matter
    const auto i1 = d.column("i1");
    bool tie = false;
    for (std::size_t a = 0; a < i1.size(); ++a)
      for (std::size_t b = a + 1; b < i1.size(); ++b)
        tie = tie || i1[a] == i1[b];
    CHECK(tie);
  }

  TEST_CASE("compile-time and run-time agree to the last bit: min_max + arithmetic") {
    const result r =
        check_paths_agree(missing::skip{}, normalize::min_max{}, aggregate::arithmetic{});
    CHECK(r.aggregation_methods()[0] == "arithmetic");
    CHECK(r.params()[1].method == "min_max");
    CHECK(count_nan(r.score("i2")) > 0); // NaNs went through
  }

  TEST_CASE("compile-time and run-time agree to the last bit: z_score{100, 10} + geometric") {
    // z-scores of 13 values lie within +-(n - 1)/sqrt(n) = +-3.33, so 100 + 10 z > 0
    const result r =
        check_paths_agree(missing::skip{}, normalize::z_score{100.0, 10.0}, aggregate::geometric{});
    CHECK(r.aggregation_methods()[0] == "geometric");
  }

  TEST_CASE("compile-time and run-time agree to the last bit: min_max{1, 100} + geometric") {
    check_paths_agree(missing::skip{}, normalize::min_max{1.0, 100.0}, aggregate::geometric{});
  }

  TEST_CASE("compile-time and run-time agree to the last bit: rank + harmonic") {
    const result r = check_paths_agree(missing::skip{}, normalize::rank{}, aggregate::harmonic{});
    CHECK(r.aggregation_methods()[0] == "harmonic");
  }

  TEST_CASE("compile-time and run-time agree to the last bit: other policies and options") {
    run_options opt;
    opt.weights = weights::equal{};
    opt.ties = rank::ties::average;
    opt.ranks = rank_scope::aggregates;
    check_paths_agree(missing::propagate{}, normalize::percentile_rank{}, aggregate::arithmetic{},
                      opt);
    opt.ties = rank::ties::dense;
    opt.ranks = rank_scope::root;
    check_paths_agree(missing::skip{0.5}, normalize::goalposts{-5.0, 15.0, true, 100.0},
                      aggregate::arithmetic{}, opt);
    check_paths_agree(missing::skip{}, normalize::none{}, aggregate::arithmetic{});
    // indicator ranks with a non-default ties policy (rank_scope::all ranks the indicators too)
    opt.ties = rank::ties::average;
    opt.ranks = rank_scope::all;
    const result r =
        check_paths_agree(missing::skip{}, normalize::rank{}, aggregate::harmonic{}, opt);
    CHECK(r.rank("i1").size() == r.n_units());
    opt.ties = rank::ties::dense;
    check_paths_agree(missing::skip{}, normalize::min_max{}, aggregate::arithmetic{}, opt);
  }

  TEST_CASE("the compile-time path gives hand-computed values") {
    // idx over a (positive) and b (negative), weights 1 and 3; min-max 0..100.
    // a: 2 6 10 -> 0 50 100; b: 1 3 5 -> x' -1 -3 -5 -> (x' + 5)/4 * 100 = 100 50 0
    // idx = (a + 3 b)/4 = 75, 50, 25 -> ranks 1 2 3
    const framework fw({make_aggregate("idx"), make_indicator("a", "idx", 1.0),
                        make_indicator("b", "idx", 3.0, direction::negative)});
    const dataset d({"x", "y", "z"}, {"a", "b"}, {2.0, 6.0, 10.0, 1.0, 3.0, 5.0});
    const auto p = make_pipeline(missing::skip{}, treat::none{}, normalize::min_max{},
                                 aggregate::arithmetic{});
    const result r = p.run(fw, d);
    CHECK(r.score("x", "idx") == 75.0);
    CHECK(r.score("y", "idx") == 50.0);
    CHECK(r.score("z", "idx") == 25.0);
    CHECK(r.rank("idx")[0] == 1.0);
    CHECK(r.rank("idx")[2] == 3.0);
    CHECK(r.score("x", "b") == 100.0);
    CHECK(r.weights()[fw.index_of("b")] == 0.75);
  }

  TEST_CASE("accessors return the strategies") {
    const auto p = make_pipeline(missing::skip{0.25}, treat::none{}, normalize::min_max{1.0, 10.0},
                                 aggregate::geometric{});
    CHECK(p.missing().min_share == 0.25);
    CHECK(p.normalizer().lo == 1.0);
    CHECK(p.normalizer().hi == 10.0);
    CHECK(std::string(p.aggregator().name()) == "geometric");
    CHECK(std::string(p.treat().name()) == "none");
  }

  TEST_CASE("make_pipeline validates every strategy: spec_error") {
    CHECK_THROWS_WITH_AS(make_pipeline(missing::skip{}, treat::none{}, normalize::z_score{0.0, 0.0},
                                       aggregate::arithmetic{}),
                         "normalize::z_score: 'sd' must be positive (sd 0)", spec_error);
    CHECK_THROWS_WITH_AS(make_pipeline(missing::skip{}, treat::none{}, normalize::min_max{3.0, 1.0},
                                       aggregate::arithmetic{}),
                         "normalize::min_max: 'lo' must be less than 'hi' (lo 3, hi 1)",
                         spec_error);
    CHECK_THROWS_WITH_AS(make_pipeline(missing::skip{1.5}, treat::none{}, normalize::none{},
                                       aggregate::arithmetic{}),
                         "missing::skip: 'min_share' must be in [0, 1] (got 1.5)", spec_error);
  }

  TEST_CASE("data errors from the compile-time path name what is wrong") {
    const auto p =
        make_pipeline(missing::skip{}, treat::none{}, normalize::min_max{}, aggregate::geometric{});
    // min-max 0..100 gives each minimum a 0, which a geometric mean cannot take
    CHECK_THROWS_WITH_AS(p.run(tree(), data()),
                         doctest::Contains("needs positive values, but child"), data_error);
    const dataset missing_column({"u1", "u2"}, {"i1"}, {1.0, 2.0});
    CHECK_THROWS_WITH_AS(p.run(tree(), missing_column),
                         doctest::Contains("pipeline: the data lack the column of indicator 'i2' "
                                           "(column 'i2')"),
                         data_error);
  }

  TEST_CASE("prepare once, evaluate with other weights: matches a fresh run exactly") {
    const framework fw = tree();
    const dataset d = data();
    const auto p = make_pipeline(missing::skip{}, treat::none{}, normalize::min_max{1.0, 100.0},
                                 aggregate::geometric{});
    const auto shared = std::make_shared<const framework>(fw);
    const run_options opt;
    const auto prepared = p.prepare(shared, d, opt);

    evaluation_workspace ws;
    result out;
    p.evaluate(prepared, detail::node_weights(fw, weights::explicit_weights{}), opt, ws, out);
    check_identical(out, p.run(fw, d, opt));
    const std::vector<double> first(out.score("idx").begin(), out.score("idx").end());

    run_options equal_opt;
    equal_opt.weights = weights::equal{};
    p.evaluate(prepared, detail::node_weights(fw, weights::equal{}), equal_opt, ws, out);
    check_identical(out, p.run(fw, d, equal_opt));
    // the weights really changed the index
    CHECK_FALSE(same_bits(out.score("idx"), column_view{first.data(), first.size()}));

    // and the run-time path with the same choices agrees too
    pipeline_spec spec;
    spec.normalize = normalize::min_max{1.0, 100.0};
    spec.aggregate = aggregate::geometric{};
    spec.weights = weights::equal{};
    check_identical(out, run(fw, d, spec));
  }
}

} // namespace unit_pipeline_pipeline_test
