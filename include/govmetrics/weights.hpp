// govmetrics: weighting schemes.
#pragma once

#include "govmetrics/weights/ahp.hpp"
#include "govmetrics/weights/any.hpp"
#include "govmetrics/weights/combined.hpp"
#include "govmetrics/weights/details.hpp"
#include "govmetrics/weights/explicit.hpp"
#include "govmetrics/weights/objective.hpp"
#include "govmetrics/weights/objective_methods.hpp"
#include "govmetrics/weights/pca.hpp"
