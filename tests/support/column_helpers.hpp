// Test support for the column-wide aggregators: a one-level framework (root "index" over one
// indicator per child) run with `normalize: none`, so that the aggregator sees the values given
// (times the direction sign).
#pragma once

#include <govmetrics/pipeline/run.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace govmetrics_test {

inline constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();

/// Children `codes` under root "index", with `weights` (default all 1) and `directions` (default
/// all positive).
inline govmetrics::framework one_level(const std::vector<std::string>& codes,
                                       std::vector<double> weights = {},
                                       std::vector<govmetrics::direction> directions = {}) {
  weights.resize(codes.size(), 1.0);
  directions.resize(codes.size(), govmetrics::direction::positive);
  std::vector<govmetrics::node> nodes{govmetrics::make_aggregate("index")};
  for (std::size_t j = 0; j < codes.size(); ++j)
    nodes.push_back(govmetrics::make_indicator(codes[j], "index", weights[j], directions[j]));
  return govmetrics::framework(nodes);
}

/// Runs `agg` at the root of `fw` on `data` with no normalisation.
inline govmetrics::result run_none(const govmetrics::framework& fw, const govmetrics::dataset& data,
                                   const govmetrics::aggregate::any& agg,
                                   govmetrics::missing::any missing = govmetrics::missing::skip{}) {
  govmetrics::pipeline_spec spec;
  spec.normalize = govmetrics::normalize::none{};
  spec.aggregate = agg;
  spec.missing = missing;
  return govmetrics::run(fw, data, spec);
}

/// Every value of `got` within `tol` of `expected` (NaN matching NaN).
inline void check_values(govmetrics::column_view got, const std::vector<double>& expected,
                         double tol = 1e-12) {
  REQUIRE(got.size() == expected.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    CAPTURE(i);
    CAPTURE(got[i]);
    CAPTURE(expected[i]);
    if (std::isnan(expected[i])) {
      CHECK(std::isnan(got[i]));
    } else {
      CHECK(std::fabs(got[i] - expected[i]) <= tol);
    }
  }
}

} // namespace govmetrics_test
