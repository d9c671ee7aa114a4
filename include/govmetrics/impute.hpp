// govmetrics: imputation of missing values.
#pragma once

#include "govmetrics/impute/any.hpp"
#include "govmetrics/impute/details.hpp"
#include "govmetrics/impute/mean.hpp"
#include "govmetrics/impute/median.hpp"
#include "govmetrics/impute/none.hpp"
