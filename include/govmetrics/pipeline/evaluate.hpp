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
#include "govmetrics/pipeline/lean_result.hpp"
#include "govmetrics/pipeline/missing_event.hpp"
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

/// Where each sink keeps what evaluate() writes (a lean sink: the workspace, for what it does not
/// report).
inline std::vector<missing_event>& sink_events(result&, evaluation_workspace& ws) noexcept {
  return ws.events;
}
inline std::vector<missing_event>& sink_events(lean_result& r, evaluation_workspace&) noexcept {
  return lean_result_access::events(r);
}
inline std::vector<weights::details>& sink_weight_details(result& r,
                                                          evaluation_workspace&) noexcept {
  return result_access::weight_details(r);
}
inline std::vector<weights::details>& sink_weight_details(lean_result&,
                                                          evaluation_workspace& ws) noexcept {
  return ws.weight_details;
}
inline std::vector<node_outputs>& sink_outputs(result& r, evaluation_workspace&) noexcept {
  return result_access::outputs(r);
}
inline std::vector<node_outputs>& sink_outputs(lean_result&, evaluation_workspace& ws) noexcept {
  return ws.outputs;
}
inline std::vector<diagnostic>& sink_diagnostics(result& r, evaluation_workspace&) noexcept {
  return result_access::diagnostics(r);
}
inline std::vector<diagnostic>& sink_diagnostics(lean_result&, evaluation_workspace& ws) noexcept {
  return ws.diagnostics;
}

/// The aggregate-and-rank stage into `out`: a `result` (everything: scores and ranks by `scope`,
/// the weights used, weight details, method names, diagnostics as text) or a `lean_result`
/// (scores, and ranks of its requested nodes; missing units as data; `scope` unused): the same
/// scores and ranks to the bit. `aggregator_for(aggregate_slot, f)` calls `f` with the aggregator
/// of that node; `scheme_for(aggregate_slot)` returns the weighting scheme of that node's children
/// (`weights` holds the planned weights; computed schemes replace them). Into a lean_result,
/// allocates nothing when `out` and `ws` were used for the same shape and units (every built-in
/// aggregator and scheme but benefit_of_doubt, pca and ahp); a result also allocates its text.
template <class Sink, class AggregatorFor, class SchemeFor>
void evaluate(const std::shared_ptr<const prepared_data>& data, const std::vector<double>& weights,
              AggregatorFor&& aggregator_for, SchemeFor&& scheme_for, missing_rule rule,
              rank::ties ties, rank_scope scope, evaluation_workspace& ws, Sink& out) {
  static_assert(std::is_same_v<Sink, result> || std::is_same_v<Sink, lean_result>,
                "evaluate writes into a result or a lean_result");
  constexpr bool full = std::is_same_v<Sink, result>;
  using access = std::conditional_t<full, result_access, lean_result_access>;
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
  if (access::data(out) != data)
    access::data(out) = data;
  auto& scores = access::scores(out);
  scores.resize(n * n_agg);
  // Aggregation records missing units as data; a result turns them into text node by node, in
  // the order it always reported them. A lean sink keeps what it does not report (weight details,
  // outputs of column-wide aggregators, notes of computed weights) in the workspace.
  std::vector<missing_event>& events = sink_events(out, ws);
  events.clear();
  std::vector<weights::details>& weight_details = sink_weight_details(out, ws);
  weight_details.resize(n_agg);
  std::vector<node_outputs>& outputs = sink_outputs(out, ws);
  outputs.resize(n_agg);
  std::vector<diagnostic>& diags = sink_diagnostics(out, ws);
  diags.clear();
  if constexpr (full) {
    result_access::reset_unit_index(out);
    result_access::ties(out) = ties;
    result_access::weights(out) = weights;
    result_access::methods(out).resize(fw.size());
  }

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
          // a lean sink skips the details of given weights (strings and a copy per node)
          if (full || weights::is_computed_v<std::decay_t<decltype(scheme)>>) {
            node_weights_at(scheme, fw, nd, ws.columns.data(), ws.child_weights.data(), n,
                            data->units, weight_details[slot], diags, ws.computed_weights, full);
          }
        },
        scheme_for(slot));
    if constexpr (full) {
      auto& used_weights = result_access::weights(out);
      for (std::size_t c = 0; c < kids.size(); ++c)
        used_weights[kids[c]] = ws.child_weights[c];
    }
    const std::size_t events_before = events.size();
    aggregator_for(slot, [&](const auto& agg) {
      using A = std::decay_t<decltype(agg)>;
      if constexpr (full)
        result_access::methods(out)[nd] = agg.name();
      if constexpr (aggregate::is_column_aggregator_v<A>) {
        aggregate_node_columns(agg, fw, nd, ws.columns.data(), ws.child_weights.data(), n, rule,
                               data->units, scores.data() + slot * n, outputs[slot], ws, events);
      } else {
        // (a column-wide aggregator before may have left a context without outputs: Borda)
        if (!outputs[slot].empty() || !outputs[slot].node.empty())
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
                                                n, rule, scores.data() + slot * n, ws, events);
        }
        if (!done) {
          events.resize(events_before); // the per-unit path records them again
          aggregate_node(agg, fw, nd, ws.columns.data(), ws.child_weights.data(), n, rule,
                         data->units, scores.data() + slot * n, ws, events);
        }
      }
      require_finite_column(
          "aggregate", [&] { return "node '" + fw[nd].code + "' aggregated by " + agg.name(); },
          scores.data() + slot * n, n, data->units, "the aggregate overflows a double");
    });
    if constexpr (full) {
      for (const auto& e : events)
        diags.push_back(describe(e, fw, data->units));
      events.clear();
    }
  }

  auto& ranks = access::ranks(out);
  ranks.resize(n * n_agg);
  ws.rank_orders.resize(n_agg);
  const auto rank_slot = [&](std::size_t slot) {
    rank::rank_into(column_view{scores.data() + slot * n, n}, ties, ranks.data() + slot * n,
                    ws.rank_ws, &ws.rank_orders[slot]);
  };
  if constexpr (full) {
    auto& ranked = result_access::ranked(out);
    ranked.assign(n_agg, nan_v);
    for (std::size_t slot = 0; slot < n_agg; ++slot) {
      const bool want = scope != rank_scope::root || order[slot] == fw.root();
      if (!want)
        continue;
      ranked[slot] = 1.0;
      rank_slot(slot);
    }
  } else {
    (void)scope;
    for (std::size_t slot : lean_result_access::rank_slots(out, fw))
      rank_slot(slot);
  }
}

/// The aggregate-and-rank stage with the given weights at every node (reported as "explicit").
template <class Sink, class AggregatorFor>
void evaluate(const std::shared_ptr<const prepared_data>& data, const std::vector<double>& weights,
              AggregatorFor&& aggregator_for, missing_rule rule, rank::ties ties, rank_scope scope,
              evaluation_workspace& ws, Sink& out) {
  static const govmetrics::weights::any given = govmetrics::weights::explicit_weights{};
  evaluate(
      data, weights, std::forward<AggregatorFor>(aggregator_for),
      [](std::size_t) -> const govmetrics::weights::any& { return given; }, rule, ties, scope, ws,
      out);
}

} // namespace detail
} // namespace govmetrics
