// govmetrics: data sets.
#pragma once

#include "govmetrics/dataset/dataset.hpp"
