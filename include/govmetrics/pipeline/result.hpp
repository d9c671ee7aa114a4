// govmetrics: prepared (normalised) data and the result of a pipeline run.
#pragma once

#include "govmetrics/aggregate/column.hpp"
#include "govmetrics/config.hpp"
#include "govmetrics/core/column_view.hpp"
#include "govmetrics/error.hpp"
#include "govmetrics/framework/framework.hpp"
#include "govmetrics/impute/details.hpp"
#include "govmetrics/normalize/fitted.hpp"
#include "govmetrics/pipeline/diagnostic.hpp"
#include "govmetrics/pipeline/spec.hpp"
#include "govmetrics/treat/details.hpp"
#include "govmetrics/weights/details.hpp"

#include <cmath>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace govmetrics {

/// The normalised indicators of one data set under one framework: the expensive, weight-independent
/// part of a run. Reused by every evaluation (different weights, aggregators, missing policies).
struct prepared_data {
  std::shared_ptr<const framework> tree;
  std::vector<std::string> units;
  std::size_t n_units = 0;
  /// n_units x n_indicators, column-major, in framework().indicators() order; NaN = missing.
  std::vector<double> values;
  /// Ranks of the normalised indicators (empty when not requested).
  std::vector<double> ranks;
  /// Per indicator slot, what prepare learnt of its values for evaluation
  /// (evaluation_workspace::column_flags; 0: not known, evaluation counts). Whoever changes
  /// `values` afterwards clears it.
  std::vector<unsigned char> column_flags;
  rank::ties ties = rank::ties::min;
  /// Fitted normaliser parameters, one per indicator, in the same order (described by name when
  /// first read).
  normalize::fitted_list params;
  std::vector<diagnostic> diagnostics;
  /// What the outlier treatment did, one entry per indicator that had a treatment other than
  /// `none`, in indicator order (empty when no indicator was treated).
  std::vector<treat::details> treatment;
  /// The treated data (before the direction sign and normalisation), n_units x n_indicators like
  /// `values`; untreated indicators hold their values as given. Empty when no indicator was
  /// treated.
  std::vector<double> treated;

  /// The data stages before treatment, each n_units x n_indicators like `treated` and empty when
  /// the stage did not run: values divided by their denominators (indicators without a
  /// denominator as given), after imputation, after screening (screened-out units and indicators
  /// NaN).
  std::vector<double> denominated;
  std::vector<double> imputed;
  std::vector<double> screened;
  /// What the imputation did, one entry per indicator with an imputer other than `none`, in
  /// indicator order.
  std::vector<impute::details> imputation;
  /// Units screened out (below the minimum share of available indicators), in unit order, and
  /// each unit's share of available indicators after imputation (empty when screening is off).
  std::vector<std::string> screened_units;
  std::vector<double> unit_shares;
  /// Indicators screened out (coverage below the minimum), in indicator order.
  std::vector<std::string> screened_indicators;

  column_view column(std::size_t slot) const noexcept {
    return {values.data() + slot * n_units, n_units};
  }
  /// Values of indicator `slot` after a data stage; an empty view when that stage did not run.
  column_view denominated_column(std::size_t slot) const noexcept {
    return stage_column(denominated, slot);
  }
  column_view imputed_column(std::size_t slot) const noexcept {
    return stage_column(imputed, slot);
  }
  column_view screened_column(std::size_t slot) const noexcept {
    return stage_column(screened, slot);
  }
  column_view stage_column(const std::vector<double>& stage, std::size_t slot) const noexcept {
    return stage.empty() ? column_view{} : column_view{stage.data() + slot * n_units, n_units};
  }
  /// Treated values of indicator `slot`; an empty view when no indicator was treated.
  column_view treated_column(std::size_t slot) const noexcept {
    return treated.empty() ? column_view{} : column_view{treated.data() + slot * n_units, n_units};
  }
  column_view rank_column(std::size_t slot) const noexcept {
    return ranks.empty() ? column_view{} : column_view{ranks.data() + slot * n_units, n_units};
  }
};

