// Tests of govmetrics/pipeline/stages.hpp through run(): the data stages denominate -> impute ->
// screen before treatment and normalisation, their data sets, records and diagnostics, and their
// errors. Every expectation is computed by hand in the comments.
#include "govmetrics/pipeline/run.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_pipeline_stages_test {

namespace {

using namespace govmetrics;

constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();

void check_column(column_view got, const std::vector<double>& want) {
  REQUIRE(got.size() == want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    CAPTURE(i);
    if (std::isnan(want[i])) {
      CHECK(std::isnan(got[i]));
    } else {
      CHECK(got[i] == doctest::Approx(want[i]).epsilon(1e-12));
    }
  }
}

bool has_diagnostic(const result& r, const std::string& text) {
  for (const auto& d : r.diagnostics()) {
    if (d.message.find(text) != std::string::npos)
      return true;
  }
  return false;
}

/// idx -> a (denominated by 'pop'), b
framework per_capita_tree() {
  node a = make_indicator("a", "idx");
  a.denominator = "pop";
  return framework({make_aggregate("idx"), a, make_indicator("b", "idx")});
}

/// idx -> a, b, c (all positive)
framework three_tree() {
  return framework({make_aggregate("idx"), make_indicator("a", "idx"), make_indicator("b", "idx"),
                    make_indicator("c", "idx")});
}

} // namespace

TEST_SUITE("pipeline data stages: denominate") {
  TEST_CASE("x / denominator before everything; zero and missing denominators give NaN") {
    // a = 10 20 30 40 50, pop = 1 2 0 NaN 5 -> 10 10 NaN NaN 10; b = 1 2 3 4 5 as given
    const dataset d({"u1", "u2", "u3", "u4", "u5"}, {"a", "b", "pop"},
                    {10, 20, 30, 40, 50, 1, 2, 3, 4, 5, 1, 2, 0, nan_v, 5});
    pipeline_spec spec;
    spec.normalize = normalize::none{};
    const auto r = run(per_capita_tree(), d, spec);
    check_column(r.denominated("a"), {10, 10, nan_v, nan_v, 10});
    check_column(r.denominated("b"), {1, 2, 3, 4, 5});
    CHECK(r.imputed("a").empty()); // the other stages did not run
    CHECK(r.screened("a").empty());
    check_column(r.score("a"), {10, 10, nan_v, nan_v, 10}); // normalize none: the stage's values
    CHECK(has_diagnostic(r, "denominate: indicator 'a' has denominator 'pop' equal to 0 for 1 "
                            "unit ('u3'); set to missing (COINr would give Inf or NaN)"));
    CHECK(has_diagnostic(
        r, "denominate: indicator 'a' has denominator 'pop' missing for 1 unit ('u4')"));
    // the warning is a warning, the missing denominator a note
    for (const auto& diag : r.diagnostics()) {
      if (diag.component == "denominate")
        CHECK((diag.severity == diagnostic::level::warning) ==
              (diag.message.find("equal to 0") != std::string::npos));
    }
  }

  TEST_CASE("an absent denominator column is a data_error naming indicator and column") {
    const dataset d({"u1", "u2"}, {"a", "b"}, {1, 2, 3, 4});
    CHECK_THROWS_WITH_AS(run(per_capita_tree(), d),
                         "denominate: the data lack the denominator column of indicator 'a' "
                         "(denominator column 'pop')",
                         data_error);
  }

  TEST_CASE("a denominator on an aggregate is a spec_error of the tree") {
    node agg = make_aggregate("idx");
    agg.denominator = "pop";
    CHECK_THROWS_WITH_AS(framework({agg, make_indicator("a", "idx")}),
                         doctest::Contains("node 'idx' has denominator 'pop' but is not an "
                                           "indicator"),
                         spec_error);
  }
}

