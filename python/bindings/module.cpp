// govmetrics Python bindings: the extension module `govmetrics._core`. This file only creates the
// submodules and calls each family's registration, in order (later families use earlier types).
#include "bind_common.hpp"

namespace gp = govmetrics::python;

PYBIND11_MODULE(_core, m) {
  m.doc() = "govmetrics._core: the compiled core of the govmetrics package (private; import "
            "govmetrics instead).";
  m.attr("__version__") = GOVMETRICS_PYTHON_VERSION_INFO;
  m.attr("cpp_version") = govmetrics::version();

  // Each register_<family> binds into its submodule (m.attr("<family>")) or into m itself.
  m.def_submodule("normalize", "Normalisation strategies and the functional kernel.");
  m.def_submodule("aggregate", "Aggregation strategies.");
  m.def_submodule("missing", "What aggregation does with missing children.");
  m.def_submodule("treat", "Outlier treatment strategies.");
  m.def_submodule("impute", "Imputation of missing values.");
  m.def_submodule("weights", "Weighting schemes and objective (data-driven) weights.");
  m.def_submodule("mcda", "Multi-criteria decision analysis on a plain matrix.");
  m.def_submodule("io", "Methodology files, CSV data, result files.");
  m.def_submodule("audit", "The statistical audit of a result.");

  gp::register_errors(m);
  gp::register_framework(m);
  gp::register_normalize(m);
  gp::register_aggregate(m);
  gp::register_missing(m);
  gp::register_weights(m);
  gp::register_mcda(m);
  gp::register_pipeline(m);
  gp::register_io(m);
  gp::register_audit(m);
}
