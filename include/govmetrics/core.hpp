// govmetrics: vocabulary types.
#pragma once

#include "govmetrics/core/column_view.hpp"
#include "govmetrics/core/concepts.hpp"
#include "govmetrics/core/matrix.hpp"
#include "govmetrics/core/polarity.hpp"
