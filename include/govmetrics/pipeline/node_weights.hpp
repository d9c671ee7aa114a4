// govmetrics internals: the weights of each aggregate node's children, from the framework
// (explicit, equal) or computed during evaluation from the children's values (entropy, critic,
// std, cv, pca, combined) or from a pairwise matrix (ahp). Used by detail::evaluate. Not API.
#pragma once

#include "govmetrics/config.hpp"
#include "govmetrics/core/concepts.hpp"
#include "govmetrics/core/matrix.hpp"
#include "govmetrics/detail/accumulate.hpp"
#include "govmetrics/detail/format.hpp"
#include "govmetrics/detail/rows.hpp"
#include "govmetrics/detail/string_pool.hpp"
#include "govmetrics/error.hpp"
#include "govmetrics/framework/framework.hpp"
#include "govmetrics/pipeline/diagnostic.hpp"
#include "govmetrics/weights/any.hpp"
#include "govmetrics/weights/details.hpp"

#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace govmetrics::detail {

/// The weights of the children of aggregate node `nd` into `out` (indexed by node): 1/n when
/// `equal`, else the explicit weights normalised among the children (scale_to_unit_sum: safe for
/// weights anywhere in the double range). Children whose weights cannot be normalised (all zero,
/// which framework validation refuses) get NaN.
inline void static_child_weights(const framework& fw, std::size_t nd, bool equal,
                                 std::vector<double>& out) {
  const auto& kids = fw.children(nd);
  std::vector<double> w(kids.size());
  for (std::size_t c = 0; c < kids.size(); ++c)
    w[c] = equal ? 1.0 : fw[kids[c]].weight;
  const bool ok = scale_to_unit_sum(w.data(), w.size());
  for (std::size_t c = 0; c < kids.size(); ++c)
    out[kids[c]] = ok ? w[c] : std::numeric_limits<double>::quiet_NaN();
}

/// Per-node weights before evaluation: `equal` nodes 1/n, every other node its explicit weights
/// (the prior that `combined` mixes in; computed schemes replace them during evaluation).
/// `scheme_of(node)` returns the scheme of that aggregate node.
template <class SchemeOf>
void plan_weights_into(const framework& fw, SchemeOf&& scheme_of, std::vector<double>& out) {
  out.assign(fw.size(), 0.0);
  for (std::size_t nd : fw.aggregation_order()) {
    const weights::any& s = scheme_of(nd);
    static_child_weights(fw, nd, std::holds_alternative<weights::equal>(s), out);
  }
  if (fw.root() != framework::npos)
    out[fw.root()] = 1.0;
}

inline std::string quoted_list(const std::vector<std::string>& codes) {
  std::string s;
  for (const auto& c : codes)
    s += (s.empty() ? "'" : ", '") + c + "'";
  return s;
}

/// The memory a computed weighting scheme works in at a node, reused across nodes and
/// evaluations: what the scheme sees (strings included), the units with every child and their
/// values, the scheme's own scratch.
struct computed_weights_scratch {
  weights::node_input input;
  std::vector<std::string> spare_children; ///< strings dropped from `input`, kept for their
  std::vector<std::string> spare_units;    ///< memory
  std::vector<std::size_t> rows;
  std::vector<double> values;
  std::vector<double> scratch;
};

/// True when weighting scheme S has `compute_into(const node_input&, details&,
/// std::vector<double>& scratch)`, which writes into a details reused across evaluations (every
/// built-in data-driven scheme); a scheme with only `compute` returns a new details each time.
template <class S, class = void>
struct has_compute_into : std::false_type {};
template <class S>
struct has_compute_into<
    S, void_t<decltype(std::declval<const S&>().compute_into(
           std::declval<const weights::node_input&>(), std::declval<weights::details&>(),
           std::declval<std::vector<double>&>()))>> : std::true_type {};

