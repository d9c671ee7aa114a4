// govmetrics: comparing two methodologies on the same data: per unit and common node the score
// and rank under each and the shift, and a summary per node (Spearman correlation of the ranks,
// mean and largest absolute shift, the largest movers).
#pragma once

#include "govmetrics/detail/correlation.hpp"
#include "govmetrics/pipeline/result.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace govmetrics::audit {

/// One unit at one node under methodologies A and B.
struct comparison_row {
  std::string node;
  std::string unit;
  double score_a = std::numeric_limits<double>::quiet_NaN();
  double score_b = std::numeric_limits<double>::quiet_NaN();
  double rank_a = std::numeric_limits<double>::quiet_NaN();
  double rank_b = std::numeric_limits<double>::quiet_NaN();
  /// rank_a - rank_b: positive when the unit moves up (nearer rank 1) under B, as Python's
  /// Result.compare; NaN when either rank is missing.
  double shift = std::numeric_limits<double>::quiet_NaN();
};

/// One common node over the units ranked under both methodologies.
struct comparison_summary {
  std::string node;
  std::size_t n_units = 0;                                    ///< units ranked under both
  double spearman = std::numeric_limits<double>::quiet_NaN(); ///< of the two rank columns
  double mean_abs_shift = std::numeric_limits<double>::quiet_NaN();
  double max_abs_shift = std::numeric_limits<double>::quiet_NaN();
  std::size_t n_moved = 0; ///< units whose rank differs
};

/// The comparison of two results.
struct comparison {
  /// Nodes whose code is in both frameworks, in A's framework order (the root of each is
  /// compared with the other's root under the name of A's root when their codes differ).
  std::vector<std::string> nodes;
  /// Units in both results, in A's unit order.
  std::vector<std::string> units;
  std::vector<comparison_row> rows;        ///< node-major: every unit of `units` at nodes[0], ...
  std::vector<comparison_summary> summary; ///< one per node of `nodes`
  std::vector<std::string> only_a_units, only_b_units; ///< in one result only (not compared)
  std::vector<std::string> only_a_nodes, only_b_nodes; ///< in one framework only

  /// The rows of `node` sorted by |shift| descending (units without a shift last; ties in A's
  /// unit order), at most `k` of them.
  std::vector<comparison_row> movers(std::string_view node, std::size_t k = 10) const {
    std::vector<comparison_row> out;
    for (const comparison_row& r : rows) {
      if (r.node == node)
        out.push_back(r);
    }
    std::stable_sort(out.begin(), out.end(), [](const comparison_row& x, const comparison_row& y) {
      const double ax = std::isnan(x.shift) ? -1.0 : std::abs(x.shift);
      const double ay = std::isnan(y.shift) ? -1.0 : std::abs(y.shift);
      return ax > ay;
    });
    if (out.size() > k)
      out.resize(k);
    return out;
  }
};

/// Compares `a` and `b` (two methodologies on the same data): units matched by id, nodes by code
/// (the two roots with each other whatever their codes). The Spearman correlation is Pearson's
/// on the average ranks of the two rank columns (ties shared), NaN for fewer than 3 units or a
/// constant column. Units or nodes in one result only are listed, never dropped silently.
inline comparison compare(const result& a, const result& b) {
  comparison c;
  const framework& fa = a.tree();
  const framework& fb = b.tree();
  std::unordered_map<std::string, std::size_t> b_unit;
  for (std::size_t u = 0; u < b.units().size(); ++u)
    b_unit.emplace(b.units()[u], u);
  std::vector<std::size_t> ua, ub; // matched unit indices
  for (std::size_t u = 0; u < a.units().size(); ++u) {
    const auto it = b_unit.find(a.units()[u]);
    if (it == b_unit.end()) {
      c.only_a_units.push_back(a.units()[u]);
    } else {
      c.units.push_back(a.units()[u]);
      ua.push_back(u);
      ub.push_back(it->second);
      b_unit.erase(it);
    }
  }
  for (const std::string& u : b.units()) {
    if (b_unit.count(u) != 0)
      c.only_b_units.push_back(u);
  }
  std::vector<std::size_t> na, nb; // matched node indices
  std::vector<bool> b_matched(fb.size(), false);
  for (std::size_t i = 0; i < fa.size(); ++i) {
    std::size_t j = fb.size();
    if (i == fa.root())
      j = fb.root();
    else if (fb.contains(fa[i].code) && fb.index_of(fa[i].code) != fb.root())
      j = fb.index_of(fa[i].code);
    if (j == fb.size()) {
      c.only_a_nodes.push_back(fa[i].code);
      continue;
    }
    c.nodes.push_back(fa[i].code);
    na.push_back(i);
    nb.push_back(j);
    b_matched[j] = true;
  }
  for (std::size_t j = 0; j < fb.size(); ++j) {
    if (!b_matched[j])
      c.only_b_nodes.push_back(fb[j].code);
  }
  const std::size_t n = c.units.size();
  c.rows.reserve(c.nodes.size() * n);
  std::vector<double> ra, rb;
  for (std::size_t k = 0; k < c.nodes.size(); ++k) {
    const column_view sa = a.score(na[k]), sb = b.score(nb[k]);
    const column_view ka = a.rank(na[k]), kb = b.rank(nb[k]);
    comparison_summary s;
    s.node = c.nodes[k];
    ra.clear();
    rb.clear();
    double sum_abs = 0.0;
    double max_abs = 0.0;
    for (std::size_t m = 0; m < n; ++m) {
      comparison_row r;
      r.node = c.nodes[k];
      r.unit = c.units[m];
      r.score_a = sa.empty() ? r.score_a : sa[ua[m]];
      r.score_b = sb.empty() ? r.score_b : sb[ub[m]];
      r.rank_a = ka.empty() ? r.rank_a : ka[ua[m]];
      r.rank_b = kb.empty() ? r.rank_b : kb[ub[m]];
      if (!std::isnan(r.rank_a) && !std::isnan(r.rank_b)) {
        r.shift = r.rank_a - r.rank_b;
        ra.push_back(r.rank_a);
        rb.push_back(r.rank_b);
        sum_abs += std::abs(r.shift);
        max_abs = std::max(max_abs, std::abs(r.shift));
        s.n_moved += r.shift != 0.0 ? 1 : 0;
      }
      c.rows.push_back(std::move(r));
    }
    s.n_units = ra.size();
    if (s.n_units > 0) {
      s.mean_abs_shift = sum_abs / static_cast<double>(s.n_units); // integers: exact sum
      s.max_abs_shift = max_abs;
    }
    if (s.n_units >= 3) {
      const std::vector<double> xa = govmetrics::detail::average_ranks(ra.data(), ra.size());
      const std::vector<double> xb = govmetrics::detail::average_ranks(rb.data(), rb.size());
      s.spearman = govmetrics::detail::pearson_complete(xa.data(), xb.data(), xa.size());
    }
    c.summary.push_back(std::move(s));
  }
  return c;
}

} // namespace govmetrics::audit
