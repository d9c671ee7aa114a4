// govmetrics: the engine shared by the compile-time and the run-time pipelines, one concept a
// header: preparation (prepare.hpp), the aggregation of one node (aggregate_node.hpp), the
// aggregate-and-rank stage (evaluate.hpp) and its scratch memory (workspace.hpp). Both paths call
// these same kernels, so they agree to the last bit.
#pragma once

#include "govmetrics/pipeline/aggregate_node.hpp"
#include "govmetrics/pipeline/column_checks.hpp"
#include "govmetrics/pipeline/evaluate.hpp"
#include "govmetrics/pipeline/node_weights.hpp"
#include "govmetrics/pipeline/prepare.hpp"
#include "govmetrics/pipeline/workspace.hpp"
