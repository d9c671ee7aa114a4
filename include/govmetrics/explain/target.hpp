// govmetrics: targets: the least costly change of a unit's indicators that brings it to a given
// rank (or score) at a node, through the whole tree. Formulation, the exact linear case and the
// monotone search of the others: docs/explain.md.
#pragma once

#include "govmetrics/audit/data_sets.hpp"
#include "govmetrics/core/polarity.hpp"
#include "govmetrics/detail/accumulate.hpp"
#include "govmetrics/detail/format.hpp"
#include "govmetrics/error.hpp"
#include "govmetrics/explain/unit.hpp"
#include "govmetrics/pipeline/model.hpp"
#include "govmetrics/pipeline/result.hpp"
#include "govmetrics/pipeline/run.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace govmetrics::explain {

/// What to reach and what may change.
struct target_options {
  /// The node whose rank or score is the target; empty: the root. An aggregate.
  std::string node;
  /// The rank to reach (1 = best): the unit's rank at `node` must become <= rank. 0: a score.
  std::size_t rank = 0;
  /// The score to reach at `node` when `rank` is 0.
  double score = std::numeric_limits<double>::quiet_NaN();
  /// Cost of changing an indicator by its whole observed range (default 1 for every indicator):
  /// changing it by d costs cost * |d| / (max - min). Positive and finite.
  std::map<std::string, double> costs;
  /// Indicators that cannot change.
  std::vector<std::string> fixed;
  /// Bounds of an indicator's new value, in its own units (default: its observed range).
  std::map<std::string, std::pair<double, double>> bounds;
};

/// One indicator's change.
struct target_change {
  std::string code;
  std::string name;
  std::string parent;
  std::string unit; ///< unit of measurement
  double from = std::numeric_limits<double>::quiet_NaN();
  double to = std::numeric_limits<double>::quiet_NaN();
  double change = std::numeric_limits<double>::quiet_NaN(); ///< to - from
  double cost = std::numeric_limits<double>::quiet_NaN();   ///< cost * |change| / range
  double lo = std::numeric_limits<double>::quiet_NaN();     ///< bounds of `to`
  double hi = std::numeric_limits<double>::quiet_NaN();
};

/// The answer.
struct target_result {
  std::string unit;
  std::string node;
  std::size_t rank_goal = 0; ///< 0 when the goal is a score
  double score_goal = std::numeric_limits<double>::quiet_NaN();
  bool reachable = false;
  /// "none" (already there), "lp" (every score on the way is linear in the changed values: the
  /// least-cost answer exactly) or "monotone_search" (the documented heuristic).
  std::string method;
  std::string reason; ///< why it is unreachable, or a remark
  double score_before = std::numeric_limits<double>::quiet_NaN();
  double rank_before = std::numeric_limits<double>::quiet_NaN();
  double score_after = std::numeric_limits<double>::quiet_NaN();
  double rank_after = std::numeric_limits<double>::quiet_NaN();
  double total_cost = 0.0;
  std::vector<target_change> changes; ///< the indicators that change, in the order chosen
  /// Indicators under the node that could not help, with the reason (fixed, missing, constant,
  /// at their best bound already).
  std::vector<std::pair<std::string, std::string>> unchanged;
  /// With the uncertainty inputs (target_probability.hpp, filled by the front ends when asked):
  /// P(rank <= rank_goal) over `probability_runs` replications, before and after the changes.
  double probability_before = std::numeric_limits<double>::quiet_NaN();
  double probability_after = std::numeric_limits<double>::quiet_NaN();
  std::size_t probability_runs = 0;
};

namespace detail {

/// The map from an indicator's value (as the normaliser receives it, before the direction sign)
/// to its normalised value, with the parameters fitted on the column as the run fitted them.
inline std::function<double(double)> fitted_normaliser(const normalize::any& norm, const node& ind,
                                                       column_view input,
                                                       const std::vector<std::string>& units) {
  return std::visit(
      [&](const auto& n) -> std::function<double(double)> {
        const double sign = sign_of(ind.polarity);
        std::vector<double> signed_column(input.begin(), input.end());
        for (double& x : signed_column)
          x *= sign;
        auto params = n.fit(fit_input{column_view{signed_column.data(), signed_column.size()},
                                      ind.polarity, ind.code, &units});
        return [n, params = std::move(params), sign](double v) {
          return std::isnan(v) ? v : n.apply(params, v * sign);
        };
      },
      norm);
}

} // namespace detail

