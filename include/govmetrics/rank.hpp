// govmetrics: ranking.
#pragma once

#include "govmetrics/rank/rank.hpp"
