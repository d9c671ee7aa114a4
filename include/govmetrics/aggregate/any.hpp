// govmetrics: the run-time choice of aggregator (a closed std::variant of the built-ins).
#pragma once

#include "govmetrics/aggregate/arithmetic.hpp"
#include "govmetrics/aggregate/geometric.hpp"
#include "govmetrics/aggregate/harmonic.hpp"
#include "govmetrics/aggregate/median.hpp"
#include "govmetrics/aggregate/power_mean.hpp"

#include <string>
#include <variant>

namespace govmetrics::aggregate {

/// Adding an aggregator: its header, one alternative here, its JSON/Python registration, its docs.
using any = std::variant<arithmetic, geometric, harmonic, power_mean, median>;

inline std::string name_of(const any& a) {
  return std::visit([](const auto& s) { return std::string(s.name()); }, a);
}

} // namespace govmetrics::aggregate
