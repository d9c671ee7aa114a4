// govmetrics: the run-time pipeline, driven by a pipeline_spec of std::variants.
#pragma once

#include "govmetrics/pipeline/engine.hpp"

#include <memory>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace govmetrics {

/// The aggregate-and-rank stage resolved against one framework: weights per node and an aggregator
/// per aggregate node. Change `weights` or `aggregators` between runs freely (same framework).
struct evaluation_plan {
  std::vector<double> weights;             ///< per node, normalised within its parent
  std::vector<aggregate::any> aggregators; ///< per aggregate slot (framework aggregation order)
  /// Weighting scheme of each aggregate node's children, per aggregate slot. For `explicit` and
  /// `equal` the weights above are used; the other schemes compute them during evaluation (the
  /// weights above are then their prior: the explicit weights, which `combined` mixes in).
  std::vector<weights::any> schemes;
  /// When not empty, the scheme of aggregate slot s is *scheme_refs[s] instead of schemes[s]
  /// (schemes owned elsewhere that outlive the plan's use): how an uncertainty analysis switches
  /// schemes per replication without copying one (an AHP matrix would be copied).
  std::vector<const weights::any*> scheme_refs;
  missing::any missing = missing::skip{};
  rank::ties ties = rank::ties::min;
  rank_scope ranks = rank_scope::all;
};

namespace detail {
inline void check_overrides(const framework& fw, const pipeline_spec& spec) {
  for (const auto& [code, n] : spec.normalize_overrides) {
    const std::size_t i = fw.index_of(code);
    if (!fw.is_indicator(i)) {
      GOVMETRICS_THROW(spec_error("pipeline: a normalisation override is given for '" + code +
                                  "', which is not an indicator"));
    }
    std::visit([](const auto& s) { s.validate(); }, n);
  }
  for (const auto& [code, m] : spec.impute_overrides) {
    const std::size_t i = fw.index_of(code);
    if (!fw.is_indicator(i)) {
      GOVMETRICS_THROW(spec_error("pipeline: an imputation override is given for '" + code +
                                  "', which is not an indicator"));
    }
    std::visit([](const auto& s) { s.validate(); }, m);
  }
  for (const auto& [code, t] : spec.treat_overrides) {
    const std::size_t i = fw.index_of(code);
    if (!fw.is_indicator(i)) {
      GOVMETRICS_THROW(spec_error("pipeline: a treatment override is given for '" + code +
                                  "', which is not an indicator"));
    }
    std::visit([](const auto& s) { s.validate(); }, t);
  }
  for (const auto& [code, a] : spec.aggregate_overrides) {
    const std::size_t i = fw.index_of(code);
    if (fw.is_indicator(i)) {
      GOVMETRICS_THROW(spec_error("pipeline: an aggregation override is given for '" + code +
                                  "', which is an indicator"));
    }
    std::visit([](const auto& s) { s.validate(); }, a);
  }
  for (const auto& [code, w] : spec.weights_overrides) {
    const std::size_t i = fw.index_of(code);
    if (fw.is_indicator(i)) {
      GOVMETRICS_THROW(spec_error("pipeline: a weights override is given for '" + code +
                                  "', which is an indicator (weights belong to aggregate nodes)"));
    }
    std::visit([](const auto& s) { s.validate(); }, w);
  }
  // AHP matrices must fit the children of every node they apply to.
  for (std::size_t nd : fw.aggregation_order()) {
    const auto it = spec.weights_overrides.find(fw[nd].code);
    const weights::any& w = it == spec.weights_overrides.end() ? spec.weights : it->second;
    if (const auto* a = std::get_if<weights::ahp_method>(&w)) {
      std::vector<std::string> kids;
      for (std::size_t c : fw.children(nd))
        kids.push_back(fw[c].code);
      (void)a->positions(fw[nd].code, kids);
    }
  }
}
} // namespace detail

/// Checks every strategy's parameters and the overrides against `fw`; throws spec_error or
/// unknown_code_error.
inline void validate(const framework& fw, const pipeline_spec& spec) {
  std::visit([](const auto& s) { s.validate(); }, spec.missing);
  std::visit([](const auto& s) { s.validate(); }, spec.impute);
  spec.screen.validate();
  std::visit([](const auto& s) { s.validate(); }, spec.treat);
  std::visit([](const auto& s) { s.validate(); }, spec.normalize);
  std::visit([](const auto& s) { s.validate(); }, spec.aggregate);
  std::visit([](const auto& s) { s.validate(); }, spec.weights);
  detail::check_overrides(fw, spec);
}

