// govmetrics: outlier treatments.
#pragma once

#include "govmetrics/treat/none.hpp"
