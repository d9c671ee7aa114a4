// govmetrics: importance: how much each node really drives its parent and the index (the
// correlation ratio, or first-order sensitivity index, estimated by non-parametric regression;
// Paruolo, Saisana and Saltelli 2013), beside its nominal and effective weights.
#pragma once

#include "govmetrics/audit/effective_weights.hpp"
#include "govmetrics/audit/levels.hpp"
#include "govmetrics/detail/accumulate.hpp"
#include "govmetrics/detail/correlation.hpp"
#include "govmetrics/error.hpp"
#include "govmetrics/pipeline/result.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace govmetrics::audit {

/// A main effect estimated by a local linear smoother.
struct main_effect {
  double correlation_ratio = std::numeric_limits<double>::quiet_NaN(); ///< Var(E[Y|X]) / Var(Y)
  double bandwidth = std::numeric_limits<double>::quiet_NaN();         ///< the one chosen
  std::size_t n = 0;                                                   ///< pairs with both values
  std::size_t n_used = 0; ///< pairs the smoother used (at most max_points)
};

/// Settings of the smoother.
struct smoother_options {
  /// Candidate bandwidths, as multiples of Silverman's rule sd(x) n^(-1/5); the one with the
  /// smallest leave-one-out squared error is used.
  std::vector<double> multiples{0.25, 0.35, 0.5, 0.7, 1.0, 1.4, 2.0, 2.8, 4.0};
  /// Above this many pairs, every k-th pair in data order (k = ceil(n / max_points)) is used:
  /// the smoother costs n^2 per bandwidth.
  std::size_t max_points = 4000;
};

namespace smoothing {

/// The local linear estimate at x0 from the pairs (x, y) with Gaussian weights of bandwidth h,
/// leaving out pair `skip` (npos: none). NaN when the weighted design is singular.
inline double local_linear(const std::vector<double>& x, const std::vector<double>& y, double x0,
                           double h, std::size_t skip) {
  double s0 = 0.0, s1 = 0.0, s2 = 0.0, t0 = 0.0, t1 = 0.0;
  for (std::size_t j = 0; j < x.size(); ++j) {
    if (j == skip)
      continue;
    const double d = x[j] - x0;
    const double u = d / h;
    const double w = std::exp(-0.5 * u * u);
    s0 += w;
    s1 += w * d;
    s2 += w * d * d;
    t0 += w * y[j];
    t1 += w * d * y[j];
  }
  const double det = s0 * s2 - s1 * s1;
  if (!(s0 > 0.0))
    return std::numeric_limits<double>::quiet_NaN();
  if (!(det > 1e-12 * s0 * s2)) // (nearly) all weight at one x: the local mean
    return t0 / s0;
  return (s2 * t0 - s1 * t1) / det;
}

/// The pairs of (x, y) where both are present, into `a` and `b`.
inline void complete_pairs(column_view x, column_view y, std::vector<double>& a,
                           std::vector<double>& b) {
  a.clear();
  b.clear();
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (!std::isnan(x[i]) && !std::isnan(y[i])) {
      a.push_back(x[i]);
      b.push_back(y[i]);
    }
  }
}

inline double population_variance(const std::vector<double>& v) {
  const auto m = govmetrics::detail::compute_moments(v.data(), v.size());
  return m.population_variance();
}

} // namespace smoothing

/// The correlation ratio of y on x (same length, NaN = missing, pairs with both values):
///   eta^2 = Var(m(X)) / Var(Y),  m(x) = E[Y | X = x],
/// with m estimated at every data point by local linear regression (Gaussian kernel), the
/// bandwidth chosen by leave-one-out cross-validation among `opt.multiples` of Silverman's rule,
/// and both variances over the pairs used (divisor n). It is the first-order sensitivity index of
/// Y to X; for a linear Y it equals Pearson's r^2 up to the estimator's error. NaN with fewer than
/// 5 pairs or when x or y is constant.
inline main_effect correlation_ratio(column_view x, column_view y,
                                     const smoother_options& opt = {}) {
  main_effect out;
  std::vector<double> a;
  std::vector<double> b;
  smoothing::complete_pairs(x, y, a, b);
  out.n = a.size();
  if (opt.max_points > 0 && a.size() > opt.max_points) {
    const std::size_t k = (a.size() + opt.max_points - 1) / opt.max_points;
    std::size_t w = 0;
    for (std::size_t i = 0; i < a.size(); i += k, ++w) {
      a[w] = a[i];
      b[w] = b[i];
    }
    a.resize(w);
    b.resize(w);
  }
  out.n_used = a.size();
  if (a.size() < 5)
    return out;
  const double var_x = smoothing::population_variance(a);
  const double var_y = smoothing::population_variance(b);
  if (!(var_x > 0.0) || !(var_y > 0.0))
    return out;
  const double rule = 1.06 * std::sqrt(var_x) * std::pow(static_cast<double>(a.size()), -0.2);
  double best = std::numeric_limits<double>::infinity();
  for (double c : opt.multiples) {
    const double h = c * rule;
    if (!(h > 0.0))
      continue;
    govmetrics::detail::neumaier_sum sse;
    for (std::size_t i = 0; i < a.size(); ++i) {
      const double e = b[i] - smoothing::local_linear(a, b, a[i], h, i);
      sse.add(e * e);
    }
    if (sse.value() < best) {
      best = sse.value();
      out.bandwidth = h;
    }
  }
  if (std::isnan(out.bandwidth))
    return out;
  std::vector<double> fitted(a.size());
  for (std::size_t i = 0; i < a.size(); ++i)
    fitted[i] = smoothing::local_linear(a, b, a[i], out.bandwidth, static_cast<std::size_t>(-1));
  const double ratio = smoothing::population_variance(fitted) / var_y;
  out.correlation_ratio = ratio > 1.0 ? 1.0 : ratio;
  return out;
}

