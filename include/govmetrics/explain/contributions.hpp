// govmetrics: why a unit scores what it scores: each child's contribution to each aggregate score,
// down to the indicators, summing to the score.
#pragma once

#include "govmetrics/aggregate/any.hpp"
#include "govmetrics/detail/elementary.hpp"
#include "govmetrics/error.hpp"
#include "govmetrics/explain/unit.hpp"
#include "govmetrics/pipeline/model.hpp"

#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

namespace govmetrics::explain {

/// One node's part in its parent's score for one unit.
struct contribution {
  std::string node;
  std::string parent; ///< empty for the root
  double score = std::numeric_limits<double>::quiet_NaN();
  double rank = std::numeric_limits<double>::quiet_NaN(); ///< NaN when the node was not ranked
  /// The node's part of its parent's score (the parent's score for the root): the parts of a
  /// parent's children sum to its score.
  double contribution = std::numeric_limits<double>::quiet_NaN();
  double share = std::numeric_limits<double>::quiet_NaN(); ///< contribution / the parent's score
  /// The node's part of the index's score: its share times its parent's part of the index (the
  /// parts of the indicators, or of any level, sum to the index's score).
  double index_contribution = std::numeric_limits<double>::quiet_NaN();
  std::string how; ///< the decomposition used at the parent (see contributions())
};

namespace detail {

/// The shares of the children of aggregate node `nd` in its score for unit `u`: w_c the weights
/// the run used, renormalised over the children with a value (missing children take no part, as
/// `skip` aggregates them), x_c the children's scores, y the node's score:
/// - arithmetic: w_c x_c / y                                   ("weighted values")
/// - geometric:  w_c ln x_c / ln y                             ("log decomposition")
/// - harmonic:   (w_c / x_c) / (1 / y)                         ("reciprocal decomposition")
/// - power_mean(p): w_c x_c^p / y^p                            ("power decomposition")
/// Each sums to 1 over the children. Other aggregators (median, the column-wide ones) do not add
/// up from their children: NaN shares and `how` says so. Also NaN when y is NaN, or y = 0 for the
/// arithmetic and power decompositions, or ln y = 0 for the geometric one.
inline std::string shares_of(const result& r, const evaluation_plan& plan, std::size_t nd,
                             std::size_t u, std::vector<double>& share) {
  const framework& fw = r.tree();
  const auto& kids = fw.children(nd);
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  share.assign(kids.size(), nan);
  const double y = r.score(nd)[u];
  double w_sum = 0.0;
  for (std::size_t c : kids)
    w_sum += std::isnan(r.score(c)[u]) ? 0.0 : r.weights()[c];
  std::string how;
  std::visit(
      [&](const auto& agg) {
        using A = std::decay_t<decltype(agg)>;
        const auto each = [&](auto&& term, double whole) {
          for (std::size_t k = 0; k < kids.size(); ++k) {
            const double x = r.score(kids[k])[u];
            if (std::isnan(x)) {
              share[k] = 0.0;
              continue;
            }
            share[k] = (r.weights()[kids[k]] / w_sum) * term(x) / whole;
          }
        };
        if (std::isnan(y) || !(w_sum > 0.0))
          return;
        if constexpr (std::is_same_v<A, aggregate::arithmetic>) {
          how = "weighted values";
          if (y != 0.0)
            each([](double x) { return x; }, y);
        } else if constexpr (std::is_same_v<A, aggregate::geometric>) {
          how = "log decomposition";
          if (govmetrics::detail::log_ieee(y) != 0.0)
            each([](double x) { return govmetrics::detail::log_ieee(x); },
                 govmetrics::detail::log_ieee(y));
        } else if constexpr (std::is_same_v<A, aggregate::harmonic>) {
          how = "reciprocal decomposition";
          each([](double x) { return 1.0 / x; }, 1.0 / y);
        } else if constexpr (std::is_same_v<A, aggregate::power_mean>) {
          how = "power decomposition";
          const double p = agg.p;
          if (p == 0.0) {
            if (govmetrics::detail::log_ieee(y) != 0.0)
              each([](double x) { return govmetrics::detail::log_ieee(x); },
                   govmetrics::detail::log_ieee(y));
          } else if (y != 0.0) {
            each([p](double x) { return std::pow(x, p); }, std::pow(y, p));
          }
        } else {
          how =
              std::string("not decomposable (") + A::name() + " does not add up from its children)";
        }
      },
      plan.aggregators[fw.aggregate_slot(nd)]);
  return how;
}

} // namespace detail

/// Contributions for unit `unit` (a position in r.units()) of the result `r` computed with `plan`:
/// every node in framework order, with its score, rank, its part of its parent's score and of the
/// index's score (see detail::shares_of for each aggregator's decomposition). The root's
/// contribution is its score (share 1). unknown_code_error for a unit position out of range.
inline std::vector<contribution> contributions(const evaluation_plan& plan, const result& r,
                                               std::size_t unit) {
  const framework& fw = r.tree();
  detail::check_unit(r, unit, "explain");
  std::vector<contribution> out(fw.size());
  std::vector<double> share;
  for (std::size_t i = 0; i < fw.size(); ++i) {
    out[i].node = fw[i].code;
    out[i].parent = i == fw.root() ? std::string() : fw[fw.parent(i)].code;
    out[i].score = r.score(i)[unit];
    const column_view rk = r.rank(i);
    out[i].rank = rk.size() == r.n_units() ? rk[unit] : std::numeric_limits<double>::quiet_NaN();
  }
  const std::size_t root = fw.root();
  out[root].contribution = out[root].score;
  out[root].share = 1.0;
  out[root].index_contribution = out[root].score;
  // parents before children: the reverse of the aggregation order
  const auto& order = fw.aggregation_order();
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    const std::size_t nd = *it;
    const std::string how = detail::shares_of(r, plan, nd, unit, share);
    const auto& kids = fw.children(nd);
    for (std::size_t k = 0; k < kids.size(); ++k) {
      contribution& c = out[kids[k]];
      c.how = how;
      c.share = share[k];
      c.contribution = share[k] * out[nd].score;
      c.index_contribution = share[k] * out[nd].index_contribution;
    }
  }
  return out;
}

/// contributions() of a result computed by model `m`.
inline std::vector<contribution> contributions(const model& m, const result& r, std::size_t unit) {
  return contributions(m.plan(), r, unit);
}

} // namespace govmetrics::explain
