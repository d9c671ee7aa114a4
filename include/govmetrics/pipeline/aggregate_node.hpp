// govmetrics: aggregation of one node for every unit from its children's columns: the missing
// rule, the column-wise arithmetic and geometric means, per-unit aggregators, column-wide
// aggregators.
#pragma once

#include "govmetrics/aggregate/arithmetic.hpp"
#include "govmetrics/aggregate/column.hpp"
#include "govmetrics/aggregate/geometric.hpp"
#include "govmetrics/config.hpp"
#include "govmetrics/core/concepts.hpp"
#include "govmetrics/dataset/dataset.hpp"
#include "govmetrics/dataset/dataset_view.hpp"
#include "govmetrics/detail/accumulate.hpp"
#include "govmetrics/detail/column_summary.hpp"
#include "govmetrics/detail/elementary.hpp"
#include "govmetrics/detail/format.hpp"
#include "govmetrics/detail/rows.hpp"
#include "govmetrics/error.hpp"
#include "govmetrics/framework/framework.hpp"
#include "govmetrics/missing/policy.hpp"
#include "govmetrics/normalize/fitted.hpp"
#include "govmetrics/pipeline/column_checks.hpp"
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

template <class A, class = void>
struct has_needs_positive : std::false_type {};
template <class A>
struct has_needs_positive<A, void_t<decltype(std::declval<const A&>().needs_positive())>>
    : std::true_type {};
template <class A, class = void>
struct has_needs_non_negative : std::false_type {};
template <class A>
struct has_needs_non_negative<A, void_t<decltype(std::declval<const A&>().needs_non_negative())>>
    : std::true_type {};

/// Whether aggregator `agg` needs positive children: its member `needs_positive()` when it has one
/// (a parameter-dependent rule, e.g. power_mean), else its static `requires_positive`.
template <class A>
bool needs_positive(const A& agg) noexcept {
  if constexpr (has_needs_positive<A>::value) {
    return agg.needs_positive();
  } else {
    (void)agg;
    return A::requires_positive;
  }
}

/// Whether aggregator `agg` needs non-negative children: its member `needs_non_negative()` when it
/// has one, else false.
template <class A>
bool needs_non_negative(const A& agg) noexcept {
  if constexpr (has_needs_non_negative<A>::value) {
    return agg.needs_non_negative();
  } else {
    (void)agg;
    return false;
  }
}

/// Whether unit `i` of node `nd`, with `k` of its `n_weighted` weighted children available, is
/// missing under `rule`; if so, writes NaN to `out` and records the event in `events`.
inline bool missing_unit(std::size_t nd, std::size_t i, std::size_t k, std::size_t n_weighted,
                         missing_rule rule, double& out, std::vector<missing_event>& events) {
  if (k == n_weighted)
    return false;
  const double share = static_cast<double>(k) / static_cast<double>(n_weighted);
  if (k != 0 && !rule.propagate && share >= rule.min_share)
    return false;
  out = nan_v;
  events.push_back({nd, i, k, n_weighted,
                    k == 0           ? missing_event::reason::no_child
                    : rule.propagate ? missing_event::reason::propagate
                                     : missing_event::reason::below_share,
                    rule.min_share, nullptr});
  return true;
}

