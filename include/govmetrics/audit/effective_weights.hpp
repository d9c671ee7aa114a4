// govmetrics: effective weights: each node's share of the index through the tree (COINr's
// get_eff_wts).
#pragma once

#include "govmetrics/audit/levels.hpp"
#include "govmetrics/pipeline/result.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace govmetrics::audit {

/// One node's weight within its parent and its effective weight.
struct effective_weight {
  std::string node;
  std::size_t level = 0;
  double weight = 0.0;           ///< the weight the run used, normalised among its siblings
  double effective_weight = 0.0; ///< product of `weight` along the path to the root (root: 1)
};

/// Effective weights of every node of `r` in framework order: w_eff(root) = 1 and
/// w_eff(node) = w(node) w_eff(parent), with w the weights the run used (result::weights():
/// nominal or computed, normalised to sum 1 among siblings). The effective weights of the nodes of
/// one level sum to 1 when every indicator lies at the same depth.
inline std::vector<effective_weight> effective_weights(const result& r) {
  const framework& fw = r.tree();
  const auto level = levels(fw);
  std::vector<double> eff(fw.size(), 1.0);
  // parents before children: the reverse of the aggregation order visits every aggregate after
  // its parent; indicators are done from their parents
  const auto& order = fw.aggregation_order();
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    for (std::size_t c : fw.children(*it))
      eff[c] = r.weights()[c] * eff[*it];
  }
  std::vector<effective_weight> out;
  out.reserve(fw.size());
  for (std::size_t i = 0; i < fw.size(); ++i)
    out.push_back({fw[i].code, level[i], i == fw.root() ? 1.0 : r.weights()[i], eff[i]});
  return out;
}

} // namespace govmetrics::audit
