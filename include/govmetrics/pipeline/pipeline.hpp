// govmetrics: the compile-time pipeline (strategy types as template parameters).
#pragma once

#include "govmetrics/pipeline/engine.hpp"
#include "govmetrics/treat/any.hpp"

#include <memory>
#include <utility>

namespace govmetrics {

/// A pipeline whose methods are fixed at compile time: one missing-value policy, treatment,
/// normaliser and aggregator for every indicator and node. Calls the same kernels as the
/// run-time path (`govmetrics::run` with a pipeline_spec), so both give identical bits.
template <class Missing, class Treat, class Normalize, class Aggregate>
class pipeline {
  static_assert(sizeof(detail::requires_normalizer<Normalize>) > 0, "");
  static_assert(is_aggregator_v<Aggregate> || aggregate::is_column_aggregator_v<Aggregate>,
                "Aggregate must be a per-unit aggregator (core/concepts.hpp) or a column-wide one "
                "(aggregate/column.hpp)");
  static_assert(sizeof(treat::detail::requires_treatment<Treat>) > 0, "");

public:
  pipeline(Missing m, Treat t, Normalize n, Aggregate a)
      : missing_(std::move(m)), treat_(std::move(t)), normalize_(std::move(n)),
        aggregate_(std::move(a)) {
    missing_.validate();
    treat_.validate();
    normalize_.validate();
    aggregate_.validate();
  }

  const Missing& missing() const noexcept { return missing_; }
  const Treat& treat() const noexcept { return treat_; }
  const Normalize& normalizer() const noexcept { return normalize_; }
  const Aggregate& aggregator() const noexcept { return aggregate_; }

  /// The weight-independent stage: normalised indicators (and their ranks, unless only aggregate
  /// nodes are to be ranked).
  template <class Data>
  std::shared_ptr<const prepared_data> prepare(std::shared_ptr<const framework> fw,
                                               const Data& data,
                                               const run_options& opt = {}) const {
    return detail::prepare(
        std::move(fw), data, [&](std::size_t, auto&& f) { f(treat_); },
        [&](std::size_t, auto&& f) { f(normalize_); }, opt.ties, opt.ranks == rank_scope::all);
  }

  /// The aggregate-and-rank stage; allocation-free when `ws` and `out` are reused and
  /// `opt.weights` is explicit or equal. A computed scheme in `opt.weights` (entropy, pca, ...)
  /// replaces `weights` at every aggregate node.
  void evaluate(const std::shared_ptr<const prepared_data>& data,
                const std::vector<double>& weights, const run_options& opt,
                evaluation_workspace& ws, result& out) const {
    detail::evaluate(
        data, weights, [&](std::size_t, auto&& f) { f(aggregate_); },
        [&](std::size_t) -> const govmetrics::weights::any& { return opt.weights; },
        detail::to_rule(missing::any{missing_}), opt.ties, opt.ranks, ws, out);
  }

  template <class Data>
  result run(const framework& fw, const Data& data, const run_options& opt = {}) const {
    auto tree = std::make_shared<const framework>(fw);
    const auto prepared = prepare(tree, data, opt);
    evaluation_workspace ws;
    result out;
    evaluate(prepared, detail::node_weights(*tree, opt.weights), opt, ws, out);
    return out;
  }

private:
  Missing missing_;
  Treat treat_;
  Normalize normalize_;
  Aggregate aggregate_;
};

/// `make_pipeline(missing::skip{}, treat::none{}, normalize::min_max{0, 100},
/// aggregate::arithmetic{})`.
template <class Missing, class Treat, class Normalize, class Aggregate>
pipeline<Missing, Treat, Normalize, Aggregate> make_pipeline(Missing m, Treat t, Normalize n,
                                                             Aggregate a) {
  return {std::move(m), std::move(t), std::move(n), std::move(a)};
}

} // namespace govmetrics
