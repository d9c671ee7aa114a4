// govmetrics Python bindings: weighting schemes of the pipeline (every alternative of
// weights::any, as govmetrics.weights.Explicit, ...) and the objective weights of a plain decision
// matrix (weights/objective.hpp: entropy, critic, std_dev, cv).
#include "bind_common.hpp"

#include <govmetrics/core/matrix.hpp>
#include <govmetrics/weights/objective.hpp>

namespace govmetrics::python {
namespace {

matrix_view as_matrix(const f_array& x, const char* who) {
  if (x.ndim() != 2) {
    GOVMETRICS_THROW(data_error(std::string(who) +
                                ": expected a 2-D matrix (alternatives x criteria), got " +
                                std::to_string(x.ndim()) + " dimension(s)"));
  }
  return {x.data(), static_cast<std::size_t>(x.shape(0)), static_cast<std::size_t>(x.shape(1))};
}

/// Runs `f` without the GIL (the matrix is kept alive by the caller's reference).
template <class F>
auto without_gil(F&& f) {
  py::gil_scoped_release release;
  return f();
}

} // namespace

void register_weights(py::module_& root) {
  py::module_ m = root.attr("weights");
  bind_strategies<weights::any>(m, "weights", "govmetrics.weights");

  // The functional objective weights: one m.def per C++ function. Private kernels; the public
  // functions (labels in and out) are in python/src/govmetrics/weights.py.
  m.def(
      "entropy",
      [](const f_array& x, const std::string& zeros) {
        const matrix_view v = as_matrix(x, "weights::entropy");
        const auto z = weights::entropy_zeros_from_string(zeros);
        return to_numpy(without_gil([&] { return weights::entropy(v, z); }));
      },
      py::arg("m"), py::arg("zeros") = "zero_log_zero");
  m.def(
      "critic",
      [](const f_array& x, const py::sequence& directions) {
        const matrix_view v = as_matrix(x, "weights::critic");
        const auto d = to_directions(directions, "weights::critic");
        return to_numpy(without_gil([&] { return weights::critic(v, d); }));
      },
      py::arg("m"), py::arg("directions"));
  m.def(
      "std_dev",
      [](const f_array& x) {
        const matrix_view v = as_matrix(x, "weights::std_dev");
        return to_numpy(without_gil([&] { return weights::std_dev(v); }));
      },
      py::arg("m"));
  m.def(
      "cv",
      [](const f_array& x) {
        const matrix_view v = as_matrix(x, "weights::cv");
        return to_numpy(without_gil([&] { return weights::cv(v); }));
      },
      py::arg("m"));
}

} // namespace govmetrics::python
