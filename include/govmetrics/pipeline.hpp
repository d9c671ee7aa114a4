// govmetrics: compile-time and run-time pipelines.
#pragma once

#include "govmetrics/pipeline/model.hpp"
#include "govmetrics/pipeline/pipeline.hpp"
#include "govmetrics/pipeline/run.hpp"
