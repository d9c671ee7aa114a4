// govmetrics Python bindings: missing values inside aggregation (missing::any, as
// govmetrics.missing.Skip, ...) and outlier treatment (treat::any, as govmetrics.treat.None_).
#include "bind_common.hpp"

namespace govmetrics::python {

void register_missing(py::module_& root) {
  py::module_ m = root.attr("missing");
  bind_strategies<missing::any>(m, "missing", "govmetrics.missing");
  py::module_ treat = root.attr("treat");
  bind_strategies<treat::any>(treat, "treat", "govmetrics.treat");
}

} // namespace govmetrics::python
