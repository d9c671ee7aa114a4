// Tests of govmetrics/missing/policy.hpp: what aggregation does with missing children (skip and
// renormalise, with a minimum data share; or propagate), checked through the pipeline.
#include "govmetrics/missing/policy.hpp"

#include "govmetrics/pipeline/pipeline.hpp"
#include "govmetrics/pipeline/run.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_missing_policy_test {

namespace {

using namespace govmetrics;

constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();

/// idx over a (weight 1), b (weight 2), c (weight 1); normalised weights 1/4, 1/2, 1/4.
framework flat_tree() {
  return framework({make_aggregate("idx"), make_indicator("a", "idx", 1.0),
                    make_indicator("b", "idx", 2.0), make_indicator("c", "idx", 1.0)});
}

/// u1: 10 20 40 (complete); u2: 10 NaN 40; u3: NaN 20 NaN; u4: nothing.
dataset flat_data() {
  return dataset({"u1", "u2", "u3", "u4"}, {"a", "b", "c"},
                 {10.0, 10.0, nan_v, nan_v,   // a
                  20.0, nan_v, 20.0, nan_v,   // b
                  40.0, 40.0, nan_v, nan_v}); // c
}

result run_with(const missing::any& policy) {
  pipeline_spec spec;
  spec.normalize = normalize::none{};
  spec.missing = policy;
  return run(flat_tree(), flat_data(), spec);
}

std::vector<diagnostic> aggregate_diagnostics(const result& r) {
  std::vector<diagnostic> out;
  for (const auto& d : r.diagnostics()) {
    if (d.component == "aggregate")
      out.push_back(d);
  }
  return out;
}

bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

} // namespace

TEST_SUITE("missing::skip") {
  TEST_CASE("name and default") {
    CHECK(std::string(missing::skip::name()) == "skip");
    CHECK(missing::skip{}.min_share == 0.0);
    CHECK(missing::name_of(missing::any{missing::skip{}}) == "skip");
    CHECK(missing::name_of(missing::any{}) == "skip"); // the default alternative
  }

  TEST_CASE("missing children are skipped and the remaining weights renormalised") {
    const result r = run_with(missing::skip{});
    const auto idx = r.score("idx");
    // u1: (1*10 + 2*20 + 1*40)/4 = 90/4 = 22.5
    CHECK(idx[0] == 22.5);
    // u2: b missing; a and c keep 1/4 each, renormalised to 1/2 each: (10 + 40)/2 = 25
    CHECK(idx[1] == 25.0);
    // u3: only b (share 1/3): its own value, 20
    CHECK(idx[2] == 20.0);
    // u4: no child has data -> NaN, never dropped
    CHECK(std::isnan(idx[3]));
    CHECK(r.units().size() == 4);
  }

  TEST_CASE("all children missing: NaN plus a diagnostic naming node and unit") {
    const result r = run_with(missing::skip{});
    const auto diags = aggregate_diagnostics(r);
    REQUIRE(diags.size() == 1);
    CHECK(diags[0].severity == diagnostic::level::warning);
    CHECK(diags[0].node == "idx");
    CHECK(diags[0].unit == "u4");
    CHECK(diags[0].message ==
          "aggregate: node 'idx' is missing for unit 'u4' (0 of 3 children available; no child "
          "has data)");
    // the rank of a missing score is missing too
    CHECK(std::isnan(r.rank("idx")[3]));
  }

  TEST_CASE("missing raw data are reported as info diagnostics, before aggregation's") {
    const result r = run_with(missing::skip{});
    const auto all = r.diagnostics();
    REQUIRE(all.size() == 4);
    CHECK(all[0].severity == diagnostic::level::info);
    CHECK(all[0].component == "data");
    CHECK(all[0].node == "a");
    CHECK(all[0].message == "data: indicator 'a' is missing for 2 of 4 units ('u3', 'u4')");
    CHECK(all[1].message == "data: indicator 'b' is missing for 2 of 4 units ('u2', 'u4')");
    CHECK(all[2].message == "data: indicator 'c' is missing for 2 of 4 units ('u3', 'u4')");
    CHECK(all[3].component == "aggregate");
  }

  TEST_CASE("below min_share: NaN plus a diagnostic naming node, unit and the shares") {
    const result r = run_with(missing::skip{0.5});
    const auto idx = r.score("idx");
    CHECK(idx[0] == 22.5);
    CHECK(idx[1] == 25.0);     // share 2/3 >= 0.5: kept
    CHECK(std::isnan(idx[2])); // share 1/3 < 0.5
    CHECK(std::isnan(idx[3])); // share 0
    const auto diags = aggregate_diagnostics(r);
    REQUIRE(diags.size() == 2);
    CHECK(diags[0].node == "idx");
    CHECK(diags[0].unit == "u3");
    CHECK(contains(diags[0].message, "aggregate: node 'idx' is missing for unit 'u3' (1 of 3 "
                                     "children available; share 0.333"));
    CHECK(contains(diags[0].message, "< min_share 0.5)"));
    CHECK(diags[1].unit == "u4");
    CHECK(contains(diags[1].message, "no child has data"));
  }

  TEST_CASE("a share equal to min_share is kept; min_share 1 needs every child") {
    const result two_thirds = run_with(missing::skip{2.0 / 3.0});
    CHECK(two_thirds.score("idx")[1] == 25.0); // share 2/3 is not below 2/3
    CHECK(std::isnan(two_thirds.score("idx")[2]));

    const result all = run_with(missing::skip{1.0});
    CHECK(all.score("idx")[0] == 22.5);
    CHECK(std::isnan(all.score("idx")[1]));
    CHECK(std::isnan(all.score("idx")[2]));
    const auto diags = aggregate_diagnostics(all);
    REQUIRE(diags.size() == 3);
    CHECK(diags[0].unit == "u2");
    CHECK(contains(diags[0].message, "(2 of 3 children available; share 0.666"));
  }

  TEST_CASE("a zero-weight child does not count as missing") {
    const framework fw(
        {make_aggregate("idx"), make_indicator("a", "idx", 1.0), make_indicator("z", "idx", 0.0)});
    const dataset data({"u1"}, {"a", "z"}, {7.0, nan_v});
    pipeline_spec spec;
    spec.normalize = normalize::none{};
    spec.missing = missing::skip{1.0};
    const result r = run(fw, data, spec);
    CHECK(r.score("u1", "idx") == 7.0);
    CHECK(aggregate_diagnostics(r).empty());
  }

  TEST_CASE("a missing sub-aggregate is itself skipped one level up") {
    // idx = (d1 + d2)/2; d1 over a, b (both missing for u1) -> NaN; d2 over c = 6 -> idx = 6
    const framework fw({make_aggregate("idx"), make_aggregate("d1", "idx"),
                        make_aggregate("d2", "idx"), make_indicator("a", "d1"),
                        make_indicator("b", "d1"), make_indicator("c", "d2")});
    const dataset data({"u1", "u2"}, {"a", "b", "c"}, {nan_v, 2.0, nan_v, 4.0, 6.0, 8.0});
    pipeline_spec spec;
    spec.normalize = normalize::none{};
    const result r = run(fw, data, spec);
    CHECK(std::isnan(r.score("u1", "d1")));
    CHECK(r.score("u1", "idx") == 6.0);
    // u2: d1 = 3, d2 = 8, idx = 5.5
    CHECK(r.score("u2", "idx") == 5.5);
    const auto diags = aggregate_diagnostics(r);
    REQUIRE(diags.size() == 1);
    CHECK(diags[0].node == "d1");
    CHECK(diags[0].unit == "u1");
  }

  TEST_CASE("min_share outside [0, 1] is a spec_error") {
    CHECK_NOTHROW(missing::skip{0.0}.validate());
    CHECK_NOTHROW(missing::skip{1.0}.validate());
    CHECK_THROWS_WITH_AS(missing::skip{-0.1}.validate(),
                         "missing::skip: 'min_share' must be in [0, 1] (got -0.1)", spec_error);
    CHECK_THROWS_WITH_AS(missing::skip{1.5}.validate(),
                         "missing::skip: 'min_share' must be in [0, 1] (got 1.5)", spec_error);
    CHECK_THROWS_WITH_AS(missing::skip{nan_v}.validate(),
                         "missing::skip: 'min_share' must be in [0, 1] (got nan)", spec_error);
    // through both pipelines
    CHECK_THROWS_WITH_AS(run_with(missing::skip{2.0}),
                         doctest::Contains("missing::skip: 'min_share' must be in [0, 1]"),
                         spec_error);
    CHECK_THROWS_WITH_AS(make_pipeline(missing::skip{-1.0}, treat::none{}, normalize::none{},
                                       aggregate::arithmetic{}),
                         doctest::Contains("missing::skip: 'min_share' must be in [0, 1]"),
                         spec_error);
  }
}