/// Scores and ranks of every unit at every node, the weights used, every fitted parameter, and
/// diagnostics. Indicator nodes hold their normalised values (shared with the prepared data).
class result {
public:
  result() = default;

  const framework& tree() const noexcept { return *data_->tree; }
  const std::vector<std::string>& units() const noexcept { return data_->units; }
  std::size_t n_units() const noexcept { return data_->n_units; }
  std::size_t n_nodes() const noexcept { return data_->tree->size(); }

  /// Scores of node `i` (framework position) for every unit.
  column_view score(std::size_t i) const noexcept {
    const framework& fw = *data_->tree;
    if (fw.is_indicator(i))
      return data_->column(fw.indicator_slot(i));
    return {scores_.data() + fw.aggregate_slot(i) * n_units(), n_units()};
  }
  column_view score(std::string_view code) const { return score(tree().index_of(code)); }

  /// Ranks of node `i`; an empty view when that node was not ranked (see rank_scope).
  column_view rank(std::size_t i) const noexcept {
    const framework& fw = *data_->tree;
    if (fw.is_indicator(i))
      return data_->rank_column(fw.indicator_slot(i));
    if (ranks_.empty())
      return {};
    const double* col = ranks_.data() + fw.aggregate_slot(i) * n_units();
    return std::isnan(ranked_[fw.aggregate_slot(i)]) ? column_view{} : column_view{col, n_units()};
  }
  column_view rank(std::string_view code) const { return rank(tree().index_of(code)); }

  /// Score of one unit at one node.
  double score(std::string_view unit, std::string_view code) const {
    return score(code)[unit_index(unit)];
  }

  /// Position of a unit id; throws unknown_code_error.
  std::size_t unit_index(std::string_view unit) const {
    if (unit_index_.empty()) {
      for (std::size_t i = 0; i < units().size(); ++i)
        unit_index_.emplace(units()[i], i);
    }
    const auto it = unit_index_.find(std::string(unit));
    if (it == unit_index_.end()) {
      GOVMETRICS_THROW(unknown_code_error("result: unknown unit '" + std::string(unit) + "'"));
    }
    return it->second;
  }

  /// Weight of each node within its parent, normalised to sum to 1 among siblings (root: 1).
  const std::vector<double>& weights() const noexcept { return weights_; }
  /// How the weights of each aggregate node's children were obtained (method, weights, units
  /// used, AHP consistency, PCA variance explained), one entry per aggregate node in
  /// framework().aggregation_order().
  const std::vector<weights::details>& weight_details() const noexcept { return weight_details_; }
  /// The entry of weight_details() for aggregate node `code`; unknown_code_error otherwise.
  const weights::details& weight_details(std::string_view code) const {
    const std::size_t i = tree().index_of(code);
    if (tree().is_indicator(i)) {
      GOVMETRICS_THROW(unknown_code_error("result: '" + std::string(code) +
                                          "' is an indicator; weight details exist for aggregate "
                                          "nodes"));
    }
    return weight_details_[tree().aggregate_slot(i)];
  }
  /// The aggregation method of each node (empty for indicators).
  const std::vector<std::string>& aggregation_methods() const noexcept { return methods_; }
  /// Fitted normalisation parameters, one per indicator.
  const std::vector<normalize::fitted>& params() const { return data_->params.all(); }
  /// Diagnostics of normalisation followed by those of aggregation.
  std::vector<diagnostic> diagnostics() const {
    std::vector<diagnostic> all = data_->diagnostics;
    all.insert(all.end(), diagnostics_.begin(), diagnostics_.end());
    return all;
  }
  const prepared_data& prepared() const noexcept { return *data_; }
  /// The prepared data, shared: evaluate it again under another plan (audit::remove_elements).
  const std::shared_ptr<const prepared_data>& prepared_ptr() const noexcept { return data_; }
  /// What the outlier treatment did, one entry per treated indicator (see prepared_data).
  const std::vector<treat::details>& treatment() const noexcept { return data_->treatment; }
  /// Treated (pre-normalisation) values of indicator node `i` or code; an empty view when no
  /// indicator was treated.
  column_view treated(std::size_t i) const noexcept {
    return data_->treated_column(data_->tree->indicator_slot(i));
  }
  column_view treated(std::string_view code) const { return treated(tree().index_of(code)); }
  /// Values of an indicator after denomination, imputation and screening (empty views when that
  /// stage did not run).
  column_view denominated(std::string_view code) const {
    return data_->denominated_column(slot_of(code));
  }
  column_view imputed(std::string_view code) const { return data_->imputed_column(slot_of(code)); }
  column_view screened(std::string_view code) const {
    return data_->screened_column(slot_of(code));
  }
  /// What the imputation did, one entry per imputed indicator (see prepared_data).
  const std::vector<impute::details>& imputation() const noexcept { return data_->imputation; }
  /// Units screened out for low data availability (kept in the result with NaN).
  const std::vector<std::string>& screened_units() const noexcept { return data_->screened_units; }
  /// Indicators screened out for low coverage (all NaN).
  const std::vector<std::string>& screened_indicators() const noexcept {
    return data_->screened_indicators;
  }
  rank::ties ties() const noexcept { return ties_; }

