// govmetrics: normalise `rank` and `percentile_rank` (COINr `n_rank`, `n_prank`).
#pragma once

#include "govmetrics/normalize/detail.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

namespace govmetrics::normalize {

/// Sorted non-missing values of the fitted column; the rank of x is 1 + the number of fitted values
/// strictly below x (ascending, ties "min"), so new data can be scored against frozen params.
struct rank_params {
  std::vector<double> sorted;
};

namespace detail {
inline rank_params fit_sorted(const fit_input& in) {
  rank_params p;
  p.sorted.reserve(in.values.size());
  for (double v : in.values) {
    if (!std::isnan(v))
      p.sorted.push_back(v);
  }
  std::sort(p.sorted.begin(), p.sorted.end());
  return p;
}
inline double rank_min(const rank_params& p, double x) noexcept {
  const auto it = std::lower_bound(p.sorted.begin(), p.sorted.end(), x);
  return static_cast<double>(it - p.sorted.begin()) + 1.0;
}
} // namespace detail

/// y = rank(x): ascending, the highest value gets the highest rank number, ties "min".
struct rank {
  static constexpr const char* name() noexcept { return "rank"; }
  using params = rank_params;
  void validate() const noexcept {}
  params fit(const fit_input& in) const {
    auto p = detail::fit_sorted(in);
    detail::require_values(name(), in, p.sorted.size(), 1);
    return p;
  }
  double apply(const params& p, double x) const noexcept { return detail::rank_min(p, x); }
  std::vector<std::pair<std::string, double>> describe(const params& p) const {
    return {{"n", static_cast<double>(p.sorted.size())}};
  }
};

/// y = (rank(x) - 1) / (n - 1), rank ascending with ties "min", n the number of non-missing values
/// (COINr's definition; 0..1). Needs 2 values.
struct percentile_rank {
  static constexpr const char* name() noexcept { return "percentile_rank"; }
  using params = rank_params;
  void validate() const noexcept {}
  params fit(const fit_input& in) const {
    auto p = detail::fit_sorted(in);
    detail::require_values(name(), in, p.sorted.size(), 2);
    return p;
  }
  double apply(const params& p, double x) const noexcept {
    return (detail::rank_min(p, x) - 1.0) / (static_cast<double>(p.sorted.size()) - 1.0);
  }
  std::vector<std::pair<std::string, double>> describe(const params& p) const {
    return {{"n", static_cast<double>(p.sorted.size())}};
  }
};

static_assert(is_normalizer_v<rank>, "normalize::rank must model the normaliser concept");
static_assert(is_normalizer_v<percentile_rank>,
              "normalize::percentile_rank must model the normaliser concept");

} // namespace govmetrics::normalize
