// govmetrics: the run-time pipeline specification (every step a std::variant of strategies).
#pragma once

#include "govmetrics/aggregate/any.hpp"
#include "govmetrics/impute/any.hpp"
#include "govmetrics/missing/policy.hpp"
#include "govmetrics/missing/screen.hpp"
#include "govmetrics/normalize/any.hpp"
#include "govmetrics/rank/rank.hpp"
#include "govmetrics/treat/any.hpp"
#include "govmetrics/weights/any.hpp"

#include <map>
#include <string>

namespace govmetrics {

/// Which nodes get ranks. Ranking a million units costs a sort per node, so Monte Carlo-style
/// callers may restrict it; every score is computed regardless.
enum class rank_scope { all, aggregates, root };

/// Everything a pipeline run chooses, filled from a methodology file, from Python, or in code.
/// The defaults are COINr's: skip missing children, min-max 0..100, weighted arithmetic mean,
/// the framework's weights, ranks with ties "min". `weights` applies to every aggregate node
/// without an entry in `weights_overrides`.
struct pipeline_spec {
  missing::any missing = missing::skip{};
  /// Data stages before treatment (COINr's order: denominate -> impute -> screen -> treat ->
  /// normalise; denominators are node fields). Imputation of missing cells, `none` by default.
  impute::any impute = impute::none{};
  /// Coverage screening of units and indicators after imputation; off by default.
  missing::screen screen{};
  treat::any treat = treat::none{};
  normalize::any normalize = normalize::min_max{};
  aggregate::any aggregate = aggregate::arithmetic{};
  weights::any weights = weights::explicit_weights{};
  rank::ties ties = rank::ties::min;
  rank_scope ranks = rank_scope::all;
  /// Per-indicator normalisers, by indicator code.
  std::map<std::string, normalize::any> normalize_overrides;
  /// Per-indicator imputers, by indicator code (`impute::none{}` exempts an indicator).
  std::map<std::string, impute::any> impute_overrides;
  /// Per-indicator treatments, by indicator code (`treat::none{}` exempts an indicator).
  std::map<std::string, treat::any> treat_overrides;
  /// Per-node aggregators, by aggregate node code.
  std::map<std::string, aggregate::any> aggregate_overrides;
  /// Per-node weighting schemes, by aggregate node code: the scheme of that node's children.
  std::map<std::string, weights::any> weights_overrides;
};

/// The choices of the aggregate-and-rank stage alone (what a compile-time pipeline's `run` takes).
struct run_options {
  weights::any weights = weights::explicit_weights{};
  rank::ties ties = rank::ties::min;
  rank_scope ranks = rank_scope::all;
};

} // namespace govmetrics