/// The weighted arithmetic (or, `Geometric`, geometric) mean of node `nd` for every unit, column by
/// column: children outer, units inner, with the same compensated sums in the same order as
/// aggregate::arithmetic and aggregate::geometric per unit, so the same bits; the sum of the
/// weights is computed once for the units with every child, and the logs of indicator children
/// come from `ws.log_columns` when given (cached across evaluations). Returns false, having
/// written nothing, when the geometric mean meets a value that is not positive: the per-unit path
/// then names the unit and the child.
template <bool Geometric>
bool aggregate_node_mean(const framework& fw, std::size_t nd, const double* const* cols,
                         const double* w, std::size_t n_units, missing_rule rule, double* out,
                         evaluation_workspace& ws, std::vector<missing_event>& events) {
  const std::size_t m = fw.children(nd).size();
  // The sums start at 0: written by the first flush (no zeroing), or zeroed before the first
  // column that is not clean; `seen` is needed only from then on.
  ws.sum.resize(n_units);
  ws.comp.resize(n_units);
  ws.seen.resize(n_units);
  double* sum = ws.sum.data();
  double* comp = ws.comp.data();
  std::size_t* seen = ws.seen.data();
  bool started = false;
  bool counting = false; // `seen` holds counts
  std::size_t n_weighted = 0;
  std::size_t full = 0; // clean columns: every unit has them (not counted in `seen`)
  neumaier_sum all_weights;
  // Clean columns (every value there and, geometric, positive: the usual case) wait in `terms`
  // and go through the branch-free kernel together (detail::add_weighted_columns: AVX-512 or
  // AVX2 where there is one) before the next column that is not clean: every unit still adds its
  // children in order, so the same bits.
  ws.pending_terms.resize(m);
  ws.pending_weights.resize(m);
  const double** terms = ws.pending_terms.data();
  double* term_weights = ws.pending_weights.data();
  std::size_t pending = 0;
  const auto zero_sums = [&] {
    if (!started) {
      std::fill(sum, sum + n_units, 0.0);
      std::fill(comp, comp + n_units, 0.0);
      started = true;
    }
  };
  const auto flush = [&] {
    if (pending != 0)
      add_weighted_columns(sum, comp, terms, term_weights, pending, n_units, !started);
    started = started || pending != 0;
    pending = 0;
  };
  if (Geometric && ws.logs.size() < m * n_units)
    ws.logs.resize(m * n_units); // before any pointer into it is taken
  for (std::size_t c = 0; c < m; ++c) {
    const double wc = w[c];
    if (wc == 0.0)
      continue;
    ++n_weighted;
    all_weights.add(wc);
    const double* x = cols[c];
    const double* lx = Geometric ? ws.log_columns[c] : nullptr;
    bool clean = true;
    if (const unsigned char f = ws.child_flags[c]; f != 0) {
      clean =
          (f & (Geometric ? evaluation_workspace::positive : evaluation_workspace::no_nan)) != 0;
    } else { // (an aggregate child: a whole pass, many units at a time, no early exit)
      clean = (Geometric ? count_not_positive(x, n_units) : count_missing(x, n_units)) == 0;
    }
    if (clean) {
      const double* term = x;
      if constexpr (Geometric) {
        if (lx == nullptr) { // (every value is positive: clean)
          double* l = ws.logs.data() + c * n_units;
          log_positive(x, l, n_units);
          lx = l;
        }
        term = lx;
      }
      terms[pending] = term;
      term_weights[pending] = wc;
      ++pending;
      ++full;
      continue;
    }
    flush();
    zero_sums();
    if (!counting) {
      std::fill(seen, seen + n_units, std::size_t{0});
      counting = true;
    }
    for (std::size_t i = 0; i < n_units; ++i) {
      const double v = x[i];
      if (std::isnan(v))
        continue;
      double term = v;
      if constexpr (Geometric) {
        if (!(v > 0.0))
          return false;
        term = lx != nullptr ? lx[i] : log_ieee(v);
      }
      // neumaier_sum::add on (sum[i], comp[i])
      const double y = wc * term;
      const double t = sum[i] + y;
      const double bp = t - sum[i];
      comp[i] += (sum[i] - (t - bp)) + (y - bp);
      sum[i] = t;
      ++seen[i];
    }
  }
  flush();
  zero_sums();                            // (no weighted child)
  const double all = all_weights.value(); // (full < n_weighted: a column was not clean, counting)
  if (full == n_weighted) {               // every unit has every child
    divide_compensated(out, sum, comp, all, n_units);
    if constexpr (Geometric) // (a separate pass: fused with the division, measured slower)
      exp_in_place(out, n_units);
    return true;
  }
  for (std::size_t i = 0; i < n_units; ++i) {
    const std::size_t k = seen[i] + full;
    if (missing_unit(nd, i, k, n_weighted, rule, out[i], events))
      continue;
    double den = all;
    if (k < n_weighted) { // the weights of the children available to this unit
      neumaier_sum d;
      for (std::size_t c = 0; c < m; ++c) {
        if (w[c] != 0.0 && !std::isnan(cols[c][i]))
          d.add(w[c]);
      }
      den = d.value();
    }
    const double mean = (sum[i] + comp[i]) / den;
    out[i] = Geometric ? exp_ieee(mean) : mean;
  }
  return true;
}

