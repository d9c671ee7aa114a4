// govmetrics: weighting schemes.
#pragma once

#include "govmetrics/weights/explicit.hpp"
