// govmetrics Python bindings: missing values inside aggregation (missing::any, as
// govmetrics.missing.Skip, ...), coverage screening (missing::screen, as govmetrics.missing.Screen,
// not a variant alternative), imputation (impute::any, as govmetrics.impute.Mean, ...) and outlier
// treatment (treat::any, as govmetrics.treat.None_).
#include "bind_common.hpp"

namespace govmetrics::python {

void register_missing(py::module_& root) {
  py::module_ m = root.attr("missing");
  bind_strategies<missing::any>(m, "missing", "govmetrics.missing");
  py::dict options; // Screen is an option of the pipeline, not a missing-value policy
  bind_strategy<missing::screen>(m, "missing", "govmetrics.missing", options);
  py::module_ impute = root.attr("impute");
  bind_strategies<impute::any>(impute, "impute", "govmetrics.impute");
  py::module_ treat = root.attr("treat");
  bind_strategies<treat::any>(treat, "treat", "govmetrics.treat");
}

} // namespace govmetrics::python
