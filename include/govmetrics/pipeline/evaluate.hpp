// govmetrics: the aggregate-and-rank stage (evaluation) shared by the compile-time and the
// run-time pipelines: weights per node, aggregation in tree order, ranks.
#pragma once

#include "govmetrics/aggregate/arithmetic.hpp"
#include "govmetrics/aggregate/column.hpp"
#include "govmetrics/aggregate/geometric.hpp"
#include "govmetrics/config.hpp"
#include "govmetrics/core/concepts.hpp"
#include "govmetrics/dataset/dataset.hpp"
#include "govmetrics/dataset/dataset_view.hpp"
#include "govmetrics/detail/accumulate.hpp"
#include "govmetrics/detail/format.hpp"
#include "govmetrics/error.hpp"
#include "govmetrics/framework/framework.hpp"
#include "govmetrics/missing/policy.hpp"
#include "govmetrics/normalize/fitted.hpp"
#include "govmetrics/pipeline/aggregate_node.hpp"
#include "govmetrics/pipeline/column_checks.hpp"
#include "govmetrics/pipeline/node_weights.hpp"
#include "govmetrics/pipeline/result.hpp"
#include "govmetrics/pipeline/spec.hpp"
#include "govmetrics/pipeline/stages.hpp"
#include "govmetrics/pipeline/workspace.hpp"
#include "govmetrics/rank/rank.hpp"
#include "govmetrics/treat/any.hpp"
#include "govmetrics/weights/any.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace govmetrics {
namespace detail {

/// The aggregate-and-rank stage. `aggregator_for(aggregate_slot, f)` calls `f` with the
/// aggregator of that node; `scheme_for(aggregate_slot)` returns the weighting scheme of that
/// node's children (`weights` holds the planned weights; computed schemes replace them). Allocates
/// nothing when `out` and `ws` were used for the same shape and every scheme is explicit or equal.
template <class AggregatorFor, class SchemeFor>
void evaluate(const std::shared_ptr<const prepared_data>& data, const std::vector<double>& weights,
              AggregatorFor&& aggregator_for, SchemeFor&& scheme_for, missing_rule rule,
              rank::ties ties, rank_scope scope, evaluation_workspace& ws, result& out) {
  const framework& fw = *data->tree;
  if (!data->ranks.empty() && data->ties != ties) {
    GOVMETRICS_THROW(spec_error(std::string("pipeline: the indicators were ranked with ties '") +
                                rank::to_string(data->ties) + "' but evaluation asks for '" +
                                rank::to_string(ties) + "' (prepare with the same ties policy)"));
  }
  const std::size_t n = data->n_units;
  const auto& order = fw.aggregation_order();
  const std::size_t n_agg = order.size();

  // (the same data as last time: no copy, so threads evaluating one prepared data set do not all
  // write its shared count)
  if (result_access::data(out) != data)
    result_access::data(out) = data;
  result_access::reset_unit_index(out);
  result_access::ties(out) = ties;
  auto& scores = result_access::scores(out);
  scores.resize(n * n_agg);
  auto& used_weights = result_access::weights(out);
  used_weights = weights;
  auto& weight_details = result_access::weight_details(out);
  weight_details.resize(n_agg);
  auto& methods = result_access::methods(out);
  methods.resize(fw.size());
  auto& diags = result_access::diagnostics(out);
  diags.clear();
  auto& outputs = result_access::outputs(out);
  outputs.resize(n_agg);

  std::size_t max_children = 0;
  for (std::size_t nd : order)
    max_children = std::max(max_children, fw.children(nd).size());
  ws.xs.resize(max_children);
  ws.ws.resize(max_children);
  ws.child_weights.resize(max_children);
  ws.columns.resize(max_children);
  ws.child_flags.resize(max_children);

  for (std::size_t slot = 0; slot < n_agg; ++slot) {
    const std::size_t nd = order[slot];
    const auto& kids = fw.children(nd);
    for (std::size_t c = 0; c < kids.size(); ++c) {
      const std::size_t k = kids[c];
      ws.columns[c] = fw.is_indicator(k) ? data->column(fw.indicator_slot(k)).data()
                                         : scores.data() + fw.aggregate_slot(k) * n;
      ws.child_weights[c] = weights[k];
      ws.child_flags[c] = fw.is_indicator(k) ? ws.column_flags(data, fw.indicator_slot(k))
                                             : static_cast<unsigned char>(0);
    }
    // Given weights need not be normalised among siblings, and may lie anywhere in the double
    // range: scaled here (largest first), so 1e308 siblings neither overflow nor become 0.
    scale_to_unit_sum(ws.child_weights.data(), kids.size());
    std::visit(
        [&](const auto& scheme) {
          node_weights_at(scheme, fw, nd, ws.columns.data(), ws.child_weights.data(), n,
                          data->units, weight_details[slot], diags);
        },
        scheme_for(slot));
    for (std::size_t c = 0; c < kids.size(); ++c)
      used_weights[kids[c]] = ws.child_weights[c];
    aggregator_for(slot, [&](const auto& agg) {
      using A = std::decay_t<decltype(agg)>;
      methods[nd] = agg.name();
      if constexpr (aggregate::is_column_aggregator_v<A>) {
        aggregate_node_columns(agg, fw, nd, ws.columns.data(), ws.child_weights.data(), n, rule,
                               data->units, scores.data() + slot * n, outputs[slot], diags);
      } else {
        if (!outputs[slot].empty())
          outputs[slot].clear();
        constexpr bool arithmetic = std::is_same_v<A, aggregate::arithmetic>;
        constexpr bool geometric = std::is_same_v<A, aggregate::geometric>;
        bool done = false;
        if constexpr (arithmetic || geometric) {
          if constexpr (geometric) {
            ws.log_columns.resize(max_children);
            for (std::size_t c = 0; c < kids.size(); ++c) {
              ws.log_columns[c] = fw.is_indicator(kids[c])
                                      ? ws.log_column(data, fw.indicator_slot(kids[c]))
                                      : nullptr;
            }
          }
          done = aggregate_node_mean<geometric>(fw, nd, ws.columns.data(), ws.child_weights.data(),
                                                n, rule, data->units, scores.data() + slot * n, ws,
                                                diags);
        }
        if (!done) {
          aggregate_node(agg, fw, nd, ws.columns.data(), ws.child_weights.data(), n, rule,
                         data->units, scores.data() + slot * n, ws, diags);
        }
      }
      require_finite_column(
          "aggregate", [&] { return "node '" + fw[nd].code + "' aggregated by " + agg.name(); },
          scores.data() + slot * n, n, data->units, "the aggregate overflows a double");
    });
  }

  auto& ranks = result_access::ranks(out);
  auto& ranked = result_access::ranked(out);
  ranks.resize(n * n_agg);
  ranked.assign(n_agg, nan_v);
  ws.rank_orders.resize(n_agg);
  for (std::size_t slot = 0; slot < n_agg; ++slot) {
    const bool want = scope != rank_scope::root || order[slot] == fw.root();
    if (!want)
      continue;
    ranked[slot] = 1.0;
    rank::rank_into(column_view{scores.data() + slot * n, n}, ties, ranks.data() + slot * n,
                    ws.rank_ws, &ws.rank_orders[slot]);
  }
}

/// The aggregate-and-rank stage with the given weights at every node (reported as "explicit").
template <class AggregatorFor>
void evaluate(const std::shared_ptr<const prepared_data>& data, const std::vector<double>& weights,
              AggregatorFor&& aggregator_for, missing_rule rule, rank::ties ties, rank_scope scope,
              evaluation_workspace& ws, result& out) {
  static const govmetrics::weights::any given = govmetrics::weights::explicit_weights{};
  evaluate(
      data, weights, std::forward<AggregatorFor>(aggregator_for),
      [](std::size_t) -> const govmetrics::weights::any& { return given; }, rule, ties, scope, ws,
      out);
}

} // namespace detail
} // namespace govmetrics
