// govmetrics: the engine shared by the compile-time and the run-time pipelines. Both paths call
// these same kernels, so they agree to the last bit.
#pragma once

#include "govmetrics/config.hpp"
#include "govmetrics/core/concepts.hpp"
#include "govmetrics/dataset/dataset.hpp"
#include "govmetrics/dataset/dataset_view.hpp"
#include "govmetrics/detail/format.hpp"
#include "govmetrics/error.hpp"
#include "govmetrics/framework/framework.hpp"
#include "govmetrics/missing/policy.hpp"
#include "govmetrics/normalize/fitted.hpp"
#include "govmetrics/pipeline/result.hpp"
#include "govmetrics/pipeline/spec.hpp"
#include "govmetrics/rank/rank.hpp"
#include "govmetrics/weights/explicit.hpp"

#include <cmath>
#include <cstddef>
#include <limits>
#include <memory>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace govmetrics {

/// Scratch memory of the aggregate-and-rank stage; reuse one across runs to allocate nothing.
struct evaluation_workspace {
  std::vector<double> xs;
  std::vector<double> ws;
  std::vector<double> child_weights;
  std::vector<const double*> columns;
  rank::workspace rank_ws;
};

namespace detail {

inline constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();

/// Weight of every node within its parent, normalised among siblings (the root gets 1).
inline void node_weights_into(const framework& fw, const weights::any& scheme,
                              std::vector<double>& out) {
  out.assign(fw.size(), 0.0);
  const bool equal = std::holds_alternative<weights::equal>(scheme);
  for (std::size_t p = 0; p < fw.size(); ++p) {
    const auto& kids = fw.children(p);
    if (kids.empty())
      continue;
    double total = 0.0;
    for (std::size_t c : kids)
      total += equal ? 1.0 : fw[c].weight;
    for (std::size_t c : kids)
      out[c] = (equal ? 1.0 : fw[c].weight) / total;
  }
  if (fw.root() != framework::npos)
    out[fw.root()] = 1.0;
}

inline std::vector<double> node_weights(const framework& fw, const weights::any& scheme) {
  std::vector<double> w;
  node_weights_into(fw, scheme, w);
  return w;
}

/// Applies the direction sign, fits `norm` on the adjusted column and normalises it into `out`.
template <class Normalize>
normalize::fitted normalize_column(const Normalize& norm, const node& ind, column_view raw,
                                   double* out) {
  (void)sizeof(detail::requires_normalizer<Normalize>);
  const double sign = sign_of(ind.polarity);
  const std::size_t n = raw.size();
  for (std::size_t i = 0; i < n; ++i)
    out[i] = raw[i] * sign;
  const auto params = norm.fit(fit_input{column_view{out, n}, ind.polarity, ind.code});
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::isnan(out[i]))
      out[i] = norm.apply(params, out[i]);
  }
  return normalize::fitted{ind.code, norm.name(), norm.describe(params)};
}

/// Normalises every indicator of `fw` from `data` (a dataset or a dataset_view).
/// `normalizer_for(node_position, f)` calls `f` with the normaliser of that indicator.
template <class Data, class NormalizerFor>
std::shared_ptr<prepared_data> prepare(std::shared_ptr<const framework> fw, const Data& data,
                                       NormalizerFor&& normalizer_for, rank::ties ties,
                                       bool rank_indicators) {
  auto out = std::make_shared<prepared_data>();
  out->tree = fw;
  out->units = data.units();
  out->n_units = data.n_units();
  out->ties = ties;
  const auto& inds = fw->indicators();
  const std::size_t n = data.n_units();
  // Resolve every column first, so that a missing column is reported before any work.
  std::vector<std::size_t> columns;
  columns.reserve(inds.size());
  std::string absent;
  for (std::size_t i : inds) {
    const node& nd = (*fw)[i];
    if (!data.has_indicator(nd.column)) {
      absent += (absent.empty() ? "" : ", ") + ("'" + nd.code + "' (column '" + nd.column + "')");
      continue;
    }
    columns.push_back(data.indicator_index(nd.column));
  }
  if (!absent.empty()) {
    GOVMETRICS_THROW(data_error("pipeline: the data lack the column of indicator " + absent));
  }
  out->values.resize(n * inds.size());
  out->params.reserve(inds.size());
  for (std::size_t s = 0; s < inds.size(); ++s) {
    const node& nd = (*fw)[inds[s]];
    const column_view raw = data.column(columns[s]);
    std::size_t n_missing = 0;
    std::string first_missing;
    for (std::size_t u = 0; u < n; ++u) {
      if (std::isnan(raw[u])) {
        if (n_missing < 5)
          first_missing += (n_missing ? ", '" : "'") + data.units()[u] + "'";
        ++n_missing;
      }
    }
    if (n_missing > 0) {
      out->diagnostics.push_back({diagnostic::level::info, "data", nd.code, "",
                                  "data: indicator '" + nd.code + "' is missing for " +
                                      std::to_string(n_missing) + " of " + std::to_string(n) +
                                      " units (" + first_missing + (n_missing > 5 ? ", ..." : "") +
                                      ")"});
    }
    double* dst = out->values.data() + s * n;
    normalizer_for(inds[s], [&](const auto& norm) {
      out->params.push_back(normalize_column(norm, nd, raw, dst));
    });
  }
  if (rank_indicators) {
    out->ranks.resize(n * inds.size());
    rank::workspace ws;
    for (std::size_t s = 0; s < inds.size(); ++s) {
      rank::rank_into(out->column(s), ties, out->ranks.data() + s * n, ws);
    }
  }
  return out;
}

/// How missing children are handled inside aggregation.
struct missing_rule {
  bool propagate = false;
  double min_share = 0.0;
};

