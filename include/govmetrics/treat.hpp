// govmetrics: outlier treatments.
#pragma once

#include "govmetrics/treat/any.hpp"
#include "govmetrics/treat/details.hpp"
#include "govmetrics/treat/none.hpp"
#include "govmetrics/treat/transform.hpp"
#include "govmetrics/treat/winsorise.hpp"
