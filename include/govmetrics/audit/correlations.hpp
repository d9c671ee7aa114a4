// govmetrics: correlations between the nodes of a result (indicators as normalised, aggregate
// scores): every pair on the same level and every node with its parent, by Pearson, Spearman and
// Kendall, with p-values and the flags of an audit.
#pragma once

#include "govmetrics/audit/levels.hpp"
#include "govmetrics/detail/correlate.hpp"
#include "govmetrics/pipeline/result.hpp"

#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace govmetrics::audit {

using govmetrics::detail::correlation_method;

/// One correlation: nodes `a` and `b`, the coefficient, its two-sided p-value and the number of
/// units with both values (pairwise complete observations). `r` is NaN, with `why`, when fewer
/// than 2 units have both or either node is constant over them.
struct correlation_row {
  correlation_method method = correlation_method::pearson;
  std::string a;
  std::string b;
  double r = std::numeric_limits<double>::quiet_NaN();
  double p = std::numeric_limits<double>::quiet_NaN();
  std::size_t n = 0;
  bool with_parent = false; ///< `b` is `a`'s parent (else: the same level)
  std::string why;
};

/// The correlation of nodes `i` and `j` of `r` (framework positions).
inline govmetrics::detail::correlation node_correlation(const result& r, std::size_t i,
                                                        std::size_t j, correlation_method method) {
  const column_view x = r.score(i);
  const column_view y = r.score(j);
  return govmetrics::detail::correlate(x.data(), y.data(), x.size(), method);
}

/// For each method in `methods`: every pair of nodes on the same level (levels(): indicators 1,
/// ...), `a` before `b` in framework order, then every node with its parent (`a` the node, `b`
/// the parent), on the values as the pipeline holds them: normalised indicators (direction
/// applied) and aggregate scores.
inline std::vector<correlation_row>
correlations(const result& r, const std::vector<correlation_method>& methods = {
                                  correlation_method::pearson, correlation_method::spearman,
                                  correlation_method::kendall}) {
  const framework& fw = r.tree();
  const auto level = levels(fw);
  std::vector<correlation_row> out;
  const auto add = [&](correlation_method m, std::size_t i, std::size_t j, bool parent) {
    const auto c = node_correlation(r, i, j, m);
    out.push_back({m, fw[i].code, fw[j].code, c.r, c.p, c.n, parent, c.why});
  };
  for (correlation_method m : methods) {
    for (std::size_t i = 0; i < fw.size(); ++i) {
      for (std::size_t j = i + 1; j < fw.size(); ++j) {
        if (level[i] == level[j])
          add(m, i, j, false);
      }
    }
    for (std::size_t i = 0; i < fw.size(); ++i) {
      if (i != fw.root())
        add(m, i, fw.parent(i), true);
    }
  }
  return out;
}

/// An audit flag on a pair of siblings: `collinear` when |r| exceeds the threshold, `negative`
/// when r < 0 (children of one parent should point the same way).
struct correlation_flag {
  std::string parent;
  std::string a;
  std::string b;
  double r = 0.0;
  std::string flag; ///< "collinear" or "negative"
};

/// Pearson correlations between the children of every aggregate node of `r`, flagged as
/// collinear (|r| > `collinear`, default 0.9) or negative (r < 0), in aggregation order.
inline std::vector<correlation_flag> sibling_flags(const result& r, double collinear = 0.9) {
  const framework& fw = r.tree();
  std::vector<correlation_flag> out;
  for (std::size_t nd : fw.aggregation_order()) {
    const auto& kids = fw.children(nd);
    for (std::size_t a = 0; a < kids.size(); ++a) {
      for (std::size_t b = a + 1; b < kids.size(); ++b) {
        const auto c = node_correlation(r, kids[a], kids[b], correlation_method::pearson);
        if (std::isnan(c.r))
          continue;
        if (std::fabs(c.r) > collinear)
          out.push_back({fw[nd].code, fw[kids[a]].code, fw[kids[b]].code, c.r, "collinear"});
        if (c.r < 0.0)
          out.push_back({fw[nd].code, fw[kids[a]].code, fw[kids[b]].code, c.r, "negative"});
      }
    }
  }
  return out;
}

} // namespace govmetrics::audit
