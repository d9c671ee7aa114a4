// govmetrics: the statistical audit of an index (descriptive statistics and flags, correlations,
// Cronbach's alpha, effective weights, importance, removing elements, comparing methodologies).
#pragma once

#include "govmetrics/audit/compare.hpp"
#include "govmetrics/audit/correlations.hpp"
#include "govmetrics/audit/cronbach.hpp"
#include "govmetrics/audit/data_sets.hpp"
#include "govmetrics/audit/effective_weights.hpp"
#include "govmetrics/audit/importance.hpp"
#include "govmetrics/audit/levels.hpp"
#include "govmetrics/audit/pca.hpp"
#include "govmetrics/audit/report.hpp"
#include "govmetrics/audit/stats.hpp"
