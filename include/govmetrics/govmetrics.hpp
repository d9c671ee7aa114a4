// govmetrics: the umbrella header (everything header-only; io is separate, in govmetrics::io).
// Uncertainty analysis is separate too (govmetrics/uncertainty.hpp): its engine instantiates the
// whole run-time pipeline, a cost only the translation units that use it should pay.
#pragma once

#include "govmetrics/aggregate.hpp"
#include "govmetrics/config.hpp"
#include "govmetrics/core.hpp"
#include "govmetrics/dataset.hpp"
#include "govmetrics/error.hpp"
#include "govmetrics/framework.hpp"
#include "govmetrics/fwd.hpp"
#include "govmetrics/impute.hpp"
#include "govmetrics/mcda.hpp"
#include "govmetrics/missing.hpp"
#include "govmetrics/normalize.hpp"
#include "govmetrics/pipeline.hpp"
#include "govmetrics/rank.hpp"
#include "govmetrics/treat.hpp"
#include "govmetrics/weights.hpp"
