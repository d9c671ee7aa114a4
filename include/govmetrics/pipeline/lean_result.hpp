// govmetrics: the lean evaluation sink (lean_result): the scores of every node and the ranks of
// the requested nodes, with aggregation's warnings kept as data. What an uncertainty or
// sensitivity analysis evaluates into, millions of times: no method names, weight details,
// copies of the weights or diagnostic text per evaluation.
#pragma once

#include "govmetrics/core/column_view.hpp"
#include "govmetrics/error.hpp"
#include "govmetrics/framework/framework.hpp"
#include "govmetrics/pipeline/diagnostic.hpp"
#include "govmetrics/pipeline/missing_event.hpp"
#include "govmetrics/pipeline/result.hpp"

#include <cmath>
#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace govmetrics {

/// Where govmetrics::evaluate writes when only scores and a few nodes' ranks are wanted. The
/// scores of every aggregate node are there (a parent is computed from them); ranks only for the
/// nodes asked for at construction (an indicator's ranks are the prepared data's, when it was
/// prepared with them). Scores and ranks are bit for bit those of a `result` evaluated from the
/// same prepared data and plan. Reusing one across evaluations of the same shape allocates
/// nothing (apart from the events, when units are missing).
class lean_result {
public:
  /// Ranks the root only.
  lean_result() = default;
  /// Ranks the nodes at framework positions `ranked_nodes` (none given: the root). A position
  /// beyond the framework is an unknown_code_error at evaluation.
  explicit lean_result(std::vector<std::size_t> ranked_nodes) : nodes_(std::move(ranked_nodes)) {}

  /// The nodes ranked (framework positions; empty: the root).
  const std::vector<std::size_t>& ranked_nodes() const noexcept { return nodes_; }

  const framework& tree() const noexcept { return *data_->tree; }
  const std::vector<std::string>& units() const noexcept { return data_->units; }
  std::size_t n_units() const noexcept { return data_->n_units; }
  /// The prepared data last evaluated.
  const prepared_data& prepared() const noexcept { return *data_; }

  /// Scores of node `i` (framework position) for every unit: an indicator's normalised values,
  /// an aggregate's scores.
  column_view score(std::size_t i) const noexcept {
    const framework& fw = *data_->tree;
    if (fw.is_indicator(i))
      return data_->column(fw.indicator_slot(i));
    return {scores_.data() + fw.aggregate_slot(i) * n_units(), n_units()};
  }

  /// Ranks of node `i`; an empty view when it was not ranked.
  column_view rank(std::size_t i) const noexcept {
    const framework& fw = *data_->tree;
    if (fw.is_indicator(i))
      return data_->rank_column(fw.indicator_slot(i));
    const std::size_t slot = fw.aggregate_slot(i);
    if (slot >= ranked_.size() || ranked_[slot] == 0)
      return {};
    return {ranks_.data() + slot * n_units(), n_units()};
  }

  /// The units left missing by aggregation, as data, in the order a `result` reports them.
  const std::vector<missing_event>& missing() const noexcept { return events_; }

  /// Diagnostics of preparation followed by those of aggregation (the text of missing(), made
  /// now). Unlike a `result`, no "weights" notes of computed weighting schemes.
  std::vector<diagnostic> diagnostics() const {
    std::vector<diagnostic> all = data_->diagnostics;
    for (const auto& e : events_)
      all.push_back(describe(e, *data_->tree, data_->units));
    return all;
  }

private:
  friend struct lean_result_access;

  std::vector<std::size_t> nodes_;
  std::shared_ptr<const prepared_data> data_;
  std::vector<double> scores_;          ///< n_units x n_aggregates, aggregation_order() slots
  std::vector<double> ranks_;           ///< same shape; only the ranked slots are written
  std::vector<unsigned char> ranked_;   ///< per aggregate slot: 1 when ranked
  std::vector<std::size_t> rank_slots_; ///< the ranked aggregate slots, in order
  std::vector<missing_event> events_;
};

/// Internal access for the evaluation engine.
struct lean_result_access {
  static std::shared_ptr<const prepared_data>& data(lean_result& r) noexcept { return r.data_; }
  static std::vector<double>& scores(lean_result& r) noexcept { return r.scores_; }
  static std::vector<double>& ranks(lean_result& r) noexcept { return r.ranks_; }
  static std::vector<missing_event>& events(lean_result& r) noexcept { return r.events_; }

  /// The aggregate slots of `fw` to rank, in order (each evaluation: a few nodes, no
  /// allocation once sized).
  static const std::vector<std::size_t>& rank_slots(lean_result& r, const framework& fw) {
    const std::size_t n_agg = fw.aggregation_order().size();
    r.ranked_.assign(n_agg, 0);
    if (r.nodes_.empty())
      r.ranked_[fw.aggregate_slot(fw.root())] = 1;
    for (std::size_t nd : r.nodes_) {
      if (nd >= fw.size()) {
        GOVMETRICS_THROW(unknown_code_error("lean_result: node position " + std::to_string(nd) +
                                            " is beyond the framework's " +
                                            std::to_string(fw.size()) + " nodes"));
      }
      if (!fw.is_indicator(nd))
        r.ranked_[fw.aggregate_slot(nd)] = 1;
    }
    r.rank_slots_.clear();
    for (std::size_t s = 0; s < n_agg; ++s) {
      if (r.ranked_[s] != 0)
        r.rank_slots_.push_back(s);
    }
    return r.rank_slots_;
  }
};

} // namespace govmetrics