  /// Extra outputs of node `i` (or code): the named per-unit columns and node-level facts of a
  /// column-wide aggregator (TOPSIS d_plus, d_minus, closeness; VIKOR S, R, Q and its compromise
  /// conditions, ...), one value per unit (NaN for units that did not take part). Empty for
  /// indicators and for per-unit aggregators.
  const node_outputs& outputs(std::size_t i) const noexcept {
    static const node_outputs none{};
    const framework& fw = *data_->tree;
    if (fw.is_indicator(i) || outputs_.empty())
      return none;
    return outputs_[fw.aggregate_slot(i)];
  }
  const node_outputs& outputs(std::string_view code) const {
    return outputs(tree().index_of(code));
  }

private:
  friend struct result_access;

  std::size_t slot_of(std::string_view code) const {
    const std::size_t i = tree().index_of(code);
    if (!tree().is_indicator(i)) {
      GOVMETRICS_THROW(
          unknown_code_error("result: '" + std::string(code) + "' is not an indicator"));
    }
    return tree().indicator_slot(i);
  }

  std::shared_ptr<const prepared_data> data_;
  std::vector<double> scores_; ///< n_units x n_aggregates, aggregation_order() slots
  std::vector<double> ranks_;  ///< same shape, when ranked
  std::vector<double> ranked_; ///< per aggregate slot: 1 when ranked, NaN when not
  std::vector<double> weights_;
  std::vector<weights::details> weight_details_; ///< per aggregate slot
  std::vector<std::string> methods_;
  std::vector<diagnostic> diagnostics_;
  std::vector<node_outputs> outputs_; ///< per aggregate slot
  rank::ties ties_ = rank::ties::min;
  mutable std::unordered_map<std::string, std::size_t> unit_index_;
};

/// Internal access for the evaluation engine.
struct result_access {
  static std::shared_ptr<const prepared_data>& data(result& r) noexcept { return r.data_; }
  static std::vector<double>& scores(result& r) noexcept { return r.scores_; }
  static std::vector<double>& ranks(result& r) noexcept { return r.ranks_; }
  static std::vector<double>& ranked(result& r) noexcept { return r.ranked_; }
  static std::vector<double>& weights(result& r) noexcept { return r.weights_; }
  static std::vector<std::string>& methods(result& r) noexcept { return r.methods_; }
  static std::vector<weights::details>& weight_details(result& r) noexcept {
    return r.weight_details_;
  }
  static std::vector<diagnostic>& diagnostics(result& r) noexcept { return r.diagnostics_; }
  static rank::ties& ties(result& r) noexcept { return r.ties_; }
  static std::vector<node_outputs>& outputs(result& r) noexcept { return r.outputs_; }
  static void reset_unit_index(result& r) { r.unit_index_.clear(); }
};

} // namespace govmetrics
