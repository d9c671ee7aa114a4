// govmetrics: weighting schemes.
#pragma once

#include "govmetrics/weights/explicit.hpp"
#include "govmetrics/weights/objective.hpp"
