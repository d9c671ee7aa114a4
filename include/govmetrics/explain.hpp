// govmetrics: explaining one unit's result: contributions through the tree, strengths and
// weaknesses, a profile against the median and the best, targets (what it would take).
#pragma once

#include "govmetrics/explain/contributions.hpp"
#include "govmetrics/explain/profile.hpp"
#include "govmetrics/explain/strengths.hpp"
#include "govmetrics/explain/target.hpp"
