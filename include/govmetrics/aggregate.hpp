// govmetrics: every aggregator.
#pragma once

#include "govmetrics/aggregate/any.hpp"
