// govmetrics: the run-time choice of aggregator (a closed std::variant of the built-ins).
#pragma once

#include "govmetrics/aggregate/arithmetic.hpp"
#include "govmetrics/aggregate/benefit_of_doubt.hpp"
#include "govmetrics/aggregate/borda.hpp"
#include "govmetrics/aggregate/copeland.hpp"
#include "govmetrics/aggregate/geometric.hpp"
#include "govmetrics/aggregate/grey_relational.hpp"
#include "govmetrics/aggregate/harmonic.hpp"
#include "govmetrics/aggregate/mazziotta_pareto.hpp"
#include "govmetrics/aggregate/median.hpp"
#include "govmetrics/aggregate/power_mean.hpp"
#include "govmetrics/aggregate/topsis.hpp"
#include "govmetrics/aggregate/vikor.hpp"

#include <string>
#include <variant>

namespace govmetrics::aggregate {

/// Adding an aggregator: its header, one alternative here, its JSON/Python registration, its docs.
/// The first five are per-unit aggregators (core/concepts.hpp), the others column-wide
/// (aggregate/column.hpp).
using any = std::variant<arithmetic, geometric, harmonic, power_mean, median, topsis, vikor,
                         grey_relational, copeland, borda, mazziotta_pareto, benefit_of_doubt>;

inline std::string name_of(const any& a) {
  return std::visit([](const auto& s) { return std::string(s.name()); }, a);
}

} // namespace govmetrics::aggregate
