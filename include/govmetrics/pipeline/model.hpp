// govmetrics: a resolved model: the framework, the method choices and the evaluation plan,
// validated once. The one place that spells out prepare -> evaluate: govmetrics::run(), the
// command and the Python bindings all go through it.
#pragma once

#include "govmetrics/pipeline/run.hpp"

#include <memory>
#include <utility>

namespace govmetrics {

/// A framework with its pipeline_spec validated and its evaluation plan resolved. Immutable:
/// a `const model` may be shared between threads (each thread owns its workspace and result).
class model {
public:
  /// Validates `spec` against `fw` (spec_error or unknown_code_error naming the problem) and
  /// resolves the plan.
  model(std::shared_ptr<const framework> fw, pipeline_spec spec)
      : fw_(std::move(fw)), spec_(std::move(spec)) {
    validate(*fw_, spec_);
    plan_ = detail::make_plan_validated(*fw_, spec_);
  }

  const framework& tree() const noexcept { return *fw_; }
  const std::shared_ptr<const framework>& tree_ptr() const noexcept { return fw_; }
  const pipeline_spec& spec() const noexcept { return spec_; }
  const evaluation_plan& plan() const noexcept { return plan_; }

  /// The weight-independent stages (data stages, treatment, normalisation) on `data` (a dataset
  /// or a dataset_view, read in place); reuse the result across evaluations.
  template <class Data>
  std::shared_ptr<const prepared_data> prepare(const Data& data) const {
    return detail::prepare_validated(fw_, data, spec_);
  }

  /// The aggregate-and-rank stage with the model's plan into `out` (a result, or a lean_result:
  /// scores and the ranks of its nodes only); reusing `ws` and `out` across calls of the same
  /// shape allocates nothing (apart from diagnostics).
  void evaluate(const std::shared_ptr<const prepared_data>& data, evaluation_workspace& ws,
                result& out) const {
    govmetrics::evaluate(data, plan_, ws, out);
  }
  void evaluate(const std::shared_ptr<const prepared_data>& data, evaluation_workspace& ws,
                lean_result& out) const {
    govmetrics::evaluate(data, plan_, ws, out);
  }

  /// Prepare, then evaluate, into `out`. The scratch memory is the calling thread's, kept for its
  /// next run (no allocation for it once warm; it holds no data between runs). Evaluation calls
  /// no user code (every method is a built-in alternative), so no run starts inside a run on one
  /// thread.
  template <class Data>
  void run(const Data& data, result& out) const {
    const auto prepared = prepare(data);
    thread_local evaluation_workspace kept;
    struct release {
      evaluation_workspace& ws;
      ~release() { ws.forget_logs(); } // the cached logs and the prepared data they hold alive
    } guard{kept};
    evaluate(prepared, kept, out);
  }

  /// Prepare, then evaluate.
  template <class Data>
  result run(const Data& data) const {
    result out;
    run(data, out);
    return out;
  }

private:
  std::shared_ptr<const framework> fw_;
  pipeline_spec spec_;
  evaluation_plan plan_;
};

/// Normalise, aggregate and rank in one call.
template <class Data>
result run(const framework& fw, const Data& data, const pipeline_spec& spec = {}) {
  return model(std::make_shared<const framework>(fw), spec).run(data);
}

} // namespace govmetrics
