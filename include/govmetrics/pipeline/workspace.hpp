// govmetrics: the scratch memory of the aggregate-and-rank stage (evaluation_workspace): reused
// across evaluations so that they allocate nothing, with the logs and clean flags of indicator
// columns cached per prepared data set.
#pragma once

#include "govmetrics/aggregate/column.hpp"
#include "govmetrics/detail/elementary.hpp"
#include "govmetrics/pipeline/column_checks.hpp"
#include "govmetrics/pipeline/diagnostic.hpp"
#include "govmetrics/pipeline/missing_event.hpp"
#include "govmetrics/pipeline/node_weights.hpp"
#include "govmetrics/pipeline/result.hpp"
#include "govmetrics/rank/rank.hpp"
#include "govmetrics/weights/details.hpp"

#include <cmath>
#include <cstddef>
#include <limits>
#include <memory>
#include <vector>

namespace govmetrics {

/// Scratch memory of the aggregate-and-rank stage; reuse one across runs to allocate nothing.
struct evaluation_workspace {
  std::vector<double> xs;
  std::vector<double> ws;
  std::vector<double> child_weights;
  std::vector<const double*> columns;
  rank::workspace rank_ws;
  /// Column-wise means: per unit, the compensated sum (sum, compensation) and the children seen.
  std::vector<double> sum;
  std::vector<double> comp;
  std::vector<std::size_t> seen;
  std::vector<const double*> log_columns;   ///< per child: its cached logs, or nullptr
  std::vector<unsigned char> child_flags;   ///< per child: its column_flags, or 0 (unknown)
  std::vector<double> logs;                 ///< the logs of children without cached ones
  std::vector<const double*> pending_terms; ///< clean columns waiting for the column kernel
  std::vector<double> pending_weights;      ///< their weights
  /// Column-wide aggregators and computed weights: the weighted children, the units taking part,
  /// their values gathered column-major, the node's scores before they are spread to every unit.
  std::vector<std::size_t> picked;
  std::vector<std::size_t> rows;
  std::vector<double> matrix;
  std::vector<double> node_scores;
  /// Computed weighting schemes: what the scheme sees (reused, strings included) and its scratch.
  detail::computed_weights_scratch computed_weights;
  /// Aggregation's missing units, recorded as data (a result turns them into text).
  std::vector<missing_event> events;
  /// What a lean_result does not report: weight details and outputs of column-wide aggregators
  /// per aggregate slot (a lean evaluation writes no diagnostics: `diagnostics` stays empty).
  std::vector<weights::details> weight_details;
  std::vector<node_outputs> outputs;
  std::vector<diagnostic> diagnostics;
  /// Per aggregate slot, the order of the units at its last ranking (rank::rank_into's `order`).
  std::vector<std::vector<std::size_t>> rank_orders;

  /// The natural logs of indicator column `slot` of `data` (NaN where a value is not positive),
  /// computed on first use and kept for the next evaluations of the same prepared data (an
  /// uncertainty analysis evaluates each prepared data set many times). At most 16 data sets are
  /// kept; the cache holds them alive (forget_logs() lets them go).
  const double* log_column(const std::shared_ptr<const prepared_data>& data, std::size_t slot) {
    log_cache* c = cache_of(data);
    if (c->logs.empty())
      c->logs.assign(data->values.size(), std::numeric_limits<double>::quiet_NaN());
    double* out = c->logs.data() + slot * data->n_units;
    if (c->ready[slot] == 0) {
      detail::log_positive(data->values.data() + slot * data->n_units, out, data->n_units);
      c->ready[slot] = 1;
    }
    return out;
  }

  /// What is known of indicator column `slot` of `data` (cached like the logs): `no_nan` when
  /// every unit has a value, `positive` when every value is above 0.
  /// Read from the prepared data when prepare recorded them (prepared_data::column_flags).
  static constexpr unsigned char no_nan = detail::flag_no_nan;
  static constexpr unsigned char positive = detail::flag_positive;
  unsigned char column_flags(const std::shared_ptr<const prepared_data>& data, std::size_t slot) {
    if (slot < data->column_flags.size() && data->column_flags[slot] != 0)
      return data->column_flags[slot];
    log_cache* c = cache_of(data);
    unsigned char& f = c->flags[slot];
    if (f == 0) {
      const detail::column_summary counts =
          detail::summarise_column(data->values.data() + slot * data->n_units, data->n_units);
      f = detail::flags_of(counts.missing, counts.not_positive);
    }
    return f;
  }

  /// Drops the cached logs and flags and the prepared data they hold alive.
  void forget_logs() noexcept { logs_.clear(); }

private:
  struct log_cache {
    std::shared_ptr<const prepared_data> data;
    std::vector<double> logs;         ///< empty until a log is asked for
    std::vector<unsigned char> ready; ///< per indicator slot: its logs are computed
    std::vector<unsigned char> flags; ///< per indicator slot: column_flags, 0 until computed
  };
  std::vector<log_cache> logs_;

  log_cache* cache_of(const std::shared_ptr<const prepared_data>& data) {
    for (auto& e : logs_) {
      if (e.data == data)
        return &e;
    }
    if (logs_.size() == 16)
      logs_.clear();
    log_cache* c = &logs_.emplace_back();
    c->data = data;
    c->ready.assign(data->tree->indicators().size(), 0);
    c->flags.assign(data->tree->indicators().size(), 0);
    return c;
  }
};

} // namespace govmetrics
