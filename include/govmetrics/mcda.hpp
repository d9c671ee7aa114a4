// govmetrics: the functional multi-criteria API on a plain decision matrix (rows = alternatives,
// columns = criteria): TOPSIS, VIKOR, SAW, WPM and grey relational analysis. The objective weights
// (entropy, CRITIC, standard deviation, coefficient of variation) are in weights/objective.hpp,
// included here too.
#pragma once

#include "govmetrics/core/matrix.hpp"
#include "govmetrics/mcda/grey_relational.hpp"
#include "govmetrics/mcda/saw.hpp"
#include "govmetrics/mcda/topsis.hpp"
#include "govmetrics/mcda/vikor.hpp"
#include "govmetrics/mcda/wpm.hpp"
#include "govmetrics/weights/objective.hpp"