inline missing_rule to_rule(const missing::any& m) {
  if (const auto* s = std::get_if<missing::skip>(&m))
    return {false, s->min_share};
  return {true, 0.0};
}

/// Aggregates node `nd` for every unit from its children's columns.
template <class Aggregate>
void aggregate_node(const Aggregate& agg, const framework& fw, std::size_t nd,
                    const double* const* cols, const double* w, std::size_t n_units,
                    missing_rule rule, const std::vector<std::string>& units, double* out,
                    evaluation_workspace& ws, std::vector<diagnostic>& diags) {
  (void)sizeof(detail::requires_aggregator<Aggregate>);
  const auto& kids = fw.children(nd);
  const std::size_t m = kids.size();
  double* xs = ws.xs.data();
  double* wv = ws.ws.data();
  for (std::size_t i = 0; i < n_units; ++i) {
    std::size_t k = 0;          // available children with a non-zero weight
    std::size_t n_weighted = 0; // children with a non-zero weight
    for (std::size_t c = 0; c < m; ++c) {
      if (w[c] == 0.0)
        continue;
      ++n_weighted;
      const double v = cols[c][i];
      if (std::isnan(v))
        continue;
      xs[k] = v;
      wv[k] = w[c];
      ++k;
    }
    if (k < n_weighted) {
      const double share = static_cast<double>(k) / static_cast<double>(n_weighted);
      if (k == 0 || rule.propagate || share < rule.min_share) {
        out[i] = nan_v;
        std::string why = k == 0           ? "no child has data"
                          : rule.propagate ? "missing children propagate"
                                           : "share " + format_number(share) + " < min_share " +
                                                 format_number(rule.min_share);
        diags.push_back({diagnostic::level::warning, "aggregate", fw[nd].code, units[i],
                         "aggregate: node '" + fw[nd].code + "' is missing for unit '" + units[i] +
                             "' (" + std::to_string(k) + " of " + std::to_string(n_weighted) +
                             " children available; " + why + ")"});
        continue;
      }
    }
    if constexpr (Aggregate::requires_positive) {
      for (std::size_t c = 0; c < m; ++c) {
        const double v = cols[c][i];
        if (!std::isnan(v) && w[c] != 0.0 && !(v > 0.0)) {
          GOVMETRICS_THROW(
              data_error(std::string("aggregate::") + agg.name() + ": node '" + fw[nd].code +
                         "' needs positive values, but child '" + fw[kids[c]].code + "' is " +
                         format_number(v) + " for unit '" + units[i] +
                         "' (normalise to a positive range, e.g. min_max with lo 1 and hi 100)"));
        }
      }
    }
    out[i] = agg(xs, wv, k);
  }
}

/// The aggregate-and-rank stage. `aggregator_for(aggregate_slot, f)` calls `f` with the
/// aggregator of that node. Allocates nothing when `out` and `ws` were used for the same shape.
template <class AggregatorFor>
void evaluate(const std::shared_ptr<const prepared_data>& data, const std::vector<double>& weights,
              AggregatorFor&& aggregator_for, missing_rule rule, rank::ties ties, rank_scope scope,
              evaluation_workspace& ws, result& out) {
  const framework& fw = *data->tree;
  if (!data->ranks.empty() && data->ties != ties) {
    GOVMETRICS_THROW(spec_error(std::string("pipeline: the indicators were ranked with ties '") +
                                rank::to_string(data->ties) + "' but evaluation asks for '" +
                                rank::to_string(ties) + "' (prepare with the same ties policy)"));
  }
  const std::size_t n = data->n_units;
  const auto& order = fw.aggregation_order();
  const std::size_t n_agg = order.size();

  result_access::data(out) = data;
  result_access::reset_unit_index(out);
  result_access::ties(out) = ties;
  auto& scores = result_access::scores(out);
  scores.resize(n * n_agg);
  result_access::weights(out) = weights;
  auto& methods = result_access::methods(out);
  methods.resize(fw.size());
  auto& diags = result_access::diagnostics(out);
  diags.clear();

  std::size_t max_children = 0;
  for (std::size_t nd : order)
    max_children = std::max(max_children, fw.children(nd).size());
  ws.xs.resize(max_children);
  ws.ws.resize(max_children);
  ws.child_weights.resize(max_children);
  ws.columns.resize(max_children);

  for (std::size_t slot = 0; slot < n_agg; ++slot) {
    const std::size_t nd = order[slot];
    const auto& kids = fw.children(nd);
    for (std::size_t c = 0; c < kids.size(); ++c) {
      const std::size_t k = kids[c];
      ws.columns[c] = fw.is_indicator(k) ? data->column(fw.indicator_slot(k)).data()
                                         : scores.data() + fw.aggregate_slot(k) * n;
      ws.child_weights[c] = weights[k];
    }
    aggregator_for(slot, [&](const auto& agg) {
      methods[nd] = agg.name();
      aggregate_node(agg, fw, nd, ws.columns.data(), ws.child_weights.data(), n, rule, data->units,
                     scores.data() + slot * n, ws, diags);
    });
  }

  auto& ranks = result_access::ranks(out);
  auto& ranked = result_access::ranked(out);
  ranks.resize(n * n_agg);
  ranked.assign(n_agg, nan_v);
  for (std::size_t slot = 0; slot < n_agg; ++slot) {
    const bool want = scope != rank_scope::root || order[slot] == fw.root();
    if (!want)
      continue;
    ranked[slot] = 1.0;
    rank::rank_into(column_view{scores.data() + slot * n, n}, ties, ranks.data() + slot * n,
                    ws.rank_ws);
  }
}

} // namespace detail
} // namespace govmetrics