/// Records (and, for a computed scheme, computes) the weights of the children of aggregate node
/// `nd`. `child_w` holds the planned weights of the children on entry and the weights to use on
/// exit; `d` receives the report. With `describe`, a computed scheme also adds an info diagnostic
/// (text) saying what it did; without, `d` is the only record (a lean sink's). Allocates nothing
/// once `d` and `cw` have the right shape, except in a scheme without compute_into (pca's eigen
/// solver) and when `describe`; ahp solves its matrix once (weights::ahp_method::memoised).
template <class Scheme>
void node_weights_at(const Scheme& s, const framework& fw, std::size_t nd,
                     const double* const* cols, double* child_w, std::size_t n_units,
                     const std::vector<std::string>& units, weights::details& d,
                     std::vector<diagnostic>& diags, computed_weights_scratch& cw, bool describe) {
  const auto& kids = fw.children(nd);
  const std::size_t k = kids.size();
  d.node = fw[nd].code;
  d.method = s.name();
  d.children.resize(k);
  for (std::size_t c = 0; c < k; ++c)
    d.children[c] = fw[kids[c]].code;
  d.units_total = n_units;
  d.units_used = 0;
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  d.variance_explained = nan;
  d.lambda_max = nan;
  d.consistency_index = nan;
  d.consistency_ratio = nan;
  d.loadings.clear();
  d.objective.clear();
  if constexpr (!weights::is_computed_v<Scheme>) {
    d.weights.assign(child_w, child_w + k);
    (void)cols;
    (void)units;
    (void)diags;
    (void)cw;
    (void)describe;
  } else {
    weights::node_input& in = cw.input;
    in.node.assign(d.node);
    resize_strings(in.children, k, cw.spare_children);
    for (std::size_t c = 0; c < k; ++c)
      in.children[c].assign(d.children[c]);
    in.prior.assign(child_w, child_w + k);
    scale_to_unit_sum(in.prior.data(), in.prior.size());
    const std::size_t need = s.min_units();
    std::size_t complete = 0;
    in.values = matrix_view();
    if (need > 0) {
      complete_rows(cols, k, n_units, cw.rows);
      complete = cw.rows.size();
      gather_rows(cols, nullptr, k, cw.rows, cw.values);
      resize_strings(in.row_units, complete, cw.spare_units);
      for (std::size_t r = 0; r < complete; ++r)
        in.row_units[r].assign(units[cw.rows[r]]);
      in.values = matrix_view(cw.values.data(), complete, k);
      d.units_used = complete;
      if (k > 1 && complete < need) {
        GOVMETRICS_THROW(data_error(
            std::string("weights::") + s.name() + ": node '" + d.node + "' has " +
            std::to_string(complete) + " unit" + (complete == 1 ? "" : "s") +
            " with every child available (" + s.name() + " needs at least " + std::to_string(need) +
            "; " + std::to_string(n_units - complete) + " of " + std::to_string(n_units) +
            " units lack a child of " + quoted_list(d.children) + ")"));
      }
    }
    if (need == 0)
      resize_strings(in.row_units, 0, cw.spare_units);
    if (k == 1 && need > 0) {
      d.weights.assign(1, 1.0);
    } else {
      try {
        if constexpr (has_compute_into<Scheme>::value) {
          s.compute_into(in, d, cw.scratch);
        } else {
          weights::details r = s.compute(in);
          d.weights = std::move(r.weights);
          d.loadings = std::move(r.loadings);
          d.objective = std::move(r.objective);
          d.variance_explained = r.variance_explained;
          d.lambda_max = r.lambda_max;
          d.consistency_index = r.consistency_index;
          d.consistency_ratio = r.consistency_ratio;
        }
      } catch (const data_error& e) {
        const std::string what = e.what();
        if (what.find("node '") != std::string::npos)
          throw;
        GOVMETRICS_THROW(data_error(what + " (at node '" + d.node +
                                    "': criterion j is child j of " + quoted_list(d.children) +
                                    ", alternative i the i-th of the " + std::to_string(complete) +
                                    " units with every child available)"));
      }
    }
    for (std::size_t c = 0; c < k; ++c)
      child_w[c] = d.weights[c];
    if (!describe)
      return;
    std::string msg =
        std::string("weights: node '") + d.node + "': children weighted by '" + s.name() + "'";
    if (need > 0) {
      msg += complete == n_units
                 ? " on all " + std::to_string(n_units) + " units"
                 : " on " + std::to_string(complete) + " of " + std::to_string(n_units) +
                       " units (those with every child available)";
    }
    if (k == 1 && need > 0)
      msg += "; a single child gets weight 1";
    const auto num = [](double x) { return format_number(std::round(x * 1e4) / 1e4); };
    if (!std::isnan(d.variance_explained))
      msg += "; first component explains " + num(d.variance_explained) + " of the variance";
    if (!std::isnan(d.consistency_ratio))
      msg += "; consistency ratio " + num(d.consistency_ratio);
    msg += " (";
    for (std::size_t c = 0; c < k; ++c)
      msg += (c ? ", '" : "'") + d.children[c] + "' " + num(d.weights[c]);
    msg += ")";
    diags.push_back({diagnostic::level::info, "weights", d.node, "", std::move(msg)});
  }
}

/// Weight of every node within its parent, normalised among siblings (the root gets 1).
inline void node_weights_into(const framework& fw, const weights::any& scheme,
                              std::vector<double>& out) {
  plan_weights_into(
      fw, [&](std::size_t) -> const weights::any& { return scheme; }, out);
}

inline std::vector<double> node_weights(const framework& fw, const weights::any& scheme) {
  std::vector<double> w;
  node_weights_into(fw, scheme, w);
  return w;
}

} // namespace govmetrics::detail
