// govmetrics: removing elements: the index recomputed without each node in turn (its siblings'
// weights renormalised) and how far the root's ranks move (COINr's remove_elements).
#pragma once

#include "govmetrics/error.hpp"
#include "govmetrics/pipeline/model.hpp"
#include "govmetrics/weights/any.hpp"

#include <cmath>
#include <cstddef>
#include <limits>
#include <memory>
#include <string>
#include <vector>

namespace govmetrics::audit {

/// The effect of leaving one node out.
struct removal {
  std::string element;
  /// Mean over the units ranked both with and without the element of |rank without - rank with|
  /// at the root. NaN, with `why`, when the element cannot be left out.
  double mean_abs_rank_change = std::numeric_limits<double>::quiet_NaN();
  std::size_t n_units = 0; ///< units ranked both ways
  std::string why;
};

/// For every node but the root, in framework order: the root's ranks of `prepared` under `plan`
/// with that node's weight set to 0 (its siblings' weights renormalised among themselves, as the
/// uncertainty analysis's `exclude` does; each removal is one evaluation of the prepared data),
/// against the ranks with every node. A node cannot be left out, and gets NaN with the reason,
/// when its parent's weights are computed from the data (a computed scheme would give it a
/// weight again) or when the evaluation without it fails or ranks no unit (e.g. it is its
/// parent's only child).
inline std::vector<removal> remove_elements(evaluation_plan plan,
                                            const std::shared_ptr<const prepared_data>& prepared) {
  const framework& fw = *prepared->tree;
  plan.ranks = rank_scope::root;
  evaluation_workspace ws;
  result base;
  evaluate(prepared, plan, ws, base);
  const column_view nominal = base.rank(fw.root());
  const std::vector<double> nominal_ranks(nominal.begin(), nominal.end());
  std::vector<removal> out;
  result without;
  for (std::size_t i = 0; i < fw.size(); ++i) {
    if (i == fw.root())
      continue;
    removal r;
    r.element = fw[i].code;
    const std::size_t parent = fw.parent(i);
    if (weights::is_computed(plan.schemes[fw.aggregate_slot(parent)])) {
      r.why = "the weights of its parent '" + fw[parent].code +
              "' are computed from the data, which would give it a weight again";
      out.push_back(std::move(r));
      continue;
    }
    const double kept = plan.weights[i];
    plan.weights[i] = 0.0;
    try {
      evaluate(prepared, plan, ws, without);
      const column_view ranks = without.rank(fw.root());
      double sum = 0.0;
      for (std::size_t u = 0; u < nominal_ranks.size(); ++u) {
        if (std::isnan(nominal_ranks[u]) || std::isnan(ranks[u]))
          continue;
        sum += std::fabs(ranks[u] - nominal_ranks[u]);
        ++r.n_units;
      }
      if (r.n_units > 0)
        r.mean_abs_rank_change = sum / static_cast<double>(r.n_units);
      else
        r.why = "no unit is ranked both with and without it";
    } catch (const govmetrics::error& e) {
      r.why = e.what();
    }
    plan.weights[i] = kept;
    out.push_back(std::move(r));
  }
  return out;
}

/// remove_elements of the data a result was computed from, under the model that computed it.
inline std::vector<removal> remove_elements(const model& m, const result& r) {
  return remove_elements(m.plan(), r.prepared_ptr());
}

/// remove_elements of `data` (a dataset or a dataset_view) under `m`, prepared once.
template <class Data>
std::vector<removal> remove_elements(const model& m, const Data& data) {
  return remove_elements(m.plan(), m.prepare(data));
}

} // namespace govmetrics::audit