TEST_SUITE("pipeline data stages: impute") {
  TEST_CASE("group means on the denominated values (denominate comes first)") {
    // a = 10 NaN 30 40, pop = 2 5 3 4 -> denominated 5 NaN 10 10; group x = {u1, u2}: u2 <- 5
    // (imputing before dividing would give 10 / 5 = 2). b: NaN in group y = {u3, u4}: u3 <- 8
    dataset d({"u1", "u2", "u3", "u4"}, {"a", "b", "pop"},
              {10, nan_v, 30, 40, 1, 2, nan_v, 8, 2, 5, 3, 4});
    d.add_labels("grp", {"x", "x", "y", "y"});
    pipeline_spec spec;
    spec.impute = impute::mean{"grp"};
    spec.normalize = normalize::none{};
    const auto r = run(per_capita_tree(), d, spec);
    check_column(r.imputed("a"), {5, 5, 10, 10});
    check_column(r.imputed("b"), {1, 2, 8, 8});
    REQUIRE(r.imputation().size() == 2);
    CHECK(r.imputation()[0].indicator == "a");
    CHECK(r.imputation()[0].imputed() == 1);
    CHECK(r.imputation()[1].units == std::vector<std::size_t>{2});
    CHECK(has_diagnostic(r, "impute: indicator 'a': 1 cell imputed (mean by 'grp'; 'u2')"));
    // the same on a dataset_view with the labels added to the view
    dataset_view v(d);
    CHECK(v.has_labels("grp"));
    const auto rv = run(per_capita_tree(), v, spec);
    check_column(rv.imputed("a"), {5, 5, 10, 10});
  }

  TEST_CASE("a group without data: its cells stay NaN with a warning; the rest proceeds") {
    // a = NaN NaN 30 40 in groups x x y y: group x has no data
    dataset d({"u1", "u2", "u3", "u4"}, {"a", "b", "c"},
              {nan_v, nan_v, 30, 40, 1, 2, 3, 4, 1, 2, 3, 4});
    d.add_labels("grp", {"x", "x", "y", "y"});
    pipeline_spec spec;
    spec.impute = impute::median{"grp"};
    const auto r = run(three_tree(), d, spec);
    check_column(r.imputed("a"), {nan_v, nan_v, 30, 40});
    check_column(r.score("a"), {nan_v, nan_v, 0, 100});
    REQUIRE(r.imputation().size() == 3);
    CHECK(r.imputation()[0].left_missing == 2);
    CHECK(has_diagnostic(r, "impute: indicator 'a' has no data in group 'x'; its missing cells "
                            "stay missing (median by 'grp')"));
  }

  TEST_CASE("per-indicator overrides: none exempts, another method replaces") {
    // a = 1 NaN 3 8 -> mean 4 (default); b = 1 NaN 3 8 exempt; c = 1 NaN 3 8 -> median 3
    const dataset d({"u1", "u2", "u3", "u4"}, {"a", "b", "c"},
                    {1, nan_v, 3, 8, 1, nan_v, 3, 8, 1, nan_v, 3, 8});
    pipeline_spec spec;
    spec.impute = impute::mean{};
    spec.impute_overrides["b"] = impute::none{};
    spec.impute_overrides["c"] = impute::median{};
    spec.normalize = normalize::none{};
    const auto r = run(three_tree(), d, spec);
    check_column(r.imputed("a"), {1, 4, 3, 8});
    check_column(r.imputed("b"), {1, nan_v, 3, 8});
    check_column(r.imputed("c"), {1, 3, 3, 8});
    CHECK(r.imputation().size() == 2); // b has none
  }

  TEST_CASE("a group column absent from the data is a data_error naming it") {
    const dataset d({"u1", "u2"}, {"a", "b", "c"}, {1, nan_v, 1, 2, 1, 2});
    pipeline_spec spec;
    spec.impute = impute::mean{"region"};
    CHECK_THROWS_WITH_AS(run(three_tree(), d, spec),
                         "impute::mean: indicator 'a' is imputed by group 'region', but the data "
                         "have no such label column (no label columns; read it with "
                         "csv_options::label_columns)",
                         data_error);
  }

  TEST_CASE("an imputation override on an aggregate is a spec_error") {
    const dataset d({"u1", "u2"}, {"a", "b", "c"}, {1, 2, 1, 2, 1, 2});
    pipeline_spec spec;
    spec.impute_overrides["idx"] = impute::mean{};
    CHECK_THROWS_WITH_AS(
        run(three_tree(), d, spec),
        "pipeline: an imputation override is given for 'idx', which is not an indicator",
        spec_error);
  }
}

