// govmetrics: the unit argument of the explanation functions (a position in result::units()).
#pragma once

#include "govmetrics/error.hpp"
#include "govmetrics/pipeline/result.hpp"

#include <cstddef>
#include <string>

namespace govmetrics::explain::detail {

/// unknown_code_error naming `who` when `unit` is not a position in r.units().
inline void check_unit(const result& r, std::size_t unit, const char* who) {
  if (unit >= r.n_units()) {
    GOVMETRICS_THROW(unknown_code_error(std::string(who) + ": unit position " +
                                        std::to_string(unit) + " is out of range (" +
                                        std::to_string(r.n_units()) + " units)"));
  }
}

} // namespace govmetrics::explain::detail
