// govmetrics Python bindings: aggregation strategies (every alternative of aggregate::any, as
// govmetrics.aggregate.Arithmetic, ...).
#include "bind_common.hpp"

namespace govmetrics::python {

void register_aggregate(py::module_& root) {
  py::module_ m = root.attr("aggregate");
  bind_strategies<aggregate::any>(m, "aggregate", "govmetrics.aggregate");
}

} // namespace govmetrics::python
