// govmetrics: variance-based sensitivity analysis (Sobol' first- and total-order indices): the
// designs, the estimators (usable on any model) and the analysis of an index.
#pragma once

#include "govmetrics/sensitivity/design.hpp"
#include "govmetrics/sensitivity/engine.hpp"
#include "govmetrics/sensitivity/estimators.hpp"
