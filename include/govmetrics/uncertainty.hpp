// govmetrics: uncertainty analysis (Monte Carlo over weights, methods and excluded nodes, noise on
// the data), its mergeable state and statistics.
#pragma once

#include "govmetrics/uncertainty/engine.hpp"
#include "govmetrics/uncertainty/random.hpp"
#include "govmetrics/uncertainty/spec.hpp"
#include "govmetrics/uncertainty/state.hpp"
