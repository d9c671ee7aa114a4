// govmetrics: the index tree.
#pragma once

#include "govmetrics/framework/framework.hpp"
#include "govmetrics/framework/node.hpp"