TEST_SUITE("pipeline data stages: screen") {
  TEST_CASE("a unit below min_share is kept with NaN and takes no part in the fits") {
    // a = 1 2 3 NaN, b = 10 20 40 NaN, c = 5 NaN 7 9: u4 has 1 of 3 (0.333 < 0.5): screened.
    // min-max without u4: a 0 50 100; b 0 33.33 100; c 0 - 100 (with u4, c(u3) would be 50).
    // idx = mean of available children: u1 0, u2 (50 + 33.33) / 2 = 41.67, u3 100, u4 NaN.
    const dataset d({"u1", "u2", "u3", "u4"}, {"a", "b", "c"},
                    {1, 2, 3, nan_v, 10, 20, 40, nan_v, 5, nan_v, 7, 9});
    pipeline_spec spec;
    spec.screen.min_share = 0.5;
    const auto r = run(three_tree(), d, spec);
    CHECK(r.screened_units() == std::vector<std::string>{"u4"});
    check_column(r.screened("c"), {5, nan_v, 7, nan_v});
    check_column(r.score("c"), {0, nan_v, 100, nan_v});
    check_column(r.score("idx"), {0, (50.0 + 100.0 / 3.0) / 2.0, 100, nan_v});
    CHECK(std::isnan(r.rank("idx")[3]));
    REQUIRE(r.prepared().unit_shares.size() == 4);
    CHECK(r.prepared().unit_shares[1] == doctest::Approx(2.0 / 3.0));
    CHECK(has_diagnostic(r, "screen: unit 'u4' screened out: 1 of 3 indicators available (share "
                            "0.3333333333333333 < min_share 0.5); kept in the results with missing "
                            "values"));
  }

  TEST_CASE("an indicator below indicator_min_share becomes all-NaN; its parent uses the rest") {
    // c = 5 NaN NaN 9: coverage 0.5 < 0.8. a = 1 2 3 4 -> 0 33.3 66.7 100;
    // b = 10 20 40 80 -> 0 14.29 42.86 100; idx = mean(a, b)
    const dataset d({"u1", "u2", "u3", "u4"}, {"a", "b", "c"},
                    {1, 2, 3, 4, 10, 20, 40, 80, 5, nan_v, nan_v, 9});
    pipeline_spec spec;
    spec.screen.indicator_min_share = 0.8;
    const auto r = run(three_tree(), d, spec);
    CHECK(r.screened_indicators() == std::vector<std::string>{"c"});
    CHECK(r.screened_units().empty());
    check_column(r.score("c"), {nan_v, nan_v, nan_v, nan_v});
    check_column(r.score("idx"), {0, (100.0 / 3.0 + 1000.0 / 70.0) / 2.0,
                                  (200.0 / 3.0 + 3000.0 / 70.0) / 2.0, 100});
    REQUIRE(r.params().size() == 3);
    CHECK(r.params()[2].method == "screened_out");
    CHECK(has_diagnostic(r, "screen: indicator 'c' screened out: data for 2 of 4 units (share 0.5 "
                            "< indicator_min_share 0.8)"));
  }

  TEST_CASE("indicator coverage counts the units left after unit screening") {
    // u4 (1 of 3) is screened out first; then b has 2 of the 3 remaining units (0.667 >= 0.6),
    // though only 2 of 4 units over all (0.5 < 0.6): b is kept.
    const dataset d({"u1", "u2", "u3", "u4"}, {"a", "b", "c"},
                    {1, 2, 3, nan_v, 1, nan_v, 3, nan_v, 1, 2, 3, 4});
    pipeline_spec spec;
    spec.screen = missing::screen{0.5, 0.6};
    const auto r = run(three_tree(), d, spec);
    CHECK(r.screened_units() == std::vector<std::string>{"u4"});
    CHECK(r.screened_indicators().empty());
  }

  TEST_CASE("screening runs on the imputed data (COINr Screen on the Imputed set)") {
    // u4 misses a and b; imputation fills them, so u4 has 3 of 3 and stays
    const dataset d({"u1", "u2", "u3", "u4"}, {"a", "b", "c"},
                    {1, 2, 3, nan_v, 10, 20, 40, nan_v, 5, 6, 7, 9});
    pipeline_spec spec;
    spec.impute = impute::mean{};
    spec.screen.min_share = 0.9;
    const auto r = run(three_tree(), d, spec);
    CHECK(r.screened_units().empty());
    check_column(r.screened("a"), {1, 2, 3, 2});
  }

  TEST_CASE("every unit screened out is a data_error") {
    const dataset d({"u1", "u2"}, {"a", "b", "c"}, {1, nan_v, nan_v, 2, nan_v, nan_v});
    pipeline_spec spec;
    spec.screen.min_share = 0.9;
    CHECK_THROWS_WITH_AS(run(three_tree(), d, spec),
                         "screen: every unit is below min_share 0.9 (2 units; nothing left to "
                         "compute)",
                         data_error);
  }

  TEST_CASE("invalid thresholds are a spec_error before any work") {
    const dataset d({"u1", "u2"}, {"a", "b", "c"}, {1, 2, 1, 2, 1, 2});
    pipeline_spec spec;
    spec.screen.min_share = 1.5;
    CHECK_THROWS_WITH_AS(run(three_tree(), d, spec),
                         "missing::screen: 'min_share' must be in [0, 1] (got 1.5)", spec_error);
  }

  TEST_CASE("a single unit: screening and imputation have nothing to compare with") {
    const dataset d({"u1"}, {"a", "b", "c"}, {1, nan_v, 3});
    pipeline_spec spec;
    spec.impute = impute::mean{};
    spec.screen.min_share = 0.5;
    spec.normalize = normalize::none{};
    const auto r = run(three_tree(), d, spec);
    CHECK(r.screened_units().empty()); // 2 of 3 available
    CHECK(std::isnan(r.imputed("b")[0]));
    CHECK(r.imputation()[1].left_missing == 1);
    CHECK(r.score("idx")[0] == 2.0); // mean of 1 and 3
  }
}

} // namespace unit_pipeline_stages_test
