// govmetrics: every normaliser.
#pragma once

#include "govmetrics/normalize/any.hpp"
#include "govmetrics/normalize/fitted.hpp"
