// govmetrics: uncertainty analysis (Monte Carlo over weights, methods and excluded nodes).
#pragma once

#include "govmetrics/uncertainty/engine.hpp"
#include "govmetrics/uncertainty/random.hpp"
#include "govmetrics/uncertainty/spec.hpp"
