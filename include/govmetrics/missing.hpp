// govmetrics: missing-value policies.
#pragma once

#include "govmetrics/missing/policy.hpp"
#include "govmetrics/missing/screen.hpp"