/// The data stages of `spec` resolved against `fw`: an imputer per indicator (the overrides over
/// the default; no entries when nothing is imputed) and the screening thresholds.
inline data_stages make_data_stages(const framework& fw, const pipeline_spec& spec) {
  data_stages st;
  st.screen = spec.screen;
  bool any = !std::holds_alternative<impute::none>(spec.impute);
  for (const auto& [code, m] : spec.impute_overrides) {
    (void)code;
    any = any || !std::holds_alternative<impute::none>(m);
  }
  if (!any)
    return st;
  st.imputers.reserve(fw.indicators().size());
  for (std::size_t i : fw.indicators()) {
    const auto it = spec.impute_overrides.find(fw[i].code);
    st.imputers.push_back(it == spec.impute_overrides.end() ? spec.impute : it->second);
  }
  return st;
}

namespace detail {

/// prepare() without validating `spec` (the caller did: model).
template <class Data>
std::shared_ptr<const prepared_data> prepare_validated(std::shared_ptr<const framework> fw,
                                                       const Data& data,
                                                       const pipeline_spec& spec) {
  const framework& tree = *fw;
  return govmetrics::detail::prepare(
      std::move(fw), data,
      [&](std::size_t node, auto&& f) {
        const auto it = spec.treat_overrides.find(tree[node].code);
        std::visit(f, it == spec.treat_overrides.end() ? spec.treat : it->second);
      },
      [&](std::size_t node, auto&& f) {
        const auto it = spec.normalize_overrides.find(tree[node].code);
        std::visit(f, it == spec.normalize_overrides.end() ? spec.normalize : it->second);
      },
      spec.ties, spec.ranks == rank_scope::all, make_data_stages(tree, spec));
}

/// make_plan() without validating `spec` (the caller did: model).
inline evaluation_plan make_plan_validated(const framework& fw, const pipeline_spec& spec) {
  evaluation_plan plan;
  const auto scheme_of = [&](std::size_t nd) -> const weights::any& {
    const auto it = spec.weights_overrides.find(fw[nd].code);
    return it == spec.weights_overrides.end() ? spec.weights : it->second;
  };
  govmetrics::detail::plan_weights_into(fw, scheme_of, plan.weights);
  plan.aggregators.reserve(fw.aggregation_order().size());
  plan.schemes.reserve(fw.aggregation_order().size());
  for (std::size_t nd : fw.aggregation_order()) {
    const auto it = spec.aggregate_overrides.find(fw[nd].code);
    plan.aggregators.push_back(it == spec.aggregate_overrides.end() ? spec.aggregate : it->second);
    plan.schemes.push_back(scheme_of(nd));
  }
  plan.missing = spec.missing;
  plan.ties = spec.ties;
  plan.ranks = spec.ranks;
  return plan;
}

} // namespace detail

/// Runs the data stages (denominate -> impute -> screen), then treats and normalises the
/// indicators (the weight-independent stage); reuse the result across evaluations. `Data` is a
/// dataset or a dataset_view (read in place, no copy of the input).
template <class Data>
std::shared_ptr<const prepared_data> prepare(std::shared_ptr<const framework> fw, const Data& data,
                                             const pipeline_spec& spec) {
  validate(*fw, spec);
  return detail::prepare_validated(std::move(fw), data, spec);
}

/// Resolves weights and per-node aggregators.
inline evaluation_plan make_plan(const framework& fw, const pipeline_spec& spec) {
  validate(fw, spec);
  return detail::make_plan_validated(fw, spec);
}

/// The aggregate-and-rank stage into `out`: a `result`, or a `lean_result` (scores, and the ranks
/// of its nodes only: the same bits). Reusing `ws` and `out` across calls of the same shape
/// allocates nothing (apart from diagnostics, when there are any).
template <class Sink>
void evaluate(const std::shared_ptr<const prepared_data>& data, const evaluation_plan& plan,
              evaluation_workspace& ws, Sink& out) {
  detail::evaluate(
      data, plan.weights,
      [&](std::size_t slot, auto&& f) { std::visit(f, plan.aggregators[slot]); },
      [&](std::size_t slot) -> const weights::any& {
        static const weights::any given = weights::explicit_weights{};
        if (slot < plan.scheme_refs.size())
          return *plan.scheme_refs[slot];
        return slot < plan.schemes.size() ? plan.schemes[slot] : given;
      },
      detail::to_rule(plan.missing), plan.ties, plan.ranks, ws, out);
}

} // namespace govmetrics

// govmetrics::run() and the model that every front end uses (model.hpp includes this header; the
// include guards make the cycle safe)
#include "govmetrics/pipeline/model.hpp"