/// Aggregates node `nd` for every unit from its children's columns. The aggregator gets scratch
/// copies (ws.xs, ws.ws) of the available children's values and weights.
template <class Aggregate>
void aggregate_node(const Aggregate& agg, const framework& fw, std::size_t nd,
                    const double* const* cols, const double* w, std::size_t n_units,
                    missing_rule rule, const std::vector<std::string>& units, double* out,
                    evaluation_workspace& ws, std::vector<missing_event>& events) {
  (void)sizeof(detail::requires_aggregator<Aggregate>);
  const auto& kids = fw.children(nd);
  const std::size_t m = kids.size();
  double* xs = ws.xs.data();
  double* wv = ws.ws.data();
  const bool positive = needs_positive(agg);
  const bool non_negative = needs_non_negative(agg);
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
    if (missing_unit(nd, i, k, n_weighted, rule, out[i], events))
      continue;
    if (positive || non_negative) {
      for (std::size_t c = 0; c < m; ++c) {
        const double v = cols[c][i];
        if (!std::isnan(v) && w[c] != 0.0 && !(positive ? v > 0.0 : v >= 0.0)) {
          GOVMETRICS_THROW(data_error(
              std::string("aggregate::") + agg.name() + ": node '" + fw[nd].code + "' needs " +
              (positive ? "positive" : "non-negative") + " values, but child '" + fw[kids[c]].code +
              "' is " + format_number(v) + " for unit '" + units[i] +
              "' (normalise to a positive range, e.g. min_max with lo 1 and hi 100)"));
        }
      }
    }
    out[i] = agg(xs, wv, k);
  }
}

/// The aggregator's name when it is a C string (every built-in one: a string literal), which a
/// missing_event can keep; nullptr otherwise.
template <class A>
const char* method_name(const A& agg) noexcept {
  if constexpr (std::is_same_v<std::decay_t<decltype(agg.name())>, const char*>) {
    return agg.name();
  } else {
    (void)agg;
    return nullptr;
  }
}

/// Aggregates node `nd` with a column-wide aggregator (aggregate/column.hpp). The units taking
/// part are those with every weighted child available (for an aggregator that accepts missing
/// values: at least one, and the missing rule's share); the others get NaN and a warning. The
/// aggregator sees those units x the weighted children as one contiguous column-major matrix, with
/// the children's weights renormalised to sum to 1; its extra outputs are spread back to every
/// unit (NaN for the units that did not take part).
template <class Aggregate>
void aggregate_node_columns(const Aggregate& agg, const framework& fw, std::size_t nd,
                            const double* const* cols, const double* w, std::size_t n_units,
                            missing_rule rule, const std::vector<std::string>& units, double* out,
                            node_outputs& extra, evaluation_workspace& ws,
                            std::vector<missing_event>& events) {
  (void)sizeof(aggregate::detail::requires_column_aggregator<Aggregate>);
  constexpr bool partial = aggregate::accepts_missing_v<Aggregate>;
  const auto& kids = fw.children(nd);
  // Every buffer is the workspace's or `extra`'s, reused: once warm, no allocation here.
  std::vector<std::size_t>& weighted = ws.picked;
  weighted.clear();
  for (std::size_t c = 0; c < kids.size(); ++c) {
    if (w[c] != 0.0)
      weighted.push_back(c);
  }
  const std::size_t m = weighted.size();
  std::vector<std::size_t>& rows = ws.rows;
  rows.clear();
  for (std::size_t i = 0; i < n_units; ++i) {
    std::size_t k = 0;
    for (std::size_t c : weighted) {
      if (!std::isnan(cols[c][i]))
        ++k;
    }
    if (k == m && m > 0) {
      rows.push_back(i);
      continue;
    }
    const double share = m == 0 ? 0.0 : static_cast<double>(k) / static_cast<double>(m);
    if (partial && k > 0 && !rule.propagate && share >= rule.min_share) {
      rows.push_back(i);
      continue;
    }
    out[i] = nan_v;
    events.push_back({nd, i, k, m,
                      k == 0           ? missing_event::reason::no_child
                      : !partial       ? missing_event::reason::needs_complete
                      : rule.propagate ? missing_event::reason::propagate
                                       : missing_event::reason::below_share,
                      rule.min_share, method_name(agg)});
  }
  const std::size_t n = rows.size();
  extra.clear_outputs();
  extra.node.assign(fw[nd].code);
  extra.resize_context(m, n);
  for (std::size_t j = 0; j < m; ++j)
    extra.children[j].assign(fw[kids[weighted[j]]].code);
  for (std::size_t r = 0; r < n; ++r)
    extra.units[r].assign(units[rows[r]]);
  if (rows.empty())
    return;
  double* wv = ws.ws.data(); // (max_children long)
  for (std::size_t j = 0; j < m; ++j)
    wv[j] = w[weighted[j]];
  scale_to_unit_sum(wv, m);
  gather_rows(cols, weighted.data(), m, rows, ws.matrix);
  ws.node_scores.assign(n, nan_v);
  double* scores = ws.node_scores.data();
  agg.aggregate_all(matrix_view(ws.matrix.data(), n, m), wv, scores, extra);
  for (std::size_t r = 0; r < n; ++r)
    out[rows[r]] = scores[r];
  extra.scatter(rows.data(), n, n_units);
}

} // namespace detail
} // namespace govmetrics
