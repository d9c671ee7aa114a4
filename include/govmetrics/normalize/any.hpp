// govmetrics: the run-time choice of normaliser (a closed std::variant of the built-ins).
#pragma once

#include "govmetrics/normalize/borda.hpp"
#include "govmetrics/normalize/categorical.hpp"
#include "govmetrics/normalize/distance.hpp"
#include "govmetrics/normalize/goalposts.hpp"
#include "govmetrics/normalize/log_min_max.hpp"
#include "govmetrics/normalize/min_max.hpp"
#include "govmetrics/normalize/none.hpp"
#include "govmetrics/normalize/rank.hpp"
#include "govmetrics/normalize/ratio.hpp"
#include "govmetrics/normalize/z_score.hpp"

#include <string>
#include <variant>

namespace govmetrics::normalize {

/// Adding a normaliser: its header, one alternative here, its JSON/Python registration, its docs.
using any = std::variant<min_max, z_score, none, rank, percentile_rank, goalposts,
                         distance_to_target, distance_to_best, fraction_of_max, ratio_to_mean,
                         vector, sum, log_min_max, borda, categorical, distance_to_reference>;

/// The method name of the held normaliser.
inline std::string name_of(const any& n) {
  return std::visit([](const auto& s) { return std::string(s.name()); }, n);
}

} // namespace govmetrics::normalize
