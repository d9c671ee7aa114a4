// Tests of govmetrics/core/concepts.hpp: the detection traits of the strategy families.
#include "govmetrics/core/concepts.hpp"

#include "govmetrics/aggregate/any.hpp"
#include "govmetrics/normalize/any.hpp"

#include <doctest/doctest.h>

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_core_concepts_test {

namespace {

using govmetrics::fit_input;
using govmetrics::is_aggregator_v;
using govmetrics::is_normalizer_v;

// A complete normaliser, and variants each missing one piece.
struct good_norm {
  static constexpr const char* name() noexcept { return "good"; }
  struct params {};
  void validate() const {}
  params fit(const fit_input&) const { return {}; }
  double apply(const params&, double x) const { return x; }
  std::vector<std::pair<std::string, double>> describe(const params&) const { return {}; }
};
struct norm_without_validate {
  static constexpr const char* name() noexcept { return "x"; }
  struct params {};
  params fit(const fit_input&) const { return {}; }
  double apply(const params&, double x) const { return x; }
  std::vector<std::pair<std::string, double>> describe(const params&) const { return {}; }
};
struct norm_fit_returns_wrong_type {
  static constexpr const char* name() noexcept { return "x"; }
  struct params {};
  void validate() const {}
  double fit(const fit_input&) const { return 0.0; }
  double apply(const params&, double x) const { return x; }
  std::vector<std::pair<std::string, double>> describe(const params&) const { return {}; }
};
struct norm_without_params {
  static constexpr const char* name() noexcept { return "x"; }
  void validate() const {}
  int fit(const fit_input&) const { return 0; }
  double apply(const int&, double x) const { return x; }
};
struct norm_without_describe {
  static constexpr const char* name() noexcept { return "x"; }
  struct params {};
  void validate() const {}
  params fit(const fit_input&) const { return {}; }
  double apply(const params&, double x) const { return x; }
};

struct good_agg {
  static constexpr const char* name() noexcept { return "good"; }
  static constexpr bool requires_positive = false;
  void validate() const {}
  double operator()(const double*, const double*, std::size_t) const { return 0.0; }
};
struct agg_without_requires_positive {
  static constexpr const char* name() noexcept { return "x"; }
  void validate() const {}
  double operator()(const double*, const double*, std::size_t) const { return 0.0; }
};
struct agg_with_wrong_call {
  static constexpr const char* name() noexcept { return "x"; }
  static constexpr bool requires_positive = false;
  void validate() const {}
  double operator()(const double*, std::size_t) const { return 0.0; }
};

} // namespace

TEST_SUITE("is_normalizer_v") {
  TEST_CASE("every built-in normaliser models the concept") {
    CHECK(is_normalizer_v<govmetrics::normalize::min_max>);
    CHECK(is_normalizer_v<govmetrics::normalize::z_score>);
    CHECK(is_normalizer_v<govmetrics::normalize::none>);
    CHECK(is_normalizer_v<govmetrics::normalize::rank>);
    CHECK(is_normalizer_v<govmetrics::normalize::percentile_rank>);
    CHECK(is_normalizer_v<govmetrics::normalize::goalposts>);
    CHECK(is_normalizer_v<good_norm>);
  }

  TEST_CASE("a type missing a piece does not") {
    CHECK_FALSE(is_normalizer_v<int>);
    CHECK_FALSE(is_normalizer_v<norm_without_validate>);
    CHECK_FALSE(is_normalizer_v<norm_fit_returns_wrong_type>);
    CHECK_FALSE(is_normalizer_v<norm_without_params>);
    CHECK_FALSE(is_normalizer_v<govmetrics::aggregate::arithmetic>);
  }

  TEST_CASE("describe(params) is part of the concept (the pipeline records fitted params)") {
    CHECK_FALSE(is_normalizer_v<norm_without_describe>);
  }
}

TEST_SUITE("is_aggregator_v") {
  TEST_CASE("every built-in aggregator models the concept") {
    CHECK(is_aggregator_v<govmetrics::aggregate::arithmetic>);
    CHECK(is_aggregator_v<govmetrics::aggregate::geometric>);
    CHECK(is_aggregator_v<govmetrics::aggregate::harmonic>);
    CHECK(is_aggregator_v<good_agg>);
  }

  TEST_CASE("a type missing a piece does not") {
    CHECK_FALSE(is_aggregator_v<double>);
    CHECK_FALSE(is_aggregator_v<agg_without_requires_positive>);
    CHECK_FALSE(is_aggregator_v<agg_with_wrong_call>);
    CHECK_FALSE(is_aggregator_v<govmetrics::normalize::min_max>);
  }
}

TEST_SUITE("fit_input") {
  TEST_CASE("defaults: empty column, positive direction, no code") {
    const fit_input in{};
    CHECK(in.values.empty());
    CHECK(in.polarity == govmetrics::direction::positive);
    CHECK(in.code.empty());
  }
}

} // namespace unit_core_concepts_test
