// govmetrics: the run-time choice of imputation (a closed variant of the built-ins).
#pragma once

#include "govmetrics/impute/mean.hpp"
#include "govmetrics/impute/median.hpp"
#include "govmetrics/impute/none.hpp"

#include <string>
#include <variant>

namespace govmetrics::impute {

using any = std::variant<none, mean, median>;

inline std::string name_of(const any& m) {
  return std::visit([](const auto& s) { return std::string(s.name()); }, m);
}

/// The group column of an imputer ("" for none or when imputing over all units).
inline std::string group_of(const any& m) {
  if (const auto* a = std::get_if<mean>(&m))
    return a->group;
  if (const auto* b = std::get_if<median>(&m))
    return b->group;
  return {};
}

} // namespace govmetrics::impute
