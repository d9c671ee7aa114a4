// govmetrics Python bindings: normalisation strategies (every alternative of normalize::any, as
// govmetrics.normalize.MinMax, ...) and the functional API's kernel, `apply`, which runs the same
// fit/apply code as the pipeline on the columns of a matrix.
#include "bind_common.hpp"

#include <optional>

namespace govmetrics::python {
namespace {

/// Normalises each column of `x` (units x columns) with `method`, as the pipeline does: the
/// direction sign first, then fit on the column's non-missing values, then apply; NaN stays NaN.
py::array_t<double> apply_columns(const normalize::any& method, const f_array& x,
                                  const std::vector<std::string>& codes,
                                  const py::sequence& directions,
                                  const std::optional<std::vector<std::string>>& units) {
  if (x.ndim() != 2)
    GOVMETRICS_THROW(data_error("normalize: expected a 2-D array (units x columns)"));
  const auto rows = static_cast<std::size_t>(x.shape(0));
  const auto cols = static_cast<std::size_t>(x.shape(1));
  if (codes.size() != cols || directions.size() != cols) {
    GOVMETRICS_THROW(spec_error("normalize: " + std::to_string(codes.size()) + " names and " +
                                std::to_string(directions.size()) + " directions for " +
                                std::to_string(cols) + " columns"));
  }
  std::vector<node> nodes(cols);
  for (std::size_t j = 0; j < cols; ++j) {
    nodes[j].code = codes[j];
    nodes[j].column = codes[j];
    nodes[j].polarity = to_direction(directions[j], "normalize: column '" + codes[j] + "'");
  }
  if (units && units->size() != rows) {
    GOVMETRICS_THROW(spec_error("normalize: " + std::to_string(units->size()) + " unit ids for " +
                                std::to_string(rows) + " rows"));
  }
  std::visit([](const auto& s) { s.validate(); }, method);
  py::array_t<double, py::array::f_style> out({x.shape(0), x.shape(1)});
  const double* in = x.data();
  double* dst = out.mutable_data();
  {
    py::gil_scoped_release release;
    std::visit(
        [&](const auto& norm) {
          for (std::size_t j = 0; j < cols; ++j) {
            detail::normalize_column(norm, nodes[j], column_view(in + j * rows, rows),
                                     dst + j * rows, units ? &*units : nullptr);
          }
        },
        method);
  }
  return out;
}

} // namespace

void register_normalize(py::module_& root) {
  py::module_ m = root.attr("normalize");
  bind_strategies<normalize::any>(m, "normalize", "govmetrics.normalize");
  m.def("apply", &apply_columns, py::arg("method"), py::arg("x"), py::arg("names"),
        py::arg("directions"), py::arg("units") = py::none(),
        "Normalise each column of a 2-D float64 array (units x columns); returns a new "
        "Fortran-ordered array. Same kernel as the pipeline. ``units``: the row ids (needed by "
        "distance_to_reference). Private: use "
        "govmetrics.normalize.apply.");
}

} // namespace govmetrics::python
