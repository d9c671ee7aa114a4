// govmetrics: normalise `borda` (COINr `n_borda`).
#pragma once

#include "govmetrics/normalize/rank.hpp"

#include <string>
#include <utility>
#include <vector>

namespace govmetrics::normalize {

/// y = rank(x') - 1: the number of units with a strictly lower direction-adjusted value (ascending
/// rank with ties "min", as `rank`; the worst unit scores 0). Fitted on the sorted non-missing
/// values, so new data can be scored against frozen params.
struct borda {
  static constexpr const char* name() noexcept { return "borda"; }
  using params = rank_params;
  void validate() const noexcept {}
  params fit(const fit_input& in) const {
    auto p = detail::fit_sorted(in);
    detail::require_values(name(), in, p.sorted.size(), 1);
    return p;
  }
  double apply(const params& p, double x) const noexcept { return detail::rank_min(p, x) - 1.0; }
  std::vector<std::pair<std::string, double>> describe(const params& p) const {
    return {{"n", static_cast<double>(p.sorted.size())}};
  }
};

static_assert(is_normalizer_v<borda>, "normalize::borda must model the normaliser concept");

} // namespace govmetrics::normalize