/// The least costly change of unit `unit`'s indicators (a position in r.units()) under
/// `options.node` that brings its rank there to `options.rank` or better (or its score to
/// `options.score`), with every other unit as it is and the normalisation parameters fixed as
/// the run fitted them (`r` is m's result on the data whose raw columns are `raw`; values are in
/// the units the normaliser receives: raw, per denominator, treated). Indicators move within
/// their bounds, only in the direction that raises their normalised value. Each candidate is
/// evaluated by the model's own aggregation (computed weights and column-wide aggregators are
/// re-evaluated with the new values). The indicators are taken in order of the gain in score per
/// cost of moving each alone to its best bound; each is moved to that bound in turn until the
/// goal is met, the last one only as far as needed (bisection to 2^-60 of its move). When every
/// aggregator under the node is arithmetic, every weighting scheme there fixed and every
/// normalisation affine, the score is linear in the values, the problem is a linear programme
/// with one constraint and box bounds, and this greedy order is its exact optimum ("lp");
/// otherwise it is the documented monotone search. Unreachable (with the reason) when moving
/// every indicator to its best bound does not meet the goal.
inline target_result find_target(const model& m, const result& r, const audit::named_columns& raw,
                                 std::size_t unit, const target_options& options) {
  const framework& fw = r.tree();
  const std::size_t n_units = r.n_units();
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  detail::check_unit(r, unit, "target");
  const std::size_t target = options.node.empty() ? fw.root() : fw.index_of(options.node);
  if (fw.is_indicator(target)) {
    GOVMETRICS_THROW(spec_error("target: node '" + fw[target].code +
                                "' is an indicator; a target is set at an aggregate"));
  }
  target_result out;
  out.unit = r.units()[unit];
  out.node = fw[target].code;
  if (options.rank > 0) {
    if (options.rank > n_units) {
      GOVMETRICS_THROW(spec_error("target: rank " + std::to_string(options.rank) +
                                  " is beyond the " + std::to_string(n_units) + " units"));
    }
    out.rank_goal = options.rank;
  } else if (std::isfinite(options.score)) {
    out.score_goal = options.score;
  } else {
    GOVMETRICS_THROW(spec_error("target: give a rank (1 or more) or a finite score to reach"));
  }
  for (const auto& [code, c] : options.costs) {
    if (!fw.contains(code) || !fw.is_indicator(fw.index_of(code)))
      GOVMETRICS_THROW(unknown_code_error("target: a cost is given for '" + code +
                                          "', which is not an indicator"));
    if (!std::isfinite(c) || !(c > 0.0))
      GOVMETRICS_THROW(
          spec_error("target: the cost of '" + code + "' must be positive and finite"));
  }
  for (const std::string& code : options.fixed) {
    if (!fw.contains(code) || !fw.is_indicator(fw.index_of(code)))
      GOVMETRICS_THROW(
          unknown_code_error("target: '" + code + "' is fixed but is not an indicator"));
  }
  for (const auto& [code, b] : options.bounds) {
    if (!fw.contains(code) || !fw.is_indicator(fw.index_of(code)))
      GOVMETRICS_THROW(unknown_code_error("target: bounds are given for '" + code +
                                          "', which is not an indicator"));
    if (!std::isfinite(b.first) || !std::isfinite(b.second) || b.first > b.second)
      GOVMETRICS_THROW(
          spec_error("target: the bounds of '" + code + "' must be finite with lo <= hi"));
  }

  // evaluation with the unit's normalised values replaced
  evaluation_plan plan = m.plan();
  plan.ranks = rank_scope::all;
  auto data = std::make_shared<prepared_data>(r.prepared());
  data->column_flags.clear(); // `values` change below: evaluation counts
  const std::vector<double> nominal = data->values;
  evaluation_workspace ws;
  result eval;
  const auto score_rank = [&](double& score, double& rank) {
    ws.forget_logs(); // the workspace caches per data set; `data` changed in place
    evaluate(data, plan, ws, eval);
    score = eval.score(target)[unit];
    rank = eval.rank(target)[unit];
  };
  const auto goal_met = [&](double score, double rank) {
    return out.rank_goal > 0 ? !std::isnan(rank) && rank <= static_cast<double>(out.rank_goal)
                             : !std::isnan(score) && score >= out.score_goal;
  };
  score_rank(out.score_before, out.rank_before);
  if (goal_met(out.score_before, out.rank_before)) {
    out.reachable = true;
    out.method = "none";
    out.score_after = out.score_before;
    out.rank_after = out.rank_before;
    out.reason = "already there: rank " + govmetrics::detail::format_number(out.rank_before) +
                 ", score " + govmetrics::detail::format_number(out.score_before);
    return out;
  }

  // the indicators under the node and what each could do
  struct candidate {
    std::size_t node, slot;
    double from, best, lo, hi, range, unit_cost;
    std::function<double(double)> normalise;
    double gain_per_cost = 0.0;
  };
  const audit::named_columns input = audit::data_set_columns(r, audit::data_set::treated, raw);
  std::vector<std::size_t> under;
  std::vector<std::size_t> stack{target};
  bool linear = true;
  while (!stack.empty()) {
    const std::size_t i = stack.back();
    stack.pop_back();
    if (fw.is_indicator(i)) {
      under.push_back(i);
      continue;
    }
    const std::size_t slot = fw.aggregate_slot(i);
    linear = linear && aggregate::name_of(plan.aggregators[slot]) == "arithmetic" &&
             !weights::is_computed(plan.schemes[slot]);
    for (std::size_t c : fw.children(i))
      stack.push_back(c);
  }
  std::sort(under.begin(), under.end()); // framework order
  const auto& indicators = fw.indicators();
  std::vector<candidate> cands;
  for (std::size_t i : under) {
    const node& nd = fw[i];
    const std::size_t slot = static_cast<std::size_t>(
        std::find(indicators.begin(), indicators.end(), i) - indicators.begin());
    const column_view col = input.columns[slot];
    if (std::find(options.fixed.begin(), options.fixed.end(), nd.code) != options.fixed.end()) {
      out.unchanged.emplace_back(nd.code, "fixed");
      continue;
    }
    const double from = col[unit];
    if (std::isnan(from) || std::isnan(data->values[slot * n_units + unit])) {
      out.unchanged.emplace_back(nd.code, "the unit has no value");
      continue;
    }
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (double x : col) {
      if (std::isfinite(x)) {
        lo = std::min(lo, x);
        hi = std::max(hi, x);
      }
    }
    const double range = hi - lo;
    if (!(range > 0.0)) {
      out.unchanged.emplace_back(nd.code, "constant: no range to cost a change by");
      continue;
    }
    if (const auto b = options.bounds.find(nd.code); b != options.bounds.end()) {
      lo = b->second.first;
      hi = b->second.second;
      if (from < lo || from > hi) {
        GOVMETRICS_THROW(spec_error(
            "target: the bounds of '" + nd.code + "' (" + govmetrics::detail::format_number(lo) +
            " to " + govmetrics::detail::format_number(hi) + ") do not contain the unit's value " +
            govmetrics::detail::format_number(from) + " (a target moves a value within them)"));
      }
    }
    const auto spec_norm = m.spec().normalize_overrides.find(nd.code);
    candidate c{i,
                slot,
                from,
                from,
                lo,
                hi,
                range,
                0.0,
                detail::fitted_normaliser(spec_norm == m.spec().normalize_overrides.end()
                                              ? m.spec().normalize
                                              : spec_norm->second,
                                          nd, col, r.units())};
    const auto cost_it = options.costs.find(nd.code);
    c.unit_cost = (cost_it == options.costs.end() ? 1.0 : cost_it->second) / range;
    const double now = data->values[slot * n_units + unit];
    const double at_lo = c.normalise(lo), at_hi = c.normalise(hi);
    const double best_bound = at_hi >= at_lo ? hi : lo;
    const double at_best = std::max(at_lo, at_hi);
    if (!(at_best > now) || best_bound == from) {
      out.unchanged.emplace_back(nd.code, "at its best bound already");
      continue;
    }
    c.best = best_bound;
    // affine in the value? (checked at the two bounds, the value and two midpoints)
    const double span = at_hi - at_lo;
    for (double t : {0.25, 0.5, (from - lo) / (hi - lo)}) {
      const double expect = at_lo + t * span;
      const double got = c.normalise(lo + t * (hi - lo));
      linear = linear && std::abs(got - expect) <= 1e-9 * (std::abs(span) + std::abs(expect));
    }
    // gain of moving it alone to its best bound
    data->values[slot * n_units + unit] = at_best;
    double s = nan, k = nan;
    score_rank(s, k);
    data->values[slot * n_units + unit] = now;
    const double gain = s - out.score_before;
    if (!(gain > 0.0)) {
      out.unchanged.emplace_back(nd.code, "raises the score at '" + out.node + "' by nothing");
      continue;
    }
    c.gain_per_cost = gain / (c.unit_cost * std::abs(c.best - from));
    cands.push_back(std::move(c));
  }
  std::stable_sort(cands.begin(), cands.end(), [](const candidate& a, const candidate& b) {
    return a.gain_per_cost > b.gain_per_cost;
  });
  out.method = linear ? "lp" : "monotone_search";

  const auto set_value = [&](const candidate& c, double v) {
    data->values[c.slot * n_units + unit] = c.normalise(v);
  };
  // everything at its best bound
  for (const candidate& c : cands)
    set_value(c, c.best);
  double best_score = nan, best_rank = nan;
  score_rank(best_score, best_rank);
  if (!goal_met(best_score, best_rank)) {
    out.reachable = false;
    out.score_after = out.rank_after = nan;
    out.reason =
        "with " +
        (cands.empty() ? std::string("no indicator able to change")
                       : "every changeable indicator under '" + out.node + "' at its best bound") +
        " the unit reaches rank " + govmetrics::detail::format_number(best_rank) + " and score " +
        govmetrics::detail::format_number(best_score) + " at '" + out.node + "'";
    return out;
  }
  data->values = nominal;
  // one at a time, in order
  std::size_t used = 0;
  double last_to = nan;
  govmetrics::detail::neumaier_sum total;
  for (; used < cands.size(); ++used) {
    const candidate& c = cands[used];
    set_value(c, c.best);
    double s = nan, k = nan;
    score_rank(s, k);
    if (goal_met(s, k)) {
      double a = c.from, b = c.best; // goal not met at a, met at b
      for (int it = 0; it < 60; ++it) {
        const double mid = a + (b - a) / 2.0;
        if (mid == a || mid == b)
          break;
        set_value(c, mid);
        score_rank(s, k);
        (goal_met(s, k) ? b : a) = mid;
      }
      set_value(c, b);
      last_to = b;
      break;
    }
  }
  score_rank(out.score_after, out.rank_after);
  out.reachable = true;
  for (std::size_t j = 0; j <= used && j < cands.size(); ++j) {
    const candidate& c = cands[j];
    const node& nd = fw[c.node];
    target_change ch;
    ch.code = nd.code;
    ch.name = nd.name;
    ch.parent = nd.parent;
    ch.unit = nd.unit;
    ch.from = c.from;
    ch.to = j == used ? last_to : c.best;
    ch.change = ch.to - ch.from;
    ch.cost = c.unit_cost * std::abs(ch.change);
    ch.lo = c.lo;
    ch.hi = c.hi;
    total.add(ch.cost);
    out.changes.push_back(std::move(ch));
  }
  out.total_cost = total.value();
  return out;
}

} // namespace govmetrics::explain
