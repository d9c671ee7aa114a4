// govmetrics: every table of the statistical audit of one result, computed together (what
// `govmetrics audit` prints and writes, and Python's Result.audit.to_csv).
#pragma once

#include "govmetrics/audit/correlations.hpp"
#include "govmetrics/audit/cronbach.hpp"
#include "govmetrics/audit/data_sets.hpp"
#include "govmetrics/audit/effective_weights.hpp"
#include "govmetrics/audit/importance.hpp"
#include "govmetrics/audit/pca.hpp"
#include "govmetrics/audit/remove.hpp"
#include "govmetrics/audit/stats.hpp"

#include <array>
#include <vector>

namespace govmetrics::audit {

/// The audit's tables.
struct report {
  /// Statistics of the raw, treated, normalised and aggregated data sets, in that order.
  std::array<std::vector<statistics>, 4> stats;
  std::vector<correlation_row> correlations; ///< Pearson, Spearman and Kendall
  std::vector<correlation_flag> flags;       ///< collinear and negative siblings
  std::vector<cronbach_row> cronbach;
  std::vector<effective_weight> effective_weights;
  std::vector<removal> removals; ///< every node left out in turn (empty when not asked for)
  std::vector<importance_row> importance;    ///< main effects against weights
  std::vector<principal_components_row> pca; ///< per aggregate node, then per level
};

/// The four data sets, in report::stats order.
inline constexpr std::array<data_set, 4> all_data_sets{data_set::raw, data_set::treated,
                                                       data_set::normalised, data_set::aggregated};

/// Every table of the audit of `r`, whose raw data are `raw` (raw_columns()); the removals when
/// `m` (the model that computed `r`) is given.
inline report make_report(const result& r, const named_columns& raw, const stats_thresholds& t = {},
                          double collinear = 0.9, const model* m = nullptr) {
  t.validate();
  report out;
  for (std::size_t k = 0; k < all_data_sets.size(); ++k)
    out.stats[k] = describe(data_set_columns(r, all_data_sets[k], raw), t);
  out.correlations = correlations(r);
  out.flags = sibling_flags(r, collinear);
  out.cronbach = cronbach(r);
  out.effective_weights = effective_weights(r);
  out.importance = importance(r);
  out.pca = principal_components(r);
  if (m != nullptr)
    out.removals = remove_elements(*m, r);
  return out;
}

} // namespace govmetrics::audit