/// One node's importance for one output (its parent, or the index).
struct importance_row {
  std::string node;
  std::string output;            ///< the node whose scores are explained: the parent, or the root
  double weight = 0.0;           ///< the node's nominal share of `output` (weights along the path)
  double effective_weight = 0.0; ///< its share of the index
  double correlation_ratio = std::numeric_limits<double>::quiet_NaN(); ///< main effect on output
  double pearson_r2 = std::numeric_limits<double>::quiet_NaN();        ///< the linear version
  /// correlation_ratio / sum over the node's group (the same output and level) of the same
  double importance_share = std::numeric_limits<double>::quiet_NaN();
  /// weight / sum over the group of the same
  double weight_share = std::numeric_limits<double>::quiet_NaN();
  /// "over" when importance_share > factor x weight_share, "under" when it is below
  /// weight_share / factor, "ok" otherwise, "" when undefined
  std::string flag;
  double bandwidth = std::numeric_limits<double>::quiet_NaN();
  std::size_t n_units = 0;
};

/// For every node but the root, its main effect on its parent; and for every node deeper than the
/// root's children, also on the index. Rows in framework order, each node's parent row first.
/// Groups (for the shares and flags): the rows with the same output and the same level (siblings
/// for a parent; every node of a level for the index). `factor` (default 2) is the disagreement
/// between importance and weight shares that raises a flag.
inline std::vector<importance_row> importance(const result& r, double factor = 2.0,
                                              const smoother_options& opt = {}) {
  if (!(factor >= 1.0) || !std::isfinite(factor)) {
    GOVMETRICS_THROW(spec_error("audit: the importance flag factor must be a finite number >= 1 "
                                "(got " +
                                std::to_string(factor) + ")"));
  }
  const framework& fw = r.tree();
  const auto level = levels(fw);
  std::vector<double> eff(fw.size(), 1.0);
  for (const auto& e : effective_weights(r))
    eff[fw.index_of(e.node)] = e.effective_weight;
  std::vector<importance_row> out;
  std::vector<std::size_t> out_level;
  const auto add = [&](std::size_t nd, std::size_t output) {
    importance_row row;
    row.node = fw[nd].code;
    row.output = fw[output].code;
    double w = 1.0;
    for (std::size_t p = nd; p != output; p = fw.parent(p))
      w *= r.weights()[p];
    row.weight = w;
    row.effective_weight = eff[nd];
    const column_view x = r.score(nd);
    const column_view y = r.score(output);
    const auto me = correlation_ratio(x, y, opt);
    row.correlation_ratio = me.correlation_ratio;
    row.bandwidth = me.bandwidth;
    row.n_units = me.n;
    std::vector<double> xa;
    std::vector<double> ya;
    smoothing::complete_pairs(x, y, xa, ya);
    const double c = govmetrics::detail::pearson_complete(xa.data(), ya.data(), xa.size());
    row.pearson_r2 = c * c;
    out.push_back(row);
    out_level.push_back(level[nd]);
  };
  for (std::size_t i = 0; i < fw.size(); ++i) {
    if (i == fw.root())
      continue;
    add(i, fw.parent(i));
    if (fw.parent(i) != fw.root())
      add(i, fw.root());
  }
  // shares and flags per group (output, level)
  for (std::size_t k = 0; k < out.size(); ++k) {
    double s_sum = 0.0;
    double w_sum = 0.0;
    bool defined = true;
    for (std::size_t j = 0; j < out.size(); ++j) {
      if (out[j].output != out[k].output || out_level[j] != out_level[k])
        continue;
      defined = defined && !std::isnan(out[j].correlation_ratio);
      s_sum += out[j].correlation_ratio;
      w_sum += out[j].weight;
    }
    if (!defined || !(s_sum > 0.0) || !(w_sum > 0.0))
      continue;
    out[k].importance_share = out[k].correlation_ratio / s_sum;
    out[k].weight_share = out[k].weight / w_sum;
    out[k].flag = out[k].importance_share > factor * out[k].weight_share   ? "over"
                  : out[k].importance_share * factor < out[k].weight_share ? "under"
                                                                           : "ok";
  }
  return out;
}

} // namespace govmetrics::audit