TEST_SUITE("missing::propagate") {
  TEST_CASE("name") {
    CHECK(std::string(missing::propagate::name()) == "propagate");
    CHECK(missing::name_of(missing::any{missing::propagate{}}) == "propagate");
    CHECK_NOTHROW(missing::propagate{}.validate());
  }

  TEST_CASE("any missing child makes the node NaN, with a diagnostic per unit") {
    const result r = run_with(missing::propagate{});
    const auto idx = r.score("idx");
    CHECK(idx[0] == 22.5);
    CHECK(std::isnan(idx[1]));
    CHECK(std::isnan(idx[2]));
    CHECK(std::isnan(idx[3]));
    const auto diags = aggregate_diagnostics(r);
    REQUIRE(diags.size() == 3);
    CHECK(diags[0].unit == "u2");
    CHECK(diags[0].message == "aggregate: node 'idx' is missing for unit 'u2' (2 of 3 children "
                              "available; missing children propagate)");
    CHECK(diags[1].unit == "u3");
    CHECK(contains(diags[1].message, "(1 of 3 children available; missing children propagate)"));
    CHECK(diags[2].unit == "u4");
    CHECK(contains(diags[2].message, "(0 of 3 children available; no child has data)"));
  }

  TEST_CASE("propagates up the tree") {
    const framework fw({make_aggregate("idx"), make_aggregate("d1", "idx"),
                        make_aggregate("d2", "idx"), make_indicator("a", "d1"),
                        make_indicator("b", "d1"), make_indicator("c", "d2")});
    const dataset data({"u1"}, {"a", "b", "c"}, {nan_v, 4.0, 6.0});
    pipeline_spec spec;
    spec.normalize = normalize::none{};
    spec.missing = missing::propagate{};
    const result r = run(fw, data, spec);
    CHECK(std::isnan(r.score("u1", "d1")));
    CHECK(r.score("u1", "d2") == 6.0);
    CHECK(std::isnan(r.score("u1", "idx")));
  }
}

} // namespace unit_missing_policy_test
