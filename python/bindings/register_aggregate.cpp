// govmetrics Python bindings: aggregation strategies (every alternative of aggregate::any, as
// govmetrics.aggregate.Arithmetic, ...). When the extension is built with govmetrics::lp, the CLP
// solver is registered here, so that benefit_of_doubt works from Python.
#include "bind_common.hpp"

#ifdef GOVMETRICS_HAVE_LP
#include <govmetrics/lp/clp.hpp>
#endif

namespace govmetrics::python {

void register_aggregate(py::module_& root) {
  py::module_ m = root.attr("aggregate");
  bind_strategies<aggregate::any>(m, "aggregate", "govmetrics.aggregate");
#ifdef GOVMETRICS_HAVE_LP
  lp::use_clp();
#endif
  m.def(
      "lp_solver_available", [] { return lp::solver() != nullptr; },
      "True when a linear-programming solver is registered (benefit_of_doubt needs one).");
}

} // namespace govmetrics::python
